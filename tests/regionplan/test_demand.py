"""Demand per course and municipality from development plans and waiting lists, on hand-built
data: each source counted apart, each person once per course and source. (Gaps: see
test_demand_gaps.py.)"""

from __future__ import annotations

import pytest

from stegvis.regionplan.table import plan_table
from tests.course_factories import CourseFactory
from tests.regionplan.helpers import days, offering, person, planned, scenario, waiting

pytestmark = pytest.mark.django_db


def _cells(plan, course) -> dict[str, object]:
    table = plan_table(plan, course=course)
    return {cell.municipality.name: cell for cell in table.rows[0].cells}


def test_waiting_lists_count_each_person_once_per_course_and_municipality(cast):
    s = scenario(cast)
    first = offering(s["course"], seats=1, first_day=40)
    second = offering(s["course"], seats=0, first_day=100)
    later = offering(s["course"], seats=0, first_day=400)  # after the term
    anna, bo, cia = (person(cast.solgarden, n) for n in ("Anna", "Bo", "Cia"))
    dan = person(cast.ekbacken, "Dan")
    waiting(first, anna, bo, dan)  # Anna takes the seat, Bo and Dan wait
    waiting(second, bo, cia)  # Bo waits twice: one person
    waiting(later, anna)
    cells = _cells(s["plan"], s["course"])
    assert (cells["Uddevalla"].waiting, cells["Vänersborg"].waiting) == (2, 1)
    assert cells["Uddevalla"].plans == 0


def test_planned_course_activities_in_the_term_count_each_person_once(cast):
    s = scenario(cast)
    anna, bo = person(cast.solgarden, "Anna"), person(cast.linden, "Bo")
    planned(anna, cast.solgarden, course=s["course"], due_on=days(40))
    planned(anna, cast.solgarden, course=s["course"], due_on=days(90))  # twice: once
    planned(bo, cast.linden, course=s["course"], due_on=days(20))  # before the term
    planned(person(cast.ekbacken, "Dan"), cast.ekbacken, course=s["course"], due_on=days(200))
    cells = _cells(s["plan"], s["course"])
    assert (cells["Uddevalla"].plans, cells["Vänersborg"].plans) == (1, 1)


def test_an_activity_under_a_competence_goal_counts_for_every_course_teaching_it(cast):
    s = scenario(cast)
    other = CourseFactory(region=cast.region, title="Hygien i praktiken")
    other.goals.add(s["hygiene"])
    unrelated = CourseFactory(region=cast.region, title="Lågaffektivt bemötande")
    planned(person(cast.solgarden), cast.solgarden, item=s["hygiene"], due_on=days(50))
    assert _cells(s["plan"], s["course"])["Uddevalla"].plans == 1
    assert _cells(s["plan"], other)["Uddevalla"].plans == 1
    assert _cells(s["plan"], unrelated)["Uddevalla"].plans == 0


def test_registered_done_or_already_seated_activities_are_not_demand(cast):
    s = scenario(cast)
    seated, registered = person(cast.solgarden, "Sittande"), person(cast.solgarden, "Anmäld")
    waiting(offering(s["course"], seats=5), seated)  # registered from the catalogue, unlinked
    planned(seated, cast.solgarden, course=s["course"])
    planned(registered, cast.solgarden, course=s["course"], status="registered")
    planned(person(cast.solgarden, "Klar"), cast.solgarden, course=s["course"], status="done")
    assert _cells(s["plan"], s["course"])["Uddevalla"].plans == 0


def test_demand_adds_waiting_lists_to_plans_and_archived_courses_are_left_out(cast):
    s = scenario(cast)
    full = offering(s["course"], seats=0)
    waiting(full, person(cast.solgarden, "Väntar"))
    planned(person(cast.solgarden, "Planerar"), cast.solgarden, course=s["course"])
    cell = _cells(s["plan"], s["course"])["Uddevalla"]
    # Gaps: Anna, Maria and the planner lack the competence; the one waiting is on her way.
    assert (cell.waiting, cell.plans, cell.gaps, cell.total) == (1, 1, 3, 1 + 3)
    s["course"].archived = True
    s["course"].save()
    assert not [r for r in plan_table(s["plan"]).rows if r.course == s["course"]]


def test_an_other_regions_plans_do_not_count(cast):
    s = scenario(cast)
    planned(cast.outsider, cast.kildevang, course=s["course"])
    table = plan_table(s["plan"])
    assert [m.name for m in table.municipalities] == ["Uddevalla", "Vänersborg"]
    assert all(row.plans == 0 for row in table.rows)
