"""The offerings overview, the go/no-go decision and the participant list."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from stegvis.core.middleware import SESSION_LANGUAGE_KEY
from stegvis.courses.models import Attendance, Offering, Registration, TaskCompletion
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import (
    CourseDayFactory,
    CourseFactory,
    OfferingFactory,
    at,
    course_scenario,
)

Status = Registration.Status
pytestmark = pytest.mark.django_db


def _english(client):
    """The signed-in client reads English (the session's language wins over the cookie)."""
    session = client.session
    session[SESSION_LANGUAGE_KEY] = "en"
    session.save()
    return client


def _staff(cast, n, unit=None):
    unit = unit or cast.solgarden
    people = []
    for i in range(n):
        person = f.PersonFactory(municipality=unit.municipality, first_name=f"P{i}")
        f.EmploymentFactory(person=person, unit=unit)
        people.append(person)
    return people


def _rows(response) -> dict:
    return {o.pk: o for o in response.context["page"]}


def test_overview_shows_seats_fill_rate_waiting_list_and_minimum(cast, login):
    offering = course_scenario(
        cast, seats=4, attendance="hybrid", seats_digital=None, min_participants=5
    )["offering"]
    people = _staff(cast, 4)
    for person in people[:3]:
        reg.register(actor=None, offering=offering, person=person)
    reg.register(actor=None, offering=offering, person=people[3], mode="digital")
    response = login(cast.coordinator).get(reverse("courses:offerings"))
    row = _rows(response)[offering.pk]
    assert (row.confirmed_on_site, row.fill_on_site) == (3, 75)
    assert (row.confirmed_digital, row.fill_digital) == (1, None)
    assert row.below_minimum and row.waiting == 0
    text = response.content.decode()
    assert "3 / 4" in text and "(75 %)" in text


def test_overview_counts_offered_and_waiting(cast, login):
    offering = course_scenario(cast, seats=1, promotion="offer")["offering"]
    first, second, third = _staff(cast, 3)
    held = reg.register(actor=None, offering=offering, person=first)
    reg.register(actor=None, offering=offering, person=second)
    reg.register(actor=None, offering=offering, person=third)
    reg.cancel(actor=None, registration=held)
    row = _rows(login(cast.coordinator).get(reverse("courses:offerings")))[offering.pk]
    assert (row.confirmed_on_site, row.offered, row.waiting) == (0, 1, 1)


def test_overview_filters_by_time_owner_and_text(cast, login):
    joint = course_scenario(cast)["offering"]
    local = OfferingFactory(
        course=CourseFactory(region=None, municipality=cast.uddevalla, title="Lyftteknik"),
        region=None,
        municipality=cast.uddevalla,
    )
    CourseDayFactory(offering=local, starts_at=at(25, 9), ends_at=at(25, 12))
    past = OfferingFactory(
        course=CourseFactory(region=cast.region, title="Förra årets kurs"),
        opens_at=at(-60),
        closes_at=at(-40),
        cancel_by=at(-45),
    )
    CourseDayFactory(offering=past, starts_at=at(-30, 9), ends_at=at(-30, 16))
    client = login(cast.coordinator)
    url = reverse("courses:offerings")
    assert list(_rows(client.get(url))) == [local.pk, joint.pk]
    assert list(_rows(client.get(url + "?when=past"))) == [past.pk]
    assert set(_rows(client.get(url + "?when=all"))) == {local.pk, joint.pk, past.pk}
    owned = client.get(url + f"?when=all&owner=municipality:{cast.uddevalla.pk}")
    assert list(_rows(owned)) == [local.pk]
    assert list(_rows(client.get(url + "?q=lyft"))) == [local.pk]


def test_overview_answers_htmx_with_the_results_only(cast, login):
    course_scenario(cast)
    response = login(cast.coordinator).get(
        reverse("courses:offerings") + "?q=Demens", HTTP_HX_REQUEST="true"
    )
    text = response.content.decode()
    assert 'id="offering-results"' in text and "<html" not in text
    assert "Demensvård steg 1" in text


def test_hr_sees_only_its_municipality_offerings(cast, login):
    joint = course_scenario(cast)["offering"]
    local = OfferingFactory(
        course=CourseFactory(region=None, municipality=cast.uddevalla),
        region=None,
        municipality=cast.uddevalla,
    )
    other = OfferingFactory(
        course=CourseFactory(region=None, municipality=cast.vanersborg),
        region=None,
        municipality=cast.vanersborg,
    )
    rows = _rows(login(cast.hr).get(reverse("courses:offerings") + "?when=all"))
    assert set(rows) == {local.pk}
    assert joint.pk not in rows and other.pk not in rows


def test_decide_shows_participants_against_the_minimum_and_records_go(cast, login):
    offering = course_scenario(cast, seats=5, min_participants=2)["offering"]
    reg.register(actor=None, offering=offering, person=_staff(cast, 1)[0])
    client = login(cast.coordinator)
    url = reverse("courses:decide", args=[offering.pk])
    page = client.get(url)
    assert page.context["offering"].confirmed == 1 and page.context["offering"].below_minimum
    assert client.post(url, {"decision": "go"}).status_code == 302
    offering.refresh_from_db()
    assert offering.decision == Offering.Decision.GO and offering.decided_at is not None


def test_no_go_withdraws_everyone_and_tells_them(cast, login, django_capture_on_commit_callbacks):
    offering = course_scenario(cast, seats=1)["offering"]
    first, second = _staff(cast, 2)
    reg.register(actor=None, offering=offering, person=first)
    reg.register(actor=None, offering=offering, person=second)
    mail.outbox.clear()
    client = _english(login(cast.coordinator))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("courses:decide", args=[offering.pk]), {"decision": "cancel"}
        )
    assert response.status_code == 302
    assert set(offering.registrations.values_list("status", flat=True)) == {Status.WITHDRAWN}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    with override("en"):
        again = client.post(
            reverse("courses:decide", args=[offering.pk]), {"decision": "go"}, follow=True
        )
    assert "already been cancelled" in again.content.decode()


def test_decide_refuses_an_unknown_choice(cast, login):
    offering = course_scenario(cast)["offering"]
    response = login(cast.coordinator).post(
        reverse("courses:decide", args=[offering.pk]), {"decision": "maybe"}
    )
    assert response.status_code == 302
    offering.refresh_from_db()
    assert offering.decision == Offering.Decision.OPEN


def test_participant_list_shows_workplace_progress_and_place_in_line(cast, login):
    scenario = course_scenario(cast, seats=1)
    offering = scenario["offering"]
    first, second = _staff(cast, 2, cast.linden)
    held = reg.register(actor=None, offering=offering, person=first)
    reg.register(actor=None, offering=offering, person=second)
    TaskCompletion.objects.create(registration=held, task=scenario["preparation"])
    Attendance.objects.create(registration=held, day=scenario["days"][0], present=True)
    response = login(cast.course_leader).get(reverse("courses:participants", args=[offering.pk]))
    rows = response.context["rows"]
    assert [row.person for row in rows] == [first, second]
    assert rows[0].workplace == "Gruppbostad Linden"
    assert (rows[0].preparation_done, rows[0].preparation_total) == (1, 1)
    assert (rows[0].days_present, rows[0].days_total) == (1, 2)
    assert (rows[0].position, rows[1].position) == (None, 1)
    assert not response.context["may_maintain"]


def test_participant_list_hides_ended_registrations_unless_asked(cast, login):
    offering = course_scenario(cast)["offering"]
    stays, leaves = _staff(cast, 2)
    reg.register(actor=None, offering=offering, person=stays)
    reg.cancel(actor=None, registration=reg.register(actor=None, offering=offering, person=leaves))
    client = login(cast.coordinator)
    url = reverse("courses:participants", args=[offering.pk])
    assert [r.person for r in client.get(url).context["rows"]] == [stays]
    everyone = client.get(url + "?show=all").context["rows"]
    assert [r.person for r in everyone] == [stays, leaves]


def test_a_leader_of_another_offering_does_not_see_the_participants(cast, login):
    offering = OfferingFactory(course=CourseFactory(region=cast.region))
    offering.registrations.create(
        person=cast.employee,
        municipality=cast.uddevalla,
        status=Status.CONFIRMED,
        queued_at=timezone.now(),
    )
    url = reverse("courses:participants", args=[offering.pk])
    assert login(cast.course_leader).get(url).status_code == 404
    offering.leaders.add(cast.course_leader)
    assert login(cast.course_leader).get(url).status_code == 200
