"""Seats for each course in a term: the offerings there are, and those the plan proposes.

*Before* counts the offerings of the course (not cancelled) whose first course day lies in the
term, without those the plan itself created. *After* adds the plan's proposals (for a confirmed
proposal, the offering it created, as it stands now). Seats are the on-site seats plus the
digital places where they are limited; an offering with unlimited digital places is flagged.
Quotas are the on-site seats reserved per municipality.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Min, Q
from django.utils import timezone

from stegvis.courses.models import Offering, OfferingQuota

from .models import JointPlan, Proposal


@dataclass
class Capacity:
    offerings: int = 0
    seats: int = 0
    unlimited: bool = False
    quotas: Counter = field(default_factory=Counter)  # municipality id -> seats

    def add(self, seats: int, unlimited: bool, quotas: dict[int, int]) -> None:
        self.offerings += 1
        self.seats += seats
        self.unlimited = self.unlimited or unlimited
        self.quotas.update(quotas)

    def copy(self) -> Capacity:
        return Capacity(self.offerings, self.seats, self.unlimited, Counter(self.quotas))


def _limited(attendance: str, on_site: int | None, digital: int | None) -> tuple[int, bool]:
    modes = Offering(attendance=attendance).modes()
    seats = (on_site or 0) if "on_site" in modes else 0
    if "digital" in modes:
        if digital is None:
            return seats, True
        seats += digital
    return seats, False


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _offerings_in_term(course_ids, starts_on, ends_on) -> list[tuple]:
    start, end = _day_start(starts_on), _day_start(ends_on + datetime.timedelta(days=1))
    return list(
        Offering.objects.filter(kind=Offering.Kind.COURSE, course_id__in=list(course_ids))
        .exclude(decision=Offering.Decision.CANCELLED)
        .annotate(first=Min("days__starts_at"))
        .filter(
            Q(first__gte=start, first__lt=end)
            | Q(first__isnull=True, closes_at__gte=start, closes_at__lt=end)
        )
        .values_list("pk", "course_id", "attendance", "seats_on_site", "seats_digital")
    )


def _quotas_of(offering_ids) -> dict[int, dict[int, int]]:
    quotas: dict[int, dict[int, int]] = defaultdict(dict)
    rows = OfferingQuota.objects.filter(offering_id__in=list(offering_ids)).values_list(
        "offering_id", "municipality_id", "seats"
    )
    for offering_id, municipality_id, seats in rows:
        quotas[offering_id][municipality_id] = seats
    return quotas


@dataclass
class Capacities:
    before: dict[int, Capacity]  # course id -> capacity
    after: dict[int, Capacity]

    def of(self, course_id: int) -> tuple[Capacity, Capacity]:
        return self.before.get(course_id, Capacity()), self.after.get(course_id, Capacity())


def capacities(plan: JointPlan, course_ids, proposals: list[Proposal]) -> Capacities:
    """Capacity per course before and after the plan. ``proposals`` come with their quotas
    prefetched."""
    offerings = _offerings_in_term(course_ids, plan.starts_on, plan.ends_on)
    linked = {p.offering_id for p in proposals if p.offering_id}
    quotas = _quotas_of([row[0] for row in offerings])
    before: dict[int, Capacity] = defaultdict(Capacity)
    current: dict[int, tuple] = {}
    for pk, course_id, attendance, on_site, digital in offerings:
        if pk in linked:
            current[pk] = (attendance, on_site, digital)
            continue
        before[course_id].add(*_limited(attendance, on_site, digital), quotas.get(pk, {}))
    after = {course_id: capacity.copy() for course_id, capacity in before.items()}
    for proposal in proposals:
        if proposal.offering_id in current:
            numbers = current[proposal.offering_id]
            reserved = quotas.get(proposal.offering_id, {})
        else:
            numbers = (proposal.attendance, proposal.seats_on_site, proposal.seats_digital)
            reserved = {q.municipality_id: q.seats for q in proposal.quotas.all()}
        after.setdefault(proposal.course_id, Capacity()).add(*_limited(*numbers), reserved)
    return Capacities(dict(before), after)
