"""The demo's strategy plans and committee meetings: what Maria and Lars see, and the reset."""

from __future__ import annotations

import pytest

from stegvis.demo.generate import generate
from stegvis.demo.region import DEMO_REGION_SLUGS
from stegvis.demo.strategy import remove_strategy, seed_strategy
from stegvis.organisations.models import Region
from stegvis.strategy import committee
from stegvis.strategy.models import JointCommitteeMeeting, StrategyPlan

pytestmark = pytest.mark.django_db


def test_seeded_plans_meetings_and_one_unit_overdue():
    generate(employees=0, seed=7, password="stegvis-demo-2026", reset=False)
    summary = seed_strategy(seed=7)
    assert (summary.plans, summary.adopted, summary.meetings) == (6, 3, 5)
    assert "6 strategy plans (3 adopted), 5 joint committee meetings" in summary.lines()[0]
    drafts = StrategyPlan.objects.filter(status="draft").select_related("copied_from")
    assert all(p.copied_from and p.copied_from.is_adopted for p in drafts)
    units = {p.unit for p in StrategyPlan.objects.select_related("unit__municipality")}
    states = sorted(s.state for s in committee.statuses_for(units).values())
    assert states == sorted([committee.State.OK, committee.State.OVERDUE, committee.State.DUE])
    assert set(StrategyPlan.objects.values_list("currency", flat=True)) == {"SEK", "DKK"}
    regions = Region.objects.filter(slug__in=DEMO_REGION_SLUGS)
    remove_strategy(regions)
    assert not StrategyPlan.objects.exists() and not JointCommitteeMeeting.objects.exists()
