"""The written development plan: made from a dialogue, edited until both approve, followed up.

A plan is written by the manager holding the dialogue, for one participant and the dialogue's
year. It opens with last year's plan: the manager records what came of each old goal and of the
plan as a whole, which closes it. Until both the employee (on their own login) and the manager
have approved, goals and activities may change; a change after one approval asks for both
approvals again. An approved plan is only followed up: activity status, goal outcomes, the
follow-up itself. Every change is in the audit trail, on the plan.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.people.models import Employment, Person

from ..models import DevelopmentPlan, Dialogue, DialogueParticipant, PlanActivity, PlanGoal
from ..selectors import may_hold_dialogue_with

Kind = PlanActivity.Kind
Status = PlanActivity.Status
Outcome = PlanGoal.Outcome
COURSE_KINDS = (Kind.COURSE, Kind.JOURNEY_STOP)
OPEN_STATUSES = (Status.PLANNED, Status.REGISTERED, Status.IN_PROGRESS)
MANUAL_STATUSES = (Status.PLANNED, Status.IN_PROGRESS, Status.DONE, Status.CANCELLED)
GOAL_FIELDS = ("kind", "description", "item", "ladder_step", "job_title")
ACTIVITY_FIELDS = (
    "kind",
    "description",
    "course",
    "offering",
    "owner",
    "due_on",
    "sharing_how",
    "sharing_with",
    "sharing_by",
)


def log(plan: DevelopmentPlan, code: str, *, actor, message: str, source="web", **data) -> None:
    data = {"plan": plan.pk, "year": plan.year, **data}
    log_action(
        f"development.{code}", actor=actor, target=plan, message=message, data=data, source=source
    )


def role_in(actor, plan: DevelopmentPlan) -> str | None:
    """The actor's part: "employee" (the plan's person), "manager" (their current manager)."""
    if not getattr(actor, "is_authenticated", False):
        return None
    if plan.person.user_id == actor.pk:
        return "employee"
    if may_hold_dialogue_with(actor, plan.person):
        return "manager"
    return None


def current_unit(person: Person, prefer=None):
    """The unit of the person's current employment (``prefer`` when they work there too)."""
    units = [
        e.unit for e in Employment.objects.current().filter(person=person).select_related("unit")
    ]
    for unit in units:
        if prefer is not None and unit.pk == prefer.pk:
            return unit
    return units[0] if units else None


def previous_plan_of(person: Person, year: int) -> DevelopmentPlan | None:
    """The person's newest plan of an earlier year that no later plan has taken over yet."""
    return (
        DevelopmentPlan.objects.filter(person=person, year__lt=year, next_plan__isnull=True)
        .order_by("-year", "-created_at")
        .first()
    )


def _check_follow_up_date(follow_up_on: datetime.date | None) -> None:
    if follow_up_on is None:
        raise ValidationError({"follow_up_on": _("Set a date for the follow-up.")})
    if follow_up_on < timezone.localdate():
        raise ValidationError({"follow_up_on": _("The follow-up date cannot be in the past.")})


def _check_outcomes(plan: DevelopmentPlan, outcome: str, goal_outcomes: dict[int, str]) -> None:
    errors = {}
    if not outcome.strip():
        errors["outcome"] = _("Write what came of the plan.")
    goal_ids = set(plan.goals.values_list("pk", flat=True))
    if set(goal_outcomes) - goal_ids:
        raise ValidationError(_("An outcome was given for a goal of another plan."))
    for goal_id in goal_ids:
        value = goal_outcomes.get(goal_id)
        if value not in Outcome.values or value == Outcome.OPEN:
            errors[f"goal_{goal_id}"] = _("Say what came of this goal.")
    if errors:
        raise ValidationError(errors)


def _close(plan, *, actor, outcome: str, goal_outcomes: dict[int, str], now) -> None:
    _check_outcomes(plan, outcome, goal_outcomes)
    for goal in plan.goals.all():
        if goal.outcome != goal_outcomes[goal.pk]:
            goal.outcome = goal_outcomes[goal.pk]
            goal.save(update_fields=["outcome"])
    plan.outcome = outcome.strip()
    plan.followed_up_at = plan.followed_up_at or now
    plan.save(update_fields=["outcome", "followed_up_at"])
    achieved = sum(1 for value in goal_outcomes.values() if value == Outcome.ACHIEVED)
    log(
        plan,
        "plan.followed_up",
        actor=actor,
        message=gettext_noop("Followed up: %(achieved)s of %(goals)s goals achieved"),
        achieved=achieved,
        goals=len(goal_outcomes),
    )


@transaction.atomic
def plan_create(
    *,
    actor,
    dialogue: Dialogue,
    person: Person,
    follow_up_on: datetime.date,
    previous_outcome: str = "",
    goal_outcomes: dict[int, str] | None = None,
    now: datetime.datetime | None = None,
) -> DevelopmentPlan:
    """The plan of ``person`` from ``dialogue``; last year's plan is closed with its outcomes."""
    now = now or timezone.now()
    if dialogue.manager_id != actor.pk:
        raise ValidationError(_("Only the manager holding the dialogue writes its plans."))
    if dialogue.status == Dialogue.Status.CANCELLED:
        raise ValidationError(_("The dialogue was cancelled."))
    if not DialogueParticipant.objects.filter(dialogue=dialogue, person=person).exists():
        raise ValidationError(
            _("%(person)s does not take part in this dialogue.") % {"person": person}
        )
    if person.user_id == actor.pk or not may_hold_dialogue_with(actor, person):
        raise ValidationError(
            _("You cannot write a development plan for %(person)s.") % {"person": person}
        )
    year = dialogue.round.year
    if DevelopmentPlan.objects.filter(person=person, year=year).exists():
        raise ValidationError(
            _("%(person)s already has a plan for %(year)s.") % {"person": person, "year": year}
        )
    unit = current_unit(person, prefer=dialogue.round.unit)
    if unit is None:
        raise ValidationError(_("%(person)s has no current employment.") % {"person": person})
    _check_follow_up_date(follow_up_on)
    previous = previous_plan_of(person, year)
    if previous is not None:
        _close(
            previous,
            actor=actor,
            outcome=previous_outcome,
            goal_outcomes=goal_outcomes or {},
            now=now,
        )
    plan = DevelopmentPlan.objects.create(
        person=person,
        dialogue=dialogue,
        unit=unit,
        year=year,
        previous=previous,
        follow_up_on=follow_up_on,
        created_by=actor,
    )
    log(
        plan,
        "plan.created",
        actor=actor,
        message=gettext_noop("Development plan %(year)s written for %(person)s"),
        person=str(person),
        unit=unit.name,
    )
    return plan


def check_editable(plan: DevelopmentPlan) -> None:
    if plan.approved:
        raise ValidationError(
            _("The plan is approved and can no longer be changed; record its follow-up instead.")
        )


def mark_changed(plan: DevelopmentPlan, *, actor) -> None:
    """After a change, an approval given before asks to be given again."""
    if plan.employee_approved_at is None and plan.manager_approved_at is None:
        return
    plan.employee_approved_at = None
    plan.manager_approved_at = None
    plan.manager_approved_by = None
    plan.save(update_fields=["employee_approved_at", "manager_approved_at", "manager_approved_by"])
    log(
        plan,
        "plan.approval_reset",
        actor=actor,
        message=gettext_noop("The plan changed after an approval and must be approved again"),
    )


@transaction.atomic
def plan_update(*, actor, plan: DevelopmentPlan, follow_up_on: datetime.date) -> DevelopmentPlan:
    check_editable(plan)
    _check_follow_up_date(follow_up_on)
    if follow_up_on != plan.follow_up_on:
        plan.follow_up_on = follow_up_on
        plan.save(update_fields=["follow_up_on"])
        mark_changed(plan, actor=actor)
        log(
            plan,
            "plan.changed",
            actor=actor,
            message=gettext_noop("Follow-up date set to %(follow_up_on)s"),
            follow_up_on=str(follow_up_on),
        )
    return plan


@transaction.atomic
def plan_approve(
    *, actor, plan: DevelopmentPlan, now: datetime.datetime | None = None
) -> DevelopmentPlan:
    """The employee's or the manager's approval, whichever ``actor`` is; both make it final."""
    now = now or timezone.now()
    plan = DevelopmentPlan.objects.select_for_update().select_related("person").get(pk=plan.pk)
    role = role_in(actor, plan)
    if role is None:
        raise ValidationError(_("Only the employee and their manager approve the plan."))
    if not PlanActivity.objects.filter(goal__plan=plan).exists():
        raise ValidationError(_("A plan needs at least one goal with an activity before approval."))
    if role == "employee":
        if plan.employee_approved_at:
            raise ValidationError(_("You have approved the plan already."))
        plan.employee_approved_at = now
        plan.save(update_fields=["employee_approved_at"])
        message = gettext_noop("Approved by the employee")
    else:
        if plan.manager_approved_at:
            raise ValidationError(_("The plan is approved by a manager already."))
        plan.manager_approved_at = now
        plan.manager_approved_by = actor
        plan.save(update_fields=["manager_approved_at", "manager_approved_by"])
        message = gettext_noop("Approved by the manager")
    log(plan, f"plan.approved_by_{role}", actor=actor, message=message, at=now.isoformat())
    if plan.approved:
        log(
            plan, "plan.approved", actor=actor, message=gettext_noop("The plan is approved by both")
        )
    return plan


@transaction.atomic
def plan_follow_up(
    *,
    actor,
    plan: DevelopmentPlan,
    outcome: str,
    goal_outcomes: dict[int, str],
    now: datetime.datetime | None = None,
) -> DevelopmentPlan:
    """The follow-up of an approved plan: what came of each goal and of the plan."""
    if not plan.approved:
        raise ValidationError(_("Only an approved plan is followed up."))
    _close(
        plan, actor=actor, outcome=outcome, goal_outcomes=goal_outcomes, now=now or timezone.now()
    )
    return plan
