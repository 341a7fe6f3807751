"""Pages for grants and their periods: the list with used against granted, the grant, forms.

Only MANAGE_FUNDING holders reach them; a grant outside one's scope answers 404. HR may read a
regional grant of its region but only the region's administrator may change it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stegvis.core.http import add_validation_errors
from stegvis.organisations.models import Municipality, Region
from stegvis.organisations.permissions import capability_required

from . import selectors, services
from .forms import GrantForm, PeriodForm
from .models import Grant, GrantPeriod

MANAGE = selectors.MANAGE
FORM = "funding/form.html"


def owners_of(user) -> list:
    """Regions and municipalities whose grants ``user`` keeps."""
    scope = selectors.funding_scope(user)
    regions = (
        Region.objects.all() if scope.everything else Region.objects.filter(pk__in=scope.region_ids)
    )
    municipalities = Municipality.objects.filter(scope.municipalities_q()).order_by("name")
    return [*regions.order_by("name"), *municipalities]


def _save(request, form, save, success: str):
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save()
    except ValidationError as error:
        add_validation_errors(form, error)
        return None
    messages.success(request, success)
    return saved


def _form_page(request, form, heading, back):
    return render(request, FORM, {"form": form, "heading": heading, "back": back})


@capability_required(MANAGE)
def grants(request):
    rows = list(selectors.grant_list(request.user))
    for grant in rows:
        grant.may_manage = selectors.may_manage(request.user, grant)
        for period in grant.periods.all():
            period.remaining = period.amount - period.used
    return render(
        request,
        "funding/grants.html",
        {
            "grants": rows,
            "may_create": bool(owners_of(request.user)),
            "offerings": list(selectors.offerings_with_staff(request.user)),
        },
    )


def _grant_form(request, grant: Grant | None = None, owners=()):
    others = selectors.grants_visible_to(request.user)
    if grant is not None:
        others = others.exclude(pk=grant.pk)
    initial = None
    if grant is not None:
        initial = {
            **{name: getattr(grant, name) for name in services.GRANT_FIELDS},
            "job_titles": list(grant.job_titles.all()),
            "courses": list(grant.courses.all()),
            "excludes": list(grant.excludes.all()),
        }
    return GrantForm(
        request.POST or None,
        owners=owners,
        fixed_owner=grant.scope if grant else None,
        grants=others.order_by("name"),
        initial=initial or {"pays_study_time": True},
    )


@capability_required(MANAGE)
def grant_create(request):
    owners = owners_of(request.user)
    if not owners:
        raise Http404
    form = _grant_form(request, owners=owners)
    grant = _save(
        request,
        form,
        lambda: services.grant_create(
            actor=request.user, owner=form.cleaned_data["owner"], **form.service_data()
        ),
        _("The grant was created. Add its periods and amounts."),
    )
    if grant:
        return redirect(grant)
    return _form_page(request, form, _("New grant"), reverse("funding:grants"))


@capability_required(MANAGE)
def grant_edit(request, pk: int):
    grant = selectors.get_grant_for(request.user, pk, manage=True)
    form = _grant_form(request, grant)
    if _save(
        request,
        form,
        lambda: services.grant_update(actor=request.user, grant=grant, **form.service_data()),
        _("The grant was saved."),
    ):
        return redirect(grant)
    return _form_page(
        request, form, _("Edit %(grant)s") % {"grant": grant.name}, grant.get_absolute_url()
    )


@capability_required(MANAGE)
def grant(request, pk: int):
    grant = selectors.get_grant_for(request.user, pk)
    grant = (
        Grant.objects.filter(pk=grant.pk)
        .select_related("region", "municipality")
        .prefetch_related(
            selectors.periods_with_usage(Grant.objects.filter(pk=grant.pk)),
            "job_titles",
            "courses",
            "excludes",
        )
        .get()
    )
    periods = list(grant.periods.all())
    for period in periods:
        period.remaining = period.amount - period.used
    return render(
        request,
        "funding/grant.html",
        {
            "grant": grant,
            "periods": periods,
            "may_manage": selectors.may_manage(request.user, grant),
        },
    )


def _period_initial(grant: Grant) -> dict:
    currency = services.currency_for(grant.scope)
    return {"currency": currency} if currency else {}


@capability_required(MANAGE)
def period_add(request, pk: int):
    grant = selectors.get_grant_for(request.user, pk, manage=True)
    form = PeriodForm(request.POST or None, initial=_period_initial(grant))
    if _save(
        request,
        form,
        lambda: services.period_add(actor=request.user, grant=grant, **form.cleaned_data),
        _("The period was added."),
    ):
        return redirect(grant)
    return _form_page(
        request,
        form,
        _("New period of %(grant)s") % {"grant": grant.name},
        grant.get_absolute_url(),
    )


@capability_required(MANAGE)
def period_edit(request, pk: int):
    period = selectors.get_period_for(request.user, pk, manage=True)
    form = PeriodForm(
        request.POST or None,
        initial={name: getattr(period, name) for name in services.PERIOD_FIELDS},
    )
    if _save(
        request,
        form,
        lambda: services.period_update(actor=request.user, period=period, **form.cleaned_data),
        _("The period was saved."),
    ):
        return redirect(period.grant)
    return _form_page(
        request,
        form,
        _("Edit the period %(period)s") % {"period": period},
        period.grant.get_absolute_url(),
    )


@require_POST
@capability_required(MANAGE)
def period_state(request, pk: int):
    period = selectors.get_period_for(request.user, pk, manage=True)
    closed = request.POST.get("state") == GrantPeriod.State.CLOSED
    services.period_set_state(actor=request.user, period=period, closed=closed)
    messages.success(
        request,
        _("The period %(period)s is closed for accounting.") % {"period": period.label}
        if closed
        else _("The period %(period)s is open again.") % {"period": period.label},
    )
    return redirect(period.grant)
