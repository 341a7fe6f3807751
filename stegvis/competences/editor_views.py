"""Editor pages for requirements, job titles' basic competence and competence ladders.

Region-owned parts (titles, ladders, the common layer) are edited by whoever may maintain the
region's model (coordinator, administrator); municipal and unit layers by HR as well.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stegvis.core.http import add_validation_errors
from stegvis.organisations.models import Region, Unit
from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for
from stegvis.people.models import JobTitle

from . import editing, selectors
from .editor_forms import (
    EndForm,
    LadderForm,
    RequirementCreateForm,
    RequirementForm,
    RuleForm,
    StepForm,
    TitleForm,
)
from .models import BasicCompetenceRule, Item, LadderStep, Requirement

MAINTAIN = Capability.MAINTAIN_MODEL


def _items(actor):
    frameworks = selectors.current_frameworks(selectors.frameworks_visible_to(actor))
    return (
        Item.objects.filter(
            framework__in=frameworks, kind__in=[Item.Kind.COMPETENCE, Item.Kind.GOAL]
        )
        .select_related("framework")
        .order_by("framework__title", "position")
    )


def _requirement_choices(actor) -> dict:
    scope = scope_for(actor, MAINTAIN)
    reach = selectors.reach_of(actor)
    return {
        "items": _items(actor),
        "job_titles": JobTitle.objects.filter(region_id__in=reach.region_ids).order_by("name"),
        "units": Unit.objects.filter(scope.units_q(), closed_on__isnull=True).order_by("name"),
    }


def _form_page(request, form, heading, back):
    return render(request, "form_page.html", {"form": form, "heading": heading, "back": back})


@capability_required(MAINTAIN)
def requirement_create(request):
    form = RequirementCreateForm(
        request.POST or None,
        owners=selectors.owners_maintainable_by(request.user),
        **_requirement_choices(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            editing.requirement_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The requirement was created."))
            return redirect("competences:requirements")
    return _form_page(request, form, _("New requirement"), "/competences/requirements/")


def _editable_requirement(request, pk: int) -> Requirement:
    requirement = get_object_or_404(selectors.requirements_visible_to(request.user), pk=pk)
    if not selectors.maintainable(request.user, requirement.owner):
        raise Http404
    return requirement


@capability_required(MAINTAIN)
def requirement_revise(request, pk: int):
    requirement = _editable_requirement(request, pk)
    fields = editing.REQUIREMENT_FIELDS
    form = RequirementForm(
        request.POST or None,
        **_requirement_choices(request.user),
        initial={name: getattr(requirement, name) for name in fields},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            editing.requirement_revise(
                actor=request.user,
                requirement=requirement,
                valid_from=data.pop("valid_from"),
                **data,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("A new version of the requirement was saved."))
            return redirect("competences:requirements")
    return _form_page(
        request, form, _("Revise: %(r)s") % {"r": requirement}, "/competences/requirements/"
    )


@capability_required(MAINTAIN)
def requirement_end(request, pk: int):
    requirement = _editable_requirement(request, pk)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            editing.requirement_end(
                actor=request.user, requirement=requirement, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The requirement was ended."))
            return redirect("competences:requirements")
    return _form_page(
        request, form, _("End: %(r)s") % {"r": requirement}, "/competences/requirements/"
    )


def _region_editable(request, region_id: int) -> Region:
    region = get_object_or_404(Region, pk=region_id)
    if not selectors.maintainable(request.user, region):
        raise Http404
    return region


def _title(request, pk: int) -> JobTitle:
    title = get_object_or_404(JobTitle, pk=pk)
    _region_editable(request, title.region_id)
    return title


@capability_required(MAINTAIN)
def title_edit(request, pk: int):
    title = _title(request, pk)
    form = TitleForm(
        request.POST or None,
        job_title=title,
        initial={
            "protected": title.protected,
            "tasks": title.tasks,
            "next_level": title.next_level,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            editing.title_update(actor=request.user, job_title=title, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("competences:titles")
    return _form_page(
        request, form, _("Edit %(title)s") % {"title": title.name}, "/competences/titles/"
    )


@capability_required(MAINTAIN)
def rule_add(request, pk: int):
    title = _title(request, pk)
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            editing.rule_add(actor=request.user, job_title=title, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The basic competence rule was added."))
            return redirect("competences:titles")
    return _form_page(
        request,
        form,
        _("Basic competence for %(title)s") % {"title": title.name},
        "/competences/titles/",
    )


@require_POST
@capability_required(MAINTAIN)
def rule_remove(request, pk: int):
    rule = get_object_or_404(BasicCompetenceRule.objects.select_related("job_title"), pk=pk)
    _region_editable(request, rule.job_title.region_id)
    editing.rule_remove(actor=request.user, rule=rule)
    messages.success(request, _("The rule was removed."))
    return redirect("competences:titles")


@capability_required(MAINTAIN)
def ladder_create(request):
    regions = [o for o in selectors.owners_maintainable_by(request.user) if isinstance(o, Region)]
    if not regions:
        raise Http404
    form = LadderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ladder = editing.ladder_create(actor=request.user, region=regions[0], **form.cleaned_data)
        messages.success(request, _("The ladder was created. Add its steps."))
        return redirect(ladder)
    return _form_page(request, form, _("New competence ladder"), "/competences/")


@capability_required(MAINTAIN)
def step_save(request, ladder_pk: int, pk: int | None = None):
    ladder = selectors.get_ladder_for(request.user, ladder_pk)
    _region_editable(request, ladder.region_id)
    step = get_object_or_404(LadderStep, pk=pk, ladder=ladder) if pk else None
    initial = (
        {
            "name": step.name,
            "entry_criteria": step.entry_criteria,
            "package": list(step.package.all()),
        }
        if step
        else None
    )
    form = StepForm(request.POST or None, items=_items(request.user), initial=initial)
    if request.method == "POST" and form.is_valid():
        editing.ladder_step_save(actor=request.user, ladder=ladder, step=step, **form.cleaned_data)
        messages.success(request, _("The step was saved."))
        return redirect(ladder)
    heading = _("Edit step %(step)s") % {"step": step} if step else _("New step")
    return _form_page(request, form, heading, ladder.get_absolute_url())
