"""Pages to record funding: an offering's participants, a person's registrations, the form.

HR reaches the registrations of its municipality's staff, the region's administrator those of
the region; others answer 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stegvis.core.http import add_validation_errors
from stegvis.courses.models import Registration
from stegvis.courses.selectors import get_offering_for
from stegvis.organisations.permissions import capability_required
from stegvis.people.selectors import get_person_for

from . import rules, selectors, services
from .forms import FundingForm
from .models import GrantPeriod

MANAGE = selectors.MANAGE
Status = Registration.Status


def _fundings_prefetch(actor) -> Prefetch:
    return Prefetch(
        "fundings",
        queryset=selectors.fundings_visible_to(actor).select_related("period__grant"),
        to_attr="funding_lines",
    )


@capability_required(MANAGE)
def offering(request, pk: int):
    """The offering's registrations of staff in one's scope, with what pays for them."""
    offering = get_offering_for(request.user, pk)
    rows = list(
        selectors.registrations_fundable_by(request.user)
        .filter(offering=offering)
        .exclude(status__in=(Status.WAITING, Status.OFFERED))
        .select_related("person", "municipality")
        .prefetch_related(_fundings_prefetch(request.user))
        .order_by("person__last_name", "person__first_name", "id")
    )
    return render(request, "funding/offering.html", {"offering": offering, "rows": rows})


@capability_required(MANAGE)
def person(request, pk: int):
    """A person's course registrations, with what pays for them."""
    person = get_person_for(request.user, pk, MANAGE)
    rows = list(
        selectors.registrations_fundable_by(request.user)
        .filter(person=person)
        .select_related("offering", "offering__course", "municipality")
        .prefetch_related(_fundings_prefetch(request.user), "offering__days")
        .order_by("-queued_at", "-id")
    )
    for row in rows:
        days = list(row.offering.days.all())
        row.first_day = days[0].starts_at if days else None
    return render(request, "funding/person.html", {"person": person, "rows": rows})


def _back(request, registration: Registration) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("funding:person", args=[registration.person_id])


@capability_required(MANAGE)
def record(request, pk: int):
    registration = selectors.get_registration_for(request.user, pk)
    periods = selectors.periods_for_recording(request.user, registration)
    suggestion = rules.suggested_hours(registration)
    form = FundingForm(request.POST or None, periods=periods, initial={"paid_hours": suggestion})
    if request.method == "POST" and form.is_valid():
        try:
            services.funding_record(
                actor=request.user, registration=registration, **form.service_data()
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The funding was recorded."))
            return redirect(_back(request, registration))
    existing = list(
        selectors.fundings_visible_to(request.user)
        .filter(registration=registration)
        .select_related("period__grant")
    )
    return render(
        request,
        "funding/record.html",
        {
            "form": form,
            "registration": registration,
            "existing": existing,
            "suggestion": suggestion,
            "first_day": services.first_day(registration),
            "has_periods": periods.exists(),
            "actual_wage": GrantPeriod.WageBasis.ACTUAL_WAGE,
            "next": _back(request, registration),
        },
    )


@require_POST
@capability_required(MANAGE)
def remove(request, pk: int):
    funding = get_object_or_404(
        selectors.fundings_visible_to(request.user).select_related(
            "registration__person", "registration__offering", "period"
        ),
        pk=pk,
    )
    try:
        services.funding_remove(actor=request.user, funding=funding)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The funding was removed."))
    return redirect(_back(request, funding.registration))
