"""The demo's gap analysis trend: twelve monthly snapshots, backfilled from the demo's record.

``seed_demo`` calls ``seed_gaps`` last, once staff, records and registrations exist. The demo's
record entries carry the dates they were recorded (``competence_records`` sets
``recorded_at`` to the day of each entry), so each backfilled month shows the record as it
stood then, and the trend line climbs as the invented staff took their courses.
"""

from __future__ import annotations

from dataclasses import dataclass

from stegvis.gaps.snapshots import take_snapshots

MONTHS = 12


@dataclass
class GapsSummary:
    months: int
    rows: int

    def lines(self) -> list[str]:
        return [f"  {self.months} monthly gap snapshots ({self.rows} rows)"]


def seed_gaps(*, months: int = MONTHS) -> GapsSummary:
    """Take (again) the snapshots of the last ``months`` months; return what was written."""
    taken = take_snapshots(months=months, refresh=True)
    return GapsSummary(len(taken), sum(rows for _month, _as_of, rows in taken))
