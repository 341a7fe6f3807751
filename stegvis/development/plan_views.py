"""Pages of the development plan: writing it after the dialogue, reading it, approving it, the
follow-up, the PDF and the lists of plans.

Reading goes through ``selectors.get_plan_for`` (the employee, their current manager, HR of their
municipality; anyone else gets 404) and every read is written to the audit trail. Writing is the
current manager's (``services.plans.role_in``); approving is the employee's and the manager's.
The goal and activity editors are in ``plan_edit_views``.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stegvis.core.http import add_validation_errors
from stegvis.core.models import AuditEvent
from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.people.selectors import own_person

from .models import DevelopmentPlan, Dialogue, DialogueParticipant, PlanActivity, PlanGoal
from .plan_forms import (
    FollowUpForm,
    OutcomeForm,
    PlanCreateForm,
    RegisterForm,
    StatusForm,
    goal_outcomes,
    upcoming_offerings,
)
from .plan_pdf import goals_of
from .plan_pdf import plan_pdf as render_pdf
from .selectors import audit_read, get_plan_for, people_in_dialogue_scope, readable_people
from .services import plans as service

HOLD = Capability.HOLD_DIALOGUES
FOLLOW_UP_AFTER = datetime.timedelta(days=182)
READ_ACTIONS = ("development.plan.read", "development.pdf.read")


def plan_for_role(request, pk: int, *roles: str) -> tuple[DevelopmentPlan, str]:
    """The plan, if the user reads it and has one of ``roles`` in it; else 404."""
    plan = get_plan_for(request.user, pk)
    role = service.role_in(request.user, plan)
    if role not in roles:
        raise Http404
    return plan, role


@capability_required(HOLD)
def plan_create(request, dialogue_pk: int, person_pk: int):
    dialogue = get_object_or_404(
        Dialogue.objects.select_related("round__unit"), pk=dialogue_pk, manager=request.user
    )
    participants = DialogueParticipant.objects.filter(dialogue=dialogue).values("person_id")
    person = get_object_or_404(
        people_in_dialogue_scope(request.user)
        .exclude(user_id=request.user.pk)
        .filter(pk__in=participants),
        pk=person_pk,
    )
    year = dialogue.round.year
    existing = DevelopmentPlan.objects.filter(person=person, year=year).first()
    if existing is not None:
        messages.info(
            request,
            _("%(person)s has a plan for %(year)s already.") % {"person": person, "year": year},
        )
        return redirect("development:plan", existing.pk)
    previous = service.previous_plan_of(person, year)
    form = PlanCreateForm(
        request.POST or None,
        previous=previous,
        initial={"follow_up_on": timezone.localdate() + FOLLOW_UP_AFTER},
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = service.plan_create(
                actor=request.user,
                dialogue=dialogue,
                person=person,
                follow_up_on=form.cleaned_data["follow_up_on"],
                previous_outcome=form.cleaned_data.get("outcome") or "",
                goal_outcomes=goal_outcomes(form),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request, _("The plan was started. Add the goals and activities you agreed on.")
            )
            return redirect("development:plan", plan.pk)
    if previous is not None:
        audit_read(request.user, previous, "plan")
    return render(
        request,
        "development/plans/create.html",
        {
            "form": form,
            "dialogue": dialogue,
            "person": person,
            "year": year,
            "previous": previous,
            "previous_goals": goals_of(previous) if previous else [],
        },
    )


def _register_options(plan: DevelopmentPlan, goals: list[PlanGoal]) -> dict[int, RegisterForm]:
    """A register form for each planned course activity, with its course's upcoming offerings."""
    waiting = [
        a
        for goal in goals
        for a in goal.activities.all()
        if a.kind in service.COURSE_KINDS
        and a.registration_id is None
        and a.status == PlanActivity.Status.PLANNED
        and a.course_id
    ]
    if not waiting:
        return {}
    offerings = list(upcoming_offerings(plan.person, {a.course_id for a in waiting}))
    forms = {}
    for activity in waiting:
        mine = [o for o in offerings if o.course_id == activity.course_id]
        if mine:
            initial = (
                activity.offering_id if any(o.pk == activity.offering_id for o in mine) else None
            )
            forms[activity.pk] = RegisterForm(
                offerings=mine, initial={"offering": initial}, prefix=f"a{activity.pk}"
            )
    return forms


@login_required
def plan_page(request, pk: int):
    plan = get_plan_for(request.user, pk)
    audit_read(request.user, plan, "plan")
    role = service.role_in(request.user, plan)
    goals = goals_of(plan)
    approved = plan.approved
    follows = approved and role is not None
    register_forms = _register_options(plan, goals) if role else {}
    today = timezone.localdate()
    for goal in goals:
        goal.outcome_form = (
            OutcomeForm(initial={"outcome": goal.outcome}, prefix=f"g{goal.pk}")
            if approved and role == "manager"
            else None
        )
        for activity in goal.activities.all():
            activity.register_form = register_forms.get(activity.pk)
            activity.overdue = activity.status in service.OPEN_STATUSES and activity.due_on < today
            may_status = (
                follows
                and activity.registration_id is None
                and (role == "manager" or activity.owner == PlanActivity.Owner.EMPLOYEE)
            )
            activity.status_form = (
                StatusForm(initial={"status": activity.status}, prefix=f"s{activity.pk}")
                if may_status
                else None
            )
    previous = plan.previous
    return render(
        request,
        "development/plans/plan.html",
        {
            "plan": plan,
            "person": plan.person,
            "goals": goals,
            "role": role,
            "editable": role == "manager" and not approved,
            "may_approve": _may_approve(plan, role),
            "may_follow_up": approved and role == "manager",
            "previous": previous,
            "previous_goals": goals_of(previous) if previous else [],
            "history": _history(plan),
        },
    )


def _history(plan: DevelopmentPlan) -> list[AuditEvent]:
    """What happened to the plan, newest first; reads are recorded but not listed here."""
    return list(
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(DevelopmentPlan), target_id=plan.pk
        )
        .exclude(action__in=READ_ACTIONS)
        .select_related("actor")[:30]
    )


def _may_approve(plan: DevelopmentPlan, role: str | None) -> bool:
    if role == "employee":
        return plan.employee_approved_at is None
    if role == "manager":
        return plan.manager_approved_at is None
    return False


@require_POST
@login_required
def plan_approve(request, pk: int):
    plan, _role = plan_for_role(request, pk, "employee", "manager")
    try:
        plan = service.plan_approve(actor=request.user, plan=plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if plan.approved:
            messages.success(request, _("The plan is approved by both and now followed up."))
        else:
            messages.success(
                request, _("Your approval is recorded. The plan waits for the other approval.")
            )
    return redirect("development:plan", plan.pk)


@login_required
def plan_follow_up(request, pk: int):
    plan, _role = plan_for_role(request, pk, "manager")
    if not plan.approved:
        messages.error(request, _("Only an approved plan is followed up."))
        return redirect("development:plan", plan.pk)
    form = FollowUpForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            service.plan_follow_up(
                actor=request.user,
                plan=plan,
                outcome=form.cleaned_data.get("outcome") or "",
                goal_outcomes=goal_outcomes(form),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect("development:plan", plan.pk)
    audit_read(request.user, plan, "plan")
    return render(
        request,
        "development/plans/follow_up.html",
        {"form": form, "plan": plan, "person": plan.person, "goals": goals_of(plan)},
    )


@login_required
def plan_pdf(request, pk: int):
    plan = get_plan_for(request.user, pk)
    audit_read(request.user, plan, "pdf")
    pdf = render_pdf(plan, exported_by=str(request.user), exported_at=timezone.now())
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"development-plan-{plan.year}-{plan.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _plan_rows(plans):
    return (
        plans.select_related("unit", "person")
        .annotate(
            goal_count=Count("goals", distinct=True),
            activity_count=Count("goals__activities", distinct=True),
        )
        .order_by("-year", "-created_at")
    )


@login_required
def my_plans(request):
    person = own_person(request.user)
    plans = _plan_rows(DevelopmentPlan.objects.filter(person=person)) if person else []
    return render(
        request,
        "development/plans/list.html",
        {"plans": plans, "person": person, "own": True},
    )


@login_required
def person_plans(request, pk: int):
    person = get_object_or_404(readable_people(request.user), pk=pk)
    return render(
        request,
        "development/plans/list.html",
        {
            "plans": _plan_rows(DevelopmentPlan.objects.filter(person=person)),
            "person": person,
            "own": person.user_id == request.user.pk,
        },
    )
