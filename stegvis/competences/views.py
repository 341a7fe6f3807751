"""Pages for the competence model: frameworks in layers and versions, titles, ladders,
requirements. HR and coordinators edit the layers they hold; everyone reads what their units
see."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stegvis.core.audit import history_for
from stegvis.core.http import add_validation_errors
from stegvis.organisations.models import Region
from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for
from stegvis.people.models import JobTitle

from . import selectors, services
from .forms import FrameworkForm, ItemForm, PublishForm
from .models import BasicCompetenceRule, Item, LadderStep

MAINTAIN = Capability.MAINTAIN_MODEL


@login_required
def overview(request):
    frameworks = selectors.frameworks_visible_to(request.user)
    reach = selectors.reach_of(request.user)
    return render(
        request,
        "competences/overview.html",
        {
            "frameworks": selectors.current_frameworks(frameworks),
            "drafts": [
                f
                for f in frameworks.filter(published_at__isnull=True).order_by("title")
                if selectors.maintainable(request.user, f.owner)
            ],
            "ladders": selectors.ladders_visible_to(request.user).order_by("title"),
            "may_maintain": not scope_for(request.user, MAINTAIN).is_empty,
            "may_add_ladder": any(
                isinstance(o, Region) for o in selectors.owners_maintainable_by(request.user)
            ),
            "has_titles": JobTitle.objects.filter(region_id__in=reach.region_ids).exists(),
        },
    )


@login_required
def framework_detail(request, pk: int):
    framework = selectors.get_framework_for(request.user, pk)
    may_edit = selectors.maintainable(request.user, framework.owner)
    return render(
        request,
        "competences/framework_detail.html",
        {
            "framework": framework,
            "tree": selectors.item_tree(framework),
            "versions": selectors.versions_of(framework),
            "may_edit": may_edit,
            "publish_form": PublishForm() if may_edit and framework.is_draft else None,
            "history": history_for(framework) if may_edit else None,
        },
    )


@capability_required(MAINTAIN)
def framework_create(request):
    form = FrameworkForm(
        request.POST or None, owners=selectors.owners_maintainable_by(request.user)
    )
    if request.method == "POST" and form.is_valid():
        framework = services.framework_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The framework was created as a draft."))
        return redirect(framework)
    return render(
        request,
        "form_page.html",
        {"form": form, "heading": _("New framework"), "back": reverse("competences:overview")},
    )


def _editable(request, framework):
    if not selectors.maintainable(request.user, framework.owner):
        raise Http404
    return framework


@capability_required(MAINTAIN)
def item_add(request, pk: int):
    framework = _editable(request, selectors.get_framework_for(request.user, pk))
    form = ItemForm(request.POST or None, framework=framework)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_add(actor=request.user, framework=framework, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Added."))
            return redirect(framework)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": _("Add to %(framework)s") % {"framework": framework},
            "back": framework.get_absolute_url(),
        },
    )


@capability_required(MAINTAIN)
def item_edit(request, pk: int):
    item = get_object_or_404(Item.objects.select_related("framework"), pk=pk)
    framework = _editable(request, selectors.get_framework_for(request.user, item.framework_id))
    initial = {
        name: getattr(item, name)
        for name in ("parent", "kind", "code", "title", "description", "knowledge_form")
    }
    form = ItemForm(request.POST or None, framework=framework, initial=initial)
    form.fields["parent"].queryset = form.fields["parent"].queryset.exclude(pk=item.pk)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("parent")
        try:
            services.item_update(actor=request.user, item=item, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(framework)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": _("Edit %(item)s") % {"item": item.title},
            "back": framework.get_absolute_url(),
        },
    )


@require_POST
@capability_required(MAINTAIN)
def framework_new_version(request, pk: int):
    framework = _editable(request, selectors.get_framework_for(request.user, pk))
    try:
        draft = services.framework_new_version(actor=request.user, framework=framework)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(framework)
    messages.success(request, _("A new draft version was made. Publish it when it is ready."))
    return redirect(draft)


@require_POST
@capability_required(MAINTAIN)
def framework_publish(request, pk: int):
    framework = _editable(request, selectors.get_framework_for(request.user, pk))
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.framework_publish(
                actor=request.user, framework=framework, valid_from=form.cleaned_data["valid_from"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The version was published."))
    return redirect(framework)


@login_required
def titles(request):
    reach = selectors.reach_of(request.user)
    job_titles = (
        JobTitle.objects.filter(region_id__in=reach.region_ids)
        .select_related("next_level")
        .prefetch_related(
            Prefetch(
                "basic_competence", queryset=BasicCompetenceRule.objects.select_related("source")
            )
        )
        .order_by("area_kind", "level", "name")
    )
    editable = {
        r.pk for r in selectors.owners_maintainable_by(request.user) if isinstance(r, Region)
    }
    return render(
        request, "competences/titles.html", {"job_titles": job_titles, "editable_regions": editable}
    )


@login_required
def ladder_detail(request, pk: int):
    ladder = selectors.get_ladder_for(request.user, pk)
    steps = (
        LadderStep.objects.filter(ladder=ladder).prefetch_related("package").order_by("position")
    )
    return render(
        request,
        "competences/ladder_detail.html",
        {
            "ladder": ladder,
            "steps": steps,
            "may_edit": selectors.maintainable(request.user, ladder.region),
        },
    )


@login_required
def requirements(request):
    requirements = list(selectors.requirements_visible_to(request.user))
    for requirement in requirements:
        requirement.may_edit = selectors.maintainable(request.user, requirement.owner)
    return render(
        request,
        "competences/requirements.html",
        {
            "requirements": requirements,
            "may_create": not scope_for(request.user, MAINTAIN).is_empty,
        },
    )
