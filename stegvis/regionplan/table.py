"""The plan page's table: demand from each source against capacity, per course and municipality.

``plan_table`` reads everything in a fixed number of queries (see ``demand`` and ``capacity``)
and puts it together in Python. Only counts leave this module: the coordinator plans from
aggregates and never sees who lacks what in another municipality.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from stegvis.courses.models import Course
from stegvis.organisations.models import Municipality

from . import demand as sources
from .capacity import Capacity, capacities
from .models import JointPlan, Proposal, ProposalQuota


@dataclass
class Cell:
    municipality: Municipality
    gaps: int
    plans: int
    waiting: int
    total: int
    quota_before: int
    quota_after: int


@dataclass
class CourseRow:
    course: Course
    cells: list[Cell]
    before: Capacity
    after: Capacity
    proposals: list[Proposal]

    def _sum(self, name: str) -> int:
        return sum(getattr(cell, name) for cell in self.cells)

    @property
    def gaps(self) -> int:
        return self._sum("gaps")

    @property
    def plans(self) -> int:
        return self._sum("plans")

    @property
    def waiting(self) -> int:
        return self._sum("waiting")

    @property
    def total(self) -> int:
        return self._sum("total")

    @property
    def joint(self) -> bool:
        """A course of the region itself: only those can be offered jointly."""
        return self.course.region_id is not None

    @property
    def short_before(self) -> int:
        return 0 if self.before.unlimited else max(self.total - self.before.seats, 0)

    @property
    def short_after(self) -> int:
        return 0 if self.after.unlimited else max(self.total - self.after.seats, 0)


@dataclass
class PlanTable:
    plan: JointPlan
    municipalities: list[Municipality]  # the region's, or the one filtered for
    rows: list[CourseRow]
    quiet: int  # courses with neither demand nor offerings, left out
    proposals: list[Proposal]  # all of the plan's, whatever the filters

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


def proposals_of(plan: JointPlan) -> list[Proposal]:
    return list(
        plan.proposals.select_related("course").prefetch_related(
            Prefetch("quotas", queryset=ProposalQuota.objects.select_related("municipality"))
        )
    )


def _matches_area(course: Course, area: str) -> bool:
    return not area or not course.area_kinds or area in course.area_kinds


def gather(plan: JointPlan, courses: list[Course]) -> tuple[sources.Demand, list[Proposal]]:
    """Demand from the three sources for ``courses`` in the plan's term."""
    course_ids = {c.pk for c in courses}
    municipality_ids = set(plan.region.municipalities.values_list("pk", flat=True))
    taught = sources.courses_by_competence(course_ids)
    registrations = sources.active_registrations(course_ids)
    demand = sources.Demand(
        gaps=sources.gap_demand(plan.region, plan.starts_on, taught, course_ids),
        plans=sources.plan_demand(
            plan.region, plan.starts_on, plan.ends_on, taught, course_ids, registrations
        ),
        waiting=sources.waiting_demand(registrations, plan.ends_on, municipality_ids),
    )
    return demand, proposals_of(plan)


def plan_table(
    plan: JointPlan, *, area: str = "", municipality: Municipality | None = None, course=None
) -> PlanTable:
    """Rows for the courses of the region (filtered by operating area, or one course), cells
    for each municipality (or the one asked for)."""
    municipalities = [municipality] if municipality else list(plan.region.municipalities.all())
    courses = [
        c
        for c in sources.planning_courses(plan.region)
        if _matches_area(c, area) and (course is None or c.pk == course.pk)
    ]
    demand, proposals = gather(plan, courses)
    capacity = capacities(plan, [c.pk for c in courses], proposals)
    by_course: dict[int, list[Proposal]] = {}
    for proposal in proposals:
        by_course.setdefault(proposal.course_id, []).append(proposal)
    rows, quiet = [], 0
    for c in courses:
        before, after = capacity.of(c.pk)
        cells = [
            Cell(
                municipality=m,
                gaps=demand.gaps[(c.pk, m.pk)],
                plans=demand.plans[(c.pk, m.pk)],
                waiting=demand.waiting[(c.pk, m.pk)],
                total=demand.total((c.pk, m.pk)),
                quota_before=before.quotas[m.pk],
                quota_after=after.quotas[m.pk],
            )
            for m in municipalities
        ]
        row = CourseRow(c, cells, before, after, by_course.get(c.pk, []))
        if row.total or after.offerings or course is not None:
            rows.append(row)
        else:
            quiet += 1
    rows.sort(key=lambda r: (-r.short_after, -r.total, r.course.title))
    return PlanTable(plan, municipalities, rows, quiet, proposals)


def demand_for_course(plan: JointPlan, course: Course) -> dict[int, int]:
    """Total demand per municipality id for one course (for suggesting quotas)."""
    demand, _proposals = gather(plan, [course])
    ids = plan.region.municipalities.values_list("pk", flat=True)
    return {m: demand.total((course.pk, m)) for m in ids}
