"""The demo's joint competence development plan: a draft for next term in Fyrbodal.

``seed_demo`` calls ``seed_regionplan`` after ``seed_development``, in the same transaction,
so that the demand it reads (gaps, development plans, waiting lists) is the demo's own. The
coordinator creates the plan for the next half-year and proposes one offering for each of the
three joint courses with the most demand: two course days, on site in Vänersborg with digital
places, seats for the demand (between 12 and 30), quotas suggested from the demand. The plan
stays a draft, so confirming it is left to whoever tries the demo.

``remove_regionplan`` deletes the demo regions' plans; ``reset_demo_data`` must call it before
the courses are removed (a proposal protects its course).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from stegvis.organisations.models import Region, Role, RoleAssignment
from stegvis.regionplan import services, terms
from stegvis.regionplan.models import JointPlan
from stegvis.regionplan.quotas import suggest_quotas
from stegvis.regionplan.table import plan_table

PLACE = "Fyrbodals kommunalförbund, Vänersborg"
ADDRESS = "Östergatan 10, 462 30 Vänersborg"
LINK = "https://meet.example.org/fyrbodal-gemensam-kurs"
PROPOSALS = 3


@dataclass
class RegionPlanSummary:
    term: str
    proposals: int
    courses_with_demand: int

    def lines(self) -> list[str]:
        return [
            f"  joint plan {self.term} (draft): {self.proposals} proposed offerings for "
            f"{self.courses_with_demand} courses with demand"
        ]


def _weekday(day: datetime.date) -> datetime.date:
    """The day itself or the Tuesday after, so that course days fall on working days."""
    while day.weekday() != 1:
        day += datetime.timedelta(days=1)
    return day


def seed_regionplan(*, today: datetime.date | None = None) -> RegionPlanSummary:
    """A draft joint plan of Fyrbodal for the next half-year with proposals for the courses
    most in demand."""
    today = today or timezone.localdate()
    with transaction.atomic():
        region = Region.objects.get(slug="fyrbodal")
        coordinator = (
            RoleAssignment.objects.active(today)
            .filter(role=Role.COORDINATOR, region=region)
            .select_related("user")
            .order_by("pk")
            .first()
            .user
        )
        kind, year = terms.next_term(today)
        plan = services.plan_create(actor=coordinator, region=region, kind=kind, year=year)
        rows = [r for r in plan_table(plan).rows if r.joint and r.total]
        first = _weekday(plan.starts_on + datetime.timedelta(days=35))
        for n, row in enumerate(rows[:PROPOSALS]):
            day = _weekday(first + datetime.timedelta(days=14 * n))
            seats = min(max(row.total, 12), 30)
            demand = {cell.municipality.pk: cell.total for cell in row.cells}
            quotas = suggest_quotas(demand, seats)
            by_id = {cell.municipality.pk: cell.municipality for cell in row.cells}
            services.proposal_add(
                actor=coordinator,
                plan=plan,
                course=row.course,
                quotas={by_id[m]: q for m, q in quotas.items()},
                attendance="hybrid",
                seats_on_site=seats,
                seats_digital=None,
                place=PLACE,
                address=ADDRESS,
                digital_link=LINK,
                first_day=day,
                day_count=2,
                days_apart=21,
                starts_at=datetime.time(9),
                ends_at=datetime.time(15, 30),
                closes_on=day - datetime.timedelta(days=21),
            )
    return RegionPlanSummary(
        term=f"{kind} {year}",
        proposals=plan.proposals.count(),
        courses_with_demand=len(rows),
    )


def remove_regionplan(regions: QuerySet[Region]) -> None:
    """Delete the joint plans of the demo regions (their proposals and quotas go with them)."""
    JointPlan.objects.filter(region__in=regions).delete()
