"""Plan activities follow their course registrations.

A course activity with a registration shows where the person is with the course:

* registered (a seat or a place in line) → ``registered``;
* the seat is confirmed and the preparation has begun or the first course day has started →
  ``in_progress``;
* the course is completed (preparation, every day, the follow-up signed off) → ``done``;
* the registration ended without completion (cancelled, handed to a colleague, an offer
  declined, the offering cancelled) → back to ``planned`` without the registration, with a note
  in the plan's history, so that a new offering can be chosen.

A planned course activity without a registration picks up the person's active registration on
its offering (or on an offering of its course) when they registered from the catalogue (at the
next tick; registering from the plan links at once).

Why a signal *and* the tick: the courses app must not know about plans (imports go one way),
so the plan learns of a changed registration from ``post_save`` on ``Registration`` and on
``TaskCompletion`` (``signals.py``), at once and in the same transaction. Time passing (the
first course day starting) saves nothing, and a bulk update of registrations sends no signal,
so ``development_tick`` runs ``sync_all`` too. Both compute the status
from the registration's state and write only what differs: running it twice changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.courses.models import CourseDay, Registration, TaskCompletion

from .models import PlanActivity

Status = PlanActivity.Status
COURSE_KINDS = (PlanActivity.Kind.COURSE, PlanActivity.Kind.JOURNEY_STOP)
FOLLOWING = (Status.REGISTERED, Status.IN_PROGRESS, Status.PLANNED)


def target_status(registration: Registration, *, started: bool, prepared: bool) -> str:
    """The activity status that ``registration``'s state means."""
    if registration.completed_at is not None:
        return Status.DONE
    if registration.status in Registration.ACTIVE:
        if registration.status == Registration.Status.CONFIRMED and (started or prepared):
            return Status.IN_PROGRESS
        return Status.REGISTERED
    return Status.PLANNED


def _candidates():
    """Planned course activities without a registration, of plans no later plan replaced."""
    return PlanActivity.objects.filter(
        registration__isnull=True,
        status=Status.PLANNED,
        kind__in=COURSE_KINDS,
        goal__plan__next_plan__isnull=True,
    ).filter(Q(offering__isnull=False) | Q(course__isnull=False))


def link_registrations(activities) -> list[PlanActivity]:
    """Give each candidate activity its person's active registration for it, if there is one."""
    activities = list(activities.select_related("goal__plan"))
    if not activities:
        return []
    people = {a.goal.plan.person_id for a in activities}
    taken = PlanActivity.objects.filter(registration__isnull=False).values("registration_id")
    registrations = list(
        Registration.objects.active()
        .filter(person_id__in=people)
        .exclude(pk__in=taken)
        .select_related("offering")
        .order_by("queued_at", "id")
    )
    used: set[int] = set()
    linked = []
    for activity in activities:
        person_id = activity.goal.plan.person_id
        for registration in registrations:
            if registration.person_id != person_id or registration.pk in used:
                continue
            if activity.offering_id is not None:
                fits = registration.offering_id == activity.offering_id
            else:
                fits = registration.offering.course_id == activity.course_id
            if fits:
                used.add(registration.pk)
                activity.registration = registration
                activity.offering = registration.offering
                activity.save(update_fields=["registration", "offering"])
                _linked(activity, registration)
                linked.append(activity)
                break
    return linked


def _linked(activity: PlanActivity, registration: Registration) -> None:
    plan = activity.goal.plan
    log_action(
        "development.activity.linked",
        actor=None,
        target=plan,
        source="system",
        message=gettext_noop("%(activity)s: the registration for %(offering)s is part of the plan"),
        data={
            "plan": plan.pk,
            "activity": activity.description,
            "activity_id": activity.pk,
            "offering": registration.offering.display_title,
            "registration": registration.pk,
        },
    )


def _facts(activities: list[PlanActivity], now: datetime.datetime):
    offering_ids = {a.registration.offering_id for a in activities}
    registration_ids = {a.registration_id for a in activities}
    firsts = dict(
        CourseDay.objects.filter(offering_id__in=offering_ids)
        .values("offering_id")
        .annotate(first=Min("starts_at"))
        .values_list("offering_id", "first")
    )
    started = {pk for pk, first in firsts.items() if first is not None and first <= now}
    prepared = set(
        TaskCompletion.objects.filter(registration_id__in=registration_ids)
        .values_list("registration_id", flat=True)
        .distinct()
    )
    return started, prepared


def _note(activity: PlanActivity, status: str, registration: Registration) -> None:
    plan = activity.goal.plan
    data = {
        "plan": plan.pk,
        "activity": activity.description,
        "activity_id": activity.pk,
        "offering": registration.offering.display_title,
        "registration": registration.pk,
        "status": status,
    }
    if status == Status.PLANNED:
        data["reason"] = str(registration.get_status_display())
        code, message = (
            "development.activity.registration_ended",
            gettext_noop(
                "The registration for %(offering)s ended (%(reason)s): "
                "%(activity)s is planned again"
            ),
        )
    else:
        code, message = (
            "development.activity.followed",
            gettext_noop("%(activity)s: %(status)s (from the course registration)"),
        )
    log_action(code, actor=None, target=plan, message=message, data=data, source="system")


def follow(activities, *, now: datetime.datetime | None = None) -> int:
    """Set each linked activity's status from its registration; returns how many changed."""
    now = now or timezone.now()
    activities = list(
        activities.filter(registration__isnull=False, status__in=FOLLOWING).select_related(
            "registration", "registration__offering", "goal__plan"
        )
    )
    if not activities:
        return 0
    started, prepared = _facts(activities, now)
    with transaction.atomic():
        return sum(_follow_one(a, started, prepared) for a in activities)


def _follow_one(activity: PlanActivity, started: set[int], prepared: set[int]) -> int:
    """Set one activity's status from its registration; 1 when it changed."""
    registration = activity.registration
    status = target_status(
        registration,
        started=registration.offering_id in started,
        prepared=registration.pk in prepared,
    )
    if status == activity.status and status != Status.PLANNED:
        return 0
    fields = ["status"]
    if status == Status.PLANNED:
        activity.registration = None
        fields.append("registration")
    if status == Status.DONE:
        activity.done_at = registration.completed_at
        fields.append("done_at")
    quiet = activity.status == Status.PLANNED and status == Status.REGISTERED  # just linked
    activity.status = status
    activity.save(update_fields=fields)
    if not quiet:
        _note(activity, status, registration)
    return 1


def sync_registration(registration_id: int) -> int:
    """After a registration changed, the activities linked to it follow (one query when there
    are none). Linking a registration made in the catalogue waits for the tick."""
    return follow(PlanActivity.objects.filter(registration_id=registration_id))


def sync_all(*, now: datetime.datetime | None = None) -> int:
    """Link catalogue registrations, then every open activity follows (the periodic run)."""
    with transaction.atomic():
        link_registrations(_candidates())
    return follow(PlanActivity.objects.all(), now=now)
