"""Pages for people: one's own profile, staff lists, person records, employments, statistics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from stegvis.core.audit import history_for
from stegvis.core.http import add_validation_errors
from stegvis.organisations import selectors as org_selectors
from stegvis.organisations.forms import UnitMergeForm
from stegvis.organisations.models import RoleAssignment
from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for
from stegvis.organisations.views import unit_action

from . import selectors, services, statistics
from .forms import (
    EmploymentEndForm,
    EmploymentForm,
    EmploymentMoveForm,
    PersonCreateForm,
    PersonForm,
    StaffFilterForm,
)
from .models import JobTitle
from .phases import experience_phase

MANAGE = Capability.MANAGE_PEOPLE


@login_required
def my_profile(request):
    person = selectors.own_person(request.user)
    if person is None:
        return render(request, "people/no_profile.html")
    return _render_person(request, person, own=True)


def _render_person(request, person, *, own: bool):
    employments = list(selectors.employments_of(person))
    scope_manage = scope_for(request.user, MANAGE)
    may_manage = not own and (
        scope_manage.everything
        or any(scope_manage.contains_unit(e.unit) for e in employments if e.is_current())
        or (
            person.municipality is not None
            and scope_manage.contains_municipality(person.municipality)
        )
    )
    may_see_history = may_manage and not scope_for(request.user, Capability.VIEW_HISTORY).is_empty
    roles = (
        list(
            RoleAssignment.objects.filter(user_id=person.user_id).select_related(
                "region", "municipality", "unit"
            )
        )
        if person.user_id
        else []
    )
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "own": own,
            "employments": employments,
            "phase": experience_phase(person.profession_start_date),
            "may_manage": may_manage,
            "roles": roles,
            "history": history_for(person, *roles) if may_see_history else None,
        },
    )


@login_required
def person_detail(request, pk: int):
    person = selectors.get_person_for(request.user, pk)
    return _render_person(request, person, own=person.user_id == request.user.pk)


@capability_required(Capability.VIEW_STAFF)
def staff(request):
    form = StaffFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    unit = municipality = None
    if filters.get("unit"):
        unit = org_selectors.get_unit_for(request.user, filters["unit"], Capability.VIEW_STAFF)
    if filters.get("municipality"):
        municipality = org_selectors.get_municipality_for(
            request.user, filters["municipality"], Capability.VIEW_STAFF
        )
    people = selectors.staff_list(
        request.user,
        unit_id=unit.pk if unit else None,
        municipality_id=municipality.pk if municipality else None,
        search=filters.get("q") or "",
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    template = "people/staff.html#rows" if request.htmx else "people/staff.html"
    return render(
        request,
        template,
        {
            "page": page,
            "form": form,
            "unit": unit,
            "municipality": municipality,
            "units": org_selectors.units_visible_to(request.user, Capability.VIEW_STAFF)
            .filter(closed_on__isnull=True)
            .order_by("municipality__name", "name")
            if not unit and not municipality
            else None,
            "may_add": not scope_for(request.user, MANAGE).is_empty,
        },
    )


def _manageable_municipalities(user):
    return org_selectors.municipalities_visible_to(user, MANAGE).order_by("name")


@capability_required(MANAGE)
def person_create(request):
    form = PersonCreateForm(
        request.POST or None, municipalities=_manageable_municipalities(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        municipality = data.pop("municipality")
        try:
            person = services.person_create(
                actor=request.user, region=municipality.region, municipality=municipality, **data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The person was added. Add an employment next."))
            return redirect("people:employment_add", person.pk)
    return render(
        request,
        "form_page.html",
        {"form": form, "heading": _("Add a person"), "back": reverse("people:staff")},
    )


@capability_required(MANAGE)
def person_edit(request, pk: int):
    person = selectors.get_person_for(request.user, pk, MANAGE)
    initial = {name: getattr(person, name) for name in services.PERSON_FIELDS}
    form = PersonForm(request.POST or None, initial=initial)
    form.fields["identity_number"].help_text = _(
        "Leave empty to keep the stored number (%(masked)s)."
    ) % {"masked": person.masked_identity_number or "–"}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        number = data.pop("identity_number") or None
        try:
            services.person_update(
                actor=request.user, person=person, identity_number=number, **data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(person)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "person": person,
            "heading": _("Edit %(name)s") % {"name": person.full_name},
        },
    )


def _units_for_employment(user, person):
    units = org_selectors.units_visible_to(user, MANAGE).filter(closed_on__isnull=True)
    if person.municipality_id:
        units = units.filter(municipality_id=person.municipality_id)
    return units.order_by("name")


@capability_required(MANAGE)
def employment_add(request, pk: int):
    person = selectors.get_person_for(request.user, pk, MANAGE)
    form = EmploymentForm(
        request.POST or None,
        units=_units_for_employment(request.user, person),
        job_titles=JobTitle.objects.filter(region_id=person.region_id).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.employment_start(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The employment was added."))
            return redirect(person)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "person": person,
            "heading": _("New employment for %(name)s") % {"name": person.full_name},
        },
    )


@capability_required(MANAGE)
def employment_end(request, pk: int):
    employment = selectors.employment_for(request.user, pk)
    form = EmploymentEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.employment_end(actor=request.user, employment=employment, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The employment end was recorded."))
            return redirect(employment.person)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "person": employment.person,
            "heading": _("End employment: %(employment)s") % {"employment": employment},
        },
    )


@capability_required(MANAGE)
def employment_move(request, pk: int):
    employment = selectors.employment_for(request.user, pk)
    units = (
        _units_for_employment(request.user, employment.person)
        .filter(municipality_id=employment.unit.municipality_id)
        .exclude(pk=employment.unit_id)
    )
    form = EmploymentMoveForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.employment_move(actor=request.user, employment=employment, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The employment was moved."))
            return redirect(employment.person)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "person": employment.person,
            "heading": _("Move employment: %(employment)s") % {"employment": employment},
        },
    )


@capability_required(Capability.MAINTAIN_ORGANISATION)
def unit_merge(request, pk: int):
    """Merging moves staff, so it lives with people; the page is the organisation's."""
    return unit_action(
        request,
        pk,
        UnitMergeForm,
        lambda unit, data: services.unit_merge(actor=request.user, unit=unit, **data),
        _("Merge %(unit)s into another unit"),
        _("The units were merged."),
    )


@capability_required(Capability.VIEW_STATISTICS)
def statistics_view(request):
    scope = scope_for(request.user, Capability.VIEW_STATISTICS)
    table = statistics.headcount_table(scope)
    if not table.rows and scope.is_empty:
        raise Http404
    return render(request, "people/statistics.html", {"table": table})
