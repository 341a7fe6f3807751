"""Aggregate statistics for read-only roles: counts only, small groups suppressed.

A cell that counts fewer than ``MIN_GROUP`` people (but more than none) is shown as suppressed,
and when a row has exactly one such cell, the next smallest cell is suppressed too, so the row
total cannot reveal it (secondary suppression).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Sum

from stegvis.organisations.models import Municipality, OperatingArea
from stegvis.organisations.scope import Scope

from .models import Employment

SUPPRESSED = None


@dataclass
class Row:
    municipality: str
    cells: list[int | None]
    total: int | None
    fte: float | None


@dataclass
class HeadcountTable:
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    min_group: int = 5


def suppress(counts: list[int], min_group: int) -> list[int | None]:
    """Primary and secondary suppression of one row of counts (see the module docstring)."""
    cells: list[int | None] = [SUPPRESSED if 0 < c < min_group else c for c in counts]
    hidden = [i for i, c in enumerate(cells) if c is SUPPRESSED]
    if len(hidden) == 1:
        others = [(c, i) for i, c in enumerate(cells) if c]
        if others:
            cells[min(others)[1]] = SUPPRESSED
    return cells


def headcount_table(scope: Scope) -> HeadcountTable:
    """People with a current employment per municipality and operating area, in two queries."""
    min_group = settings.STEGVIS_MIN_GROUP_SIZE
    kinds = list(OperatingArea.Kind)
    table = HeadcountTable(columns=[str(k.label) for k in kinds], min_group=min_group)
    municipalities = Municipality.objects.filter(scope.municipalities_q()).order_by("name")
    names = dict(municipalities.values_list("pk", "name"))
    if not names:
        return table
    counts = (
        Employment.objects.current()
        .filter(unit__municipality_id__in=names)
        .values("unit__municipality_id", "unit__operating_area__kind")
        .annotate(people=Count("person", distinct=True), extent=Sum("extent_percent"))
    )
    by_row: dict[int, dict[str, tuple[int, int]]] = {}
    for row in counts:
        by_row.setdefault(row["unit__municipality_id"], {})[row["unit__operating_area__kind"]] = (
            row["people"],
            row["extent"] or 0,
        )
    for pk, name in names.items():
        cells = by_row.get(pk, {})
        people = [cells.get(k.value, (0, 0))[0] for k in kinds]
        total = sum(people)
        fte = sum(extent for _people, extent in cells.values()) / 100
        small = 0 < total < min_group
        table.rows.append(
            Row(
                name,
                suppress(people, min_group),
                SUPPRESSED if small else total,
                SUPPRESSED if small else round(fte, 1),
            )
        )
    return table
