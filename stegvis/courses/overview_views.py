"""The coordinator's overview of offerings, the go/no-go decision and the participant lists."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from stegvis.organisations.models import Region
from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import has_capability

from . import exports, selectors
from .editor_forms import OverviewFilterForm
from .editor_views import owners_of
from .models import CourseDay, Offering, Registration
from .models.offerings import Mode
from .services import registration as registration_service

MAINTAIN = Capability.MAINTAIN_CATALOGUE
Status = Registration.Status
PER_PAGE = 25


def _count(status: str, mode: str | None = None) -> Count:
    condition = Q(registrations__status=status)
    if mode:
        condition &= Q(registrations__mode=mode)
    return Count("registrations", filter=condition)


def _day(field: str, descending: bool = False) -> Subquery:
    days = CourseDay.objects.filter(offering=OuterRef("pk"))
    return Subquery(days.order_by(f"-{field}" if descending else field).values(field)[:1])


def overview_rows(user, *, when: str = "upcoming", owner=None, q: str = ""):
    """Offerings the user maintains with their seat figures, in one query per page."""
    now = timezone.now()
    offerings = (
        selectors.offerings_maintainable_by(user)
        .select_related("course", "region", "municipality")
        .annotate(
            first_day=_day("starts_at"),
            last_day=_day("ends_at", descending=True),
            confirmed_on_site=_count(Status.CONFIRMED, Mode.ON_SITE),
            confirmed_digital=_count(Status.CONFIRMED, Mode.DIGITAL),
            offered=_count(Status.OFFERED),
            waiting=_count(Status.WAITING),
        )
    )
    if when == "past":
        offerings = offerings.filter(last_day__lt=now).order_by(F("first_day").desc(), "-id")
    else:
        if when != "all":
            offerings = offerings.filter(Q(last_day__gte=now) | Q(last_day__isnull=True))
        offerings = offerings.order_by(F("first_day").asc(nulls_last=True), "closes_at", "id")
    if owner is not None:
        field = "region" if isinstance(owner, Region) else "municipality"
        offerings = offerings.filter(**{field: owner})
    for word in q.split()[:4]:
        offerings = offerings.filter(Q(title__icontains=word) | Q(course__title__icontains=word))
    return offerings


def _percent(part: int, whole: int | None) -> int | None:
    return round(100 * part / whole) if whole else None


def _figures(offering: Offering) -> Offering:
    """Fill rates and the below-minimum flag, from the annotated counts."""
    modes = offering.modes()
    offering.show_on_site = Mode.ON_SITE in modes
    offering.show_digital = Mode.DIGITAL in modes
    offering.fill_on_site = _percent(offering.confirmed_on_site, offering.seats_on_site)
    offering.fill_digital = _percent(offering.confirmed_digital, offering.seats_digital)
    offering.confirmed = offering.confirmed_on_site + offering.confirmed_digital
    offering.below_minimum = bool(
        offering.min_participants and offering.confirmed < offering.min_participants
    )
    return offering


@capability_required(MAINTAIN)
def offerings(request):
    owners = owners_of(request.user)
    form = OverviewFilterForm(request.GET or None, owners=owners)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = overview_rows(
        request.user,
        when=filters.get("when") or "upcoming",
        owner=filters.get("owner"),
        q=filters.get("q") or "",
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    for offering in page:
        _figures(offering)
    context = {"form": form, "page": page}
    if request.htmx:
        return render(request, "courses/editor/overview.html#results", context)
    courses = selectors.courses_maintainable_by(request.user).filter(archived=False)
    if filters.get("q"):
        courses = courses.filter(title__icontains=filters["q"])
    context["courses"] = courses.select_related("region", "municipality")[:50]
    return render(request, "courses/editor/overview.html", context)


@capability_required(MAINTAIN)
def decide(request, pk: int):
    offering = get_object_or_404(overview_rows(request.user, when="all").filter(pk=pk))
    _figures(offering)
    if request.method == "POST":
        choice = request.POST.get("decision")
        if choice not in ("go", "cancel"):
            messages.error(request, _("Choose whether the offering will run."))
            return redirect("courses:decide", offering.pk)
        try:
            registration_service.decide(actor=request.user, offering=offering, go=choice == "go")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("courses:decide", offering.pk)
        messages.success(
            request,
            _("%(offering)s will run.") % {"offering": offering.display_title}
            if choice == "go"
            else _("%(offering)s was cancelled; everyone registered is told.")
            % {"offering": offering.display_title},
        )
        return redirect("courses:offerings")
    return render(request, "courses/editor/decide.html", {"offering": offering})


def _led_offering(request, pk: int) -> Offering:
    return get_object_or_404(
        selectors.offerings_led_by(request.user).select_related("course", "region", "municipality"),
        pk=pk,
    )


@login_required
def participants(request, pk: int):
    offering = _led_offering(request, pk)
    include_ended = request.GET.get("show") == "all"
    rows = exports.participant_rows(offering, include_ended=include_ended)
    return render(
        request,
        "courses/editor/participants.html",
        {
            "offering": offering,
            "rows": rows,
            "include_ended": include_ended,
            "first_day": registration_service.first_day_start(offering),
            "may_maintain": selectors.may_maintain(request.user, offering),
            "may_fund": has_capability(request.user, Capability.MANAGE_FUNDING),
        },
    )


@login_required
def participants_export(request, pk: int, format: str):
    if format not in exports.FORMATS:
        raise Http404
    offering = _led_offering(request, pk)
    content, name = exports.export_participants(
        actor=request.user,
        offering=offering,
        extension=format,
        include_ended=request.GET.get("show") == "all",
    )
    response = HttpResponse(content, content_type=exports.FORMATS[format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
