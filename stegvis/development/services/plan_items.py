"""Goals and activities of a development plan: written until the plan is approved, then
followed up (activity status, goal outcomes) and registered for from the plan.

Every change is in the plan's audit trail. A change to the goals or activities after one
approval asks for both approvals again (``plans.mark_changed``).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.courses.models import Offering, Registration
from stegvis.courses.services.registration import first_day_start, register
from stegvis.people.models import Person

from ..models import DevelopmentPlan, PlanActivity, PlanGoal
from .plans import (
    ACTIVITY_FIELDS,
    COURSE_KINDS,
    GOAL_FIELDS,
    MANUAL_STATUSES,
    Kind,
    Outcome,
    Status,
    check_editable,
    log,
    mark_changed,
)


def _clean_goal(data: dict) -> dict:
    kind = data.get("kind")
    needs = {
        PlanGoal.Kind.COMPETENCE: ("item", _("Choose the competence.")),
        PlanGoal.Kind.LADDER_STEP: ("ladder_step", _("Choose the step on the ladder.")),
        PlanGoal.Kind.CAREER: ("job_title", _("Choose the title to aim for.")),
    }
    if kind not in PlanGoal.Kind.values:
        raise ValidationError({"kind": _("Choose what kind of goal this is.")})
    cleaned = {"kind": kind, "description": (data.get("description") or "").strip()}
    for name in ("item", "ladder_step", "job_title"):
        cleaned[name] = data.get(name) if needs.get(kind, (None,))[0] == name else None
    if kind in needs and cleaned[needs[kind][0]] is None:
        raise ValidationError({needs[kind][0]: needs[kind][1]})
    if not cleaned["description"]:
        if cleaned["item"] is not None:
            cleaned["description"] = cleaned["item"].title
        elif cleaned["ladder_step"] or cleaned["job_title"]:
            cleaned["description"] = str(cleaned["ladder_step"] or cleaned["job_title"])
        else:
            raise ValidationError({"description": _("Describe the goal.")})
    return cleaned


@transaction.atomic
def goal_add(*, actor, plan: DevelopmentPlan, **data) -> PlanGoal:
    check_editable(plan)
    cleaned = _clean_goal(data)
    order = (plan.goals.aggregate(last=Max("order"))["last"] or 0) + 1
    goal = PlanGoal.objects.create(plan=plan, order=order, **cleaned)
    mark_changed(plan, actor=actor)
    log(
        plan,
        "goal.added",
        actor=actor,
        message=gettext_noop("Goal added: %(goal)s"),
        goal=goal.description[:200],
    )
    return goal


@transaction.atomic
def goal_update(*, actor, goal: PlanGoal, **data) -> PlanGoal:
    check_editable(goal.plan)
    for name, value in _clean_goal(data).items():
        setattr(goal, name, value)
    goal.save(update_fields=list(GOAL_FIELDS))
    mark_changed(goal.plan, actor=actor)
    log(
        goal.plan,
        "goal.changed",
        actor=actor,
        message=gettext_noop("Goal changed: %(goal)s"),
        goal=goal.description[:200],
    )
    return goal


@transaction.atomic
def goal_delete(*, actor, goal: PlanGoal) -> None:
    plan = goal.plan
    check_editable(plan)
    description = goal.description[:200]
    goal.delete()
    mark_changed(plan, actor=actor)
    log(
        plan,
        "goal.removed",
        actor=actor,
        message=gettext_noop("Goal removed: %(goal)s"),
        goal=description,
    )


def _check_offering(offering: Offering, person: Person, now: datetime.datetime) -> None:
    if offering.decision == Offering.Decision.CANCELLED:
        raise ValidationError({"offering": _("That offering has been cancelled.")})
    start = first_day_start(offering)
    if (start is not None and start <= now) or offering.closes_at < now:
        raise ValidationError({"offering": _("Choose an offering that has not started or closed.")})


def _clean_activity(goal: PlanGoal, data: dict, now: datetime.datetime) -> dict:
    cleaned = {name: data.get(name) for name in ACTIVITY_FIELDS}
    for name in ("description", "sharing_how", "sharing_with"):
        cleaned[name] = (cleaned[name] or "").strip()
    cleaned["owner"] = cleaned["owner"] or PlanActivity.Owner.EMPLOYEE
    errors = {}
    if cleaned["kind"] not in Kind.values:
        errors["kind"] = _("Choose what kind of activity this is.")
    if cleaned["due_on"] is None:
        errors["due_on"] = _("Set a date by which it is done.")
    if cleaned["kind"] in COURSE_KINDS:
        offering, course = cleaned["offering"], cleaned["course"]
        if offering is not None:
            if course is not None and offering.course_id != course.pk:
                errors["offering"] = _("The offering is of another course.")
            cleaned["course"] = offering.course
            try:
                _check_offering(offering, goal.plan.person, now)
            except ValidationError as error:
                errors.update(error.message_dict)
        elif course is None:
            errors["course"] = _("Choose a course or one of its offerings.")
        if not cleaned["sharing_how"]:
            errors["sharing_how"] = _(
                "Agree how the new knowledge will be shared with colleagues (required for courses)."
            )
        if not cleaned["sharing_with"]:
            errors["sharing_with"] = _("Agree with whom the knowledge will be shared.")
        if cleaned["sharing_by"] is None:
            errors["sharing_by"] = _("Agree by when the knowledge will be shared.")
        if not cleaned["description"] and cleaned["course"] is not None:
            cleaned["description"] = cleaned["course"].title
    else:
        cleaned["course"] = cleaned["offering"] = None
    if not cleaned["description"]:
        errors["description"] = _("Describe the activity.")
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def activity_add(
    *, actor, goal: PlanGoal, now: datetime.datetime | None = None, **data
) -> PlanActivity:
    plan = goal.plan
    check_editable(plan)
    cleaned = _clean_activity(goal, data, now or timezone.now())
    activity = PlanActivity.objects.create(goal=goal, **cleaned)
    mark_changed(plan, actor=actor)
    log(
        plan,
        "activity.added",
        actor=actor,
        message=gettext_noop("Activity added: %(activity)s"),
        activity=activity.description,
    )
    return activity


@transaction.atomic
def activity_update(
    *, actor, activity: PlanActivity, now: datetime.datetime | None = None, **data
) -> PlanActivity:
    plan = activity.goal.plan
    check_editable(plan)
    cleaned = _clean_activity(activity.goal, data, now or timezone.now())
    if activity.registration_id and cleaned["offering"] != activity.offering:
        raise ValidationError(
            {"offering": _("The person is registered already; cancel the registration first.")}
        )
    for name, value in cleaned.items():
        setattr(activity, name, value)
    activity.save(update_fields=list(ACTIVITY_FIELDS))
    mark_changed(plan, actor=actor)
    log(
        plan,
        "activity.changed",
        actor=actor,
        message=gettext_noop("Activity changed: %(activity)s"),
        activity=activity.description,
    )
    return activity


@transaction.atomic
def activity_delete(*, actor, activity: PlanActivity) -> None:
    plan = activity.goal.plan
    check_editable(plan)
    description = activity.description
    activity.delete()
    mark_changed(plan, actor=actor)
    log(
        plan,
        "activity.removed",
        actor=actor,
        message=gettext_noop("Activity removed: %(activity)s"),
        activity=description,
    )


def _check_follow_up_allowed(plan: DevelopmentPlan) -> None:
    if not plan.approved:
        raise ValidationError(_("Status and outcomes are followed up once the plan is approved."))


@transaction.atomic
def goal_set_outcome(*, actor, goal: PlanGoal, outcome: str) -> PlanGoal:
    _check_follow_up_allowed(goal.plan)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    if goal.outcome != outcome:
        goal.outcome = outcome
        goal.save(update_fields=["outcome"])
        log(
            goal.plan,
            "goal.outcome",
            actor=actor,
            message=gettext_noop("%(goal)s: %(outcome)s"),
            goal=goal.description[:200],
            outcome=outcome,
        )
    return goal


@transaction.atomic
def activity_set_status(
    *, actor, activity: PlanActivity, status: str, now: datetime.datetime | None = None
) -> PlanActivity:
    """Follow-up of an activity that no course registration drives."""
    _check_follow_up_allowed(activity.goal.plan)
    if activity.registration_id is not None:
        raise ValidationError(_("This activity follows its course registration."))
    if status not in MANUAL_STATUSES:
        raise ValidationError({"status": _("Choose a status.")})
    if activity.status != status:
        activity.status = status
        activity.done_at = (now or timezone.now()) if status == Status.DONE else None
        activity.save(update_fields=["status", "done_at"])
        log(
            activity.goal.plan,
            "activity.status",
            actor=actor,
            message=gettext_noop("%(activity)s: %(status)s"),
            activity=activity.description,
            status=status,
        )
    return activity


@transaction.atomic
def activity_register(
    *,
    actor,
    activity: PlanActivity,
    offering: Offering | None = None,
    mode: str | None = None,
    now: datetime.datetime | None = None,
) -> Registration:
    """Register the plan's person on the activity's offering (or another of its course)."""
    now = now or timezone.now()
    plan = activity.goal.plan
    if activity.kind not in COURSE_KINDS:
        raise ValidationError(_("Only a course activity can be registered for."))
    if activity.status not in (Status.PLANNED,) or activity.registration_id is not None:
        raise ValidationError(_("The activity already has a registration."))
    offering = offering or activity.offering
    if offering is None:
        raise ValidationError({"offering": _("Choose an offering of the course.")})
    if activity.course_id is not None and offering.course_id != activity.course_id:
        raise ValidationError({"offering": _("The offering is of another course.")})
    person = plan.person
    registration = Registration.objects.active().filter(
        offering=offering, person=person
    ).first() or register(actor=actor, offering=offering, person=person, mode=mode, now=now)
    activity.offering = offering
    activity.course_id = offering.course_id
    activity.registration = registration
    activity.status = Status.REGISTERED
    activity.save(update_fields=["offering", "course", "registration", "status"])
    log(
        plan,
        "activity.registered",
        actor=actor,
        message=gettext_noop("Registered from the plan for %(offering)s (%(status)s)"),
        activity=activity.description,
        offering=offering.display_title,
        status=registration.status,
        registration=registration.pk,
    )
    return registration
