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

from django.db.models import Q
from django.utils import timezone

from stegvis.core.prepared import prepared
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


REQUIREMENT_RELATED = ("item", "job_title", "target_unit", "source")


def requirements_for_units(
    units, on: datetime.date, *, related: tuple[str, ...] = REQUIREMENT_RELATED
) -> dict[int, list[Requirement]]:
    """Requirements in force for each unit's staff, for many units in one query, with the
    ``related`` objects joined (by default all that a requirement names; the profile needs
    only the competence)."""
    units = list({unit.pk: unit for unit in units}.values())
    if not units:
        return {}
    loaded = _requirements_in_force(
        {u.municipality.region_id for u in units},
        {u.municipality_id for u in units},
        {u.pk for u in units},
        on,
        related=related,
    )
    return {unit.pk: [r for r in loaded if _applies_to_unit(r, unit)] for unit in units}


@prepared
def _requirements_in_force(region_ids, municipality_ids, unit_ids, on, *, related):
    """Requirements of these layers in force on ``on`` (a prepared query: see ``core``)."""
    layers = (
        Q(region_id__in=region_ids)
        | Q(municipality_id__in=municipality_ids)
        | Q(unit_id__in=unit_ids)
    )
    return (
        Requirement.objects.filter(layers)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)
        .select_related(*related)
        .defer("item__extra")
    )


_EMPLOYMENT_RELATED = ("unit__operating_area", "unit__municipality", "job_title")


def _by_person(rows, key: str = "person_id") -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


# Competences are read without ``extra`` (the interchange formats' kept fields, JSON): no page
# here shows it, and decoding it for every row cost more than reading the row.


@prepared
def _records(ids, *, summary: bool):
    # Each person's entries in the model's order (recorded_at, id): ordering by the person
    # column rather than ``Meta.ordering``'s person (by name) spares a join and a sort.
    records = CompetenceRecord.objects.filter(person_id__in=ids).order_by(
        "person_id", "recorded_at", "id"
    )
    if summary:
        return records.values_list(*status.StateEntry._fields)
    return records.select_related("item", "recorded_by").defer("item__extra")


@prepared
def _records_about(ids, identifiers):
    return (
        CompetenceRecord.objects.filter(person_id__in=ids, item_identifier__in=identifiers)
        .order_by("person_id", "recorded_at", "id")
        .values_list(*status.StateEntry._fields)
    )


def state_entries(ids, identifiers=None) -> dict[int, list[status.StateEntry]]:
    """Each person's record entries as ``status.StateEntry`` tuples (all of them, or only
    those about ``identifiers``), for pages that want the states and not the history."""
    rows = _records(ids, summary=True) if identifiers is None else _records_about(ids, identifiers)
    return _by_person(status.StateEntry(*row) for row in rows)


def _entries(ids, summary: bool) -> dict[int, list]:
    """Each person's record entries: as models with competence and recorder for the page's
    history, or as ``status.StateEntry`` tuples when only the states are wanted."""
    if summary:
        return state_entries(ids)
    return _by_person(_records(ids, summary=False))


@prepared
def _employments(ids, *, related: tuple[str, ...]):
    return Employment.objects.filter(person_id__in=ids).select_related(*related)


@prepared
def _qualifications(ids):
    return Qualification.objects.filter(person_id__in=ids)


@prepared
def _rules(title_ids):
    # Within a title in the model's order; no join for the title's name.
    return BasicCompetenceRule.objects.filter(job_title__in=title_ids).order_by(
        "job_title_id", "group", "id"
    )


def build_profiles(
    people, on: datetime.date | None = None, *, summary: bool = False
) -> dict[int, object]:
    """``Profile`` of each person (see ``selectors.Profile``), keyed by person id.

    ``summary`` loads only what a team overview shows: the states (entries read as
    ``status.StateEntry`` tuples, without competence or recorder), the basic competence of
    the titles and the ladder placement; no requirement lines, next step or competences. Five
    queries instead of nine, and much less to build for a team.
    """
    from .selectors import Profile

    on = on or timezone.localdate()
    people = list(people)
    ids = [person.pk for person in people]
    if not ids:
        return {}
    # The page names titles and units and finds their requirements; a summary needs only
    # the units' operating areas (for journeys).
    related = ("unit__operating_area",) if summary else _EMPLOYMENT_RELATED
    employments = _by_person(_employments(ids, related=related))
    entries = _entries(ids, summary)
    qualifications = _by_person(_qualifications(ids))
    current = {pk: [e for e in employments[pk] if e.is_current(on)] for pk in ids}
    rules = _rules({e.job_title_id for rows in current.values() for e in rows})
    placements = _placements(ids, on, ladder=not summary)

    profiles = {}
    for person in people:
        states = status.record_states(entries[person.pk], on)
        profiles[person.pk] = Profile(
            person,
            on,
            employments[person.pk],
            states,
            {},
            [
                status.title_status(e, rules, qualifications[person.pk], employments[person.pk], on)
                for e in current[person.pk]
            ],
            placement=placements.get(person.pk),
            entries=entries[person.pk],
            qualifications=qualifications[person.pk],
        )
    if not summary:
        _add_requirements_and_steps(profiles, current, on)
    return profiles


def _add_requirements_and_steps(profiles: dict, current: dict, on: datetime.date) -> None:
    """Requirement lines, the next ladder step with what is missing of its package, and the
    competences (newest version by identifier) of everything shown."""
    from .selectors import RequirementLine

    by_unit = requirements_for_units(
        [e.unit for rows in current.values() for e in rows], on, related=("item",)
    )
    next_steps, packages = _next_steps([p.placement for p in profiles.values() if p.placement])
    for pk, profile in profiles.items():
        mine, states = current[pk], profile.states
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
        if profile.placement is not None:
            profile.next_step = next_steps.get(profile.placement.pk)
            if profile.next_step is not None:
                profile.next_step_missing = [
                    item
                    for item in packages[profile.next_step.pk]
                    if not status.state_for(states, item.identifier).counts
                ]
    identifiers = set()
    for profile in profiles.values():
        identifiers |= set(profile.states)
        identifiers |= {line.requirement.item_identifier for line in profile.requirement_lines}
    items = {item.identifier: item for item in _items_by_identifier(identifiers)}
    for profile in profiles.values():
        profile.items = items


@prepared
def _items_by_identifier(identifiers):
    # Oldest version first: the newest wins in the caller's dictionary.
    return (
        Item.objects.filter(identifier__in=identifiers)
        .defer("extra")
        .order_by("framework__version")
    )


@prepared
def _placements_by(ids, on, *, related: str):
    return (
        LadderPlacement.objects.filter(person_id__in=ids, since__lte=on)
        .select_related(related)
        .order_by("person_id", "since", "id")
    )


def _placements(ids, on, ladder: bool = True) -> dict[int, LadderPlacement]:
    """The newest placement of each person by ``on``, with its step (and the step's ladder)."""
    placements = {}
    for placement in _placements_by(ids, on, related="step__ladder" if ladder else "step"):
        placements[placement.person_id] = placement
    return placements


@prepared
def _steps_of(ladder_ids):
    return LadderStep.objects.filter(ladder_id__in=ladder_ids).order_by("position")


@prepared
def _package_links(step_ids):
    # The package's items in their model's order (framework, position, id).
    return (
        LadderStep.package.through.objects.filter(ladderstep_id__in=step_ids)
        .select_related("item")
        .defer("item__extra")
        .order_by("item__framework", "item__position", "item__id")
    )


def _next_steps(placements: list[LadderPlacement]) -> tuple[dict, dict[int, list[Item]]]:
    """The step after each placement's (by placement id), and the packages of those next
    steps (their items by step id)."""
    ladder_ids = {p.step.ladder_id for p in placements}
    steps: dict[int, list[LadderStep]] = defaultdict(list)
    for step in _steps_of(ladder_ids):
        steps[step.ladder_id].append(step)
    next_steps = {}
    for placement in placements:
        ahead = [s for s in steps[placement.step.ladder_id] if s.position > placement.step.position]
        next_steps[placement.pk] = ahead[0] if ahead else None
    packages: dict[int, list[Item]] = defaultdict(list)
    for link in _package_links({s.pk for s in next_steps.values() if s is not None}):
        packages[link.ladderstep_id].append(link.item)
    return next_steps, packages
