"""Reads of the organisation tree, always restricted to what the acting user may reach."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import Municipality, OperatingArea, Region, RoleAssignment, Unit
from .roles import Capability
from .scope import active_assignments, scope_for


def regions_visible_to(
    actor, capability: Capability = Capability.VIEW_ORGANISATION
) -> QuerySet[Region]:
    scope = scope_for(actor, capability)
    if scope.everything:
        return Region.objects.all()
    return Region.objects.filter(pk__in=scope.region_ids)


def municipalities_visible_to(
    actor, capability: Capability = Capability.VIEW_ORGANISATION
) -> QuerySet[Municipality]:
    """Municipalities the actor holds whole (HR, coordinator, administrator...)."""
    scope = scope_for(actor, capability)
    return Municipality.objects.filter(scope.municipalities_q()).select_related("region")


def units_visible_to(
    actor, capability: Capability = Capability.VIEW_ORGANISATION
) -> QuerySet[Unit]:
    scope = scope_for(actor, capability)
    return Unit.objects.filter(scope.units_q()).select_related(
        "municipality", "operating_area", "merged_into"
    )


def get_region_for(actor, pk: int, capability: Capability = Capability.VIEW_ORGANISATION) -> Region:
    return get_object_or_404(regions_visible_to(actor, capability), pk=pk)


def get_municipality_for(
    actor, pk: int, capability: Capability = Capability.VIEW_ORGANISATION
) -> Municipality:
    return get_object_or_404(municipalities_visible_to(actor, capability), pk=pk)


def get_unit_for(actor, pk: int, capability: Capability = Capability.VIEW_ORGANISATION) -> Unit:
    return get_object_or_404(units_visible_to(actor, capability), pk=pk)


def _current_staff_filter(prefix: str = "") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}employments__start_date__lte": today}) & (
        Q(**{f"{prefix}employments__end_date__isnull": True})
        | Q(**{f"{prefix}employments__end_date__gte": today})
    )


def units_with_staff_counts(units: QuerySet[Unit]) -> QuerySet[Unit]:
    """Units annotated with ``staff_count``: current employments, counted in one query."""
    return units.annotate(staff_count=Count("employments", filter=_current_staff_filter()))


def municipalities_with_counts(municipalities: QuerySet[Municipality]) -> QuerySet[Municipality]:
    """Municipalities annotated with open ``unit_count`` and current ``staff_count``."""
    today = timezone.localdate()
    open_units = Q(units__closed_on__isnull=True) | Q(units__closed_on__gt=today)
    return municipalities.annotate(
        unit_count=Count("units", filter=open_units, distinct=True),
        staff_count=Count(
            "units__employments", filter=_current_staff_filter("units__"), distinct=True
        ),
    )


def operating_areas_of(municipality: Municipality) -> QuerySet[OperatingArea]:
    return municipality.operating_areas.order_by("name")


def managers_of(units) -> dict[int, list]:
    """Unit id → current manager accounts, in one query."""
    result: dict[int, list] = {}
    assignments = (
        RoleAssignment.objects.active()
        .filter(role="manager", unit__in=units)
        .select_related("user")
        .order_by("user__display_name")
    )
    for assignment in assignments:
        result.setdefault(assignment.unit_id, []).append(assignment.user)
    return result


def assignments_visible_to(actor) -> QuerySet[RoleAssignment]:
    """Current and past role assignments whose scope lies in the actor's ASSIGN_ROLES scope."""
    scope = scope_for(actor, Capability.ASSIGN_ROLES)
    if scope.everything:
        query = Q()
    else:
        query = (
            Q(region_id__in=scope.region_ids)
            | Q(municipality__region_id__in=scope.region_ids)
            | Q(unit__municipality__region_id__in=scope.region_ids)
            | Q(municipality_id__in=scope.municipality_ids)
            | Q(unit__municipality_id__in=scope.municipality_ids)
            | Q(unit_id__in=scope.unit_ids)
        )
    return RoleAssignment.objects.filter(query).select_related(
        "user", "region", "municipality", "unit"
    )


def units_managed_by(user) -> QuerySet[Unit]:
    """The open units the user is currently manager of."""
    unit_ids = [unit for role, _r, _m, unit in active_assignments(user) if role == "manager"]
    return Unit.objects.filter(pk__in=unit_ids, closed_on__isnull=True).select_related(
        "municipality", "operating_area"
    )
