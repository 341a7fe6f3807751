"""Pages of one strategy plan: start (optionally as a copy), read, edit, adopt, PDF.

Writers (``PLAN_STRATEGY`` over the unit) start, edit and adopt; readers see adopted plans;
everyone else gets 404. An adopted plan is not edited: next year is a new plan.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from stegvis.core.audit import history_for, log_action
from stegvis.core.http import add_validation_errors
from stegvis.station.matrix import unit_matrix

from . import committee, selectors
from . import services as service
from .forms import BudgetFormSet, PlanForm, PlanStartForm, budget_lines
from .pdf import plan_pdf as render_pdf
from .pdf import year_meetings
from .rules import may_edit_plan, may_write_unit


@login_required
def plan_start(request, unit_pk: int):
    unit = selectors.get_unit_for_writing(request.user, unit_pk)
    year = timezone.localdate().year
    taken = set(unit.strategy_plans.values_list("year", flat=True))
    while year in taken:
        year += 1
    previous = selectors.previous_plan(unit, year)
    form = PlanStartForm(
        request.POST or None, initial={"year": year, "copy_previous": previous is not None}
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = service.plan_create(
                actor=request.user,
                unit=unit,
                year=form.cleaned_data["year"],
                copy_previous=form.cleaned_data["copy_previous"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The draft was started. Write the plan's sections."))
            return redirect("strategy:plan_edit", plan.pk)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": _("New strategy plan: %(unit)s") % {"unit": unit.name},
            "back": unit_url(unit),
        },
    )


def unit_url(unit) -> str:
    return reverse("strategy:unit", args=[unit.pk])


@login_required
def plan_page(request, pk: int):
    plan = selectors.get_plan_for_reading(request.user, pk)
    writable = may_write_unit(request.user, plan.unit)
    return render(
        request,
        "strategy/plan.html",
        {
            "plan": plan,
            "unit": plan.unit,
            "editable": writable and not plan.is_adopted,
            "status": committee.status_of(plan.unit),
            "meetings": year_meetings(plan),
            "history": history_for(plan, limit=30) if writable else [],
        },
    )


@login_required
def plan_edit(request, pk: int):
    plan = selectors.get_plan_for_writing(request.user, pk)
    if not may_edit_plan(request.user, plan):
        messages.error(request, _("The plan is adopted and can no longer be changed."))
        return redirect("strategy:plan", plan.pk)
    initial = {name: getattr(plan, name) for name in service.SECTIONS}
    initial["courses"] = list(plan.courses.all())
    lines = [{"description": x.description, "amount": x.amount} for x in plan.budget_lines.all()]
    form = PlanForm(request.POST or None, unit=plan.unit, initial=initial)
    budget = BudgetFormSet(request.POST or None, prefix="budget", initial=lines)
    if request.method == "POST" and form.is_valid() and budget.is_valid():
        try:
            service.plan_update(
                actor=request.user,
                plan=plan,
                sections=form.sections(),
                courses=form.cleaned_data["courses"],
                budget_lines=budget_lines(budget),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("strategy:plan", plan.pk)
    return render(
        request,
        "strategy/plan_edit.html",
        {
            "plan": plan,
            "unit": plan.unit,
            "form": form,
            "budget": budget,
            "shortfalls": unit_matrix(plan.unit).shortfalls,
        },
    )


@require_POST
@login_required
def plan_adopt(request, pk: int):
    plan = selectors.get_plan_for_writing(request.user, pk)
    try:
        service.plan_adopt(actor=request.user, plan=plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The plan is adopted."))
    return redirect("strategy:plan", plan.pk)


@login_required
def plan_pdf(request, pk: int):
    plan = selectors.get_plan_for_reading(request.user, pk)
    if not plan.is_adopted:
        raise Http404
    pdf = render_pdf(plan, exported_by=str(request.user), exported_at=timezone.now())
    log_action(
        "strategy.plan.exported",
        actor=request.user,
        target=plan,
        message=gettext_noop("Strategy plan %(year)s downloaded as PDF"),
        data={"year": plan.year},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"strategy-plan-{plan.year}-{plan.unit_id}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
