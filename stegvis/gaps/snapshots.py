"""The trend over time: monthly snapshots of the gap engine, taken and read back.

``take_month(month, as_of)`` runs the engine for each region as of ``as_of`` and replaces the
month's rows, so taking a month twice gives the same rows (idempotent). The engine ignores
record entries recorded after its date, so a past month taken today is what the page would
have shown on its last day (see docs/gaps.md for what it cannot reconstruct).

``trend(area, end, months)`` reads the sums per month for an area in one query.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone

from stegvis.competences.models import Requirement
from stegvis.organisations.models import Municipality, Region

from .counts import Area, coverage
from .models import GapSnapshot

HIGH = Requirement.Criticality.HIGH
BATCH = 2000


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def last_of_month(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def months_back(end: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the ``count`` months up to and including ``end``'s, oldest first."""
    year, month = end.year, end.month
    result = []
    for _ in range(count):
        result.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return result[::-1]


@transaction.atomic
def take_month(month: datetime.date, as_of: datetime.date) -> int:
    """Replace the snapshot of ``month`` with the engine's rows as of ``as_of``; rows written."""
    month = first_of_month(month)
    GapSnapshot.objects.filter(month=month).delete()
    regions = dict(Municipality.objects.values_list("pk", "region_id"))
    written = 0
    for region_id in Region.objects.order_by("pk").values_list("pk", flat=True):
        rows = coverage(Area("region", region_id), as_of)
        kinds = dict(
            Requirement.objects.filter(pk__in={r.requirement_id for r in rows}).values_list(
                "pk", "applies_to"
            )
        )
        GapSnapshot.objects.bulk_create(
            (
                GapSnapshot(
                    month=month,
                    as_of=as_of,
                    region_id=regions[row.municipality_id],
                    municipality_id=row.municipality_id,
                    unit_id=row.unit_id,
                    requirement_id=row.requirement_id,
                    item_identifier=row.item_identifier,
                    applies_to=kinds[row.requirement_id],
                    criticality=row.criticality,
                    applicable=row.applicable,
                    held=row.held,
                    expiring=row.expiring,
                    in_progress=row.in_progress,
                    needed=row.needed,
                    shortfall=row.shortfall,
                )
                for row in rows
            ),
            batch_size=BATCH,
        )
        written += len(rows)
    return written


def take_snapshots(
    *, months: int = 12, refresh: bool = False, today: datetime.date | None = None
) -> list[tuple[datetime.date, datetime.date, int]]:
    """The current month as of today, and each earlier month of the last ``months`` that has
    no snapshot yet (all of them with ``refresh``) as of its last day. Returns what was taken:
    (month, as of, rows)."""
    today = today or timezone.localdate()
    wanted = months_back(today, max(months, 1))
    taken = set(
        GapSnapshot.objects.filter(month__in=wanted).values_list("month", flat=True).distinct()
    )
    done = []
    for month in wanted:
        current = month == first_of_month(today)
        if not current and month in taken and not refresh:
            continue
        as_of = today if current else last_of_month(month)
        done.append((month, as_of, take_month(month, as_of)))
    return done


@dataclass
class TrendPoint:
    month: datetime.date
    as_of: datetime.date
    needed: int
    shortfall: int
    high_needed: int
    high_shortfall: int

    @staticmethod
    def _share(needed: int, shortfall: int) -> int | None:
        return 100 * (needed - shortfall) // needed if needed else None

    @property
    def coverage(self) -> int | None:
        return self._share(self.needed, self.shortfall)

    @property
    def high_coverage(self) -> int | None:
        return self._share(self.high_needed, self.high_shortfall)


_AREA_FILTER = {
    "unit": "unit_id",
    "municipality": "municipality_id",
    "region": "region_id",
}


def trend(area: Area, end: datetime.date, months: int = 12) -> list[TrendPoint]:
    """Coverage per month of ``area`` over the ``months`` up to ``end``'s, from the snapshots
    (months without a snapshot are left out), in one query."""
    wanted = months_back(end, months)
    rows = GapSnapshot.objects.filter(month__gte=wanted[0], month__lte=wanted[-1])
    if area.level in _AREA_FILTER:
        rows = rows.filter(**{_AREA_FILTER[area.level]: area.pk})
    high = Q(criticality=HIGH)
    sums = (
        rows.values("month")
        .annotate(
            sum_as_of=Max("as_of"),
            sum_needed=Sum("needed"),
            sum_shortfall=Sum("shortfall"),
            sum_high_needed=Sum("needed", filter=high),
            sum_high_shortfall=Sum("shortfall", filter=high),
        )
        .order_by("month")
    )
    return [
        TrendPoint(
            row["month"],
            row["sum_as_of"],
            row["sum_needed"] or 0,
            row["sum_shortfall"] or 0,
            row["sum_high_needed"] or 0,
            row["sum_high_shortfall"] or 0,
        )
        for row in sums
    ]
