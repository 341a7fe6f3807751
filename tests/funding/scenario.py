"""A funding scenario on the standard cast, shared by the funding tests.

Uddevalla holds Äldreomsorgslyftet (a state grant for elder-care staff, study time at 250 SEK
an hour); Fyrbodal holds a regional ESF project that may not be combined with it. Both have a
period around a two-day joint course (7 hours a day) on which the cast's employee (elder care,
Solgården) and colleague (disability, Linden) hold confirmed seats.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from stegvis.courses.services import registration as reg
from stegvis.funding import services
from stegvis.organisations.models import OperatingArea
from tests.course_factories import CourseDayFactory, CourseFactory, OfferingFactory, at


def period_dates(days_before: int = 10, days_after: int = 200) -> dict:
    today = timezone.localdate()
    return {
        "starts_on": today - datetime.timedelta(days=days_before),
        "ends_on": today + datetime.timedelta(days=days_after),
    }


def grant(
    actor, owner, name, *, excludes=(), amount="100000", rate="250", basis="fixed_rate", **fields
):
    fields.setdefault("funder", "Socialstyrelsen")
    fields.setdefault("kind", "state_grant")
    fields.setdefault("pays_study_time", True)
    g = services.grant_create(
        actor=actor, owner=owner, name=name, excludes=list(excludes), **fields
    )
    period = services.period_add(
        actor=actor,
        grant=g,
        label=str(timezone.localdate().year),
        amount=Decimal(amount),
        currency="SEK",
        wage_basis=basis,
        hourly_rate=Decimal(rate) if rate else None,
        **period_dates(),
    )
    return g, period


def offering(cast, title="Demensvård steg 1", days=(30, 37), **fields):
    course = CourseFactory(region=cast.region, title=title)
    off = OfferingFactory(course=course, seats_on_site=30, **fields)
    for day in days:
        CourseDayFactory(offering=off, starts_at=at(day, 9), ends_at=at(day, 16))
    return off


def scenario(cast) -> dict:
    lyftet, lyftet_period = grant(
        cast.hr.user,
        cast.uddevalla,
        "Äldreomsorgslyftet",
        area_kinds=[OperatingArea.Kind.ELDER_CARE],
    )
    esf, esf_period = grant(
        cast.admin.user,
        cast.region,
        "ESF Kompetenslyft Fyrbodal",
        excludes=[lyftet],
        kind="eu_fund",
        funder="ESF-rådet",
        pays_course_fees=True,
    )
    course_offering = offering(cast)
    employee_seat = reg.register(actor=None, offering=course_offering, person=cast.employee)
    colleague_seat = reg.register(actor=None, offering=course_offering, person=cast.colleague)
    return {
        "lyftet": lyftet,
        "lyftet_period": lyftet_period,
        "esf": esf,
        "esf_period": esf_period,
        "offering": course_offering,
        "employee_seat": employee_seat,
        "colleague_seat": colleague_seat,
    }


def fund(actor, registration, period, hours="14", **amounts):
    return services.funding_record(
        actor=actor,
        registration=registration,
        period=period,
        paid_hours=Decimal(hours),
        **{k: Decimal(v) for k, v in amounts.items()},
    )
