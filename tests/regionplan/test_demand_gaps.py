"""Demand from gaps: the gap engine's shortfall in each unit, mapped to the courses that teach
the competence, without counting anyone twice within the source."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from stegvis.competences.models import CompetenceRecord, Item, Requirement
from stegvis.regionplan.table import plan_table
from tests import factories as f
from tests.course_factories import CourseFactory
from tests.regionplan.helpers import offering, person, planned, scenario, waiting

pytestmark = pytest.mark.django_db


def _holds(someone, item):
    CompetenceRecord.objects.create(
        person=someone,
        item=item,
        item_identifier=item.identifier,
        kind="course",
        achieved_on=timezone.localdate() - datetime.timedelta(days=30),
    )


def _cell(plan, course, municipality="Uddevalla"):
    row = plan_table(plan, course=course).rows[0]
    return next(c for c in row.cells if c.municipality.name == municipality)


def _requirement(cast, item, **fields):
    return Requirement.objects.create(
        region=cast.region,
        item=item,
        item_identifier=item.identifier,
        reason="law",
        valid_from=datetime.date(2024, 1, 1),
        **fields,
    )


def test_staff_lacking_a_required_competence_are_demand_for_courses_teaching_it(cast):
    s = scenario(cast)
    # Solgården (elder care): Anna (self-assessed, unconfirmed) and Maria lack hygiene.
    _holds(person(cast.solgarden, "Har"), s["hygiene"])
    other = CourseFactory(region=cast.region, title="Hygien i praktiken")
    other.goals.add(s["hygiene"])
    assert _cell(s["plan"], s["course"]).gaps == 2
    assert _cell(s["plan"], other).gaps == 2  # every course teaching it shows the need
    assert _cell(s["plan"], s["course"], "Vänersborg").gaps == 0  # no elder care there


def test_people_on_their_way_are_not_gaps_but_waiting_lists_show_them(cast):
    s = scenario(cast)
    full = offering(s["course"], seats=0)
    waiting(full, cast.employee)  # Anna waits for the course that teaches it
    cell = _cell(s["plan"], s["course"])
    assert (cell.gaps, cell.waiting) == (1, 1)


def test_two_requirements_or_two_competences_of_one_course_count_a_unit_once(cast):
    s = scenario(cast)
    # A unit requirement on the same competence: at least 2 of Solgården's staff.
    _requirement(cast, s["hygiene"], applies_to="unit", target_unit=cast.solgarden, min_count=2)
    # The course also teaches a second required competence that both lack.
    lifting = Item.objects.create(
        framework=s["hygiene"].framework, kind="competence", code="1.2", title="Förflyttning"
    )
    _requirement(cast, lifting, applies_to="area", area_kind="elder_care")
    s["course"].goals.add(lifting)
    assert _cell(s["plan"], s["course"]).gaps == 2


def test_gaps_add_up_over_units_and_demand_takes_the_larger_of_gaps_and_plans(cast):
    s = scenario(cast)
    home = f.UnitFactory(operating_area=cast.solgarden.operating_area, name="Hemtjänst Norr")
    for name in ("Ett", "Två", "Tre"):
        person(home, name)
    planned(cast.employee, cast.solgarden, course=s["course"])
    cell = _cell(s["plan"], s["course"])
    assert (cell.gaps, cell.plans, cell.total) == (5, 1, 5)
