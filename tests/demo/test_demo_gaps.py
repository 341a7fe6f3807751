"""The demo's gap trend: twelve monthly snapshots with gaps worth seeing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from stegvis.demo.gaps import seed_gaps
from stegvis.demo.generate import generate
from stegvis.gaps.counts import Area
from stegvis.gaps.models import GapSnapshot
from stegvis.gaps.snapshots import trend
from stegvis.organisations.models import Municipality

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_year_of_snapshots_with_gaps(db):
    generate(employees=200, seed=2026, password="demo-password-1")
    summary = seed_gaps()
    assert summary.months == 12 and summary.rows > 0
    assert GapSnapshot.objects.values("month").distinct().count() == 12
    uddevalla = Municipality.objects.get(name="Uddevalla")
    points = trend(Area("municipality", uddevalla.pk), timezone.localdate())
    assert len(points) == 12
    assert points[-1].shortfall > 0  # gaps worth seeing
    assert seed_gaps().rows == summary.rows  # again: the same snapshot, not a second one
    assert GapSnapshot.objects.count() == summary.rows
