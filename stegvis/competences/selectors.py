"""Reads of the competence model and of people's records, restricted to what the actor reaches.

The model is layered: a unit sees the region's common layer, its municipality's additions and
its own local additions, never another unit's. People's records go through the people
selectors, so the same tenant rules apply.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from stegvis.organisations.models import Municipality, Region, Unit
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import active_assignments, scope_for
from stegvis.people.models import Employment, Person, Qualification
from stegvis.people.selectors import get_person_for, own_person, people_visible_to

from . import status
from .models import (
    CompetenceRecord,
    Framework,
    Item,
    Ladder,
    LadderPlacement,
    LadderStep,
    Requirement,
)


@dataclass(frozen=True)
class Reach:
    """The parts of the tree whose layers an actor sees."""

    region_ids: frozenset[int] = frozenset()
    municipality_ids: frozenset[int] = frozenset()
    unit_ids: frozenset[int] = frozenset()
    everything: bool = False

    def layer_q(self, prefix: str = "") -> Q:
        if self.everything:
            return Q()
        return (
            Q(**{f"{prefix}region_id__in": self.region_ids})
            | Q(**{f"{prefix}municipality_id__in": self.municipality_ids})
            | Q(**{f"{prefix}unit_id__in": self.unit_ids})
        )


def reach_of(actor) -> Reach:
    """Layers an actor sees: those of their own units, and of every part of the tree they hold
    a role over (a municipality-wide role sees all of its units' local additions)."""
    if not actor.is_authenticated:
        return Reach()
    if actor.is_superuser:
        return Reach(everything=True)
    regions, municipalities, units = set(), set(), set()
    for _role, region_id, municipality_id, unit_id in active_assignments(actor):
        regions.add(region_id)
        municipalities.add(municipality_id)
        units.add(unit_id)
    units |= set(
        Employment.objects.current().filter(person__user=actor).values_list("unit_id", flat=True)
    )
    units.discard(None)
    municipalities.discard(None)
    regions.discard(None)
    held_units = Unit.objects.filter(
        Q(pk__in=units)
        | Q(municipality_id__in=municipalities)
        | Q(municipality__region_id__in=regions)
    ).values_list("pk", "municipality_id", "municipality__region_id")
    for unit_id, municipality_id, region_id in held_units:
        units.add(unit_id)
        municipalities.add(municipality_id)
        regions.add(region_id)
    return Reach(frozenset(regions), frozenset(municipalities), frozenset(units))


def reach_of_unit(unit: Unit) -> Reach:
    """The layers a unit sees: the region's, its municipality's and its own."""
    return Reach(
        frozenset({unit.municipality.region_id}),
        frozenset({unit.municipality_id}),
        frozenset({unit.pk}),
    )


def frameworks_visible_to(actor) -> QuerySet[Framework]:
    return Framework.objects.filter(reach_of(actor).layer_q()).select_related(
        "region", "municipality", "unit", "source"
    )


def current_frameworks(frameworks: QuerySet[Framework]) -> list[Framework]:
    """The newest published version of each lineage (drafts listed separately)."""
    newest: dict = {}
    for framework in frameworks.filter(published_at__isnull=False).order_by("lineage", "-version"):
        newest.setdefault(framework.lineage, framework)
    return sorted(newest.values(), key=lambda f: (f.unit_id or 0, f.municipality_id or 0, f.title))


def get_framework_for(actor, pk: int) -> Framework:
    return get_object_or_404(frameworks_visible_to(actor), pk=pk)


def maintainable(actor, owner) -> bool:
    """May the actor change the model at this owner's layer?"""
    return scope_for(actor, Capability.MAINTAIN_MODEL).contains(owner)


def owners_maintainable_by(actor) -> list:
    """Regions, municipalities and open units whose layer the actor may maintain."""
    scope = scope_for(actor, Capability.MAINTAIN_MODEL)
    regions = (
        Region.objects.all() if scope.everything else Region.objects.filter(pk__in=scope.region_ids)
    )
    municipalities = Municipality.objects.filter(scope.municipalities_q()).order_by("name")
    units = Unit.objects.filter(scope.units_q(), closed_on__isnull=True).order_by("name")
    return [*regions, *municipalities, *units]


def versions_of(framework: Framework) -> QuerySet[Framework]:
    return Framework.objects.filter(lineage=framework.lineage).order_by("-version")


def item_tree(framework: Framework) -> list[tuple[Item, int]]:
    """The framework's items in reading order with their depth, from one query."""
    items = list(framework.items.order_by("position", "id"))
    children: dict[int | None, list[Item]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    ordered: list[tuple[Item, int]] = []

    def walk(parent_id, depth):
        for item in children.get(parent_id, []):
            ordered.append((item, depth))
            walk(item.pk, depth + 1)

    walk(None, 0)
    return ordered


def requirements_for_unit(unit: Unit, on: datetime.date | None = None) -> QuerySet[Requirement]:
    """Requirements in force for a unit's staff, from the layers the unit sees."""
    on = on or timezone.localdate()
    applies = (
        Q(applies_to=Requirement.AppliesTo.AREA, area_kind=unit.operating_area.kind)
        | Q(applies_to=Requirement.AppliesTo.TITLE)
        | Q(applies_to=Requirement.AppliesTo.UNIT, target_unit=unit)
        | Q(applies_to=Requirement.AppliesTo.UNIT, target_unit__isnull=True, unit_kind=unit.kind)
    )
    return (
        Requirement.objects.filter(reach_of_unit(unit).layer_q(), applies)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)
        .select_related("item", "job_title", "target_unit", "source")
    )


@dataclass
class RequirementLine:
    requirement: Requirement
    state: status.CompetenceState


@dataclass
class Profile:
    """Everything a competence profile page shows about one person, loaded in fixed queries."""

    person: Person
    on: datetime.date
    employments: list[Employment]
    states: dict
    items: dict
    title_statuses: list[status.TitleStatus]
    requirement_lines: list[RequirementLine] = field(default_factory=list)
    placement: LadderPlacement | None = None
    next_step: LadderStep | None = None
    next_step_missing: list[Item] = field(default_factory=list)
    entries: list[CompetenceRecord] = field(default_factory=list)
    qualifications: list[Qualification] = field(default_factory=list)

    @property
    def record_rows(self) -> list[tuple[Item | None, status.CompetenceState]]:
        """What the record holds, one row per competence, by title."""
        rows = [(self.items.get(identifier), state) for identifier, state in self.states.items()]
        return sorted(rows, key=lambda row: row[0].title if row[0] else "")

    @property
    def pending(self) -> list[CompetenceRecord]:
        return [
            e
            for e in self.entries
            if self.states.get(e.item_identifier) is not None
            and self.states[e.item_identifier].status == status.Status.PENDING
            and e.kind == CompetenceRecord.Kind.SELF_ASSESSED
            and not any(f.refers_to_id == e.pk for f in self.entries)
        ]


def profile_for(actor, person_pk: int, on: datetime.date | None = None) -> Profile:
    """The profile of someone the actor may see: one's own record is always readable, and
    already at hand (``own_person``) without the visibility query."""
    mine = own_person(actor)
    person = mine if mine is not None and mine.pk == person_pk else get_person_for(actor, person_pk)
    return build_profile(person, on)


def build_profile(person: Person, on: datetime.date | None = None) -> Profile:
    """One person's profile: the one-person case of ``profiles.build_profiles``."""
    from .profiles import build_profiles

    return build_profiles([person], on)[person.pk]


def ladders_visible_to(actor) -> QuerySet[Ladder]:
    return (
        Ladder.objects.filter(region_id__in=reach_of(actor).region_ids)
        if not actor.is_superuser
        else Ladder.objects.all()
    )


def get_ladder_for(actor, pk: int) -> Ladder:
    return get_object_or_404(ladders_visible_to(actor), pk=pk)


def requirements_visible_to(actor) -> QuerySet[Requirement]:
    today = timezone.localdate()
    return (
        Requirement.objects.filter(reach_of(actor).layer_q())
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related(
            "item", "job_title", "target_unit", "source", "region", "municipality", "unit"
        )
        .order_by("criticality", "item__title")
    )


def record_entry_for(actor, pk: int) -> CompetenceRecord:
    """An entry in the record of someone the actor may record competence for, else 404."""
    people = people_visible_to(actor, Capability.RECORD_COMPETENCE)
    return get_object_or_404(
        CompetenceRecord.objects.select_related("person", "item").filter(person__in=people), pk=pk
    )
