"""The participant's catalogue: upcoming offerings a user sees, filtered and annotated.

Everything a catalogue row shows is computed in the database (seats held per mode, first day,
number of days, the user's own status), so a page of results costs the same few queries
whatever its length.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from stegvis.people.models import Person

from .models import CourseDay, Offering, Registration
from .models.offerings import Mode
from .selectors import offerings_visible_to

JOINT = "region"  # the owner filter's value for courses run jointly by the region


@dataclass(frozen=True)
class CatalogueFilter:
    """What the catalogue form asks for; empty values mean "any"."""

    q: str = ""
    area: str = ""
    phase: str = ""
    owner: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    free_only: bool = False


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _held(mode: str) -> Coalesce:
    held = (
        Registration.objects.filter(
            offering=OuterRef("pk"), mode=mode, status__in=Registration.HOLDING_SEAT
        )
        .order_by()
        .values("offering")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(held, output_field=IntegerField()), Value(0))


def _days(aggregate) -> Subquery:
    rows = (
        CourseDay.objects.filter(offering=OuterRef("pk"))
        .order_by()
        .values("offering")
        .annotate(v=aggregate)
        .values("v")
    )
    return Subquery(rows)


def annotate_rows(offerings: QuerySet[Offering], person: Person | None) -> QuerySet[Offering]:
    """Add first_day, day_count, held_on_site, held_digital and my_status to each offering."""
    offerings = offerings.annotate(
        first_day=_days(Min("starts_at")),
        day_count=Coalesce(_days(Count("pk")), Value(0)),
        held_on_site=_held(Mode.ON_SITE),
        held_digital=_held(Mode.DIGITAL),
    )
    if person is not None:
        mine = Registration.objects.filter(
            offering=OuterRef("pk"), person=person, status__in=Registration.ACTIVE
        ).values("status")[:1]
        offerings = offerings.annotate(my_status=Subquery(mine))
    return offerings.select_related("course", "region", "municipality").prefetch_related(
        Prefetch("days", queryset=CourseDay.objects.order_by("starts_at", "id"))
    )


def upcoming(offerings: QuerySet[Offering], now: datetime.datetime | None = None):
    """Not cancelled, and the first course day is today or later (or no day is set yet and
    registration is still open)."""
    now = now or timezone.now()
    today = _start_of(timezone.localdate(now))
    has_days = Exists(CourseDay.objects.filter(offering=OuterRef("pk")))
    started = Exists(CourseDay.objects.filter(offering=OuterRef("pk"), starts_at__lt=today))
    return offerings.exclude(decision=Offering.Decision.CANCELLED).filter(
        (has_days & ~started) | (~has_days & Q(closes_at__gte=now))
    )


def _json_list_has(field: str, value: str) -> Q:
    """An empty list means "every"; otherwise the list must name ``value``.

    ``icontains`` on the JSON text works on SQLite and PostgreSQL alike (``contains`` on a
    JSON list does not exist on SQLite); the quotes keep one code from matching inside another.
    """
    return (
        Q(course__isnull=True)
        | Q(**{f"course__{field}": []})
        | Q(**{f"course__{field}__icontains": f'"{value}"'})
    )


def _free_seat_q() -> Q:
    on_site = Q(attendance__in=[Offering.Attendance.ON_SITE, Offering.Attendance.HYBRID]) & (
        Q(seats_on_site__isnull=True) | Q(held_on_site__lt=F("seats_on_site"))
    )
    digital = Q(attendance__in=[Offering.Attendance.DIGITAL, Offering.Attendance.HYBRID]) & (
        Q(seats_digital__isnull=True) | Q(held_digital__lt=F("seats_digital"))
    )
    return on_site | digital


def catalogue(user, person: Person | None, wanted: CatalogueFilter) -> QuerySet[Offering]:
    """Upcoming offerings visible to ``user`` matching ``wanted``, soonest first."""
    offerings = upcoming(offerings_visible_to(user))
    for word in wanted.q.split()[:5]:
        offerings = offerings.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(course__title__icontains=word)
            | Q(course__description__icontains=word)
        )
    if wanted.area:
        offerings = offerings.filter(_json_list_has("area_kinds", wanted.area))
    if wanted.phase:
        offerings = offerings.filter(_json_list_has("phases", wanted.phase))
    if wanted.owner == JOINT:
        offerings = offerings.filter(region__isnull=False)
    elif wanted.owner:
        offerings = offerings.filter(municipality_id=wanted.owner)
    if wanted.date_from or wanted.date_to:
        days = CourseDay.objects.filter(offering=OuterRef("pk"))
        if wanted.date_from:
            days = days.filter(starts_at__gte=_start_of(wanted.date_from))
        if wanted.date_to:
            days = days.filter(starts_at__lt=_start_of(wanted.date_to + datetime.timedelta(1)))
        offerings = offerings.filter(Exists(days))
    offerings = annotate_rows(offerings, person)
    if wanted.free_only:
        offerings = offerings.filter(_free_seat_q())
    return offerings.order_by("first_day", "closes_at", "id")


def owner_choices(user) -> list[tuple[str, str]]:
    """Municipalities that own offerings the user sees, for the owner filter (one query)."""
    rows = (
        offerings_visible_to(user)
        .filter(municipality__isnull=False)
        .values_list("municipality_id", "municipality__name")
        .distinct()
        .order_by("municipality__name")
    )
    return [(str(pk), name) for pk, name in rows]


def seats_left(offering: Offering, mode: str, held: int) -> int | None:
    """Seats still free in ``mode`` (``None``: no limit); never below zero."""
    capacity = offering.capacity(mode)
    if capacity is None:
        return None
    return max(0, capacity - held)


def seat_summary(offering: Offering) -> list[dict]:
    """Per mode the offering can be attended: label, seats left (``None`` = unlimited).

    Uses the annotations of ``annotate_rows``.
    """
    held = {Mode.ON_SITE: offering.held_on_site, Mode.DIGITAL: offering.held_digital}
    return [
        {
            "mode": mode,
            "label": Mode(mode).label,
            "left": seats_left(offering, mode, held[mode]),
        }
        for mode in offering.modes()
    ]
