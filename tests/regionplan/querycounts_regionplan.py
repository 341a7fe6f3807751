"""Query-count cases for the joint plan (collected by tests/test_query_counts.py).

Each step adds a municipality with a unit, a course with an offering in the term and a
proposal with quotas, and people in the plan and on waiting lists, so that every part of the
plan page grows: municipalities, courses, people, offerings, proposals, quotas.
"""

from django.urls import reverse

from tests import factories as f
from tests.course_factories import CourseFactory
from tests.regionplan.helpers import cached_scenario, offering, person, planned, propose, waiting


def grow(cast, n):
    s = cached_scenario(cast)
    for _ in range(n):
        municipality = f.MunicipalityFactory(region=cast.region)
        unit = f.UnitFactory(operating_area=f.OperatingAreaFactory(municipality=municipality))
        course = CourseFactory(region=cast.region)
        course.goals.add(s["hygiene"])
        full = offering(course, seats=1)
        someone, other = person(unit), person(cast.solgarden)
        waiting(full, someone, other)
        planned(person(unit), unit, course=course)
        planned(person(unit), unit, item=s["hygiene"])
        propose(cast, s, course=course, quotas={municipality: 2, cast.uddevalla: 1})


def _plan(cast):
    return reverse("regionplan:plan", args=[cached_scenario(cast)["plan"].pk])


def _filtered(cast):
    return _plan(cast) + f"?area=elder_care&municipality={cast.uddevalla.pk}"


def _plans(cast):
    cached_scenario(cast)
    return reverse("regionplan:plans")


CASES = [
    ("coordinator", _plan, grow),
    ("admin", _filtered, grow),
    ("coordinator", _plans, grow),
]
