"""The registration endpoints: htmx gets the fragment of the new state, a plain form post gets a
redirect to the offering page; refusals are shown, never a server error."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from stegvis.core.middleware import SESSION_LANGUAGE_KEY
from stegvis.courses.models import Registration
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import CourseDayFactory, CourseFactory, OfferingFactory, at

Status = Registration.Status
HTMX = {"HTTP_HX_REQUEST": "true"}
pytestmark = pytest.mark.django_db


def _offering(cast, seats=2, **fields):
    offering = OfferingFactory(
        course=CourseFactory(region=cast.region), seats_on_site=seats, **fields
    )
    CourseDayFactory(offering=offering, starts_at=at(30, 9), ends_at=at(30, 16))
    return offering


@pytest.fixture
def as_(login):
    """``as_(person)``: a signed-in client that reads English."""

    def _as(person):
        client = login(person)
        session = client.session
        session[SESSION_LANGUAGE_KEY] = "en"  # the person's saved language would win over a cookie
        session.save()
        return client

    return _as


def _register(client, offering, **data):
    return client.post(reverse("courses:register", args=[offering.pk]), data, **HTMX)


def _seat(offering, person):
    return reg.register(actor=None, offering=offering, person=person)


def _offer(cast):
    """The employee waits for the only seat; the colleague gives it up, so it is offered."""
    offering = _offering(cast, seats=1, promotion="offer")
    first = _seat(offering, cast.colleague)
    mine = _seat(offering, cast.employee)
    reg.cancel(actor=None, registration=first)
    mine.refresh_from_db()
    assert mine.status == Status.OFFERED
    return offering, mine


# Register


def test_register_with_htmx_answers_the_fragment_with_the_seat(cast, as_):
    offering = _offering(cast)
    response = _register(as_(cast.employee), offering)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="registration-{offering.pk}"' in html
    assert "You have a seat." in html and "status--confirmed" in html
    assert "<html" not in html  # a fragment, not a page
    registration = offering.registrations.get()
    assert registration.person == cast.employee and registration.status == Status.CONFIRMED
    assert reverse("courses:cancel", args=[registration.pk]) in html


def test_register_without_htmx_redirects_to_the_offering_page(cast, as_):
    offering = _offering(cast)
    response = as_(cast.employee).post(reverse("courses:register", args=[offering.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:offering", args=[offering.pk])
    assert offering.registrations.get().status == Status.CONFIRMED


def test_register_when_full_shows_the_place_in_line(cast, as_):
    offering = _offering(cast, seats=1)
    _seat(offering, cast.colleague)
    response = _register(as_(cast.employee), offering)
    assert "You are number 1 on the waiting list." in response.content.decode()
    assert offering.registrations.get(person=cast.employee).status == Status.WAITING


def test_register_behind_others_shows_its_place_among_them(cast, as_):
    offering = _offering(cast, seats=1)
    for person in (cast.colleague, cast.manager, cast.hr):
        _seat(offering, person)
    response = _register(as_(cast.employee), offering)
    assert "You are number 3 on the waiting list." in response.content.decode()


def test_register_chooses_the_mode_of_a_hybrid_offering(cast, as_):
    offering = _offering(cast, attendance="hybrid", seats_digital=None)
    response = _register(as_(cast.employee), offering, mode="digital")
    assert response.status_code == 200
    assert offering.registrations.get().mode == "digital"


def test_deadline_passed_is_shown_in_the_fragment(cast, as_):
    offering = _offering(cast, opens_at=at(-20), closes_at=at(-1), cancel_by=at(-2))
    response = _register(as_(cast.employee), offering)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    with translation.override("en"):
        assert "The registration deadline has passed." in html
    assert "Registration is not open." in html
    assert not offering.registrations.exists()


def test_already_registered_is_shown_with_the_seat_one_holds(cast, as_):
    offering = _offering(cast)
    client = as_(cast.employee)
    _register(client, offering)
    response = _register(client, offering)
    assert response.status_code == 200
    html = response.content.decode()
    assert "is already registered." in html and "You have a seat." in html
    assert offering.registrations.count() == 1


def test_an_unknown_mode_is_refused_in_the_fragment_not_a_server_error(cast, as_):
    offering = _offering(cast)
    response = _register(as_(cast.employee), offering, mode="teleport")
    assert response.status_code == 200
    assert "This offering cannot be attended that way." in response.content.decode()
    assert not offering.registrations.exists()


def test_refusal_without_htmx_becomes_a_message_on_the_offering_page(cast, as_):
    offering = _offering(cast, opens_at=at(-20), closes_at=at(-1), cancel_by=at(-2))
    response = as_(cast.employee).post(reverse("courses:register", args=[offering.pk]))
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The registration deadline has passed."
    ]


def test_an_outsider_does_not_see_the_offering(cast, as_):
    offering = _offering(cast)
    assert _register(as_(cast.outsider), offering).status_code == 404
    assert not offering.registrations.exists()


def test_a_login_without_a_personal_record_cannot_register(cast, as_):
    offering = _offering(cast)
    assert _register(as_(f.UserFactory()), offering).status_code == 404
    assert not offering.registrations.exists()


# Cancel, accept, decline


def test_cancel_frees_the_seat_for_the_next_in_line_and_shows_the_register_button(cast, as_):
    offering = _offering(cast, seats=1)
    mine = _seat(offering, cast.employee)
    _seat(offering, cast.colleague)
    response = as_(cast.employee).post(reverse("courses:cancel", args=[mine.pk]), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("courses:register", args=[offering.pk]) in html
    assert f'id="registration-{offering.pk}"' in html
    mine.refresh_from_db()
    assert mine.status == Status.CANCELLED
    assert offering.registrations.get(person=cast.colleague).status == Status.CONFIRMED


def test_cancel_without_htmx_redirects_to_the_offering_page(cast, as_):
    offering = _offering(cast)
    mine = _seat(offering, cast.employee)
    response = as_(cast.employee).post(reverse("courses:cancel", args=[mine.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:offering", args=[offering.pk])


def test_cancelling_twice_is_shown_not_a_server_error(cast, as_):
    offering = _offering(cast)
    mine = _seat(offering, cast.employee)
    client = as_(cast.employee)
    client.post(reverse("courses:cancel", args=[mine.pk]), **HTMX)
    response = client.post(reverse("courses:cancel", args=[mine.pk]), **HTMX)
    assert response.status_code == 200
    assert "This registration is no longer active." in response.content.decode()


def test_accepting_an_offered_seat_confirms_it(cast, as_):
    _, mine = _offer(cast)
    response = as_(cast.employee).post(reverse("courses:accept", args=[mine.pk]), **HTMX)
    assert response.status_code == 200
    assert "You have a seat." in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == Status.CONFIRMED


def test_an_offered_seat_shows_both_answers(cast, as_):
    offering, mine = _offer(cast)
    html = _register(as_(cast.employee), offering).content.decode()
    assert "A seat is offered to you." in html
    assert reverse("courses:accept", args=[mine.pk]) in html
    assert reverse("courses:decline", args=[mine.pk]) in html


def test_declining_an_offered_seat_ends_the_registration(cast, as_):
    offering, mine = _offer(cast)
    response = as_(cast.employee).post(reverse("courses:decline", args=[mine.pk]), **HTMX)
    assert response.status_code == 200
    assert reverse("courses:register", args=[offering.pk]) in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == Status.DECLINED


def test_accepting_when_nothing_is_offered_is_shown(cast, as_):
    offering = _offering(cast)
    mine = _seat(offering, cast.employee)
    response = as_(cast.employee).post(reverse("courses:accept", args=[mine.pk]), **HTMX)
    assert response.status_code == 200
    assert "There is no seat on offer for this registration." in response.content.decode()


@pytest.mark.parametrize("name", ["courses:cancel", "courses:accept", "courses:decline"])
@pytest.mark.parametrize("who", ["colleague", "manager", "hr", "admin"])
def test_only_the_participant_acts_on_their_registration(name, who, cast, as_):
    """Someone else's registration answers 404, also for the manager who may see it."""
    _, mine = _offer(cast)
    response = as_(getattr(cast, who)).post(reverse(name, args=[mine.pk]), **HTMX)
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.status == Status.OFFERED


# HTTP rules


@pytest.mark.parametrize(
    "name", ["courses:register", "courses:cancel", "courses:accept", "courses:decline"]
)
def test_get_is_refused(name, cast, as_):
    offering, mine = _offer(cast)
    pk = offering.pk if name == "courses:register" else mine.pk
    assert as_(cast.employee).get(reverse(name, args=[pk]), **HTMX).status_code == 405


def test_csrf_token_is_required(cast):
    offering = _offering(cast)
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.employee.user)
    url = reverse("courses:register", args=[offering.pk])
    assert client.post(url, **HTMX).status_code == 403
    assert not offering.registrations.exists()
    # The token htmx sends in the X-CSRFToken header, matching the cookie, is accepted.
    secret = "a" * 32
    client.cookies[settings.CSRF_COOKIE_NAME] = secret
    assert client.post(url, HTTP_X_CSRFTOKEN=secret, **HTMX).status_code == 200
    assert offering.registrations.get().person == cast.employee


def test_the_fragment_carries_a_csrf_token_for_its_next_post(cast, as_):
    offering = _offering(cast)
    html = _register(as_(cast.employee), offering).content.decode()
    assert 'name="csrfmiddlewaretoken"' in html


# The hot path


def _queries(client, offering) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = _register(client, offering)
    assert response.status_code == 200
    return len(queries)


def test_registering_reads_a_fixed_number_of_rows_however_many_registered(cast, as_):
    offering = _offering(cast, seats=1)  # both measured sign-ups land on the waiting list
    staff = []
    for i in range(23):
        person = f.PersonFactory(municipality=cast.uddevalla, first_name=f"S{i}")
        f.login_for(person)
        staff.append(person)
    _register(as_(staff[0]), offering)  # per-process caches (content types) are warm now
    few = _queries(as_(staff[1]), offering)
    for person in staff[2:20]:
        _seat(offering, person)
    many = _queries(as_(staff[20]), offering)
    assert few == many
    # Session, user, role assignments, own record; inside the service's savepoint the offering
    # (visibility and lock in one), seats and line in one, the registration, the audit event.
    assert many <= 10, f"{many} queries to register one person"
