"""Maintaining offerings and their course days.

Changes to seats wake the waiting list; a change to a course day's time or place (and a new
day) tells everyone holding a seat and bumps the day's iCalendar sequence.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.organisations.models import Region

from ..models import Course, CourseDay, Offering, OfferingQuota
from ..models.offerings import Mode
from ..models.registrations import Registration
from ..notices import Notice, announce
from . import registration as registration_service
from .owners import Owner, check_leaders, check_owner, moment, owner_fields, owner_ids, region_id_of

OFFERING_FIELDS = (
    *("title", "description", "follows", "attendance", "seats_on_site", "seats_digital"),
    *("opens_at", "closes_at", "cancel_by", "min_participants", "promotion", "offer_hours"),
    *("audience", "language"),
)
DAY_FIELDS = ("starts_at", "ends_at", "place", "address", "digital_link")


def _check_course_fits(owner: Owner, kind: str, course: Course | None, new: bool) -> None:
    if (kind == Offering.Kind.COURSE) != (course is not None):
        raise ValidationError(_("A course offering, and only that, runs a course."))
    if course is None:
        return
    if course.archived and new:
        raise ValidationError(_("The course is archived."))
    if not (
        course.region_id == region_id_of(owner) or course.municipality_id == owner_ids(owner)[1]
    ):
        raise ValidationError(_("%(owner)s cannot offer this course.") % {"owner": owner})


def _active_per_mode(offering: Offering) -> dict[str, int]:
    rows = offering.registrations.active().values_list("mode").annotate(n=Count("id")).order_by()
    return dict(rows)


def _check_timeline(data: dict, first_day: datetime.datetime | None, errors: dict) -> None:
    if data["closes_at"] < data["opens_at"]:
        errors["closes_at"] = _("The registration deadline must be after registration opens.")
    if data["cancel_by"] < data["opens_at"]:
        errors["cancel_by"] = _("The cancellation deadline cannot be before registration opens.")
    if first_day is None:
        return
    day = {"day": moment(first_day)}
    if data["closes_at"] > first_day:
        errors["closes_at"] = (
            _("The registration deadline must be before the first course day (%(day)s).") % day
        )
    if data["cancel_by"] > first_day:
        errors["cancel_by"] = (
            _("The cancellation deadline must be before the first course day (%(day)s).") % day
        )


def _check_seats(offering: Offering | None, data: dict, quotas: dict, errors: dict) -> None:
    modes = Offering(attendance=data["attendance"]).modes()
    if Mode.ON_SITE in modes and data["seats_on_site"] is None:
        errors["seats_on_site"] = _("Give the number of seats on site.")
    if Mode.ON_SITE not in modes:
        data["seats_on_site"] = None
    if Mode.DIGITAL not in modes:
        data["seats_digital"] = None
    if offering is not None:
        active = _active_per_mode(offering)
        for mode in set(active) - set(modes):
            errors["attendance"] = _(
                "%(n)s registrations are for attending %(mode)s; keep that way of attending."
            ) % {"n": active[mode], "mode": Mode(mode).label.lower()}
        for mode, field in ((Mode.ON_SITE, "seats_on_site"), (Mode.DIGITAL, "seats_digital")):
            held = sum(registration_service.seats_held(offering, mode).values())
            if data[field] is not None and data[field] < held:
                errors[field] = _(
                    "%(held)s seats are held already; there cannot be fewer seats than that."
                ) % {"held": held}
    reserved = sum(quotas.values())
    if reserved and data["seats_on_site"] is None:
        errors["__all__"] = _("Seat quotas need a number of seats on site.")
    elif data["seats_on_site"] is not None and reserved > data["seats_on_site"]:
        errors["__all__"] = _(
            "The quotas reserve %(reserved)s seats, more than the %(seats)s seats on site."
        ) % {"reserved": reserved, "seats": data["seats_on_site"]}


def _check_quota_owner(owner: Owner, quotas: dict) -> None:
    if not quotas:
        return
    if not isinstance(owner, Region):
        raise ValidationError(_("Seat quotas are for joint regional offerings only."))
    if any(m.region_id != owner.pk for m in quotas):
        raise ValidationError(_("Seat quotas are for the region's own municipalities."))


def _check_follows(owner: Owner, kind: str, data: dict, offering: Offering | None) -> None:
    follows = data.get("follows")
    if follows is None:
        return
    same_owner = (follows.region_id, follows.municipality_id) == owner_ids(owner)
    if kind != Offering.Kind.FOLLOW_UP_DAY:
        message = _("Only a follow-up day follows a theme day.")
    elif follows.kind != Offering.Kind.THEME_DAY or not same_owner:
        message = _("A follow-up day follows a theme day of the same organiser.")
    elif offering is not None and follows.pk == offering.pk:
        message = _("A follow-up day cannot follow itself.")
    else:
        mine = registration_service.first_day_start(offering) if offering else None
        theirs = registration_service.first_day_start(follows)
        if not (mine and theirs and theirs >= mine):
            return
        message = _("The theme day must come before its follow-up day.")
    raise ValidationError({"follows": message})


def _offering_data(fields: dict) -> dict:
    data = {name: fields.get(name) for name in OFFERING_FIELDS}
    for name in ("title", "description", "audience"):
        data[name] = data[name] or ""
    data["promotion"] = data["promotion"] or Offering.Promotion.CONFIRM
    data["offer_hours"] = data["offer_hours"] or 48
    data["language"] = data["language"] or "sv"
    return data


def _quotas_clean(quotas) -> dict:
    return {m: seats for m, seats in (quotas or {}).items() if seats}


def _offering_save(offering: Offering, data: dict, leaders, quotas: dict) -> None:
    for name, value in data.items():
        setattr(offering, name, value)
    offering.save()
    offering.leaders.set(leaders)
    offering.quotas.exclude(municipality__in=list(quotas)).delete()
    for municipality, seats in quotas.items():
        OfferingQuota.objects.update_or_create(
            offering=offering, municipality=municipality, defaults={"seats": seats}
        )


def _validate_offering(owner, kind, course, data, leaders, quotas, offering=None) -> None:
    _check_course_fits(owner, kind, course, new=offering is None)
    _check_quota_owner(owner, quotas)
    _check_follows(owner, kind, data, offering)
    errors: dict = {}
    first = registration_service.first_day_start(offering) if offering else None
    _check_timeline(data, first, errors)
    _check_seats(offering, data, quotas, errors)
    if errors:
        raise ValidationError(errors)
    check_leaders(owner, leaders)


@transaction.atomic
def offering_create(
    *,
    actor,
    owner: Owner,
    kind: str,
    course: Course | None = None,
    leaders=(),
    quotas=None,
    **fields,
) -> Offering:
    """A run of a course, or an event (launch, dialogue, theme or follow-up day)."""
    check_owner(actor, owner)
    data, quotas = _offering_data(fields), _quotas_clean(quotas)
    _validate_offering(owner, kind, course, data, leaders, quotas)
    offering = Offering(kind=kind, course=course, created_by=actor, **owner_fields(owner))
    _offering_save(offering, data, leaders, quotas)
    log_action(
        "courses.offering.created",
        actor=actor,
        target=offering,
        message=gettext_noop("Created the offering %(offering)s"),
        data={"offering": offering.display_title, "kind": kind},
    )
    return offering


@transaction.atomic
def offering_update(*, actor, offering: Offering, leaders=(), quotas=None, **fields) -> Offering:
    """Change an offering. More seats (or changed quotas) move the waiting list up at once."""
    offering = (
        Offering.objects.select_for_update(of=("self",))
        .select_related("course")
        .get(pk=offering.pk)
    )
    owner = offering.scope
    check_owner(actor, owner)
    data, quotas = _offering_data(fields), _quotas_clean(quotas)
    _validate_offering(owner, offering.kind, offering.course, data, leaders, quotas, offering)
    before = dict(offering.quotas.values_list("municipality", "seats"))
    unlimited = float("inf")
    grew = any(
        (data[name] if data[name] is not None else unlimited)
        > (getattr(offering, name) if getattr(offering, name) is not None else unlimited)
        for name in ("seats_on_site", "seats_digital")
    ) or before != {m.pk: s for m, s in quotas.items()}
    _offering_save(offering, data, leaders, quotas)
    log_action(
        "courses.offering.changed",
        actor=actor,
        target=offering,
        message=gettext_noop("Changed the offering %(offering)s"),
        data={
            "offering": offering.display_title,
            "seats_on_site": offering.seats_on_site,
            "seats_digital": offering.seats_digital,
            "quotas": {str(m): s for m, s in quotas.items()},
        },
    )
    if grew:
        registration_service.capacity_changed(offering)
    return offering


# Course days ----------------------------------------------------------------------------------


def _check_day(offering: Offering, data: dict) -> None:
    errors = {}
    if data["ends_at"] <= data["starts_at"]:
        errors["ends_at"] = _("A course day must end after it starts.")
    elif data["starts_at"] < offering.closes_at:
        errors["starts_at"] = _(
            "A course day must start after the registration deadline (%(deadline)s)."
        ) % {"deadline": moment(offering.closes_at)}
    elif data["starts_at"] < offering.cancel_by:
        errors["starts_at"] = _(
            "A course day must start after the cancellation deadline (%(deadline)s)."
        ) % {"deadline": moment(offering.cancel_by)}
    if errors:
        raise ValidationError(errors)


def _day_data(fields: dict) -> dict:
    data = {name: fields.get(name) for name in DAY_FIELDS}
    for name in ("place", "address", "digital_link"):
        data[name] = data[name] or ""
    return data


@transaction.atomic
def day_add(*, actor, offering: Offering, **fields) -> CourseDay:
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    check_owner(actor, offering.scope)
    data = _day_data(fields)
    _check_day(offering, data)
    day = CourseDay.objects.create(offering=offering, **data)
    told = _tell_seat_holders(offering)
    log_action(
        "courses.day.added",
        actor=actor,
        target=offering,
        message=gettext_noop("Added a course day on %(day)s"),
        data={"day": moment(day.starts_at), "day_id": day.pk, "told": told},
    )
    return day


def _tell_seat_holders(offering: Offering) -> int:
    """Send everyone holding a seat the changed days (their invitation gets the new event)."""
    holders = list(offering.registrations.filter(status__in=Registration.HOLDING_SEAT))
    for registration in holders:
        announce(registration, Notice.CHANGED)
    return len(holders)


@transaction.atomic
def day_update(*, actor, day: CourseDay, **fields) -> CourseDay:
    """Change a course day. A new time or place goes out to everyone holding a seat, with the
    day's iCalendar sequence raised so calendars replace the old event."""
    offering = Offering.objects.select_for_update().get(pk=day.offering_id)
    check_owner(actor, offering.scope)
    data = _day_data(fields)
    _check_day(offering, data)
    changed = [name for name in DAY_FIELDS if getattr(day, name) != data[name]]
    if not changed:
        return day
    CourseDay.objects.filter(pk=day.pk).update(
        **data, sequence=F("sequence") + 1, changed_at=timezone.now()
    )
    day.refresh_from_db()
    told = _tell_seat_holders(offering)
    log_action(
        "courses.day.changed",
        actor=actor,
        target=offering,
        message=gettext_noop("Changed the course day on %(day)s"),
        data={"day": moment(day.starts_at), "day_id": day.pk, "changed": changed, "told": told},
    )
    return day
