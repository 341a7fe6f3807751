"""Competence profiles for many people at once, in a fixed number of queries.

The profile page, the manager's team overview and the unit matrix all need the same answer
for each person: basic competence of their titles, the state of every competence in their
record, the requirements of their units and their ladder step. ``build_profiles`` loads it for
any number of people with the same eight queries; ``selectors.build_profile`` is the
one-person case of it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Prefetch, Q
from django.utils import timezone

from stegvis.organisations.models import Unit
from stegvis.people.models import Employment, Qualification

from . import status
from .models import (
    BasicCompetenceRule,
    CompetenceRecord,
    Item,
    LadderPlacement,
    LadderStep,
    Requirement,
)


def _applies_to_unit(requirement: Requirement, unit: Unit) -> bool:
    """The same rule as ``selectors.requirements_for_unit``, for requirements already loaded."""
    municipality = unit.municipality
    in_layer = (
        requirement.region_id == municipality.region_id
        or requirement.municipality_id == unit.municipality_id
        or requirement.unit_id == unit.pk
    )
    if not in_layer:
        return False
    kind = Requirement.AppliesTo
    if requirement.applies_to == kind.AREA:
        return requirement.area_kind == unit.operating_area.kind
    if requirement.applies_to == kind.TITLE:
        return True
    if requirement.target_unit_id is not None:
        return requirement.target_unit_id == unit.pk
    return requirement.unit_kind == unit.kind


def requirements_for_units(units, on: datetime.date) -> dict[int, list[Requirement]]:
    """Requirements in force for each unit's staff, for many units in one query."""
    units = list({unit.pk: unit for unit in units}.values())
    if not units:
        return {}
    layers = (
        Q(region_id__in={u.municipality.region_id for u in units})
        | Q(municipality_id__in={u.municipality_id for u in units})
        | Q(unit_id__in={u.pk for u in units})
    )
    loaded = list(
        Requirement.objects.filter(layers)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)
        .select_related("item", "job_title", "target_unit", "source")
    )
    return {unit.pk: [r for r in loaded if _applies_to_unit(r, unit)] for unit in units}


# What ``status.record_states`` reads of an entry.
STATE_FIELDS = (
    "id",
    "person_id",
    "item_id",
    "item_identifier",
    "kind",
    "achieved_on",
    "expires_on",
    "refers_to_id",
    "recorded_at",
)


def build_profiles(
    people, on: datetime.date | None = None, *, states_only: bool = False
) -> dict[int, object]:
    """``Profile`` of each person (see ``selectors.Profile``), keyed by person id.

    ``states_only`` reads the record entries without their competence and recorder (the
    team overview needs only the states, not the history lines): much less to load for a team.
    """
    from .selectors import Profile, RequirementLine

    on = on or timezone.localdate()
    people = list(people)
    ids = [person.pk for person in people]
    if not ids:
        return {}
    employments: dict[int, list[Employment]] = defaultdict(list)
    for employment in Employment.objects.filter(person_id__in=ids).select_related(
        "unit", "unit__operating_area", "unit__municipality", "job_title"
    ):
        employments[employment.person_id].append(employment)
    entries: dict[int, list[CompetenceRecord]] = defaultdict(list)
    records = CompetenceRecord.objects.filter(person_id__in=ids)
    if states_only:
        records = records.only(*STATE_FIELDS)
    else:
        records = records.select_related("item", "recorded_by")
    for entry in records:
        entries[entry.person_id].append(entry)
    qualifications: dict[int, list[Qualification]] = defaultdict(list)
    for qualification in Qualification.objects.filter(person_id__in=ids):
        qualifications[qualification.person_id].append(qualification)
    current = {pk: [e for e in employments[pk] if e.is_current(on)] for pk in ids}
    title_ids = {e.job_title_id for rows in current.values() for e in rows}
    rules = list(BasicCompetenceRule.objects.filter(job_title__in=title_ids))
    by_unit = requirements_for_units([e.unit for rows in current.values() for e in rows], on)
    placements, next_steps = _ladders(ids, on)

    profiles = {}
    for person in people:
        mine = current[person.pk]
        states = status.record_states(entries[person.pk], on)
        profile = Profile(
            person,
            on,
            employments[person.pk],
            states,
            {},
            [
                status.title_status(e, rules, qualifications[person.pk], employments[person.pk], on)
                for e in mine
            ],
            entries=entries[person.pk],
            qualifications=qualifications[person.pk],
        )
        seen = set()
        titles = {e.job_title_id for e in mine}
        for employment in mine:
            for requirement in by_unit.get(employment.unit_id, []):
                if requirement.applies_to == Requirement.AppliesTo.TITLE and (
                    requirement.job_title_id not in titles
                ):
                    continue
                if requirement.pk in seen:
                    continue
                seen.add(requirement.pk)
                profile.requirement_lines.append(
                    RequirementLine(
                        requirement, status.state_for(states, requirement.item_identifier)
                    )
                )
        profile.requirement_lines.sort(
            key=lambda line: (line.requirement.criticality, line.requirement.item.title)
        )
        placement = placements.get(person.pk)
        profile.placement = placement
        if placement is not None:
            profile.next_step = next_steps.get(placement.pk)
            if profile.next_step is not None:
                profile.next_step_missing = [
                    item
                    for item in profile.next_step.package.all()
                    if not status.state_for(states, item.identifier).counts
                ]
        profiles[person.pk] = profile
    identifiers = set()
    for profile in profiles.values():
        identifiers |= set(profile.states)
        identifiers |= {line.requirement.item_identifier for line in profile.requirement_lines}
    items = {
        item.identifier: item
        for item in Item.objects.filter(identifier__in=identifiers).order_by("framework__version")
    }
    for profile in profiles.values():
        profile.items = items
    return profiles


def _ladders(ids, on):
    """The newest placement of each person by ``on`` and the step after it."""
    placements = {}
    for placement in (
        LadderPlacement.objects.filter(person_id__in=ids, since__lte=on)
        .select_related("step", "step__ladder")
        .order_by("person_id", "since", "id")
    ):
        placements[placement.person_id] = placement
    ladder_ids = {p.step.ladder_id for p in placements.values()}
    steps: dict[int, list[LadderStep]] = defaultdict(list)
    if ladder_ids:
        for step in (
            LadderStep.objects.filter(ladder_id__in=ladder_ids)
            .prefetch_related(Prefetch("package", queryset=Item.objects.all()))
            .order_by("position")
        ):
            steps[step.ladder_id].append(step)
    next_steps = {}
    for placement in placements.values():
        ahead = [s for s in steps[placement.step.ladder_id] if s.position > placement.step.position]
        next_steps[placement.pk] = ahead[0] if ahead else None
    return placements, next_steps
