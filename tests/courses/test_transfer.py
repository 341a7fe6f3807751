"""Handing a seat to a colleague: who may, whom one can find, and what the service refuses."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import override

from stegvis.core.middleware import SESSION_LANGUAGE_KEY
from stegvis.courses.models import Registration
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import at, course_scenario

Status = Registration.Status
pytestmark = pytest.mark.django_db


def english(client):
    session = client.session
    session[SESSION_LANGUAGE_KEY] = "en"
    session.save()
    return client


def _seat(cast, **fields):
    s = course_scenario(cast, **fields)
    return reg.register(actor=None, offering=s["offering"], person=cast.employee)


def _found(client, registration, q) -> list:
    response = client.get(reverse("courses:transfer", args=[registration.pk]), {"q": q})
    assert response.status_code == 200
    return response.context["results"]


def test_participant_hands_the_seat_to_a_colleague_in_the_same_municipality(cast, login):
    registration = _seat(cast)
    client = english(login(cast.employee))
    url = reverse("courses:transfer", args=[registration.pk])
    assert _found(client, registration, "karin") == [cast.colleague]
    with override("en"):
        response = client.post(url, {"to": cast.colleague.pk, "q": "karin"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "courses:offering", args=[registration.offering_id]
    )
    assert "The seat was handed to Karin Holm." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.TRANSFERRED
    successor = registration.transferred_to
    assert successor.person == cast.colleague
    assert successor.status == Status.CONFIRMED
    assert successor.queued_at == registration.queued_at


def test_the_manager_can_hand_over_a_staff_members_seat(cast, login):
    registration = _seat(cast)
    client = login(cast.manager)
    response = client.post(
        reverse("courses:transfer", args=[registration.pk]), {"to": cast.colleague.pk}
    )
    assert response.status_code == 302
    assert registration.offering.registrations.get(status=Status.CONFIRMED).person == (
        cast.colleague
    )


@pytest.mark.parametrize("who", ["colleague", "course_leader", "coordinator", "hr_other"])
def test_others_cannot_hand_over_the_seat(who, cast, login):
    registration = _seat(cast)
    client = login(getattr(cast, who))
    url = reverse("courses:transfer", args=[registration.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"to": cast.colleague.pk}).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_search_finds_only_employed_colleagues_of_the_municipality_not_yet_registered(cast, login):
    registration = _seat(cast)
    # Same first name everywhere, so only the scope decides who is found.
    in_linden = cast.colleague
    in_linden.first_name = "Kim"
    in_linden.save()
    vanersborg = f.PersonFactory(municipality=cast.vanersborg, first_name="Kim")
    f.EmploymentFactory(person=vanersborg, unit=cast.ekbacken)
    randers = f.PersonFactory(municipality=cast.randers, first_name="Kim")
    f.EmploymentFactory(person=randers, unit=cast.kildevang)
    without_employment = f.PersonFactory(municipality=cast.uddevalla, first_name="Kim")
    ended = f.PersonFactory(municipality=cast.uddevalla, first_name="Kim")
    f.EmploymentFactory(
        person=ended, unit=cast.solgarden, start_date=at(-400).date(), end_date=at(-10).date()
    )
    already = f.PersonFactory(municipality=cast.uddevalla, first_name="Kim")
    f.EmploymentFactory(person=already, unit=cast.linden)
    reg.register(actor=None, offering=registration.offering, person=already)
    found = _found(login(cast.employee), registration, "kim")
    assert found == [in_linden]
    assert without_employment not in found


def test_search_needs_two_letters_and_shows_at_most_twenty(cast, login):
    registration = _seat(cast)
    for i in range(25):
        person = f.PersonFactory(
            municipality=cast.uddevalla, first_name="Sara", last_name=f"Efternamn{i:02}"
        )
        f.EmploymentFactory(person=person, unit=cast.solgarden)
    client = english(login(cast.employee))
    assert _found(client, registration, "s") == []
    with override("en"):
        response = client.get(
            reverse("courses:transfer", args=[registration.pk]), {"q": "s"}, HTTP_HX_REQUEST="true"
        )
    assert "Type at least 2 letters." in response.content.decode()
    found = _found(client, registration, "sara")
    assert len(found) == 20
    assert found[0].last_name == "Efternamn00"
    assert _found(client, registration, "sara efternamn07") == [
        p for p in found if p.last_name == "Efternamn07"
    ]


def test_search_with_htmx_answers_with_the_results_fragment(cast, login):
    registration = _seat(cast)
    response = login(cast.employee).get(
        reverse("courses:transfer", args=[registration.pk]),
        {"q": "holm"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="colleague-results"')
    assert f'value="{cast.colleague.pk}"' in html
    assert "<h1>" not in html


def test_choosing_someone_outside_the_search_scope_is_refused(cast, login):
    registration = _seat(cast)
    other = f.PersonFactory(municipality=cast.vanersborg)
    f.EmploymentFactory(person=other, unit=cast.ekbacken)
    with override("en"):
        response = english(login(cast.employee)).post(
            reverse("courses:transfer", args=[registration.pk]), {"to": other.pk}
        )
    assert response.status_code == 200
    assert "Choose a colleague from the search results." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_an_offered_seat_cannot_be_handed_over(cast, login):
    s = course_scenario(cast, seats=1, promotion="offer")
    first = reg.register(actor=None, offering=s["offering"], person=cast.manager)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    reg.cancel(actor=None, registration=first)
    registration.refresh_from_db()
    assert registration.status == Status.OFFERED
    client = english(login(cast.employee))
    url = reverse("courses:transfer", args=[registration.pk])
    with override("en"):
        page = client.get(url)
        assert "This registration cannot be handed over" in page.content.decode()
        response = client.post(url, {"to": cast.colleague.pk})
    assert response.status_code == 200
    assert "Only a confirmed seat or a place in line can be handed over." in (
        response.content.decode()
    )


def test_a_place_on_the_waiting_list_can_be_handed_over_keeping_its_place(cast, login):
    s = course_scenario(cast, seats=1)
    reg.register(actor=None, offering=s["offering"], person=cast.manager)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    later = f.PersonFactory(municipality=cast.uddevalla)
    f.EmploymentFactory(person=later, unit=cast.linden)
    reg.register(actor=None, offering=s["offering"], person=later)
    response = login(cast.employee).post(
        reverse("courses:transfer", args=[registration.pk]), {"to": cast.colleague.pk}
    )
    assert response.status_code == 302
    successor = s["offering"].registrations.get(person=cast.colleague)
    assert successor.status == Status.WAITING
    assert reg.waiting_position(successor) == 1


def test_after_the_start_the_seat_cannot_be_handed_over(cast, login):
    registration = _seat(cast)
    registration.offering.days.filter(pk=registration.offering.days.first().pk).update(
        starts_at=at(-1, 9), ends_at=at(-1, 16)
    )
    with override("en"):
        response = english(login(cast.employee)).post(
            reverse("courses:transfer", args=[registration.pk]), {"to": cast.colleague.pk}
        )
    assert "The offering has already started." in response.content.decode()
