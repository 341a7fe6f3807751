"""The coordinator's pages: the plans, a plan's demand against capacity, proposals, confirming.

Every view needs PLAN_REGION; a plan of a region the actor does not plan for answers 404.
The pages show counts per municipality only, never who is behind them.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stegvis.core.http import add_validation_errors
from stegvis.courses.models import Course
from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability

from . import selectors, services
from .chart import chart
from .demand import planning_courses
from .forms import PlanCreateForm, PlanFilterForm, ProposalForm
from .models import JointPlan, Proposal
from .quotas import suggest_quotas
from .table import demand_for_course, plan_table

PLAN = Capability.PLAN_REGION


@require_GET
@capability_required(PLAN)
def plans(request):
    return render(
        request,
        "regionplan/plans.html",
        {"plans": list(selectors.plans_visible_to(request.user))},
    )


@require_http_methods(["GET", "POST"])
@capability_required(PLAN)
def plan_create(request):
    form = PlanCreateForm(request.POST or None, regions=selectors.regions_planned_by(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The plan is created as a draft."))
            return redirect(plan)
    return render(request, "regionplan/plan_create.html", {"form": form})


@require_GET
@capability_required(PLAN)
def plan(request, pk: int):
    plan = selectors.get_plan_for(request.user, pk)
    municipalities = plan.region.municipalities.all()
    form = PlanFilterForm(request.GET or None, municipalities=municipalities)
    filters = form.cleaned_data if form.is_valid() else {}
    table = plan_table(
        plan, area=filters.get("area") or "", municipality=filters.get("municipality")
    )
    template = "regionplan/plan.html#results" if request.htmx else "regionplan/plan.html"
    return render(
        request,
        template,
        {"plan": plan, "form": form, "table": table, "chart": chart(table.rows)},
    )


@require_GET
@capability_required(PLAN)
def plan_course(request, pk: int, course_pk: int):
    """One course's demand and quotas per municipality (the plan page opens it in place)."""
    plan = selectors.get_plan_for(request.user, pk)
    course = get_object_or_404(planning_courses(plan.region), pk=course_pk)
    table = plan_table(plan, course=course)
    template = "regionplan/course.html#breakdown" if request.htmx else "regionplan/course.html"
    return render(request, template, {"plan": plan, "row": table.rows[0], "table": table})


def _joint_courses(plan: JointPlan):
    return Course.objects.filter(region=plan.region, archived=False).order_by("title")


def _proposal_page(request, plan: JointPlan, proposal: Proposal | None):
    municipalities = list(plan.region.municipalities.all())
    courses = _joint_courses(plan)
    initial: dict = {}
    if proposal is not None:
        initial = {name: getattr(proposal, name) for name in services.PROPOSAL_FIELDS}
        initial["course"] = proposal.course
        initial.update({f"quota_{q.municipality_id}": q.seats for q in proposal.quotas.all()})
    elif request.GET.get("course", "").isdigit():
        initial["course"] = courses.filter(pk=request.GET["course"]).first()
    data = request.POST if request.method == "POST" else None
    course = proposal.course if proposal else _chosen_course(request, courses, initial)
    demand = demand_for_course(plan, course) if course else {}
    form = ProposalForm(
        data,
        initial=initial,
        courses=courses,
        municipalities=municipalities,
        demand=demand,
        fixed_course=proposal is not None,
    )
    if request.method == "POST" and form.is_valid():
        if "suggest" in request.POST:
            return _with_suggestion(request, plan, proposal, form, demand)
        try:
            _save_proposal(request, plan, proposal, form)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The proposed offering is saved."))
            return redirect(plan)
    return render(
        request,
        "regionplan/proposal_form.html",
        {"plan": plan, "proposal": proposal, "form": form, "course": course},
    )


def _chosen_course(request, courses, initial):
    value = request.POST.get("course") if request.method == "POST" else None
    if value and value.isdigit():
        return courses.filter(pk=value).first()
    return initial.get("course")


def _save_proposal(request, plan, proposal, form) -> None:
    if proposal is None:
        services.proposal_add(
            actor=request.user,
            plan=plan,
            course=form.cleaned_data["course"],
            quotas=form.quotas(),
            **form.service_data(),
        )
    else:
        services.proposal_update(
            actor=request.user, proposal=proposal, quotas=form.quotas(), **form.service_data()
        )


def _with_suggestion(request, plan, proposal, form, demand):
    """The form again, its quotas filled in proportion to demand (nothing is saved)."""
    seats = form.cleaned_data.get("seats_on_site") or 0
    suggested = suggest_quotas(demand, seats)
    data = request.POST.copy()
    for m in form.municipalities:
        data[f"quota_{m.pk}"] = str(suggested.get(m.pk, 0))
    again = ProposalForm(
        data,
        initial={"course": proposal.course} if proposal else {},
        courses=_joint_courses(plan),
        municipalities=form.municipalities,
        demand=demand,
        fixed_course=proposal is not None,
    )
    again.is_valid()
    if seats:
        messages.info(request, _("Quotas suggested in proportion to demand. Check and save."))
    else:
        messages.warning(request, _("Give the number of seats on site to suggest quotas."))
    return render(
        request,
        "regionplan/proposal_form.html",
        {
            "plan": plan,
            "proposal": proposal,
            "form": again,
            "course": form.cleaned_data.get("course"),
        },
    )


@require_http_methods(["GET", "POST"])
@capability_required(PLAN)
def proposal_add(request, pk: int):
    plan = selectors.get_plan_for(request.user, pk)
    if not plan.is_draft:
        messages.error(request, _("The plan is confirmed and can no longer be changed."))
        return redirect(plan)
    return _proposal_page(request, plan, None)


@require_http_methods(["GET", "POST"])
@capability_required(PLAN)
def proposal_edit(request, pk: int):
    proposal = selectors.get_proposal_for(request.user, pk)
    if not proposal.plan.is_draft:
        messages.error(request, _("The plan is confirmed and can no longer be changed."))
        return redirect(proposal.plan)
    return _proposal_page(request, proposal.plan, proposal)


@require_POST
@capability_required(PLAN)
def proposal_delete(request, pk: int):
    proposal = selectors.get_proposal_for(request.user, pk)
    plan = proposal.plan
    try:
        services.proposal_delete(actor=request.user, proposal=proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The proposed offering is removed."))
    return redirect(plan)


@require_http_methods(["GET", "POST"])
@capability_required(PLAN)
def plan_confirm(request, pk: int):
    plan = selectors.get_plan_for(request.user, pk)
    error = None
    if request.method == "POST":
        try:
            services.plan_confirm(actor=request.user, plan=plan)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, _("The plan is confirmed and its offerings are created."))
            return redirect(plan)
    if not plan.is_draft and error is None:
        messages.info(request, _("The plan is confirmed already."))
        return redirect(plan)
    table = plan_table(plan)
    return render(
        request,
        "regionplan/confirm.html",
        {"plan": plan, "table": table, "error": error},
        status=400 if error else 200,
    )
