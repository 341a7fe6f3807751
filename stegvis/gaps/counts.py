"""Coverage of every requirement in every unit of an area, counted by the database.

The unit competence matrix (``stegvis.station.matrix``) evaluates each person's record in
Python, which is right for one unit of forty people and far too slow for a country of 300,000.
``coverage`` asks the same questions of the database in one statement and returns one row per
requirement and unit: how many of the staff it applies to, how many hold it, how many of those
hold it only until soon, how many are on a course that teaches it, and how many must hold it.

The rules are those of ``competences.status`` and the matrix, "as of" the date asked:

- staff are the people with an employment in the unit running on the date; a title
  requirement applies to those who have its title in that unit;
- a competence is held when an evidence entry achieved by the date, recorded by the end of the
  date, not withdrawn and not run out has it; a self-assessment counts once it is confirmed;
- it is held only until soon (``expiring``) when every entry that holds it runs out within
  ``status.EXPIRY_WARNING_DAYS``;
- it is in progress for someone who does not hold it but is registered (by the date) for a
  course whose goals include it and has not completed that course by the date;
- units closed by the date are left out.

The SQL is written once for SQLite and PostgreSQL: every value is a parameter adapted by the
connection's own operations, and table and column names come from the models.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from stegvis.competences import status
from stegvis.competences.models import CompetenceRecord, Item, Requirement
from stegvis.competences.models.requirements import needed_count
from stegvis.courses.models import Course, Offering, Registration
from stegvis.organisations.models import Municipality, OperatingArea, Unit
from stegvis.people.models import Employment

LEVELS = ("unit", "municipality", "region", "installation")


@dataclass(frozen=True)
class Area:
    """What to analyse: one unit, municipality or region, or the whole installation."""

    level: str
    pk: int | None = None

    def __post_init__(self):
        if self.level not in LEVELS:
            raise ValueError(f"unknown level {self.level!r}")
        if (self.level == "installation") != (self.pk is None):
            raise ValueError("an installation has no id; every other level needs one")


class CoverageRow(NamedTuple):
    """One requirement in one unit. (A named tuple, not a frozen dataclass: as immutable and
    hashable, and a quarter of the cost to make; a municipality's report makes thousands.)"""

    unit_id: int
    municipality_id: int
    requirement_id: int
    item_identifier: uuid.UUID
    criticality: int
    applicable: int
    held: int
    expiring: int
    in_progress: int
    needed: int

    @property
    def shortfall(self) -> int:
        return max(self.needed - self.held, 0)


def _tables() -> dict[str, str]:
    quote = connection.ops.quote_name
    goals = Course.goals.through._meta
    return {
        "unit": quote(Unit._meta.db_table),
        "municipality": quote(Municipality._meta.db_table),
        "area": quote(OperatingArea._meta.db_table),
        "employment": quote(Employment._meta.db_table),
        "requirement": quote(Requirement._meta.db_table),
        "record": quote(CompetenceRecord._meta.db_table),
        "registration": quote(Registration._meta.db_table),
        "offering": quote(Offering._meta.db_table),
        "goals": quote(goals.db_table),
        "goal_course": quote(goals.get_field("course").column),
        "goal_item": quote(goals.get_field("item").column),
        "item": quote(Item._meta.db_table),
    }


_FILTERS = {
    "unit": "u.id = %(pk)s",
    "municipality": "u.municipality_id = %(pk)s",
    "region": "m.region_id = %(pk)s",
    "installation": "1 = 1",
}

_IN_FORCE = "r.valid_from <= %(on)s AND (r.valid_to IS NULL OR r.valid_to >= %(on)s)"

# The staff's entries for the competences asked for. For the whole installation every entry
# is read anyway: a plain scan beats probing the person index 300,000 times, which the
# planner picks when it misjudges the size of the staff list.
_WHOSE_ENTRIES = """ev.person_id IN (SELECT person_id FROM staff)
      AND ev.item_identifier IN (SELECT item_identifier FROM reqs)"""

# The staff's registrations are read first, by person: PostgreSQL, misjudging how many rows
# the course goals select, otherwise starts from the offerings and reads every registration on
# them (28,000 rows for a unit of 40 at 300,000 staff: 18 ms instead of 4). The keyword is
# PostgreSQL's (SQLite 3.35 knows it too, but its unit figures were already at the floor).
_MATERIALIZED = {"postgresql": "MATERIALIZED"}

_SQL = """
WITH units AS (
    SELECT u.id AS unit_id, u.municipality_id, m.region_id, u.kind AS unit_kind,
           a.kind AS area_kind
    FROM {unit} u
    JOIN {municipality} m ON m.id = u.municipality_id
    JOIN {area} a ON a.id = u.operating_area_id
    WHERE {filter}
      AND u.opened_on <= %(on)s AND (u.closed_on IS NULL OR u.closed_on > %(on)s)
),
jobs AS (
    SELECT DISTINCT e.unit_id, e.person_id, e.job_title_id
    FROM {employment} e
    JOIN units ON units.unit_id = e.unit_id
    WHERE e.start_date <= %(on)s AND (e.end_date IS NULL OR e.end_date >= %(on)s)
),
staff AS (
    SELECT DISTINCT unit_id, person_id FROM jobs
),
layered AS (
    SELECT units.*, r.id AS requirement_id, r.item_identifier, r.criticality, r.applies_to,
           r.area_kind AS wants_area, r.job_title_id, r.target_unit_id,
           r.unit_kind AS wants_kind, r.min_count, r.min_share
    FROM units JOIN {requirement} r ON r.region_id = units.region_id
    WHERE {in_force}
    UNION ALL
    SELECT units.*, r.id, r.item_identifier, r.criticality, r.applies_to, r.area_kind,
           r.job_title_id, r.target_unit_id, r.unit_kind, r.min_count, r.min_share
    FROM units JOIN {requirement} r ON r.municipality_id = units.municipality_id
    WHERE {in_force}
    UNION ALL
    SELECT units.*, r.id, r.item_identifier, r.criticality, r.applies_to, r.area_kind,
           r.job_title_id, r.target_unit_id, r.unit_kind, r.min_count, r.min_share
    FROM units JOIN {requirement} r ON r.unit_id = units.unit_id
    WHERE {in_force}
),
reqs AS (
    SELECT unit_id, municipality_id, requirement_id, item_identifier, criticality,
           applies_to, job_title_id, min_count, min_share
    FROM layered
    WHERE (applies_to = 'area' AND wants_area = area_kind)
       OR applies_to = 'title'
       OR (applies_to = 'unit'
           AND (target_unit_id = unit_id OR (target_unit_id IS NULL AND wants_kind = unit_kind)))
),
pairs AS (
    SELECT reqs.unit_id, reqs.requirement_id, reqs.item_identifier, staff.person_id
    FROM reqs
    JOIN staff ON staff.unit_id = reqs.unit_id
    WHERE reqs.applies_to <> 'title'
    UNION ALL
    SELECT reqs.unit_id, reqs.requirement_id, reqs.item_identifier, jobs.person_id
    FROM reqs
    JOIN jobs ON jobs.unit_id = reqs.unit_id AND jobs.job_title_id = reqs.job_title_id
    WHERE reqs.applies_to = 'title'
),
entries AS (
    SELECT ev.person_id, ev.item_identifier, ev.kind, ev.achieved_on, ev.expires_on,
           CASE WHEN ev.kind IN ('withdrawal', 'confirmation') THEN ev.refers_to_id
                ELSE ev.id END AS entry_id
    FROM {record} ev
    WHERE {whose_entries}
      AND ev.recorded_at <= %(until)s
      AND (ev.kind IN ('withdrawal', 'confirmation')
           OR (ev.kind IN ('education', 'certificate', 'course', 'assessed', 'self_assessed')
               AND ev.achieved_on <= %(on)s
               AND (ev.expires_on IS NULL OR ev.expires_on >= %(on)s)))
),
evidence AS (
    SELECT person_id, item_identifier,
           MAX(CASE WHEN kind NOT IN ('withdrawal', 'confirmation')
                    THEN COALESCE(expires_on, %(never)s) END) AS runs_to,
           MAX(CASE WHEN kind = 'self_assessed' THEN 1 ELSE 0 END) AS self_assessed,
           MAX(CASE WHEN kind = 'confirmation' THEN 1 ELSE 0 END) AS confirmed,
           MAX(CASE WHEN kind = 'withdrawal' THEN 1 ELSE 0 END) AS withdrawn
    FROM entries
    GROUP BY person_id, item_identifier, entry_id
),
held AS (
    SELECT person_id, item_identifier, MAX(runs_to) AS runs_to
    FROM evidence
    WHERE runs_to IS NOT NULL AND withdrawn = 0 AND (self_assessed = 0 OR confirmed = 1)
    GROUP BY person_id, item_identifier
),
enrolled AS {materialized} (
    SELECT reg.person_id, reg.offering_id
    FROM {registration} reg
    WHERE reg.person_id IN (SELECT person_id FROM staff)
      AND reg.queued_at <= %(day_end)s
      AND ((reg.status IN ('confirmed', 'waiting', 'offered') AND reg.completed_at IS NULL)
           OR reg.completed_at > %(day_end)s)
),
under_way AS (
    SELECT DISTINCT enrolled.person_id, i.identifier AS item_identifier
    FROM enrolled
    JOIN {offering} o ON o.id = enrolled.offering_id
    JOIN {goals} g ON g.{goal_course} = o.course_id
    JOIN {item} i ON i.id = g.{goal_item}
    WHERE i.identifier IN (SELECT item_identifier FROM reqs)
),
counted AS (
    SELECT pairs.unit_id, pairs.requirement_id,
           COUNT(*) AS applicable,
           COUNT(held.person_id) AS held,
           SUM(CASE WHEN held.runs_to <= %(warn)s THEN 1 ELSE 0 END) AS expiring,
           SUM(CASE WHEN held.person_id IS NULL AND under_way.person_id IS NOT NULL
                    THEN 1 ELSE 0 END) AS in_progress
    FROM pairs
    LEFT JOIN held
      ON held.person_id = pairs.person_id AND held.item_identifier = pairs.item_identifier
    LEFT JOIN under_way
      ON under_way.person_id = pairs.person_id
     AND under_way.item_identifier = pairs.item_identifier
    GROUP BY pairs.unit_id, pairs.requirement_id
)
SELECT reqs.unit_id, reqs.municipality_id, reqs.requirement_id, reqs.item_identifier,
       reqs.criticality, reqs.applies_to, reqs.min_count, reqs.min_share,
       COALESCE(counted.applicable, 0), COALESCE(counted.held, 0),
       COALESCE(counted.expiring, 0), COALESCE(counted.in_progress, 0)
FROM reqs
LEFT JOIN counted
  ON counted.unit_id = reqs.unit_id AND counted.requirement_id = reqs.requirement_id
ORDER BY reqs.unit_id, reqs.criticality, reqs.requirement_id
"""


def _parameters(area: Area, on: datetime.date) -> dict:
    ops = connection.ops
    until = datetime.datetime.combine(on, datetime.time.max, tzinfo=datetime.UTC)
    day_end = timezone.make_aware(datetime.datetime.combine(on, datetime.time.max))
    warn = on + datetime.timedelta(days=status.EXPIRY_WARNING_DAYS)
    return {
        "pk": area.pk,
        "on": ops.adapt_datefield_value(on),
        "never": ops.adapt_datefield_value(datetime.date.max),
        "warn": ops.adapt_datefield_value(warn),
        "until": ops.adapt_datetimefield_value(until),
        "day_end": ops.adapt_datetimefield_value(day_end),
    }


def coverage_sql(area: Area) -> str:
    """The statement ``coverage`` runs (for EXPLAIN and the benchmark)."""
    whose = _WHOSE_ENTRIES if area.level != "installation" else "1 = 1"
    return _SQL.format(
        filter=_FILTERS[area.level],
        in_force=_IN_FORCE,
        whose_entries=whose,
        materialized=_MATERIALIZED.get(connection.vendor, ""),
        **_tables(),
    )


def coverage(area: Area, on: datetime.date | None = None) -> list[CoverageRow]:
    """One row per requirement in force and unit of ``area`` open on ``on`` (default today)."""
    on = on or timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(coverage_sql(area), _parameters(area, on))
        rows = cursor.fetchall()
    identifiers: dict = {}  # SQLite returns text: one UUID per competence, not per row
    result = []
    for (
        unit_id,
        municipality_id,
        requirement_id,
        identifier,
        criticality,
        applies_to,
        min_count,
        min_share,
        applicable,
        held,
        expiring,
        in_progress,
    ) in rows:
        item = identifiers.get(identifier)
        if item is None:
            item = identifiers[identifier] = (
                identifier if isinstance(identifier, uuid.UUID) else uuid.UUID(identifier)
            )
        result.append(
            CoverageRow(
                unit_id,
                municipality_id,
                requirement_id,
                item,
                criticality,
                applicable,
                held,
                int(expiring),
                int(in_progress),
                needed_count(applies_to, applicable, min_count, min_share),
            )
        )
    return result
