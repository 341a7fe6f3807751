"""Query-count cases for the offerings overview and the participant list."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from stegvis.courses.models import Attendance, Registration, TaskCompletion
from tests import factories as f
from tests.course_factories import (
    CourseDayFactory,
    CourseFactory,
    OfferingFactory,
    at,
    course_scenario,
)

Status = Registration.Status


def _scenario(cast) -> dict:
    if not hasattr(cast, "_editor_counts"):
        cast._editor_counts = course_scenario(cast, seats=50)
    return cast._editor_counts


def _person(cast, unit=None):
    unit = unit or cast.solgarden
    person = f.PersonFactory(municipality=unit.municipality)
    f.EmploymentFactory(person=person, unit=unit)
    return person


def _register(offering, person, status, mode="on_site"):
    return Registration.objects.create(
        offering=offering,
        person=person,
        municipality=person.municipality,
        mode=mode,
        status=status,
        queued_at=timezone.now(),
        offered_until=timezone.now() if status == Status.OFFERED else None,
    )


def _add_offerings(cast, n, municipality=None):
    for _ in range(n):
        course = CourseFactory(
            region=None if municipality else cast.region, municipality=municipality
        )
        offering = OfferingFactory(
            course=course,
            region=None if municipality else cast.region,
            municipality=municipality,
            attendance="hybrid",
            seats_digital=10,
            min_participants=3,
        )
        CourseDayFactory(offering=offering, starts_at=at(30, 9), ends_at=at(30, 16))
        CourseDayFactory(offering=offering, starts_at=at(31, 9), ends_at=at(31, 16))
        _register(offering, _person(cast), Status.CONFIRMED)
        _register(offering, _person(cast), Status.CONFIRMED, mode="digital")
        _register(offering, _person(cast), Status.WAITING)


def _add_participants(cast, n):
    scenario = _scenario(cast)
    offering = scenario["offering"]
    for i in range(n):
        person = _person(cast, cast.linden if i % 2 else cast.solgarden)
        registration = _register(offering, person, Status.CONFIRMED if i % 3 else Status.WAITING)
        TaskCompletion.objects.create(registration=registration, task=scenario["preparation"])
        Attendance.objects.create(registration=registration, day=scenario["days"][0], present=True)


def _participants(cast):
    return reverse("courses:participants", args=[_scenario(cast)["offering"].pk])


CASES = [
    ("coordinator", lambda c: reverse("courses:offerings"), _add_offerings),
    (
        "hr",
        lambda c: reverse("courses:offerings") + "?when=all&q=Kurs",
        lambda c, n: _add_offerings(c, n, municipality=c.uddevalla),
    ),
    ("coordinator", _participants, _add_participants),
    ("course_leader", lambda c: _participants(c) + "?show=all", _add_participants),
]
