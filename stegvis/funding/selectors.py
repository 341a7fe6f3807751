"""Who sees which grants, periods, registrations and fundings (MANAGE_FUNDING).

* HR (a municipality) keeps its municipality's grants and sees the regional grants of its
  region; of any grant it sees only the funding lines of its own municipality's staff.
* The region's administrator keeps the regional grants and those of the region's
  municipalities, and sees every line in the region.

Anything outside answers 404, the same as a missing object.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, DecimalField, Min, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from stegvis.courses.models import Offering, Registration
from stegvis.organisations.models import Municipality
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import Scope, scope_for
from stegvis.people.selectors import people_visible_to

from .models import Funding, Grant, GrantPeriod

MANAGE = Capability.MANAGE_FUNDING
ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=12, decimal_places=2))


def funding_scope(actor) -> Scope:
    return scope_for(actor, MANAGE)


def _region_ids(scope: Scope):
    """Regions whose regional grants the scope sees: its own and its municipalities'."""
    return set(scope.region_ids) | set(
        Municipality.objects.filter(pk__in=scope.municipality_ids).values_list(
            "region_id", flat=True
        )
    )


def grants_visible_to(actor) -> QuerySet[Grant]:
    scope = funding_scope(actor)
    if scope.everything:
        return Grant.objects.all()
    return Grant.objects.filter(
        Q(region_id__in=_region_ids(scope)) | scope.municipalities_q("municipality__")
    )


def grants_managed_by(actor) -> QuerySet[Grant]:
    """Grants the actor may change: its municipality's, or (region) the region's and its
    municipalities'."""
    scope = funding_scope(actor)
    if scope.everything:
        return Grant.objects.all()
    return Grant.objects.filter(
        Q(region_id__in=scope.region_ids) | scope.municipalities_q("municipality__")
    )


def may_manage(actor, grant: Grant) -> bool:
    return funding_scope(actor).contains(grant.scope)


def get_grant_for(actor, pk: int, *, manage: bool = False) -> Grant:
    grants = grants_managed_by(actor) if manage else grants_visible_to(actor)
    return get_object_or_404(grants.select_related("region", "municipality"), pk=pk)


def get_period_for(actor, pk: int, *, manage: bool = False) -> GrantPeriod:
    grants = grants_managed_by(actor) if manage else grants_visible_to(actor)
    return get_object_or_404(
        GrantPeriod.objects.filter(grant__in=grants).select_related(
            "grant", "grant__region", "grant__municipality"
        ),
        pk=pk,
    )


def fundings_visible_to(actor) -> QuerySet[Funding]:
    """Funding lines of the staff of municipalities the actor holds whole."""
    return Funding.objects.filter(funding_scope(actor).municipalities_q("municipality__"))


def registrations_fundable_by(actor) -> QuerySet[Registration]:
    """Registrations of staff the actor keeps funding for: the seat is its municipality's, or
    the person is (now) one of its staff."""
    scope = funding_scope(actor)
    if scope.is_empty:
        return Registration.objects.none()
    staff = people_visible_to(actor, MANAGE).values("pk")
    return Registration.objects.filter(
        scope.municipalities_q("municipality__") | Q(person__in=staff)
    )


def get_registration_for(actor, pk: int) -> Registration:
    return get_object_or_404(
        registrations_fundable_by(actor).select_related(
            "person", "person__municipality", "municipality", "offering", "offering__course"
        ),
        pk=pk,
    )


def periods_for_recording(actor, registration: Registration) -> QuerySet[GrantPeriod]:
    """Open periods of the grants that could pay for this registration (the rules decide)."""
    municipality = registration.municipality or registration.person.municipality
    if municipality is None:
        return GrantPeriod.objects.none()
    return (
        GrantPeriod.objects.filter(
            Q(grant__municipality=municipality) | Q(grant__region_id=municipality.region_id),
            grant__in=grants_visible_to(actor),
            state=GrantPeriod.State.OPEN,
        )
        .select_related("grant")
        .order_by("grant__name", "starts_on")
    )


def periods_with_usage(grants: QuerySet[Grant]) -> Prefetch:
    """Each grant's periods, with the amount used (all lines) and the number of lines."""
    return Prefetch(
        "periods",
        queryset=GrantPeriod.objects.annotate(
            used=Coalesce(Sum("fundings__amount"), ZERO), lines=Count("fundings")
        ).order_by("starts_on", "id"),
    )


def grant_list(actor) -> QuerySet[Grant]:
    grants = grants_visible_to(actor)
    return grants.select_related("region", "municipality").prefetch_related(
        periods_with_usage(grants)
    )


def offerings_with_staff(actor, limit: int = 30) -> QuerySet[Offering]:
    """Offerings where staff the actor keeps funding for hold a confirmed seat, newest first:
    the way in to recording their funding."""
    seats = registrations_fundable_by(actor).filter(status=Registration.Status.CONFIRMED)
    return (
        Offering.objects.filter(pk__in=seats.values("offering_id"))
        .select_related("course")
        .annotate(
            first_day=Min("days__starts_at"),
            staff=Count("registrations", filter=Q(registrations__in=seats), distinct=True),
        )
        .order_by("-first_day", "-id")[:limit]
    )
