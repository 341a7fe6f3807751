"""The demo's joint plan: a draft for next term in Fyrbodal with proposals for the courses most
in demand, quotas within the seats, and a plan page the demo coordinator can open."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from stegvis.demo.courses import seed_courses
from stegvis.demo.development import seed_development
from stegvis.demo.generate import generate
from stegvis.demo.journeys import seed_journeys
from stegvis.demo.regionplan import remove_regionplan, seed_regionplan
from stegvis.organisations.models import Region, Role, RoleAssignment
from stegvis.regionplan import terms
from stegvis.regionplan.models import JointPlan

pytestmark = pytest.mark.django_db


def test_demo_has_a_draft_plan_for_next_term_with_proposals(client):
    generate(employees=300, seed=2026, password="demo-Passw0rd!")
    seed_courses(seed=2026)
    seed_journeys()
    seed_development(seed=2026)
    summary = seed_regionplan()
    plan = JointPlan.objects.get()
    kind, year = terms.next_term(timezone.localdate())
    assert (plan.region.slug, plan.kind, plan.starts_on.year, plan.status) == (
        "fyrbodal",
        kind,
        year,
        "draft",
    )
    assert 1 <= plan.proposals.count() == summary.proposals <= 3
    for proposal in plan.proposals.all():
        assert sum(q.seats for q in proposal.quotas.all()) <= proposal.seats_on_site
        assert proposal.course.region_id == plan.region_id
    coordinator = RoleAssignment.objects.filter(role=Role.COORDINATOR, region=plan.region).first()
    client.force_login(coordinator.user, backend="stegvis.accounts.backends.AuthenticationBackend")
    assert client.get(reverse("regionplan:plan", args=[plan.pk])).status_code == 200
    remove_regionplan(Region.objects.all())
    assert not JointPlan.objects.exists()
