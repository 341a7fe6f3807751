"""Editing a development plan's goals and activities (the current manager, until approved), and
its follow-up (activity status, goal outcomes, registering from the plan).

Anyone who may not do an action gets 404, the same as for a plan they may not read. An approved
plan's goals and activities are not edited: those pages send back to the plan with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stegvis.core.http import add_validation_errors

from .models import DevelopmentPlan, PlanActivity, PlanGoal
from .plan_forms import (
    ActivityForm,
    GoalForm,
    OutcomeForm,
    PlanEditForm,
    RegisterForm,
    StatusForm,
    goal_choices,
    upcoming_offerings,
)
from .plan_views import plan_for_role
from .selectors import plans_visible_to
from .services import plan_items as items
from .services import plans as service


def _goal(request, pk: int) -> PlanGoal:
    goal = get_object_or_404(
        PlanGoal.objects.select_related("plan", "plan__person").filter(
            plan__in=plans_visible_to(request.user)
        ),
        pk=pk,
    )
    return goal


def _activity(request, pk: int) -> PlanActivity:
    return get_object_or_404(
        PlanActivity.objects.select_related("goal__plan__person", "offering", "course").filter(
            goal__plan__in=plans_visible_to(request.user)
        ),
        pk=pk,
    )


def _manager_of(request, plan: DevelopmentPlan) -> None:
    if service.role_in(request.user, plan) != "manager":
        raise Http404


def _locked(request, plan: DevelopmentPlan):
    """A redirect back to the plan when it is approved (and so no longer edited), else None."""
    if plan.approved:
        messages.error(request, _("The plan is approved and can no longer be changed."))
        return redirect("development:plan", plan.pk)
    return None


def _form_page(request, form, heading: str, plan: DevelopmentPlan, template="form_page.html"):
    back = reverse("development:plan", args=[plan.pk])
    context = {"form": form, "heading": heading, "back": back, "plan": plan}
    return render(request, template, context)


def _save(request, form, plan: DevelopmentPlan, call, done: str):
    """Run the service ``call`` with the form's data; the plan page on success."""
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("development:plan", plan.pk)
    return None


@login_required
def plan_edit(request, pk: int):
    plan, _role = plan_for_role(request, pk, "manager")
    if locked := _locked(request, plan):
        return locked
    form = PlanEditForm(request.POST or None, initial={"follow_up_on": plan.follow_up_on})
    saved = _save(
        request,
        form,
        plan,
        lambda data: service.plan_update(actor=request.user, plan=plan, **data),
        _("The plan was saved."),
    )
    return saved or _form_page(request, form, _("Follow-up date"), plan)


@login_required
def goal_add(request, pk: int):
    plan, _role = plan_for_role(request, pk, "manager")
    if locked := _locked(request, plan):
        return locked
    form = GoalForm(request.POST or None, choices=goal_choices(plan.person))
    saved = _save(
        request,
        form,
        plan,
        lambda data: items.goal_add(actor=request.user, plan=plan, **data),
        _("The goal was added."),
    )
    return saved or _form_page(request, form, _("New goal"), plan)


@login_required
def goal_edit(request, pk: int):
    goal = _goal(request, pk)
    plan = goal.plan
    _manager_of(request, plan)
    if locked := _locked(request, plan):
        return locked
    initial = {name: getattr(goal, name) for name in service.GOAL_FIELDS}
    form = GoalForm(request.POST or None, choices=goal_choices(plan.person), initial=initial)
    saved = _save(
        request,
        form,
        plan,
        lambda data: items.goal_update(actor=request.user, goal=goal, **data),
        _("The goal was saved."),
    )
    return saved or _form_page(request, form, _("Goal: %(goal)s") % {"goal": goal}, plan)


@require_POST
@login_required
def goal_delete(request, pk: int):
    goal = _goal(request, pk)
    _manager_of(request, goal.plan)
    try:
        items.goal_delete(actor=request.user, goal=goal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The goal was removed."))
    return redirect("development:plan", goal.plan_id)


@login_required
def activity_add(request, pk: int):
    goal = _goal(request, pk)
    plan = goal.plan
    _manager_of(request, plan)
    if locked := _locked(request, plan):
        return locked
    form = ActivityForm(request.POST or None, person=plan.person)
    saved = _save(
        request,
        form,
        plan,
        lambda data: items.activity_add(actor=request.user, goal=goal, **data),
        _("The activity was added."),
    )
    heading = _("New activity for: %(goal)s") % {"goal": goal}
    return saved or _form_page(request, form, heading, plan)


@login_required
def activity_edit(request, pk: int):
    activity = _activity(request, pk)
    plan = activity.goal.plan
    _manager_of(request, plan)
    if locked := _locked(request, plan):
        return locked
    initial = {name: getattr(activity, name) for name in service.ACTIVITY_FIELDS}
    form = ActivityForm(request.POST or None, person=plan.person, initial=initial)
    saved = _save(
        request,
        form,
        plan,
        lambda data: items.activity_update(actor=request.user, activity=activity, **data),
        _("The activity was saved."),
    )
    heading = _("Activity: %(activity)s") % {"activity": activity}
    return saved or _form_page(request, form, heading, plan)


@require_POST
@login_required
def activity_delete(request, pk: int):
    activity = _activity(request, pk)
    _manager_of(request, activity.goal.plan)
    try:
        items.activity_delete(actor=request.user, activity=activity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The activity was removed."))
    return redirect("development:plan", activity.goal.plan_id)


def _may_follow(request, activity: PlanActivity) -> None:
    role = service.role_in(request.user, activity.goal.plan)
    if role == "manager":
        return
    if role == "employee" and activity.owner == PlanActivity.Owner.EMPLOYEE:
        return
    raise Http404


@require_POST
@login_required
def activity_register(request, pk: int):
    """Register from the plan: the employee themself or their manager."""
    activity = _activity(request, pk)
    plan = activity.goal.plan
    if service.role_in(request.user, plan) not in ("employee", "manager"):
        raise Http404
    course_ids = {activity.course_id} if activity.course_id else set()
    offerings = list(upcoming_offerings(plan.person, course_ids)) if course_ids else []
    form = RegisterForm(request.POST, offerings=offerings, prefix=f"a{activity.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose one of the course's upcoming offerings."))
        return redirect("development:plan", plan.pk)
    try:
        registration = items.activity_register(
            actor=request.user,
            activity=activity,
            offering=form.cleaned_data["offering"],
            mode=form.cleaned_data.get("mode") or None,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Registered for %(offering)s: %(status)s")
            % {
                "offering": registration.offering.display_title,
                "status": registration.get_status_display(),
            },
        )
    return redirect("development:plan", plan.pk)


@require_POST
@login_required
def activity_status(request, pk: int):
    activity = _activity(request, pk)
    _may_follow(request, activity)
    form = StatusForm(request.POST, prefix=f"s{activity.pk}")
    if form.is_valid():
        try:
            items.activity_set_status(
                actor=request.user, activity=activity, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The activity's status was saved."))
    else:
        messages.error(request, _("Choose a status."))
    return redirect("development:plan", activity.goal.plan_id)


@require_POST
@login_required
def goal_outcome(request, pk: int):
    goal = _goal(request, pk)
    _manager_of(request, goal.plan)
    form = OutcomeForm(request.POST, prefix=f"g{goal.pk}")
    if form.is_valid():
        try:
            items.goal_set_outcome(
                actor=request.user, goal=goal, outcome=form.cleaned_data["outcome"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The goal's outcome was saved."))
    else:
        messages.error(request, _("Choose an outcome."))
    return redirect("development:plan", goal.plan_id)
