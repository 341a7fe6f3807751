"""Reading joint plans: only those of the regions the actor plans for (PLAN_REGION)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from stegvis.organisations.models import Region
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for

from .models import JointPlan, Proposal

PLAN = Capability.PLAN_REGION


def _regions_q(actor, path: str = "") -> Q:
    scope = scope_for(actor, PLAN)
    if scope.everything:
        return Q()
    return Q(**{f"{path}pk__in": scope.region_ids})


def regions_planned_by(actor) -> QuerySet[Region]:
    return Region.objects.filter(_regions_q(actor)).order_by("name")


def plans_visible_to(actor) -> QuerySet[JointPlan]:
    return (
        JointPlan.objects.filter(_regions_q(actor, "region__"))
        .select_related("region", "created_by", "confirmed_by")
        .annotate(proposal_count=Count("proposals"))
    )


def get_plan_for(actor, pk: int) -> JointPlan:
    """The plan, if the actor plans for its region; 404 otherwise, like a missing one."""
    return get_object_or_404(
        JointPlan.objects.filter(_regions_q(actor, "region__")).select_related("region"), pk=pk
    )


def get_proposal_for(actor, pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.filter(_regions_q(actor, "plan__region__")).select_related(
            "plan__region", "course"
        ),
        pk=pk,
    )
