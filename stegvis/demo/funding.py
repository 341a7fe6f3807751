"""Demo grants and funded registrations (run after ``seed_courses``).

* Uddevalla: Äldreomsorgslyftet (Socialstyrelsen's state grant for elder-care staff's paid study
  time) for this year at 245 SEK an hour, and its own competence budget for course fees.
* Fyrbodal: a regional ESF project that may not be combined with Äldreomsorgslyftet.
* Randers: the municipal competence fund (kompetencefond) paying course fees in DKK.

Registrations are funded through ``funding.services.funding_record``, so every demo line has
passed the same rules as one recorded on the page; a registration a rule refuses is skipped.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.core.models import AuditEvent
from stegvis.courses import notices
from stegvis.courses.models import Registration
from stegvis.funding import rules, services
from stegvis.funding.models import Funding, Grant, GrantPeriod
from stegvis.organisations.models import Municipality, OperatingArea, Region

from .region import DEMO_REGION_SLUGS


@dataclass
class FundingSummary:
    grants: int
    periods: int
    fundings: int

    def lines(self) -> list[str]:
        return [
            f"  {self.grants} grants with {self.periods} periods, "
            f"{self.fundings} funded registrations"
        ]


def _year(today: datetime.date) -> dict:
    return {
        "label": str(today.year),
        "starts_on": datetime.date(today.year, 1, 1),
        "ends_on": datetime.date(today.year, 12, 31),
    }


def _grants(today: datetime.date) -> list[tuple[Grant, GrantPeriod]]:
    uddevalla = Municipality.objects.get(name="Uddevalla")
    randers = Municipality.objects.get(name="Randers")
    fyrbodal = Region.objects.get(slug="fyrbodal")
    year = _year(today)
    lyftet = services.grant_create(
        actor=None,
        owner=uddevalla,
        name="Äldreomsorgslyftet",
        funder="Socialstyrelsen",
        kind=Grant.Kind.STATE_GRANT,
        pays_study_time=True,
        area_kinds=[OperatingArea.Kind.ELDER_CARE],
        notes="Statsbidrag för betald studietid för anställda i äldreomsorgen.",
    )
    own = services.grant_create(
        actor=None,
        owner=uddevalla,
        name="Kompetensutveckling, egen budget",
        funder="Uddevalla kommun",
        kind=Grant.Kind.OWN_BUDGET,
        pays_study_time=False,
        pays_course_fees=True,
    )
    esf = services.grant_create(
        actor=None,
        owner=fyrbodal,
        name="ESF Kompetenslyft Fyrbodal",
        funder="Svenska ESF-rådet",
        kind=Grant.Kind.EU_FUND,
        pays_study_time=True,
        pays_substitutes=True,
        excludes=[lyftet],
        notes="Får inte kombineras med Äldreomsorgslyftet för samma person och kurs.",
    )
    fund = services.grant_create(
        actor=None,
        owner=randers,
        name="Kompetencefonden",
        funder="Den kommunale kompetencefond",
        kind=Grant.Kind.OTHER,
        pays_study_time=False,
        pays_course_fees=True,
    )
    rate = {"wage_basis": GrantPeriod.WageBasis.FIXED_RATE}
    return [
        (
            lyftet,
            services.period_add(
                actor=None,
                grant=lyftet,
                amount=Decimal("1250000"),
                currency="SEK",
                hourly_rate=Decimal("245"),
                **rate,
                **year,
            ),
        ),
        (
            own,
            services.period_add(
                actor=None, grant=own, amount=Decimal("150000"), currency="SEK", **rate, **year
            ),
        ),
        (
            esf,
            services.period_add(
                actor=None,
                grant=esf,
                amount=Decimal("2000000"),
                currency="SEK",
                hourly_rate=Decimal("250"),
                **rate,
                **year,
            ),
        ),
        (
            fund,
            services.period_add(
                actor=None, grant=fund, amount=Decimal("400000"), currency="DKK", **rate, **year
            ),
        ),
    ]


def _candidates(municipality: Municipality, limit: int) -> list[Registration]:
    return list(
        Registration.objects.filter(
            municipality=municipality,
            status=Registration.Status.CONFIRMED,
            offering__course__isnull=False,
        )
        .select_related("offering__course", "person")
        .order_by("id")[: limit * 4]
    )


def _try(registration: Registration, period: GrantPeriod, **amounts) -> bool:
    try:
        with transaction.atomic():
            services.funding_record(actor=None, registration=registration, period=period, **amounts)
    except ValidationError:
        return False
    return True


def seed_funding(*, seed: int = 0) -> FundingSummary:
    """Create the demo grants and fund a few registrations; return the counts."""
    today = timezone.localdate()
    with transaction.atomic(), notices.suppressed():
        periods = dict(_grants(today))
        lyftet, own, esf, fund = list(periods.values())
        uddevalla = lyftet.grant.municipality
        funded = 0
        for registration in _candidates(uddevalla, 12):
            if funded >= 12:
                break
            hours = rules.suggested_hours(registration)
            if _try(registration, lyftet, paid_hours=hours):
                funded += 1
                _try(registration, own, course_fee=Decimal("1200"))
            elif _try(registration, esf, paid_hours=hours, substitute_cost=Decimal("900")):
                funded += 1
        randers = fund.grant.municipality
        for registration in _candidates(randers, 4)[:4]:
            funded += _try(registration, fund, course_fee=Decimal("2500"))
        regions = Region.objects.filter(slug__in=DEMO_REGION_SLUGS)
        summary = FundingSummary(
            grants=Grant.objects.filter(_in_tree(regions)).count(),
            periods=GrantPeriod.objects.filter(
                grant__in=Grant.objects.filter(_in_tree(regions))
            ).count(),
            fundings=Funding.objects.filter(municipality__region__in=regions).count(),
        )
        log_action(
            "demo.funding_seeded",
            actor=None,
            target=regions.get(slug="fyrbodal"),
            message=gettext_noop("Demo funding generated: %(grants)s grants, %(fundings)s lines"),
            data={"grants": summary.grants, "fundings": summary.fundings, "seed": seed},
            source=AuditEvent.Source.COMMAND,
        )
    return summary


def _in_tree(regions: QuerySet[Region], path: str = "") -> Q:
    return Q(**{f"{path}region__in": regions}) | Q(**{f"{path}municipality__region__in": regions})


def remove_funding(regions: QuerySet[Region]) -> None:
    """Remove the fundings and grants of ``regions`` (before their registrations and
    municipalities go: both are protected)."""
    Funding.objects.filter(
        Q(municipality__region__in=regions)
        | Q(period__grant__in=Grant.objects.filter(_in_tree(regions)))
    ).delete()
    grants = Grant.objects.filter(_in_tree(regions))
    GrantPeriod.objects.filter(grant__in=grants).delete()
    grants.delete()


#: The name the demo command calls (``seed_funding(seed=seed)``).
seed = seed_funding
