"""Query-count cases for the station house's team pages (collected by tests/test_query_counts.py).

``grow_team`` adds people to Solgården with everything a team row shows: a qualification, an
expiring and an expired competence, a ladder step, registrations with days, ticked tasks and
attendance, and a completed stop of the elder-care journey. tests/station/test_team_queries.py
uses it at 1, 4 and 12 people.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from stegvis.competences.models import CompetenceRecord, Item, LadderPlacement, LadderStep
from stegvis.courses.models import (
    Attendance,
    ChecklistTask,
    CourseMaterial,
    Registration,
    TaskCompletion,
)
from stegvis.people.models import Qualification
from tests import factories as f
from tests.course_factories import (
    ChecklistTaskFactory,
    CourseDayFactory,
    CourseFactory,
    OfferingFactory,
    at,
    course_scenario,
)

Status = Registration.Status


def _shared(cast) -> dict:
    """What every grown person uses: the competence model, a journey, two courses."""
    if not hasattr(cast, "_team_shared"):
        from tests.journey_factories import elder_care_journey

        scenario = course_scenario(cast, seats=100)
        model = scenario["model"]
        lifting = Item.objects.create(
            framework=model["common"], kind="competence", code="1.2", title="Förflyttning"
        )
        past = OfferingFactory(
            course=scenario["course"], opens_at=at(-90), closes_at=at(-60), cancel_by=at(-65)
        )
        CourseDayFactory(offering=past, starts_at=at(-40, 9), ends_at=at(-40, 16))
        journey = elder_care_journey(cast)
        cast._team_shared = {
            **scenario,
            "lifting": lifting,
            "past": past,
            "journey": journey,
            "step": LadderStep.objects.get(ladder=model["ladder"]),
        }
    return cast._team_shared


def _registration(offering, person, status=Status.CONFIRMED, **fields) -> Registration:
    return Registration.objects.create(
        offering=offering,
        person=person,
        municipality=person.municipality,
        status=status,
        queued_at=timezone.now(),
        **fields,
    )


def grow_team(cast, n: int) -> None:
    shared = _shared(cast)
    today = timezone.localdate()
    for i in range(n):
        person = f.PersonFactory(
            municipality=cast.uddevalla,
            profession_start_date=today - datetime.timedelta(days=365 * (i % 7)),
        )
        f.EmploymentFactory(person=person, unit=cast.solgarden)
        Qualification.objects.create(
            person=person,
            kind="education",
            code="vard-och-omsorgsprogrammet",
            title="Vård- och omsorgsprogrammet",
            issued_on=datetime.date(2015, 6, 1),
        )
        for item, expires in ((shared["goal"], 30), (shared["lifting"], -10)):
            CompetenceRecord.objects.create(
                person=person,
                item=item,
                item_identifier=item.identifier,
                kind="certificate",
                achieved_on=datetime.date(2024, 1, 1),
                expires_on=today + datetime.timedelta(days=expires),
            )
        LadderPlacement.objects.create(
            person=person, step=shared["step"], since=datetime.date(2025, 1, 1)
        )
        coming = _registration(shared["offering"], person)
        TaskCompletion.objects.create(registration=coming, task=shared["preparation"])
        done = _registration(shared["past"], person)
        Attendance.objects.create(registration=done, day=shared["past"].days.get(), present=True)
        stop_course = shared["journey"]["courses"][i % len(shared["journey"]["courses"])]
        _registration(stop_course.offerings.first(), person, completed_at=timezone.now())
        _registration(stop_course.offerings.first(), person, status=Status.CANCELLED)


def grow_materials(cast, n: int) -> None:
    for _ in range(n):
        course = CourseFactory(region=cast.region, for_managers=True)
        CourseMaterial.objects.create(
            course=course, title="Samtalsguide", link="https://example.org/"
        )
        offering = OfferingFactory(course=course)
        CourseDayFactory(offering=offering)
        ChecklistTaskFactory(course=course, part=ChecklistTask.Part.FOLLOW_UP)


def grow_units(cast, n: int) -> None:
    for _ in range(n):
        unit = f.UnitFactory(operating_area=cast.solgarden.operating_area)
        f.EmploymentFactory(person=f.PersonFactory(municipality=cast.uddevalla), unit=unit)


def team_url(cast) -> str:
    return reverse("station:team", args=[cast.solgarden.pk])


# The team overview itself needs more than the 20 queries the shared test allows (competence
# profiles, journeys and course progress each cost a fixed handful): it is held constant at
# 1, 4 and 12 people by tests/station/test_team_queries.py instead.
CASES = [
    ("hr", lambda c: reverse("station:index"), grow_units),
    ("admin", lambda c: reverse("station:index") + "?q=a&area=elder_care", grow_units),
    ("manager", lambda c: reverse("station:materials"), grow_materials),
    ("manager", lambda c: reverse("station:materials") + "?q=Samtal", grow_materials),
]
