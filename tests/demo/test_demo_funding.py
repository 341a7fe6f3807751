"""The demo's grants and funded registrations: seeded after the courses, within the rules,
and removable before a reset."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from stegvis.demo.funding import remove_funding, seed_funding
from stegvis.demo.region import DEMO_REGION_SLUGS
from stegvis.funding.models import Funding, Grant
from stegvis.organisations.models import Region

pytestmark = pytest.mark.django_db


def test_demo_funding_follows_the_rules_and_can_be_removed():
    call_command("seed_demo", "--employees", "200", stdout=StringIO())
    regions = Region.objects.filter(slug__in=DEMO_REGION_SLUGS)
    assert Grant.objects.count() == 4, "seed_demo seeds the grants"
    remove_funding(regions)
    assert not Grant.objects.exists() and not Funding.objects.exists()
    summary = seed_funding(seed=1)
    assert summary.grants == 4 and summary.periods == 4
    assert summary.fundings >= 3, summary
    lyftet = Grant.objects.get(name="Äldreomsorgslyftet")
    assert lyftet.municipality.name == "Uddevalla"
    assert list(lyftet.excludes.values_list("name", flat=True)) == ["ESF Kompetenslyft Fyrbodal"]
    lines = Funding.objects.select_related("period__grant", "registration")
    assert lines.filter(period__grant=lyftet).exists()
    # Never both excluding grants on one person's course.
    pairs = {
        (f.registration.person_id, f.registration.offering.course_id, f.period.grant.name)
        for f in lines
    }
    for person, course, name in pairs:
        if name == "Äldreomsorgslyftet":
            assert (person, course, "ESF Kompetenslyft Fyrbodal") not in pairs
    danish = lines.filter(period__grant__name="Kompetencefonden")
    assert danish.exists() and {f.period.currency for f in danish} == {"DKK"}
    assert "grants with" in summary.lines()[0]
    remove_funding(regions)
    assert not Funding.objects.exists() and not Grant.objects.exists()
