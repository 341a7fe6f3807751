"""Query-count cases for the staff pages: registering staff, course days led, attendance."""

from django.urls import reverse
from django.utils import timezone

from stegvis.courses.models import Attendance, CourseDay, Registration
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import CourseDayFactory, OfferingFactory, at, course_scenario

Status = Registration.Status


def _scenario(cast) -> dict:
    if not hasattr(cast, "_querycount_scenario"):
        scenario = course_scenario(cast, seats=2)
        CourseDay.objects.filter(pk=scenario["days"][0].pk).update(
            starts_at=at(0, 8), ends_at=at(0, 16)
        )
        cast._querycount_scenario = scenario
    return cast._querycount_scenario


def _person(cast, unit, name):
    person = f.PersonFactory(municipality=unit.municipality, first_name=name)
    f.EmploymentFactory(person=person, unit=unit)
    f.EmploymentFactory(person=person, unit=cast.linden, extent_percent=20)
    return person


def _add_registered_staff(cast, n):
    """Staff of Solgården: registered on the offering (seats, then the waiting list) or not."""
    offering = _scenario(cast)["offering"]
    for i in range(n):
        person = _person(cast, cast.solgarden, f"Personal{i}")
        if i % 3:
            reg.register(actor=None, offering=offering, person=person)


def _add_participants(cast, n):
    """Confirmed participants (marked or not), one late cancellation and one waiting, each."""
    scenario = _scenario(cast)
    offering, day = scenario["offering"], scenario["days"][0]
    for i in range(n):
        for status in (Status.CONFIRMED, Status.CONFIRMED, Status.LATE_CANCELLED, Status.WAITING):
            registration = Registration.objects.create(
                offering=offering,
                person=_person(cast, cast.solgarden, f"Deltagare{i}"),
                municipality=cast.uddevalla,
                status=status,
                queued_at=timezone.now(),
            )
        Attendance.objects.create(registration=registration, day=day, present=bool(i % 2))


def _add_days_led(cast, n):
    """Per row: an offering the course leader leads, with a day today, one ahead, one past."""
    for _ in range(n):
        offering = OfferingFactory(course=_scenario(cast)["course"], seats_on_site=10)
        offering.leaders.add(cast.course_leader)
        registration = Registration.objects.create(
            offering=offering,
            person=_person(cast, cast.solgarden, "Ledd"),
            municipality=cast.uddevalla,
            status=Status.CONFIRMED,
            queued_at=timezone.now(),
        )
        for days in (0, 5, -5):
            day = CourseDayFactory(offering=offering, starts_at=at(days, 9), ends_at=at(days, 15))
            Attendance.objects.create(registration=registration, day=day, present=True)


def _register_url(cast) -> str:
    return reverse("courses:register_staff", args=[_scenario(cast)["offering"].pk])


CASES = [
    ("manager", _register_url, _add_registered_staff),
    (
        "hr",
        lambda c: _register_url(c) + f"?unit={c.solgarden.pk}&q=Personal",
        _add_registered_staff,
    ),
    ("course_leader", lambda c: reverse("courses:leading"), _add_days_led),
    (
        "course_leader",
        lambda c: reverse("courses:attendance", args=[_scenario(c)["days"][0].pk]),
        _add_participants,
    ),
    ("coordinator", lambda c: reverse("courses:leading"), _add_days_led),
]
