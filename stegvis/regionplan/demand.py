"""Demand for the region's courses in a term, per course and municipality, from three sources.

Each source counts people (never names) and is kept apart from the others:

* **gaps** (``gap_demand``): in each unit, the people who lack a required competence the course
  teaches and are not on their way to it (registered for a course that teaches it); where a
  course teaches several required competences, the largest of those numbers in the unit, so a
  person missing two of them is not counted twice;
* **plans** (``plan_demand``): people whose current development plan has an activity due in the
  term, still planned and not registered, that names the course, or whose goal is a competence
  the course teaches when the activity names no course; each person once per course, and not if
  they hold an active registration for the course already;
* **waiting** (``waiting_demand``): people on the waiting list of an offering of the course
  whose first course day is in or before the term; each person once per course.

Every function runs a fixed number of queries, whatever the number of municipalities, courses
or people.
"""

from __future__ import annotations

import datetime
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from stegvis.courses.models import Course, Offering, Registration
from stegvis.development.models import PlanActivity
from stegvis.gaps.counts import Area, coverage
from stegvis.organisations.models import Region

Key = tuple[int, int]  # (course id, municipality id)


@dataclass
class Demand:
    """People per (course id, municipality id), one counter per source."""

    gaps: Counter = field(default_factory=Counter)
    plans: Counter = field(default_factory=Counter)
    waiting: Counter = field(default_factory=Counter)

    def total(self, key: Key) -> int:
        """Waiting lists plus the larger of gaps and plans: a planned activity is usually the
        answer to a gap of the same person, so the two are not added up."""
        return self.waiting[key] + max(self.gaps[key], self.plans[key])


def planning_courses(region: Region) -> QuerySet[Course]:
    """Non-archived courses of the region and of its municipalities."""
    return Course.objects.filter(
        Q(region=region) | Q(municipality__region=region), archived=False
    ).select_related("region", "municipality")


def courses_by_competence(course_ids) -> dict[uuid.UUID, set[int]]:
    """Which of the courses teach each competence (by item identifier, across versions)."""
    rows = Course.goals.through.objects.filter(course_id__in=list(course_ids)).values_list(
        "item__identifier", "course_id"
    )
    taught: dict[uuid.UUID, set[int]] = defaultdict(set)
    for identifier, course_id in rows:
        taught[identifier].add(course_id)
    return taught


@dataclass(frozen=True)
class ActiveRegistration:
    person_id: int
    municipality_id: int | None
    course_id: int
    status: str
    first_day: datetime.datetime | None


def active_registrations(course_ids) -> list[ActiveRegistration]:
    """Seats held and places in line on offerings of the courses (not cancelled ones)."""
    rows = (
        Registration.objects.active()
        .filter(offering__course_id__in=list(course_ids))
        .exclude(offering__decision=Offering.Decision.CANCELLED)
        .annotate(first_day=Min("offering__days__starts_at"))
        .values_list(
            "person_id",
            "municipality_id",
            "person__municipality_id",
            "offering__course_id",
            "status",
            "first_day",
        )
    )
    return [
        ActiveRegistration(person, own or home, course, status, first)
        for person, own, home, course, status, first in rows
    ]


def waiting_demand(
    registrations: list[ActiveRegistration], ends_on: datetime.date, municipality_ids
) -> Counter:
    """People on a waiting list of an offering whose first day is in or before the term."""
    people: dict[Key, set[int]] = defaultdict(set)
    for row in registrations:
        if row.status != Registration.Status.WAITING or row.municipality_id not in municipality_ids:
            continue
        if row.first_day is not None and timezone.localtime(row.first_day).date() > ends_on:
            continue
        people[(row.course_id, row.municipality_id)].add(row.person_id)
    return Counter({key: len(ids) for key, ids in people.items()})


def plan_demand(
    region: Region,
    starts_on: datetime.date,
    ends_on: datetime.date,
    taught: dict[uuid.UUID, set[int]],
    course_ids: set[int],
    registrations: list[ActiveRegistration],
) -> Counter:
    """People with a planned, unregistered activity due in the term, per course."""
    rows = PlanActivity.objects.filter(
        status=PlanActivity.Status.PLANNED,
        registration__isnull=True,
        due_on__range=(starts_on, ends_on),
        goal__plan__next_plan__isnull=True,
        goal__plan__unit__municipality__region=region,
    ).values_list(
        "goal__plan__person_id",
        "goal__plan__unit__municipality_id",
        "course_id",
        "goal__item__identifier",
    )
    registered = {(r.person_id, r.course_id) for r in registrations}
    people: dict[Key, set[int]] = defaultdict(set)
    for person, municipality, course, identifier in rows:
        if course is not None:
            courses = {course} & course_ids
        else:
            courses = taught.get(identifier, set()) if identifier else set()
        for course_id in courses:
            if (person, course_id) not in registered:
                people[(course_id, municipality)].add(person)
    return Counter({key: len(ids) for key, ids in people.items()})


def gap_counts(rows, taught: dict[uuid.UUID, set[int]], course_ids: set[int]) -> Counter:
    """People per (course, municipality) from coverage rows (``gaps.counts.CoverageRow``).

    In a unit, a requirement leaves ``min(shortfall, not holding it) - in progress`` people to
    train. Several requirements on one competence in a unit, or several competences taught by
    one course, describe (mostly) the same people, so each course takes the largest of those
    numbers in the unit; the units' numbers are then added up per municipality.
    """
    per_unit: dict[tuple[int, int], int] = {}
    municipality_of: dict[int, int] = {}
    for row in rows:
        lacking = max(min(row.shortfall, row.applicable - row.held) - row.in_progress, 0)
        if not lacking:
            continue
        municipality_of[row.unit_id] = row.municipality_id
        for course_id in taught.get(row.item_identifier, set()) & course_ids:
            key = (course_id, row.unit_id)
            per_unit[key] = max(per_unit.get(key, 0), lacking)
    counts: Counter = Counter()
    for (course_id, unit_id), n in per_unit.items():
        counts[(course_id, municipality_of[unit_id])] += n
    return counts


def gap_demand(
    region: Region, starts_on: datetime.date, taught: dict[uuid.UUID, set[int]], course_ids
) -> Counter:
    """Gaps in the region's units at the start of the term (or today, if it has begun):
    one statement of the gap engine."""
    on = max(starts_on, timezone.localdate())
    return gap_counts(coverage(Area("region", region.pk), on), taught, set(course_ids))
