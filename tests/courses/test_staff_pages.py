"""A manager registers staff for an offering and signs their follow-ups off."""

from __future__ import annotations

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import override

from stegvis.competences.models import CompetenceRecord
from stegvis.courses.models import CourseDay, Registration
from stegvis.courses.services import progress
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import OfferingFactory, at, course_scenario

Status = Registration.Status
pytestmark = pytest.mark.django_db


def _staff(unit, *last_names):
    people = []
    for last in last_names:
        person = f.PersonFactory(municipality=unit.municipality, first_name="Test", last_name=last)
        f.EmploymentFactory(person=person, unit=unit)
        people.append(person)
    return people


def _english(login, person):
    """Signed in as ``person`` with English pages (the saved preference wins over the cookie)."""
    person.preferred_language = "en"
    person.save(update_fields=["preferred_language"])
    return login(person)


def _url(offering) -> str:
    return reverse("courses:register_staff", args=[offering.pk])


def test_manager_registers_staff_one_seat_one_waiting_and_one_already_registered(
    cast, login, django_capture_on_commit_callbacks
):
    offering = course_scenario(cast, seats=2)["offering"]
    alm, bjork, ceder = _staff(cast.solgarden, "Alm", "Björk", "Ceder")
    reg.register(actor=None, offering=offering, person=ceder)
    mail.outbox.clear()
    client = _english(login, cast.manager)
    with override("en"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(offering), {"people": [alm.pk, bjork.pk, ceder.pk]})
    assert response.status_code == 200
    statuses = dict(offering.registrations.values_list("person_id", "status"))
    assert statuses == {
        ceder.pk: Status.CONFIRMED,
        alm.pk: Status.CONFIRMED,
        bjork.pk: Status.WAITING,
    }
    results = {r["person"].pk: (r["ok"], r["text"]) for r in response.context["results"]}
    assert results[alm.pk] == (True, "Seat confirmed (On site)")
    assert results[bjork.pk] == (True, "On the waiting list, number 1")
    assert results[ceder.pk] == (False, "Test Ceder is already registered.")
    content = response.content.decode()
    assert "Test Ceder is already registered." in content
    assert "Waiting list, number 1" in content  # Björk's status in the refreshed list
    # Registered by the manager, and each of the two was told.
    assert offering.registrations.get(person=alm).registered_by == cast.manager.user
    assert sorted(m.to[0] for m in mail.outbox) == sorted([alm.email, bjork.email])


def test_list_shows_the_managers_staff_with_unit_title_phase_and_status(cast, login):
    offering = course_scenario(cast)["offering"]
    reg.register(actor=None, offering=offering, person=cast.employee)
    with override("en"):
        response = _english(login, cast.manager).get(_url(offering))
    rows = {p.pk: p for p in response.context["page"]}
    assert cast.employee.pk in rows
    assert cast.manager.pk not in rows  # one's own registration is made on the offering page
    assert cast.colleague.pk not in rows  # another unit
    assert rows[cast.employee.pk].registration_here.status == Status.CONFIRMED
    content = response.content.decode()
    assert "Lindqvist, Anna" in content
    assert "Solgården" in content and "Undersköterska" in content
    assert "Experienced" in content  # in the profession since August 2022
    assert f'value="{cast.employee.pk}"' not in content  # already registered: nothing to tick


def test_manager_cannot_register_someone_outside_their_units(cast, login):
    offering = course_scenario(cast)["offering"]
    with override("en"):
        response = _english(login, cast.manager).post(
            _url(offering), {"people": [cast.colleague.pk]}
        )
    assert response.status_code == 200
    assert response.context["form"].errors["people"]
    assert not offering.registrations.exists()


def test_hr_of_vanersborg_cannot_see_or_register_uddevalla_staff(cast, login):
    offering = course_scenario(cast)["offering"]
    (vanersborg_person,) = _staff(cast.ekbacken, "Dahl")
    client = login(cast.hr_other)
    response = client.get(_url(offering))
    listed = {p.pk for p in response.context["page"]}
    assert vanersborg_person.pk in listed
    assert not listed & {cast.employee.pk, cast.colleague.pk, cast.manager.pk}
    assert "Lindqvist" not in response.content.decode()
    client.post(_url(offering), {"people": [cast.employee.pk]})
    assert not offering.registrations.filter(person=cast.employee).exists()


def test_hr_filters_staff_by_unit_and_name(cast, login):
    offering = course_scenario(cast)["offering"]
    client = login(cast.hr)
    everyone = {p.pk for p in client.get(_url(offering)).context["page"]}
    assert {cast.employee.pk, cast.colleague.pk, cast.manager.pk} <= everyone
    by_unit = client.get(_url(offering), {"unit": cast.linden.pk}).context["page"]
    assert [p.pk for p in by_unit] == [cast.colleague.pk]
    by_name = client.get(_url(offering), {"q": "lindq"}).context["page"]
    assert [p.pk for p in by_name] == [cast.employee.pk]


def test_registering_a_municipal_offering_refuses_staff_of_another_municipality(cast, login):
    course = course_scenario(cast)["course"]
    offering = OfferingFactory(course=course, region=None, municipality=cast.vanersborg)
    (dahl,) = _staff(cast.ekbacken, "Dahl")
    with override("en"):
        response = _english(login, cast.admin).post(
            _url(offering), {"people": [cast.employee.pk, dahl.pk]}
        )
    assert response.status_code == 200
    results = {r["person"].pk: r for r in response.context["results"]}
    assert results[dahl.pk]["ok"] is True
    assert results[cast.employee.pk]["ok"] is False
    assert "not open to staff of Uddevalla" in results[cast.employee.pk]["text"]


def test_registration_closed_refuses_each_person_without_failing(cast, login):
    offering = course_scenario(cast, opens_at=at(-20), closes_at=at(-1))["offering"]
    with override("en"):
        response = _english(login, cast.manager).post(
            _url(offering), {"people": [cast.employee.pk]}
        )
    assert response.status_code == 200
    assert "Registration is not open for this offering." in response.content.decode()
    assert response.context["results"][0]["text"] == "The registration deadline has passed."
    assert not offering.registrations.exists()


def test_hybrid_offering_lets_the_manager_choose_digital(cast, login):
    offering = course_scenario(cast, attendance="hybrid", seats_digital=5)["offering"]
    client = login(cast.manager)
    assert 'name="mode" value="digital"' in client.get(_url(offering)).content.decode()
    client.post(_url(offering), {"people": [cast.employee.pk], "mode": "digital"})
    assert offering.registrations.get(person=cast.employee).mode == "digital"


def test_nothing_chosen_is_a_form_error(cast, login):
    offering = course_scenario(cast)["offering"]
    with override("en"):
        response = _english(login, cast.manager).post(_url(offering), {"people": ["x"]})
    assert response.status_code == 200
    assert response.context["form"].errors["people"]


# Sign-off ------------------------------------------------------------------------------


def _done_but_sign_off(cast, scenario, person):
    """``person`` registered, preparation ticked, both days attended, follow-up ticked."""
    registration = reg.register(actor=None, offering=scenario["offering"], person=person)
    for n, day in enumerate(scenario["days"]):
        CourseDay.objects.filter(pk=day.pk).update(
            starts_at=at(-10 + n, 9), ends_at=at(-10 + n, 16)
        )
        day.refresh_from_db()
        progress.attendance_mark(
            actor=cast.course_leader.user, day=day, registration=registration, present=True
        )
    for task in (scenario["preparation"], scenario["follow_up"]):
        progress.task_tick(actor=person.user, registration=registration, task=task, done=True)
    registration.refresh_from_db()
    return registration


def _sign_off(client, registration, **extra):
    return client.post(reverse("courses:sign_off", args=[registration.pk]), **extra)


def test_sign_off_completes_the_course_and_writes_the_competence_record(cast, login):
    scenario = course_scenario(cast)
    registration = _done_but_sign_off(cast, scenario, cast.employee)
    assert registration.completed_at is None
    response = _sign_off(login(cast.manager), registration)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.follow_up_signed_off_by == cast.manager.user
    assert registration.completed_at is not None
    entry = CompetenceRecord.objects.get(person=cast.employee, kind=CompetenceRecord.Kind.COURSE)
    assert entry.item == scenario["goal"]
    assert "Demensvård steg 1" in entry.evidence


def test_sign_off_refused_while_follow_up_tasks_are_not_ticked(cast, login):
    scenario = course_scenario(cast)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    client = _english(login, cast.manager)
    with override("en"):
        response = _sign_off(client, registration, follow=True)
    assert "Every follow-up task must be ticked off first." in response.content.decode()
    registration.refresh_from_db()
    assert registration.follow_up_signed_off_at is None


def test_own_registration_cannot_be_signed_off(cast, login):
    scenario = course_scenario(cast)
    registration = _done_but_sign_off(cast, scenario, cast.manager)
    assert _sign_off(login(cast.manager), registration).status_code == 404
    registration.refresh_from_db()
    assert registration.follow_up_signed_off_at is None


def test_sign_off_of_someone_outside_ones_staff_is_404(cast, login):
    scenario = course_scenario(cast)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.colleague)
    assert _sign_off(login(cast.manager), registration).status_code == 404
    assert _sign_off(login(cast.hr_other), registration).status_code == 404


def test_sign_off_with_htmx_answers_with_the_box(cast, login):
    scenario = course_scenario(cast)
    registration = _done_but_sign_off(cast, scenario, cast.employee)
    with override("en"):
        response = _sign_off(_english(login, cast.hr), registration, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    content = response.content.decode()
    assert f'id="sign-off-{registration.pk}"' in content
    assert "Signed off by" in content and "Course completed on" in content


def _box(user, registration) -> str:
    request = RequestFactory().get("/")
    request.user = user
    with override("en"):
        return render_to_string(
            "courses/includes/sign_off.html", {"registration": registration}, request=request
        )


def test_sign_off_box_shows_the_button_only_to_the_manager_when_everything_is_ticked(cast):
    scenario = course_scenario(cast)
    registration = _done_but_sign_off(cast, scenario, cast.employee)
    url = reverse("courses:sign_off", args=[registration.pk])
    assert url in _box(cast.manager.user, registration)
    own = _box(cast.employee.user, registration)
    assert url not in own
    assert "1 of 1 follow-up tasks ticked off." in own
    assert "The manager signs the follow-up off." in own
    assert url not in _box(cast.hr_other.user, registration)


def test_sign_off_box_says_why_it_cannot_be_signed_yet(cast):
    scenario = course_scenario(cast)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    box = _box(cast.manager.user, registration)
    assert reverse("courses:sign_off", args=[registration.pk]) not in box
    assert "1 of 1 follow-up tasks are not ticked off yet." in box
