"""The employee's next actions: tasks due, course days coming, and the next stop to book."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Min, Prefetch
from django.utils import timezone

from stegvis.courses.models import ChecklistTask, CourseDay, Offering, Registration
from stegvis.courses.services.progress import progress_for

from .progress import StopState, relevant_registrations


@dataclass
class DueTask:
    task: ChecklistTask
    registration: Registration
    due: datetime.datetime | None

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.now()


@dataclass
class NextActions:
    tasks: list[DueTask]
    days: list[tuple[CourseDay, Registration]]
    to_book: list[tuple[object, Offering]]  # (StopView, the next open offering)


def load_registrations(person) -> tuple[list[Registration], dict]:
    """The person's active and completed registrations with their days and progress."""
    registrations = list(
        relevant_registrations(person=person).prefetch_related(
            Prefetch("offering__days", queryset=CourseDay.objects.order_by("starts_at"))
        )
    )
    return registrations, progress_for(registrations)


def next_actions(
    person, journey_view=None, *, now=None, limit: int = 5, loaded=None
) -> NextActions:
    """What the person should do next, in a fixed number of queries."""
    now = now or timezone.now()
    registrations, progress = loaded or load_registrations(person)
    registrations = [
        r
        for r in registrations
        if r.status == Registration.Status.CONFIRMED and r.completed_at is None
    ]
    course_ids = {r.offering.course_id for r in registrations if r.offering.course_id}
    tasks_by_course: dict[int, list[ChecklistTask]] = {}
    for task in ChecklistTask.objects.filter(course_id__in=course_ids):
        tasks_by_course.setdefault(task.course_id, []).append(task)
    tasks, days = [], []
    for registration in registrations:
        offering_days = list(registration.offering.days.all())
        first = offering_days[0].starts_at if offering_days else None
        last_over = bool(offering_days) and offering_days[-1].ends_at < now
        done = progress[registration.pk].done_task_ids
        for task in tasks_by_course.get(registration.offering.course_id, []):
            if task.pk in done:
                continue
            if task.part == ChecklistTask.Part.PREPARATION and not last_over:
                tasks.append(DueTask(task, registration, first))
            elif task.part == ChecklistTask.Part.FOLLOW_UP and last_over:
                tasks.append(DueTask(task, registration, None))
        days += [(day, registration) for day in offering_days if day.ends_at >= now]
    tasks.sort(key=lambda t: (t.due is None, t.due or now))
    days.sort(key=lambda pair: pair[0].starts_at)
    to_book = []
    if journey_view is not None:
        open_stops = [s for s in journey_view.current_stops if s.state == StopState.NOT_STARTED]
        open_stops.sort(key=lambda s: (not s.stop.required, s.stop.order))
        offerings = _next_offerings([s.stop.course_id for s in open_stops], person, now)
        to_book = [
            (s, offerings[s.stop.course_id]) for s in open_stops if s.stop.course_id in offerings
        ]
    return NextActions(tasks[:limit], days[:limit], to_book[:3])


def _next_offerings(course_ids, person, now) -> dict[int, Offering]:
    """The soonest offering open for registration to ``person`` for each course."""
    from django.db.models import Q

    owner = Q(region_id=person.region_id)
    if person.municipality_id:
        owner |= Q(municipality_id=person.municipality_id)
    offerings = (
        Offering.objects.filter(
            owner, course_id__in=course_ids, opens_at__lte=now, closes_at__gte=now
        )
        .exclude(decision=Offering.Decision.CANCELLED)
        .annotate(first_day=Min("days__starts_at"))
        .filter(first_day__gt=now)
        .order_by("first_day")
    )
    result = {}
    for offering in offerings:
        result.setdefault(offering.course_id, offering)
    return result
