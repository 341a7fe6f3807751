"""Who lacks what: names behind the gap figures, for those who may see staff there.

- In a **unit**, every requirement with the people it applies to who do not hold it, read from
  the unit competence matrix (``station.matrix.unit_matrix``), which evaluates each person.
- In a **municipality**, a paginated list of people who lack a high-criticality requirement
  in their unit. The database picks the people (an ``Exists`` that asks what the engine asks:
  evidence achieved and recorded by the date, not withdrawn, not run out, a self-assessment
  only once confirmed); each page's people are then evaluated in Python with
  ``competences.status``, as everywhere else. A page takes a constant number of queries.

For a unit requirement (a number or share of the staff) people are listed only where the unit
falls short of it: when the unit has enough, nobody lacks it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy

from stegvis.competences import status
from stegvis.competences.models import CompetenceRecord, Requirement
from stegvis.organisations.models import Unit
from stegvis.people.models import Employment
from stegvis.station.matrix import Cell, Column, unit_matrix

from .counts import CoverageRow

HIGH = Requirement.Criticality.HIGH
PER_PAGE = 50
Kind = CompetenceRecord.Kind
NOT_HELD = {
    status.Status.MISSING: gettext_lazy("Missing"),
    status.Status.EXPIRED: gettext_lazy("Expired"),
    status.Status.PENDING: gettext_lazy("Awaiting confirmation"),
}


@dataclass
class UnitLack:
    column: Column
    people: list[tuple[str, str, Cell]]  # (name, job titles, cell)


def unit_lacking(unit: Unit, on: datetime.date) -> list[UnitLack]:
    """Each requirement of the unit with the people who lack it, most critical first."""
    matrix = unit_matrix(unit, on)
    result = []
    for j, column in enumerate(matrix.columns):
        if column.requirement.applies_to == Requirement.AppliesTo.UNIT and not column.shortfall:
            continue
        people = [
            (row.person.full_name, ", ".join(row.titles), row.cells[j])
            for row in matrix.rows
            if row.cells[j].applies and not row.cells[j].counts
        ]
        if people:
            result.append(UnitLack(column, people))
    result.sort(
        key=lambda x: (x.column.requirement.criticality, -x.column.shortfall, x.column.title)
    )
    return result


@dataclass
class _Target:
    requirement_id: int
    identifier: object
    title: str
    job_title_id: int | None
    units: set[int] = field(default_factory=set)


@dataclass
class LackingPerson:
    name: str
    unit: str
    lacks: list[tuple[str, str]]  # (competence, state in words)


def _until(on: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(on, datetime.time.max, tzinfo=datetime.UTC)


def _held(identifier, on: datetime.date):
    """Whether the employment's person holds the competence on ``on`` (as the engine asks)."""
    until = _until(on)
    follow_up = CompetenceRecord.objects.filter(refers_to=OuterRef("pk"), recorded_at__lte=until)
    return Exists(
        CompetenceRecord.objects.filter(
            person_id=OuterRef("person_id"),
            item_identifier=identifier,
            kind__in=CompetenceRecord.EVIDENCE_KINDS,
            achieved_on__lte=on,
            recorded_at__lte=until,
        )
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .exclude(Exists(follow_up.filter(kind=Kind.WITHDRAWAL)))
        .filter(~Q(kind=Kind.SELF_ASSESSED) | Exists(follow_up.filter(kind=Kind.CONFIRMATION)))
    )


def _targets(rows: list[CoverageRow]) -> list[_Target]:
    """High-criticality requirements with someone lacking them, and the units where."""
    short = [r for r in rows if r.criticality == HIGH and r.held < r.applicable]
    facts = {
        pk: (applies_to, job_title_id, title)
        for pk, applies_to, job_title_id, title in Requirement.objects.filter(
            pk__in={r.requirement_id for r in short}
        ).values_list("pk", "applies_to", "job_title_id", "item__title")
    }
    targets: dict[int, _Target] = {}
    for row in short:
        applies_to, job_title_id, title = facts[row.requirement_id]
        if applies_to == Requirement.AppliesTo.UNIT and not row.shortfall:
            continue
        target = targets.setdefault(
            row.requirement_id,
            _Target(row.requirement_id, row.item_identifier, title, job_title_id),
        )
        target.units.add(row.unit_id)
    return sorted(targets.values(), key=lambda t: (t.title.casefold(), t.requirement_id))


def _page_lacks(page_rows, targets: list[_Target], on: datetime.date) -> list[LackingPerson]:
    person_ids = {row[0] for row in page_rows}
    entries: dict[int, list] = {pk: [] for pk in person_ids}
    rows = CompetenceRecord.objects.filter(
        person_id__in=person_ids, item_identifier__in={t.identifier for t in targets}
    ).values_list(*status.StateEntry._fields)
    for row in rows:
        entry = status.StateEntry(*row)
        entries[entry.person_id].append(entry)
    states = {pk: status.record_states(found, on) for pk, found in entries.items()}
    titles: set[tuple[int, int, int]] = set(
        Employment.objects.current(on)
        .filter(person_id__in=person_ids)
        .values_list("person_id", "unit_id", "job_title_id")
    )
    result = []
    for person_id, first, last, unit_id, unit_name in page_rows:
        lacks = []
        for target in targets:
            if unit_id not in target.units:
                continue
            if target.job_title_id and (person_id, unit_id, target.job_title_id) not in titles:
                continue
            state = status.state_for(states[person_id], target.identifier)
            if not state.counts:
                lacks.append((target.title, str(NOT_HELD[state.status])))
        result.append(LackingPerson(f"{first} {last}".strip(), unit_name, lacks))
    return result


def municipality_lacking(
    rows: list[CoverageRow], on: datetime.date, page_number, per_page: int = PER_PAGE
) -> tuple[Page, list[LackingPerson]]:
    """One page of the people (per unit) lacking a high-criticality requirement on ``on``,
    given the engine's rows of the municipality."""
    targets = _targets(rows)
    lacking = Q(pk__in=[])
    for target in targets:
        condition = Q(unit_id__in=target.units) & ~_held(target.identifier, on)
        if target.job_title_id:
            condition &= Q(job_title_id=target.job_title_id)
        lacking |= condition
    people = (
        Employment.objects.current(on)
        .filter(lacking)
        .values_list(
            "person_id", "person__first_name", "person__last_name", "unit_id", "unit__name"
        )
        .distinct()
        .order_by("person__last_name", "person__first_name", "person_id", "unit__name", "unit_id")
    )
    page = Paginator(people, per_page).get_page(page_number)
    return page, _page_lacks(list(page.object_list), targets, on) if targets else []
