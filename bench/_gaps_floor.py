"""The floor of bench/gaps.py: one hand-written SQL statement per level that computes, per
requirement, the totals the gap analysis shows (applicable, held, expiring, in progress,
shortfall summed over the units open on the day), with the same rules as the unit competence
matrix (``station.matrix``) and ``competences.status``, as of a day.

It runs unchanged on PostgreSQL and SQLite (no dialect functions; dates come as parameters).
"""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils import timezone

WARNING_DAYS = 90  # competences.status.EXPIRY_WARNING_DAYS

LEVELS = {
    "unit": "u.id = %s",
    "municipality": "u.municipality_id = %s",
    "region": "m.region_id = %s",
    "installation": "1 = 1",
}

# Parameters, in order of their %s: a = area pk, on, until (UTC end of the day: entries
# recorded later are ignored), warn (on + 90 days), end (local end of the day: registrations).
FLOOR_SQL = """
WITH units AS (
    SELECT u.id, u.municipality_id, m.region_id, u.kind, a.kind AS area_kind
    FROM organisations_unit u
    JOIN organisations_municipality m ON m.id = u.municipality_id
    JOIN organisations_operatingarea a ON a.id = u.operating_area_id
    WHERE {where}
      AND u.opened_on <= %(on)s AND (u.closed_on IS NULL OR u.closed_on > %(on)s)
), in_force AS (
    SELECT * FROM competences_requirement r
    WHERE r.valid_from <= %(on)s AND (r.valid_to IS NULL OR r.valid_to >= %(on)s)
), layered AS (
    SELECT u.*, r.id AS requirement_id, r.applies_to, r.area_kind AS wants_area,
           r.job_title_id, r.target_unit_id, r.unit_kind, r.item_identifier,
           r.min_count, r.min_share
    FROM units u JOIN in_force r ON r.region_id = u.region_id
    UNION ALL
    SELECT u.*, r.id, r.applies_to, r.area_kind, r.job_title_id, r.target_unit_id,
           r.unit_kind, r.item_identifier, r.min_count, r.min_share
    FROM units u JOIN in_force r ON r.municipality_id = u.municipality_id
    UNION ALL
    SELECT u.*, r.id, r.applies_to, r.area_kind, r.job_title_id, r.target_unit_id,
           r.unit_kind, r.item_identifier, r.min_count, r.min_share
    FROM units u JOIN in_force r ON r.unit_id = u.id
), reqs AS (
    SELECT requirement_id, id AS unit_id, applies_to, job_title_id, item_identifier,
           min_count, min_share
    FROM layered
    WHERE (applies_to = 'area' AND wants_area = area_kind)
       OR applies_to = 'title'
       OR (applies_to = 'unit' AND (target_unit_id = id
                                    OR (target_unit_id IS NULL AND unit_kind = kind)))
), staff AS (
    SELECT DISTINCT e.unit_id, e.person_id, e.job_title_id
    FROM people_employment e JOIN units u ON u.id = e.unit_id
    WHERE e.start_date <= %(on)s AND (e.end_date IS NULL OR e.end_date >= %(on)s)
), people AS (
    SELECT DISTINCT unit_id, person_id FROM staff
), applies AS (
    SELECT q.requirement_id, q.unit_id, p.person_id, q.item_identifier
    FROM reqs q JOIN people p ON p.unit_id = q.unit_id
    WHERE q.applies_to <> 'title'
    UNION ALL
    SELECT q.requirement_id, q.unit_id, s.person_id, q.item_identifier
    FROM reqs q JOIN staff s ON s.unit_id = q.unit_id AND s.job_title_id = q.job_title_id
    WHERE q.applies_to = 'title'
), held AS (
    SELECT c.person_id, c.item_identifier,
           MAX(CASE WHEN c.expires_on IS NULL OR c.expires_on > %(warn)s THEN 1 ELSE 0 END)
               AS met
    FROM competences_competencerecord c
    WHERE c.person_id IN (SELECT person_id FROM people)
      AND c.kind IN ('education', 'certificate', 'course', 'assessed', 'self_assessed')
      AND c.achieved_on <= %(on)s AND c.recorded_at <= %(until)s
      AND (c.expires_on IS NULL OR c.expires_on >= %(on)s)
      AND NOT EXISTS (
          SELECT 1 FROM competences_competencerecord w
          WHERE w.refers_to_id = c.id AND w.kind = 'withdrawal' AND w.recorded_at <= %(until)s)
      AND (c.kind <> 'self_assessed' OR EXISTS (
          SELECT 1 FROM competences_competencerecord k
          WHERE k.refers_to_id = c.id AND k.kind = 'confirmation'
            AND k.recorded_at <= %(until)s))
    GROUP BY c.person_id, c.item_identifier
), progress AS (
    SELECT DISTINCT g.person_id, i.identifier AS item_identifier
    FROM courses_registration g
    JOIN courses_offering o ON o.id = g.offering_id
    JOIN courses_course_goals cg ON cg.course_id = o.course_id
    JOIN competences_item i ON i.id = cg.item_id
    WHERE g.person_id IN (SELECT person_id FROM people) AND g.queued_at <= %(end)s
      AND ((g.status IN ('confirmed', 'waiting', 'offered') AND g.completed_at IS NULL)
           OR g.completed_at > %(end)s)
), per_unit AS (
    SELECT a.requirement_id, a.unit_id, COUNT(*) AS applicable, COUNT(h.person_id) AS held,
           SUM(CASE WHEN h.met = 0 THEN 1 ELSE 0 END) AS expiring,
           SUM(CASE WHEN h.person_id IS NULL AND p.person_id IS NOT NULL THEN 1 ELSE 0 END)
               AS in_progress
    FROM applies a
    LEFT JOIN held h ON h.person_id = a.person_id AND h.item_identifier = a.item_identifier
    LEFT JOIN progress p ON p.person_id = a.person_id AND p.item_identifier = a.item_identifier
    GROUP BY a.requirement_id, a.unit_id
), needs AS (
    SELECT q.requirement_id, COALESCE(n.applicable, 0) AS applicable,
           COALESCE(n.held, 0) AS held, COALESCE(n.expiring, 0) AS expiring,
           COALESCE(n.in_progress, 0) AS in_progress,
           CASE WHEN q.applies_to <> 'unit' THEN COALESCE(n.applicable, 0)
                WHEN COALESCE(q.min_count, 0)
                     >= (COALESCE(n.applicable, 0) * COALESCE(q.min_share, 0) + 99) / 100
                THEN COALESCE(q.min_count, 0)
                ELSE (COALESCE(n.applicable, 0) * COALESCE(q.min_share, 0) + 99) / 100
           END AS needed
    FROM reqs q
    LEFT JOIN per_unit n ON n.requirement_id = q.requirement_id AND n.unit_id = q.unit_id
)
SELECT requirement_id, SUM(applicable), SUM(held), SUM(expiring), SUM(in_progress),
       SUM(CASE WHEN needed > held THEN needed - held ELSE 0 END)
FROM needs
GROUP BY requirement_id
ORDER BY requirement_id
"""

Totals = dict[int, tuple[int, int, int, int, int]]


def _params(on: datetime.date) -> dict:
    until = datetime.datetime.combine(on, datetime.time.max, tzinfo=datetime.UTC)
    end = timezone.make_aware(datetime.datetime.combine(on, datetime.time.max))
    values = {"on": on, "until": until, "warn": on + datetime.timedelta(days=WARNING_DAYS)}
    values["end"] = end
    if connection.vendor == "sqlite":  # compared as text there, in Django's own format
        ops = connection.ops
        values = {
            "on": ops.adapt_datefield_value(values["on"]),
            "warn": ops.adapt_datefield_value(values["warn"]),
            "until": ops.adapt_datetimefield_value(values["until"]),
            "end": ops.adapt_datetimefield_value(values["end"]),
        }
    return values


def floor_sql(level: str) -> str:
    return FLOOR_SQL.format(where=LEVELS[level].replace("%s", "%(area)s"))


def floor(level: str, pk: int | None, on: datetime.date) -> Totals:
    """Per requirement: (applicable, held, expiring, in progress, shortfall), one statement."""
    params = {**_params(on), "area": pk}
    with connection.cursor() as cursor:
        cursor.execute(floor_sql(level), params)
        return {row[0]: tuple(int(v) for v in row[1:]) for row in cursor.fetchall()}


def explain(level: str, pk: int | None, on: datetime.date) -> str:
    """EXPLAIN ANALYZE of the floor (PostgreSQL), for reading where its time goes."""
    params = {**_params(on), "area": pk}
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + floor_sql(level), params)
        return "\n".join(row[0] for row in cursor.fetchall())


def nonzero(totals: Totals) -> Totals:
    """Requirements where anything is counted (a requirement in force for no one may or may
    not be listed, with zeros, without changing any figure)."""
    return {pk: t for pk, t in totals.items() if any(t)}


def matrix_totals(unit_pks, on: datetime.date) -> Totals:
    """The same totals from the unit competence matrix (``station.matrix``), unit by unit:
    an independent check of the floor's rules on a few units."""
    from stegvis.organisations.models import Unit
    from stegvis.station.matrix import CellState, unit_matrix

    totals: dict[int, list[int]] = {}
    units = Unit.objects.select_related("municipality", "operating_area").filter(pk__in=unit_pks)
    for unit in units:
        matrix = unit_matrix(unit, on)
        for n, column in enumerate(matrix.columns):
            expiring = sum(row.cells[n].state == CellState.EXPIRING for row in matrix.rows)
            found = totals.setdefault(column.requirement.pk, [0, 0, 0, 0, 0])
            for i, value in enumerate(
                (column.applicable, column.held, expiring, column.in_progress, column.shortfall)
            ):
                found[i] += value
    return {pk: tuple(v) for pk, v in totals.items()}
