"""The station house (sv stationshuset): the units one follows, a unit's team, materials.

Managers follow the units they manage, HR the units of their municipality, administrators
those of their region (``FOLLOW_TEAM``). A unit outside that scope answers 404. Registering
people of the team goes through the courses service, one person at a time.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from stegvis.courses.models.offerings import Mode
from stegvis.organisations import selectors as org_selectors
from stegvis.organisations.models import OperatingArea
from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import has_capability
from stegvis.people.phases import Phase

from . import team as data
from .team_markup import rows_markup

FOLLOW = Capability.FOLLOW_TEAM
UNITS_PER_PAGE = 100
MATERIALS_PER_PAGE = 100
OFFERINGS_SHOWN = 200
FILTER_FIELDS = ("phase", "title", "attention", "sort")


def _swap(request) -> bool:
    """An htmx request for a part of the page (a history restore wants the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


# --- forms -----------------------------------------------------------------------------


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)


class UnitFilterForm(SearchForm):
    area = forms.ChoiceField(
        label=gettext_lazy("Operating area"),
        required=False,
        choices=[("", gettext_lazy("All operating areas")), *OperatingArea.Kind.choices],
    )


class TeamFilterForm(forms.Form):
    phase = forms.ChoiceField(
        label=gettext_lazy("Experience phase"),
        required=False,
        choices=[
            ("", gettext_lazy("All phases")),
            *Phase.choices,
            (data.UNKNOWN_PHASE, gettext_lazy("Not known")),
        ],
    )
    title = forms.TypedChoiceField(
        label=gettext_lazy("Job title"), required=False, coerce=int, empty_value=None
    )
    attention = forms.BooleanField(label=gettext_lazy("Needs attention only"), required=False)
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        required=False,
        choices=[
            ("name", gettext_lazy("Name")),
            ("phase", gettext_lazy("Experience phase")),
            ("progress", gettext_lazy("Journey progress (least first)")),
            ("expiring", gettext_lazy("Expiry (soonest first)")),
        ],
    )

    def __init__(self, *args, titles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].choices = [("", _("All job titles")), *titles]


class TeamRegisterForm(forms.Form):
    offering = forms.ModelChoiceField(
        label=gettext_lazy("Offering"),
        queryset=None,
        error_messages={"required": gettext_lazy("Choose an offering.")},
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Attendance"),
        required=False,
        choices=[("", gettext_lazy("As the offering allows")), *Mode.choices],
    )
    people = forms.ModelMultipleChoiceField(
        label=gettext_lazy("People"),
        queryset=None,
        error_messages={"required": gettext_lazy("Select at least one person in the table.")},
    )

    def __init__(self, *args, offerings, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offering"].queryset = offerings
        self.fields["people"].queryset = people

    def clean(self):
        cleaned = super().clean()
        offering, mode = cleaned.get("offering"), cleaned.get("mode")
        if offering and mode and mode not in offering.modes():
            self.add_error("mode", _("This offering cannot be attended that way."))
        return cleaned


# --- the station house's entry ---------------------------------------------------------


@require_GET
@capability_required(FOLLOW)
def index(request):
    """The units one follows, grouped by municipality and operating area, with staff counts."""
    form = UnitFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    units = org_selectors.units_visible_to(request.user, FOLLOW).filter(closed_on__isnull=True)
    for word in (chosen.get("q") or "").split()[:4]:
        units = units.filter(name__icontains=word)
    if chosen.get("area"):
        units = units.filter(operating_area__kind=chosen["area"])
    units = org_selectors.units_with_staff_counts(units).order_by(
        "municipality__name", "operating_area__name", "name", "id"
    )
    page = Paginator(units, UNITS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    if _swap(request):
        return render(request, "station/index.html#units", context)
    context.update(
        manager_courses=data.courses_for_managers(request.user),
        now=timezone.now(),
        holds_dialogues=has_capability(request.user, Capability.HOLD_DIALOGUES),
    )
    return render(request, "station/index.html", context)


# --- a unit's team ---------------------------------------------------------------------


def _team_context(request, unit, values) -> dict:
    rows = data.team_rows(unit)
    titles = sorted(
        {(r.employment.job_title_id, r.employment.job_title.name) for r in rows},
        key=lambda pair: pair[1].casefold(),
    )
    present = {k: v for k, v in values.items() if k in FILTER_FIELDS}
    filters = TeamFilterForm(present or None, titles=titles)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    shown = data.filter_rows(
        rows,
        phase=chosen.get("phase") or "",
        title=chosen.get("title"),
        attention=bool(chosen.get("attention")),
        sort=chosen.get("sort") or "name",
    )
    registrable = data.registrable_ids(request.user, unit, rows)
    offerings = (
        list(data.open_offerings(request.user, unit)[:OFFERINGS_SHOWN]) if registrable else []
    )
    return {
        "unit": unit,
        "rows": shown,
        "rows_markup": rows_markup(shown, registrable),
        "total": len(rows),
        "filters": filters,
        "chosen": chosen,
        "sort": chosen.get("sort") or "name",
        "registrable": registrable,
        "offerings": offerings,
        "modes": Mode.choices,
    }


@require_GET
@capability_required(FOLLOW)
def team(request, unit_pk: int):
    """One row per person currently employed in the unit; filters swap the table (htmx)."""
    unit = org_selectors.get_unit_for(request.user, unit_pk, FOLLOW)
    context = _team_context(request, unit, request.GET)
    template = "station/team.html#table" if _swap(request) else "station/team.html"
    return render(request, template, context)


def _filters_query(values) -> str:
    kept = {k: values.get(k) for k in FILTER_FIELDS if values.get(k)}
    return f"?{urlencode(kept)}" if kept else ""


@require_POST
@capability_required(FOLLOW)
def register_team(request, unit_pk: int):
    """Register the ticked people for one offering: each person's outcome is shown."""
    unit = org_selectors.get_unit_for(request.user, unit_pk, FOLLOW)
    form = TeamRegisterForm(
        request.POST,
        offerings=data.open_offerings(request.user, unit),
        people=data.registrable_team(request.user, unit),
    )
    results = None
    if form.is_valid():
        results = data.register_people(
            request.user,
            form.cleaned_data["offering"],
            form.cleaned_data["people"],
            form.cleaned_data["mode"],
        )
    if request.htmx:
        context = _team_context(request, unit, request.POST)
        context.update({"results": results, "register_form": form})
        return render(request, "station/team.html#table", context)
    if results is None:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    for result in results or []:
        text = f"{result.person.full_name}: {result.text}"
        (messages.success if result.ok else messages.error)(request, text)
    return redirect(reverse("station:team", args=[unit.pk]) + _filters_query(request.POST))


# --- materials and courses for managers ------------------------------------------------


@require_GET
@capability_required(FOLLOW)
def materials(request):
    """Course materials to use with the work group, and the courses made for managers."""
    form = SearchForm(request.GET or None)
    search = form.cleaned_data.get("q", "") if form.is_valid() else ""
    found = data.materials_for(request.user, search)
    page = Paginator(found, MATERIALS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "search": search}
    if _swap(request):
        return render(request, "station/materials.html#materials", context)
    context.update(
        manager_courses=data.courses_for_managers(request.user),
        now=timezone.now(),
        holds_dialogues=has_capability(request.user, Capability.HOLD_DIALOGUES),
    )
    return render(request, "station/materials.html", context)
