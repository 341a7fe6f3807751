"""Proposals, quota suggestions, capacity before and after, and confirming the plan."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from stegvis.core.models import AuditEvent
from stegvis.courses.models import CourseDay, Offering
from stegvis.regionplan import services, terms
from stegvis.regionplan.models import JointPlan
from stegvis.regionplan.quotas import suggest_quotas
from stegvis.regionplan.table import plan_table
from tests.course_factories import CourseFactory
from tests.regionplan.helpers import days, offering, propose, scenario

pytestmark = pytest.mark.django_db


def test_half_year_terms_and_their_names():
    assert terms.term_dates("spring", 2026) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 6, 30),
    )
    assert terms.next_term(datetime.date(2026, 9, 1)) == ("spring", 2027)
    assert terms.next_term(datetime.date(2026, 3, 1)) == ("autumn", 2026)


def test_a_plan_per_region_and_period_once(cast):
    services.plan_create(actor=cast.admin.user, region=cast.region, kind="autumn", year=2031)
    with pytest.raises(ValidationError):
        services.plan_create(
            actor=cast.coordinator.user, region=cast.region, kind="autumn", year=2031
        )
    plan = JointPlan.objects.get(region=cast.region)
    assert (plan.starts_on, plan.ends_on) == (
        datetime.date(2031, 7, 1),
        datetime.date(2031, 12, 31),
    )
    assert AuditEvent.objects.filter(action="regionplan.plan.created").count() == 1


@pytest.mark.parametrize("who", ["hr", "manager", "statistics"])
def test_only_the_regions_planners_create_plans(cast, who):
    with pytest.raises(ValidationError):
        services.plan_create(actor=cast.user(who), region=cast.region, kind="spring", year=2031)


def test_quotas_follow_demand_and_never_exceed_the_seats():
    assert suggest_quotas({1: 10, 2: 5, 3: 0}, 30) == {1: 10, 2: 5}
    assert suggest_quotas({1: 10, 2: 5, 3: 5}, 8) == {1: 4, 2: 2, 3: 2}
    assert suggest_quotas({1: 1, 2: 1, 3: 1}, 2) == {1: 1, 2: 1}
    suggested = suggest_quotas({1: 7, 2: 13, 3: 3}, 11)
    assert sum(suggested.values()) == 11 and suggested[2] > suggested[1] > suggested[3]
    assert suggest_quotas({1: 4}, 0) == {}


def test_a_proposal_must_fit_the_term_and_its_quotas_the_seats(cast):
    s = scenario(cast)
    with pytest.raises(ValidationError) as error:
        propose(cast, s, first_day=days(400), closes_on=days(390))
    assert "first_day" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        propose(cast, s, seats_on_site=5, quotas={cast.uddevalla: 4, cast.vanersborg: 2})
    assert "6" in " ".join(error.value.messages)
    with pytest.raises(ValidationError):
        propose(cast, s, quotas={cast.randers: 1})


def test_capacity_before_and_after_the_plan(cast):
    s = scenario(cast)
    offering(s["course"], seats=8, first_day=50, attendance="hybrid", seats_digital=None)
    offering(s["course"], seats=30, first_day=300)  # after the term
    propose(cast, s, seats_on_site=12, quotas={cast.uddevalla: 7, cast.vanersborg: 3})
    row = plan_table(s["plan"], course=s["course"]).rows[0]
    assert (row.before.offerings, row.before.seats, row.before.unlimited) == (1, 8, True)
    assert (row.after.offerings, row.after.seats) == (2, 20)
    quotas = {c.municipality.name: (c.quota_before, c.quota_after) for c in row.cells}
    assert quotas == {"Uddevalla": (0, 7), "Vänersborg": (0, 3)}


def test_confirming_creates_the_offerings_with_days_and_quotas(cast):
    s = scenario(cast)
    proposal = propose(cast, s, quotas={cast.uddevalla: 12, cast.vanersborg: 8})
    plan = services.plan_confirm(actor=cast.coordinator.user, plan=s["plan"])
    proposal.refresh_from_db()
    made = proposal.offering
    assert plan.status == "confirmed" and plan.confirmed_by == cast.coordinator.user
    assert (made.course, made.region, made.seats_on_site) == (s["course"], cast.region, 20)
    assert dict(made.quotas.values_list("municipality__name", "seats")) == {
        "Uddevalla": 12,
        "Vänersborg": 8,
    }
    starts = [d.starts_at.date() for d in CourseDay.objects.filter(offering=made)]
    assert starts == [days(60), days(74)]
    assert AuditEvent.objects.filter(action="regionplan.plan.confirmed").count() == 1
    row = plan_table(plan, course=s["course"]).rows[0]
    assert (row.before.seats, row.after.seats) == (0, 20)  # the plan's own offering is "after"
    with pytest.raises(ValidationError):
        propose(cast, s)


def _archived_course(later):
    later.course.archived = True
    later.course.save()


def _deadline_passed(later):
    later.closes_on = days(-3)
    later.save()


@pytest.mark.parametrize("refusal", [_archived_course, _deadline_passed])
def test_confirming_is_all_or_nothing(cast, refusal):
    s = scenario(cast)
    propose(cast, s, first_day=days(31), closes_on=days(20))  # created first, then undone
    later = propose(cast, s, course=CourseFactory(region=cast.region, title="Palliativ vård"))
    refusal(later)  # the courses services refuse what was fine when it was proposed
    with pytest.raises(ValidationError) as error:
        services.plan_confirm(actor=cast.coordinator.user, plan=s["plan"])
    assert "Palliativ vård" in " ".join(error.value.messages)
    assert not Offering.objects.exists()
    assert not CourseDay.objects.exists()
    s["plan"].refresh_from_db()
    assert s["plan"].status == "draft"
    assert s["plan"].proposals.filter(offering__isnull=False).count() == 0


def test_the_confirmer_must_maintain_the_regions_catalogue(cast):
    s = scenario(cast)
    propose(cast, s)
    with pytest.raises(ValidationError):
        services.plan_confirm(actor=cast.hr.user, plan=s["plan"])
    assert not Offering.objects.exists()
