"""Follow-up of the yearly development across the organisation: counts only, no plan contents.

For each unit and each municipality in the reader's scope, over the people with a current
employment there:

* the share who had a development dialogue held in the last 12 months;
* the share with a development plan approved (by both) in the last 12 months;
* the number of overdue activities in their approved, current plans.

Groups smaller than ``STEGVIS_MIN_GROUP_SIZE`` (but not empty) are suppressed, as in
``people.statistics``; when exactly one unit of a municipality whose total is shown is
suppressed, the next smallest is suppressed too, so that the total cannot reveal it.
The figures take four queries, whatever the number of units, people or plans.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from stegvis.organisations.models import Municipality, Unit
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import Scope, scope_for
from stegvis.people.models import Employment

from .models import DevelopmentPlan, Dialogue, DialogueParticipant, PlanActivity

OPEN = (
    PlanActivity.Status.PLANNED,
    PlanActivity.Status.REGISTERED,
    PlanActivity.Status.IN_PROGRESS,
)
YEAR = datetime.timedelta(days=365)


def follow_up_scope(user) -> Scope:
    """Where ``user`` sees the figures: their statistics scope and their team-following scope."""
    a, b = scope_for(user, Capability.VIEW_STATISTICS), scope_for(user, Capability.FOLLOW_TEAM)
    return Scope(
        a.unit_ids | b.unit_ids,
        a.municipality_ids | b.municipality_ids,
        a.region_ids | b.region_ids,
        a.everything or b.everything,
    )


@dataclass
class Figures:
    name: str
    people: int | None  # None: suppressed
    with_dialogue: int | None = None  # percent
    with_plan: int | None = None
    overdue: int | None = None

    @property
    def suppressed(self) -> bool:
        return self.people is None


@dataclass
class Block:
    """One municipality: its total (when the reader holds all of it) and its units."""

    municipality: Municipality
    total: Figures | None
    units: list[Figures] = field(default_factory=list)


@dataclass
class FollowUpTable:
    since: datetime.date
    min_group: int
    blocks: list[Block] = field(default_factory=list)


def _counts(employments, group: str, now: datetime.datetime) -> dict[int, dict]:
    cutoff, today = now - YEAR, timezone.localdate(now)
    held = DialogueParticipant.objects.filter(
        person_id=OuterRef("person_id"),
        dialogue__status=Dialogue.Status.HELD,
        dialogue__held_at__gte=cutoff,
    )
    approved = DevelopmentPlan.objects.filter(
        person_id=OuterRef("person_id"),
        employee_approved_at__isnull=False,
        manager_approved_at__isnull=False,
    ).filter(Q(employee_approved_at__gte=cutoff) | Q(manager_approved_at__gte=cutoff))
    path = "person__development_plans__"
    overdue = Q(
        **{
            f"{path}employee_approved_at__isnull": False,
            f"{path}manager_approved_at__isnull": False,
            f"{path}next_plan__isnull": True,
            f"{path}goals__activities__status__in": OPEN,
            f"{path}goals__activities__due_on__lt": today,
        }
    )
    rows = (
        employments.values(group)
        .annotate(
            people=Count("person", distinct=True),
            dialogued=Count("person", distinct=True, filter=Q(Exists(held))),
            planned=Count("person", distinct=True, filter=Q(Exists(approved))),
            overdue=Count(f"{path}goals__activities", distinct=True, filter=overdue),
        )
        .order_by()
    )
    return {row[group]: row for row in rows}


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _figures(name: str, row: dict | None, min_group: int) -> Figures:
    row = row or {"people": 0, "dialogued": 0, "planned": 0, "overdue": 0}
    people = row["people"]
    if 0 < people < min_group:
        return Figures(name, None)
    return Figures(
        name,
        people,
        _share(row["dialogued"], people),
        _share(row["planned"], people),
        row["overdue"],
    )


def _secondary(units: list[Figures]) -> None:
    """With exactly one unit suppressed, suppress the smallest other non-empty unit too."""
    hidden = [u for u in units if u.suppressed]
    if len(hidden) != 1:
        return
    shown = [u for u in units if not u.suppressed and u.people]
    if shown:
        smallest = min(shown, key=lambda u: (u.people, u.name))
        smallest.people = smallest.with_dialogue = smallest.with_plan = smallest.overdue = None


def follow_up_table(scope: Scope, now: datetime.datetime | None = None) -> FollowUpTable:
    now = now or timezone.now()
    min_group = settings.STEGVIS_MIN_GROUP_SIZE
    table = FollowUpTable(since=timezone.localdate(now - YEAR), min_group=min_group)
    if scope.is_empty:
        return table
    units = list(
        Unit.objects.filter(scope.units_q(), closed_on__isnull=True)
        .select_related("municipality")
        .order_by("municipality__name", "name")
    )
    if not units:
        return table
    whole = {u.municipality_id for u in units if scope.contains_municipality(u.municipality)}
    current = Employment.objects.current(timezone.localdate(now))
    by_unit = _counts(current.filter(unit__in=[u.pk for u in units]), "unit_id", now)
    by_municipality = (
        _counts(current.filter(unit__municipality_id__in=whole), "unit__municipality_id", now)
        if whole
        else {}
    )
    blocks: dict[int, Block] = {}
    for unit in units:
        municipality = unit.municipality
        if municipality.pk not in blocks:
            total = (
                _figures(municipality.name, by_municipality.get(municipality.pk), min_group)
                if municipality.pk in whole
                else None
            )
            blocks[municipality.pk] = Block(municipality, total)
        blocks[municipality.pk].units.append(_figures(unit.name, by_unit.get(unit.pk), min_group))
    for block in blocks.values():
        if block.total is not None and not block.total.suppressed:
            _secondary(block.units)
    table.blocks = list(blocks.values())
    return table
