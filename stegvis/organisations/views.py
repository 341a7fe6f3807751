"""Pages for the organisation tree: browse it, and (administrators) maintain it and its roles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stegvis.core.audit import history_for
from stegvis.core.http import add_validation_errors

from . import selectors, services
from .forms import (
    MunicipalityForm,
    OperatingAreaForm,
    RoleGrantForm,
    UnitCloseForm,
    UnitCreateForm,
    UnitForm,
    UnitMoveForm,
)
from .models import UnitPlacement
from .permissions import capability_required
from .roles import Capability
from .scope import has_capability, scope_for

VIEW = Capability.VIEW_ORGANISATION
MAINTAIN = Capability.MAINTAIN_ORGANISATION


@capability_required(VIEW)
def overview(request):
    """The regions and municipalities the user holds whole; managers see their units."""
    municipalities = selectors.municipalities_with_counts(
        selectors.municipalities_visible_to(request.user)
    ).order_by("region__name", "name")
    units = None
    if not municipalities:
        units = selectors.units_with_staff_counts(
            selectors.units_visible_to(request.user)
        ).order_by("name")
    return render(
        request,
        "organisations/overview.html",
        {
            "municipalities": municipalities,
            "units": units,
            "may_maintain": has_capability(request.user, MAINTAIN),
        },
    )


@capability_required(VIEW)
def municipality_detail(request, pk: int):
    municipality = selectors.get_municipality_for(request.user, pk)
    units = list(
        selectors.units_with_staff_counts(
            selectors.units_visible_to(request.user).filter(municipality=municipality)
        ).order_by("operating_area__name", "closed_on", "name")
    )
    areas: dict = {}
    for unit in units:
        areas.setdefault(unit.operating_area, []).append(unit)
    return render(
        request,
        "organisations/municipality_detail.html",
        {
            "municipality": municipality,
            "areas": areas,
            "may_maintain": scope_for(request.user, MAINTAIN).contains_municipality(municipality),
            "may_view_staff": scope_for(request.user, Capability.VIEW_STAFF).contains_municipality(
                municipality
            ),
        },
    )


@capability_required(VIEW)
def unit_detail(request, pk: int):
    unit = selectors.get_unit_for(request.user, pk)
    unit_with_count = selectors.units_with_staff_counts(
        selectors.units_visible_to(request.user).filter(pk=unit.pk)
    ).get()
    placements = UnitPlacement.objects.filter(unit=unit).select_related("operating_area")
    may_see_history = scope_for(request.user, Capability.VIEW_HISTORY).contains_unit(unit)
    return render(
        request,
        "organisations/unit_detail.html",
        {
            "unit": unit,
            "staff_count": unit_with_count.staff_count,
            "placements": placements,
            "managers": selectors.managers_of([unit]).get(unit.pk, []),
            "merged_from": unit.merged_from.all(),
            "may_maintain": scope_for(request.user, MAINTAIN).contains_unit(unit),
            "may_view_staff": scope_for(request.user, Capability.VIEW_STAFF).contains_unit(unit),
            "history": history_for(unit) if may_see_history else None,
        },
    )


@capability_required(MAINTAIN)
def municipality_create(request):
    regions = selectors.regions_visible_to(request.user, MAINTAIN)
    form = MunicipalityForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            municipality = services.municipality_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The municipality was created. Add its operating areas."))
            return redirect(municipality)
    return render(
        request,
        "form_page.html",
        {"form": form, "heading": _("New municipality"), "back": reverse("organisations:overview")},
    )


@capability_required(MAINTAIN)
def operating_area_create(request, municipality_pk: int):
    municipality = selectors.get_municipality_for(request.user, municipality_pk, MAINTAIN)
    form = OperatingAreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.operating_area_create(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The operating area was created."))
            return redirect(municipality)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "municipality": municipality,
            "heading": _("New operating area in %(m)s") % {"m": municipality.name},
        },
    )


@capability_required(MAINTAIN)
def unit_create(request, municipality_pk: int):
    municipality = selectors.get_municipality_for(request.user, municipality_pk, MAINTAIN)
    form = UnitCreateForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The unit was created."))
            return redirect(unit)
    return render(
        request,
        "form_page.html",
        {"form": form, "municipality": municipality, "heading": _("New unit")},
    )


@capability_required(MAINTAIN)
def unit_edit(request, pk: int):
    unit = selectors.get_unit_for(request.user, pk, MAINTAIN)
    initial = {"name": unit.name, "kind": unit.kind, "source_key": unit.source_key}
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.unit_update(actor=request.user, unit=unit, **form.cleaned_data)
        messages.success(request, _("The unit was saved."))
        return redirect(unit)
    return render(
        request,
        "form_page.html",
        {"form": form, "unit": unit, "heading": _("Edit %(unit)s") % {"unit": unit.name}},
    )


def unit_action(request, pk, form_class, action, heading, done_message):
    unit = selectors.get_unit_for(request.user, pk, MAINTAIN)
    form = form_class(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            action(unit, form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, done_message)
            return redirect(unit)
    return render(
        request,
        "form_page.html",
        {"form": form, "unit": unit, "heading": heading % {"unit": unit.name}},
    )


@capability_required(MAINTAIN)
def unit_move(request, pk: int):
    return unit_action(
        request,
        pk,
        UnitMoveForm,
        lambda unit, data: services.unit_move(actor=request.user, unit=unit, **data),
        _("Move %(unit)s to another operating area"),
        _("The unit was moved."),
    )


@capability_required(MAINTAIN)
def unit_close(request, pk: int):
    return unit_action(
        request,
        pk,
        UnitCloseForm,
        lambda unit, data: services.unit_close(actor=request.user, unit=unit, **data),
        _("Close %(unit)s"),
        _("The unit was closed."),
    )


@capability_required(Capability.ASSIGN_ROLES)
def roles(request):
    User = get_user_model()
    units = (
        selectors.units_visible_to(request.user, Capability.ASSIGN_ROLES)
        .filter(closed_on__isnull=True)
        .order_by("municipality__name", "name")
    )
    municipalities = selectors.municipalities_visible_to(request.user, Capability.ASSIGN_ROLES)
    regions = selectors.regions_visible_to(request.user, Capability.ASSIGN_ROLES)
    form = RoleGrantForm(
        request.POST or None, units=units, municipalities=municipalities, regions=regions
    )
    if request.method == "POST" and form.is_valid():
        scope = scope_for(request.user, Capability.ASSIGN_ROLES)
        candidates = User.objects.filter(email__iexact=form.cleaned_data["email"])
        if not scope.everything:
            candidates = candidates.filter(person__region_id__in=scope.region_ids)
        user = candidates.first()
        if user is None:
            form.add_error("email", _("No account with that email in your region."))
        else:
            try:
                services.role_grant(
                    actor=request.user,
                    user=user,
                    role=form.cleaned_data["role"],
                    scope_object=form.cleaned_data["scope_object"],
                    valid_from=form.cleaned_data["valid_from"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The role was granted."))
                return redirect("organisations:roles")
    assignments = selectors.assignments_visible_to(request.user).order_by(
        "valid_to", "role", "user__display_name"
    )
    role_filter = request.GET.get("role", "")
    if role_filter:
        assignments = assignments.filter(role=role_filter)
    page = Paginator(assignments, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/roles.html",
        {"form": form, "page": page, "role_filter": role_filter},
    )


@require_POST
@capability_required(Capability.ASSIGN_ROLES)
def role_end(request, pk: int):
    assignment = get_object_or_404(selectors.assignments_visible_to(request.user), pk=pk)
    try:
        services.role_end(actor=request.user, assignment=assignment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The role assignment was ended."))
    return redirect("organisations:roles")
