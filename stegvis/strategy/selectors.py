"""Reads of strategy plans and committee records, restricted to what the actor may see
(``rules.read_scope``/``write_scope``); a lookup outside answers 404."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from stegvis.courses.models import Course
from stegvis.organisations.models import Municipality, Unit

from . import committee
from .models import BudgetLine, JointCommitteeMeeting, StrategyPlan
from .rules import read_scope, write_scope


def open_units(on: datetime.date | None = None) -> Q:
    on = on or timezone.localdate()
    return Q(closed_on__isnull=True) | Q(closed_on__gt=on)


def units_readable(actor) -> QuerySet[Unit]:
    """Open units whose strategy documents the actor reads."""
    return (
        Unit.objects.filter(read_scope(actor).units_q())
        .filter(open_units())
        .select_related("municipality", "operating_area")
        .order_by("municipality__name", "name", "pk")
    )


def get_unit_for_reading(actor, pk: int) -> Unit:
    return get_object_or_404(
        Unit.objects.filter(read_scope(actor).units_q()).select_related("municipality"), pk=pk
    )


def get_unit_for_writing(actor, pk: int) -> Unit:
    units = Unit.objects.filter(write_scope(actor).units_q()).filter(open_units())
    return get_object_or_404(units.select_related("municipality"), pk=pk)


def municipalities_readable(actor) -> QuerySet[Municipality]:
    """Municipalities the actor reads whole (HR, an auditor of the municipality)."""
    return Municipality.objects.filter(read_scope(actor).municipalities_q()).select_related(
        "region"
    )


def get_municipality_for_reading(actor, pk: int) -> Municipality:
    return get_object_or_404(municipalities_readable(actor), pk=pk)


def get_municipality_for_writing(actor, pk: int) -> Municipality:
    municipalities = Municipality.objects.filter(write_scope(actor).municipalities_q())
    return get_object_or_404(municipalities, pk=pk)


def plans_readable(actor) -> QuerySet[StrategyPlan]:
    """Every plan of the units the actor writes for; adopted plans of those the actor reads."""
    writes, reads = write_scope(actor), read_scope(actor)
    return StrategyPlan.objects.filter(
        writes.units_q("unit__") | (reads.units_q("unit__") & Q(status=StrategyPlan.Status.ADOPTED))
    )


def with_details(plans: QuerySet[StrategyPlan]) -> QuerySet[StrategyPlan]:
    """Plans with unit, adopter, budget lines and courses fetched up front."""
    return plans.select_related(
        "unit", "unit__municipality", "unit__operating_area", "adopted_by", "copied_from"
    ).prefetch_related(
        Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("order", "id")),
        Prefetch("courses", queryset=Course.objects.order_by("title", "id")),
    )


def get_plan_for_reading(actor, pk: int) -> StrategyPlan:
    return get_object_or_404(with_details(plans_readable(actor)), pk=pk)


def get_plan_for_writing(actor, pk: int) -> StrategyPlan:
    plans = StrategyPlan.objects.filter(write_scope(actor).units_q("unit__"))
    return get_object_or_404(with_details(plans), pk=pk)


def meetings_readable(actor) -> QuerySet[JointCommitteeMeeting]:
    """Committee meetings of units the actor reads, and of the municipalities those lie in."""
    scope = read_scope(actor)
    if scope.everything:
        return JointCommitteeMeeting.objects.all()
    unit_municipalities = Unit.objects.filter(pk__in=scope.unit_ids).values("municipality_id")
    return JointCommitteeMeeting.objects.filter(
        Q(unit__isnull=False) & scope.units_q("unit__")
        | Q(unit__isnull=True)
        & (scope.municipalities_q("municipality__") | Q(municipality_id__in=unit_municipalities))
    )


def get_meeting_for_reading(actor, pk: int) -> JointCommitteeMeeting:
    meetings = meetings_readable(actor).select_related("unit", "municipality", "recorded_by")
    return get_object_or_404(meetings, pk=pk)


def meetings_for_unit(unit: Unit) -> QuerySet[JointCommitteeMeeting]:
    """The unit's own committee meetings and its municipality's, newest first."""
    return (
        JointCommitteeMeeting.objects.filter(
            Q(unit=unit) | Q(unit__isnull=True, municipality_id=unit.municipality_id)
        )
        .select_related("unit", "municipality")
        .order_by("-held_on", "-id")
    )


def meetings_for_municipality(municipality: Municipality) -> QuerySet[JointCommitteeMeeting]:
    """Every committee meeting in the municipality: its own committee's and its units'."""
    return (
        JointCommitteeMeeting.objects.filter(municipality=municipality)
        .select_related("unit", "municipality")
        .order_by("-held_on", "-id")
    )


def course_choices(unit: Unit) -> QuerySet[Course]:
    """Courses of the unit's region and municipality, not archived: what a plan may link."""
    return Course.objects.filter(
        Q(region_id=unit.municipality.region_id) | Q(municipality_id=unit.municipality_id),
        archived=False,
    ).order_by("title", "id")


def previous_plan(unit: Unit, year: int) -> StrategyPlan | None:
    """The unit's latest plan before ``year`` (adopted or not): the starting point for a copy."""
    return StrategyPlan.objects.filter(unit=unit, year__lt=year).order_by("-year").first()


@dataclass
class IndexRow:
    unit: Unit
    plan: StrategyPlan | None
    plan_readable: bool
    writable: bool
    status: committee.CommitteeStatus


def index_rows(actor, year: int, municipality: Municipality | None = None) -> list[IndexRow]:
    """One row per open unit the actor reads: the plan of ``year`` and the committee status."""
    units = units_readable(actor)
    if municipality is not None:
        units = units.filter(municipality=municipality)
    units = list(units)
    plans = {
        plan.unit_id: plan
        for plan in StrategyPlan.objects.filter(unit__in=units, year=year).prefetch_related(
            Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("order", "id"))
        )
    }
    statuses = committee.statuses_for(units)
    writes = write_scope(actor)
    rows = []
    for unit in units:
        plan = plans.get(unit.pk)
        writable = writes.contains_unit(unit)
        rows.append(
            IndexRow(
                unit=unit,
                plan=plan,
                plan_readable=plan is not None and (writable or plan.is_adopted),
                writable=writable,
                status=statuses[unit.pk],
            )
        )
    return rows
