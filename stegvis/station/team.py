"""The team overview's data: one row per person in a unit, in a fixed number of queries.

A row brings together what a manager follows for each person: experience phase, job title and
basic competence, ladder step, journey progress, course days ahead, checklist tasks overdue and
competences expiring. Everything is loaded in batches (the unit's employments, the competence
profiles, the journeys, the registrations with their days and progress, the checklist tasks),
so a team of 40 costs the same number of queries as a team of one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.db.models import Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from stegvis.competences.profiles import build_profiles
from stegvis.competences.status import Status, TitleStatus
from stegvis.core.prepared import prepared
from stegvis.courses.models import (
    ChecklistTask,
    Course,
    CourseDay,
    CourseMaterial,
    Offering,
    Registration,
)
from stegvis.courses.selectors import (
    courses_visible_to,
    offerings_visible_to,
    registrable_people,
)
from stegvis.courses.services import registration as registration_service
from stegvis.courses.services.progress import progress_for
from stegvis.journeys.progress import relevant_registrations
from stegvis.journeys.selectors import JourneyView, journey_views
from stegvis.organisations.models import Unit
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for
from stegvis.people.models import Employment, Person
from stegvis.people.phases import Phase, experience_phase

PREPARATION_NOTICE = datetime.timedelta(days=7)
PHASE_ORDER = {Phase.NEW: 0, Phase.EXPERIENCED: 1, Phase.SENIOR: 2}
Part = ChecklistTask.Part


class Basic(StrEnum):
    """Basic competence of the person's title in this unit, in one word for the table."""

    MET = "met"
    TRANSITIONAL = "transitional"
    MISSING = "missing"
    NONE = "none"  # the title has no basic-competence rules


@dataclass
class OverdueTask:
    task: ChecklistTask
    registration: Registration


@dataclass
class TeamRow:
    person: Person
    employment: Employment
    phase: Phase | None
    title_status: TitleStatus | None = None
    placement: object | None = None
    journey: JourneyView | None = None
    next_day: CourseDay | None = None
    next_day_registration: Registration | None = None
    upcoming_days: int = 0
    overdue: list[OverdueTask] = field(default_factory=list)
    expired_count: int = 0
    expiring_count: int = 0
    nearest_expiry: datetime.date | None = None

    @property
    def basic(self) -> Basic:
        status = self.title_status
        if status is None or not status.groups:
            return Basic.NONE
        if status.complete:
            return Basic.MET
        return Basic.TRANSITIONAL if status.meets else Basic.MISSING

    @property
    def basic_until(self) -> datetime.date | None:
        """The earliest deadline of what is missing, while a transition rule still holds."""
        if self.basic != Basic.TRANSITIONAL:
            return None
        deadlines = [g.deadline for g in self.title_status.missing if g.deadline]
        return min(deadlines) if deadlines else None

    @property
    def journey_done(self) -> int:
        return self.journey.done_count if self.journey else 0

    @property
    def journey_total(self) -> int:
        return len(self.journey.current_stops) if self.journey else 0

    @property
    def journey_share(self) -> float | None:
        return self.journey_done / self.journey_total if self.journey_total else None

    @property
    def needs_attention(self) -> bool:
        return bool(
            self.basic == Basic.MISSING or self.overdue or self.expired_count or self.expiring_count
        )


def team_employments(unit: Unit, on: datetime.date) -> list[Employment]:
    """The unit's current employments, one per person (the largest extent wins)."""
    seen: dict[int, Employment] = {}
    for employment in _current_employments(unit.pk, on):
        seen.setdefault(employment.person_id, employment)
    return list(seen.values())


@prepared
def _current_employments(unit_id, on):
    return (
        Employment.objects.current(on)
        .filter(unit_id=unit_id)
        .select_related("person", "job_title")
        .order_by("person__last_name", "person__first_name", "person_id", "-extent_percent")
    )


@prepared
def _registrations_of(person_ids):
    return relevant_registrations(person_id__in=person_ids).select_related(None)


@prepared
def _offerings_with_days(offering_ids):
    return (
        Offering.objects.filter(pk__in=offering_ids)
        .select_related("course")
        .prefetch_related(Prefetch("days", queryset=CourseDay.objects.order_by("starts_at", "id")))
    )


@prepared
def _checklists(course_ids):
    # The model's order within a course, without its join.
    return ChecklistTask.objects.filter(course_id__in=course_ids).order_by(
        "course_id", "part", "order", "id"
    )


def load_registrations(people: list[Person]) -> tuple[list[Registration], dict]:
    """Active and completed registrations of many people, with days (in order) and progress.

    A team's registrations share a few offerings: each offering (with its course and days) is
    read and built once and shared by its registrations, not joined into every row.
    """
    registrations = _registrations_of([p.pk for p in people])
    shared = {o.pk: o for o in _offerings_with_days({r.offering_id for r in registrations})}
    for registration in registrations:
        registration.offering = shared[registration.offering_id]
    return registrations, progress_for(registrations)


def _tasks_by_course(registrations: list[Registration]) -> dict[int, list[ChecklistTask]]:
    course_ids = {
        r.offering.course_id
        for r in registrations
        if r.offering.course_id and r.status == Registration.Status.CONFIRMED
    }
    tasks: dict[int, list[ChecklistTask]] = {}
    for task in _checklists(course_ids):
        tasks.setdefault(task.course_id, []).append(task)
    return tasks


def overdue_tasks(
    registration: Registration,
    tasks: list[ChecklistTask],
    done: set[int],
    now: datetime.datetime,
    days: list[CourseDay] | None = None,
) -> list[OverdueTask]:
    """Preparation not done with the first day passed or within a week; follow-up not done
    (nor signed off) after the last day. ``days`` may pass the offering's days, in order."""
    days = list(registration.offering.days.all()) if days is None else days
    if not days or registration.completed_at is not None:
        return []
    prepare_late = days[0].starts_at <= now + PREPARATION_NOTICE
    follow_up_late = days[-1].ends_at < now and registration.follow_up_signed_off_at is None
    return [
        OverdueTask(task, registration)
        for task in tasks
        if task.pk not in done
        and (prepare_late if task.part == Part.PREPARATION else follow_up_late)
    ]


def _courses_part(row: TeamRow, registrations, progress, tasks, now) -> None:
    for registration in registrations:
        if registration.status != Registration.Status.CONFIRMED or registration.completed_at:
            continue
        days = list(registration.offering.days.all())
        for day in days:
            if day.ends_at < now:
                continue
            row.upcoming_days += 1
            if row.next_day is None or day.starts_at < row.next_day.starts_at:
                row.next_day, row.next_day_registration = day, registration
        row.overdue += overdue_tasks(
            registration,
            tasks.get(registration.offering.course_id, []),
            progress[registration.pk].done_task_ids,
            now,
            days,
        )


def _competence_part(row: TeamRow, profile) -> None:
    row.title_status = next(
        (s for s in profile.title_statuses if s.employment.pk == row.employment.pk), None
    )
    row.placement = profile.placement
    dates = []
    for state in profile.states.values():
        if state.status == Status.EXPIRED:
            row.expired_count += 1
        elif state.status == Status.EXPIRING:
            row.expiring_count += 1
        else:
            continue
        if state.expires_on:
            dates.append(state.expires_on)
    row.nearest_expiry = min(dates) if dates else None


def team_rows(
    unit: Unit, on: datetime.date | None = None, now: datetime.datetime | None = None
) -> list[TeamRow]:
    """One row per person currently employed in ``unit``, sorted by name."""
    now = now or timezone.now()
    on = on or timezone.localdate(now)
    employments = team_employments(unit, on)
    people = [e.person for e in employments]
    if not people:
        return []
    profiles = build_profiles(people, on, summary=True)
    loaded = load_registrations(people)
    journeys = journey_views(
        people,
        on,
        loaded=loaded,
        employments=[e for profile in profiles.values() for e in profile.employments],
        placements={pk: p.placement for pk, p in profiles.items() if p.placement},
    )
    registrations, progress = loaded
    tasks = _tasks_by_course(registrations)
    by_person: dict[int, list[Registration]] = {}
    for registration in registrations:
        by_person.setdefault(registration.person_id, []).append(registration)
    rows = []
    for employment in employments:
        person = employment.person
        row = TeamRow(person, employment, experience_phase(person.profession_start_date, on))
        row.journey = journeys.get(person.pk)
        _competence_part(row, profiles[person.pk])
        _courses_part(row, by_person.get(person.pk, []), progress, tasks, now)
        rows.append(row)
    return rows


# --- filtering and sorting -------------------------------------------------------------

UNKNOWN_PHASE = "unknown"
SORTS = ("name", "phase", "progress", "expiring")


def _name_key(row: TeamRow) -> tuple:
    return (row.person.last_name.casefold(), row.person.first_name.casefold(), row.person.pk)


def _sort_key(sort: str):
    if sort == "phase":
        return lambda r: (PHASE_ORDER.get(r.phase, 9), _name_key(r))
    if sort == "progress":
        return lambda r: (
            r.journey_share is None,
            r.journey_share if r.journey_share is not None else 0,
            _name_key(r),
        )
    if sort == "expiring":
        return lambda r: (
            r.nearest_expiry is None,
            r.nearest_expiry or datetime.date.max,
            _name_key(r),
        )
    return _name_key


def filter_rows(
    rows: list[TeamRow],
    *,
    phase: str = "",
    title: int | None = None,
    attention: bool = False,
    sort: str = "name",
) -> list[TeamRow]:
    """The rows that pass the filters, in the chosen order (name by default)."""
    if phase == UNKNOWN_PHASE:
        rows = [r for r in rows if r.phase is None]
    elif phase:
        rows = [r for r in rows if r.phase == phase]
    if title:
        rows = [r for r in rows if r.employment.job_title_id == title]
    if attention:
        rows = [r for r in rows if r.needs_attention]
    return sorted(rows, key=_sort_key(sort if sort in SORTS else "name"))


# --- registering people of the team --------------------------------------------------


def open_offerings(user, unit: Unit, now: datetime.datetime | None = None) -> QuerySet[Offering]:
    """Offerings the user sees that the unit's staff can register for now, soonest first.

    Open for registration, not cancelled, not started, and owned by the unit's municipality or
    its region.
    """
    now = now or timezone.now()
    return (
        offerings_visible_to(user)
        .filter(
            Q(municipality_id=unit.municipality_id) | Q(region_id=unit.municipality.region_id),
            opens_at__lte=now,
            closes_at__gte=now,
        )
        .exclude(decision=Offering.Decision.CANCELLED)
        .annotate(first_day=Min("days__starts_at"))
        .filter(Q(first_day__isnull=True) | Q(first_day__gt=now))
        .select_related("course")
        .order_by("first_day", "closes_at", "id")
    )


def registrable_team(user, unit: Unit, on: datetime.date | None = None) -> QuerySet[Person]:
    """People currently employed in ``unit`` whom ``user`` may register for courses."""
    here = Employment.objects.current(on).filter(person=OuterRef("pk"), unit=unit)
    return registrable_people(user).filter(Exists(here)).select_related("municipality", "region")


def registrable_ids(user, unit: Unit, rows: list[TeamRow]) -> set[int]:
    """Whom of the rows the user may register, without a query: everyone when the unit lies
    in the user's register scope, else only themself (``registrable_team`` decides on POST)."""
    if scope_for(user, Capability.REGISTER_STAFF).contains_unit(unit):
        return {row.person.pk for row in rows}
    return {row.person.pk for row in rows if row.person.user_id == user.pk}


@dataclass
class RegistrationResult:
    person: Person
    ok: bool
    text: str


def register_people(actor, offering: Offering, people, mode: str = "") -> list[RegistrationResult]:
    """Register each person through the courses service, each in a transaction of their own.

    One refusal (already registered, deadline passed, not open to their municipality...) is
    reported for that person and never stops the others.
    """
    results = []
    for person in people:
        try:
            registration = registration_service.register(
                actor=actor, offering=offering, person=person, mode=mode or None
            )
        except ValidationError as error:
            results.append(RegistrationResult(person, False, " ".join(error.messages)))
            continue
        except DatabaseError:
            results.append(
                RegistrationResult(person, False, _("Could not register just now; try again."))
            )
            continue
        if registration.status == Registration.Status.WAITING:
            position = registration_service.waiting_position(registration)
            text = _("On the waiting list, number %(n)d") % {"n": position}
        else:
            text = _("Seat confirmed (%(mode)s)") % {"mode": registration.get_mode_display()}
        results.append(RegistrationResult(person, True, text))
    return results


# --- materials and courses for managers ----------------------------------------------


def materials_for(user, search: str = "") -> QuerySet[CourseMaterial]:
    """Files and links of the courses the user sees, by course; ``search`` matches words in
    the material's or the course's title."""
    materials = CourseMaterial.objects.filter(
        course__in=courses_visible_to(user).filter(archived=False)
    ).select_related("course")
    for word in search.split()[:4]:
        materials = materials.filter(Q(title__icontains=word) | Q(course__title__icontains=word))
    return materials.order_by("course__title", "course_id", "order", "id")


def courses_for_managers(user, now: datetime.datetime | None = None) -> list[Course]:
    """Courses made for managers, each with ``next_offerings``: not cancelled, registration
    not yet closed, soonest first."""
    now = now or timezone.now()
    upcoming = (
        offerings_visible_to(user)
        .filter(closes_at__gte=now)
        .exclude(decision=Offering.Decision.CANCELLED)
        .annotate(first_day=Min("days__starts_at"))
        .order_by("first_day", "closes_at", "id")
    )
    return list(
        courses_visible_to(user)
        .filter(for_managers=True, archived=False)
        .prefetch_related(Prefetch("offerings", queryset=upcoming, to_attr="next_offerings"))
        .order_by("title", "id")
    )
