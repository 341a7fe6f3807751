"""Gap statistics for read-only roles (union, politicians): aggregates only, never a name.

Three tables over the reader's VIEW_STATISTICS scope, on a date:

- coverage per **municipality and operating area** (all requirements together), a cell shown
  only when the group's staff (people with a current employment there) is at least
  ``STEGVIS_MIN_GROUP_SIZE``;
- coverage per **requirement and municipality**, a cell shown only when the requirement
  applies to at least that many people there;
- **course participation** per municipality and term (registrations made, courses completed).

Small groups are suppressed with the rule of ``people.statistics.suppress``: a cell under the
limit (but not empty) is hidden, and when a row has exactly one hidden cell, the next smallest
is hidden too, so a row total cannot reveal it. The engine runs once per region or
municipality in the scope (one for the whole installation); everything else is a constant
number of queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Value, When
from django.db.models.functions import ExtractYear

from stegvis.courses.models import Registration
from stegvis.organisations.models import Municipality, OperatingArea, Unit
from stegvis.organisations.scope import Scope
from stegvis.people.models import Employment
from stegvis.people.statistics import suppress

from .counts import Area, CoverageRow, coverage
from .report import Figures, requirement_facts

NOT_COUNTED = (
    Registration.Status.TRANSFERRED,
    Registration.Status.CANCELLED,
    Registration.Status.WITHDRAWN,
    Registration.Status.DECLINED,
)
TERMS = 4


@dataclass
class Cell:
    """A coverage percentage, or hidden (``suppressed``), or nothing to show (``value`` None)."""

    value: int | None = None
    suppressed: bool = False


@dataclass
class StatRow:
    name: str
    cells: list[Cell]
    total: Cell


@dataclass
class Table:
    columns: list[str]
    rows: list[StatRow] = field(default_factory=list)


@dataclass
class GapStatistics:
    on: datetime.date
    min_group: int
    by_area: Table
    by_requirement: Table
    participation: Table  # cells hold "registrations / completions" pairs as two tables' cells


def areas_in(scope: Scope) -> list[Area]:
    """The areas to run the engine on: the installation, or each region and each municipality
    held outside those regions."""
    if scope.everything:
        return [Area("installation")]
    areas = [Area("region", pk) for pk in sorted(scope.region_ids)]
    outside = Municipality.objects.filter(pk__in=scope.municipality_ids).exclude(
        region_id__in=scope.region_ids
    )
    return areas + [
        Area("municipality", pk) for pk in outside.order_by("pk").values_list("pk", flat=True)
    ]


def _cells(figures: list[Figures | None], sizes: list[int], min_group: int) -> list[Cell]:
    shown = suppress(sizes, min_group)
    cells = []
    for f, size, kept in zip(figures, sizes, shown, strict=True):
        if size and kept is None:
            cells.append(Cell(suppressed=True))
        else:
            cells.append(Cell(f.coverage if f is not None else None))
    return cells


def _total(figures: Figures, size: int, min_group: int) -> Cell:
    if 0 < size < min_group:
        return Cell(suppressed=True)
    return Cell(figures.coverage)


def _by_area(rows, names, kind_of, on, min_group) -> Table:
    kinds = list(OperatingArea.Kind)
    sizes: dict[tuple[int, str], int] = {
        (row["unit__municipality_id"], row["unit__operating_area__kind"]): row["people"]
        for row in Employment.objects.current(on)
        .filter(unit__municipality_id__in=names)
        .values("unit__municipality_id", "unit__operating_area__kind")
        .annotate(people=Count("person", distinct=True))
        .order_by()
    }
    figures: dict[tuple[int, str], Figures] = {}
    for row in rows:
        figures.setdefault((row.municipality_id, kind_of[row.unit_id]), Figures()).add(row)
    table = Table([str(k.label) for k in kinds])
    for pk, name in names.items():
        people = [sizes.get((pk, k.value), 0) for k in kinds]
        found = [figures.get((pk, k.value)) for k in kinds]
        total = Figures()
        for f in found:
            if f is not None:
                for attr in ("needed", "shortfall"):
                    setattr(total, attr, getattr(total, attr) + getattr(f, attr))
        cells = _cells(found, people, min_group)
        table.rows.append(StatRow(name, cells, _total(total, sum(people), min_group)))
    return table


def _by_requirement(rows: list[CoverageRow], names: dict[int, str], min_group: int) -> Table:
    facts = requirement_facts({r.requirement_id for r in rows}) if rows else {}
    lines: dict[tuple, dict[int, Figures]] = {}
    titles: dict[tuple, tuple[int, str]] = {}
    for row in rows:
        applies_to, _reason, title, _source = facts[row.requirement_id]
        key = (row.item_identifier, applies_to)
        lines.setdefault(key, {}).setdefault(row.municipality_id, Figures()).add(row)
        best = titles.get(key)
        if best is None or row.criticality < best[0]:
            titles[key] = (row.criticality, title)
    table = Table(list(names.values()))
    for key in sorted(lines, key=lambda k: (titles[k][0], titles[k][1].casefold(), k[1])):
        found = [lines[key].get(pk) for pk in names]
        sizes = [f.applicable if f else 0 for f in found]
        total = Figures()
        for f in found:
            if f is not None:
                total.needed += f.needed
                total.shortfall += f.shortfall
        table.rows.append(
            StatRow(
                titles[key][1],
                _cells(found, sizes, min_group),
                _total(total, sum(sizes), min_group),
            )
        )
    return table


def term_of(day: datetime.date) -> tuple[int, int]:
    return day.year, 1 if day.month <= 6 else 2


def _terms(on: datetime.date) -> list[tuple[int, int]]:
    year, half = term_of(on)
    terms = []
    for _ in range(TERMS):
        terms.append((year, half))
        year, half = (year - 1, 2) if half == 1 else (year, 1)
    return terms[::-1]


def _per_term(queryset, field: str) -> dict[tuple[int, int, int], int]:
    half = Case(
        When(**{f"{field}__month__lte": 6}, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    rows = (
        queryset.annotate(year=ExtractYear(field), half=half)
        .values("municipality_id", "year", "half")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(r["municipality_id"], r["year"], r["half"]): r["n"] for r in rows}


def _participation(names: dict[int, str], on: datetime.date, min_group: int) -> Table:
    terms = _terms(on)
    seats = Registration.objects.filter(municipality_id__in=names).exclude(status__in=NOT_COUNTED)
    made = _per_term(seats, "queued_at")
    done = _per_term(seats.filter(completed_at__isnull=False), "completed_at")
    columns = []
    for year, half in terms:
        columns += [f"{year}:{half}:registrations", f"{year}:{half}:completions"]
    table = Table(columns)
    for pk, name in names.items():
        registered = suppress([made.get((pk, y, h), 0) for y, h in terms], min_group)
        completed = suppress([done.get((pk, y, h), 0) for y, h in terms], min_group)
        cells = []
        for r, c in zip(registered, completed, strict=True):
            cells += [Cell(r, r is None), Cell(c, c is None)]
        table.rows.append(StatRow(name, cells, Cell()))
    return table


def term_labels(on: datetime.date) -> list[tuple[int, int]]:
    return _terms(on)


def gap_statistics(scope: Scope, on: datetime.date) -> GapStatistics:
    min_group = settings.STEGVIS_MIN_GROUP_SIZE
    rows: list[CoverageRow] = []
    for area in areas_in(scope):
        rows += coverage(area, on)
    names = dict(
        Municipality.objects.filter(scope.municipalities_q())
        .order_by("name")
        .values_list("pk", "name")
    )
    rows = [r for r in rows if r.municipality_id in names]
    kind_of = dict(
        Unit.objects.filter(pk__in={r.unit_id for r in rows}).values_list(
            "pk", "operating_area__kind"
        )
    )
    return GapStatistics(
        on=on,
        min_group=min_group,
        by_area=_by_area(rows, names, kind_of, on, min_group),
        by_requirement=_by_requirement(rows, names, min_group),
        participation=_participation(names, on, min_group),
    )
