"""Query-count cases for the participant's lists: the catalogue and my courses."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from stegvis.courses.models import ChecklistTask, Registration, TaskCompletion
from tests import factories as f
from tests.course_factories import (
    ChecklistTaskFactory,
    CourseDayFactory,
    CourseFactory,
    OfferingFactory,
    at,
)

Status = Registration.Status


def _offering(cast, **fields):
    course = CourseFactory(region=cast.region, area_kinds=["elder_care"])
    ChecklistTaskFactory(course=course)
    ChecklistTaskFactory(course=course, part=ChecklistTask.Part.FOLLOW_UP)
    offering = OfferingFactory(course=course, attendance="hybrid", seats_digital=5, **fields)
    CourseDayFactory(offering=offering, starts_at=at(30, 9), ends_at=at(30, 16))
    CourseDayFactory(offering=offering, starts_at=at(40, 9), ends_at=at(40, 16))
    return offering


def _register(offering, person, status, **fields):
    return Registration.objects.create(
        offering=offering,
        person=person,
        municipality=person.municipality,
        status=status,
        queued_at=timezone.now(),
        **fields,
    )


def _add_offerings(cast, n):
    """Offerings in the catalogue, each with days, others' seats and the employee's status."""
    for i in range(n):
        offering = _offering(cast)
        other = f.PersonFactory(municipality=cast.uddevalla)
        _register(offering, other, Status.CONFIRMED)
        _register(offering, cast.employee, Status.WAITING if i % 2 else Status.CONFIRMED)


def _add_registrations(cast, n):
    """The employee's registrations in every group: coming, offered, waiting, past, ended."""
    for _ in range(n):
        coming = _register(_offering(cast), cast.employee, Status.CONFIRMED)
        TaskCompletion.objects.create(
            registration=coming, task=coming.offering.course.tasks.first()
        )
        _register(_offering(cast), cast.employee, Status.OFFERED, offered_until=at(2))
        waiting_on = _offering(cast)
        _register(waiting_on, f.PersonFactory(municipality=cast.uddevalla), Status.WAITING)
        _register(waiting_on, cast.employee, Status.WAITING)
        past = _offering(cast, opens_at=at(-60), closes_at=at(-40), cancel_by=at(-45))
        past.days.update(starts_at=at(-30, 9), ends_at=at(-30, 16))
        _register(past, cast.employee, Status.CONFIRMED)
        _register(_offering(cast), cast.employee, Status.CANCELLED)


CASES = [
    ("employee", lambda c: reverse("courses:catalogue"), _add_offerings),
    (
        "employee",
        lambda c: reverse("courses:catalogue") + "?free=on&area=elder_care&q=Kurs",
        _add_offerings,
    ),
    ("coordinator", lambda c: reverse("courses:catalogue") + "?owner=region", _add_offerings),
    ("employee", lambda c: reverse("courses:mine"), _add_registrations),
]
