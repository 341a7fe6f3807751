"""The rules a funding must pass, each answering with a readable reason or ``None``.

``services.funding_record`` calls them under the person's and the period's row locks, so two
recordings at the same moment are checked one after the other.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stegvis.courses.models import Registration
from stegvis.people.models import Employment

from .models import Funding, Grant, GrantPeriod

QUARTER = Decimal("0.25")


def course_dates(registration: Registration) -> list[datetime.date]:
    """The local dates of the registration's course days, in order."""
    return [
        timezone.localtime(start).date()
        for start in registration.offering.days.order_by("starts_at").values_list(
            "starts_at", flat=True
        )
    ]


def suggested_hours(registration: Registration) -> Decimal:
    """The length of the course days, leaving out days the person was marked absent, to the
    nearest quarter hour."""
    absent = set(registration.attendances.filter(present=False).values_list("day_id", flat=True))
    seconds = sum(
        (day.ends_at - day.starts_at).total_seconds()
        for day in registration.offering.days.all()
        if day.pk not in absent
    )
    hours = Decimal(seconds) / Decimal(3600)
    return (hours / QUARTER).quantize(Decimal(1)) * QUARTER


def _day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def status_problem(registration: Registration) -> str | None:
    if registration.status != Registration.Status.CONFIRMED:
        return _("Only a confirmed registration can be funded; this one is “%(status)s”.") % {
            "status": registration.get_status_display()
        }
    return None


def period_problem(period: GrantPeriod, dates: list[datetime.date]) -> str | None:
    """The period must be open and hold every course day."""
    if not period.is_open:
        return _(
            "The period %(period)s is closed for accounting; nothing more can be recorded."
        ) % {"period": period.label}
    if not dates:
        return _("The offering has no course days yet, so it cannot be placed in a period.")
    if dates[0] < period.starts_on or dates[-1] > period.ends_on:
        return _(
            "The course days (%(first)s–%(last)s) are not all within the period %(period)s "
            "(%(start)s–%(end)s)."
        ) % {
            "first": _day(dates[0]),
            "last": _day(dates[-1]),
            "period": period.label,
            "start": _day(period.starts_on),
            "end": _day(period.ends_on),
        }
    return None


def owner_problem(grant: Grant, municipality_id: int, region_id: int) -> str | None:
    """A municipality's grant pays for its own staff; a regional grant for the region's."""
    if grant.municipality_id and grant.municipality_id != municipality_id:
        return _("%(grant)s is %(owner)s's grant and pays only for its own staff.") % {
            "grant": grant.name,
            "owner": grant.municipality,
        }
    if grant.region_id and grant.region_id != region_id:
        return _("%(grant)s is a grant of another region.") % {"grant": grant.name}
    return None


def eligibility_problem(grant: Grant, registration: Registration, on: datetime.date) -> str | None:
    """The course, and the person's job title and operating area on the first course day."""
    course_ids = {c.pk for c in grant.courses.all()}
    if course_ids and registration.offering.course_id not in course_ids:
        return _("%(grant)s does not pay for the course %(course)s.") % {
            "grant": grant.name,
            "course": registration.offering.display_title,
        }
    title_ids = {t.pk for t in grant.job_titles.all()}
    if not title_ids and not grant.area_kinds:
        return None
    jobs = list(
        Employment.objects.current(on)
        .filter(person_id=registration.person_id)
        .select_related("job_title", "unit__operating_area")
    )
    fits = [
        job
        for job in jobs
        if (not title_ids or job.job_title_id in title_ids)
        and (not grant.area_kinds or job.unit.operating_area.kind in grant.area_kinds)
    ]
    if fits:
        return None
    if not jobs:
        return _("%(person)s has no employment on %(day)s, so %(grant)s cannot pay.") % {
            "person": registration.person.full_name,
            "day": _day(on),
            "grant": grant.name,
        }
    wanted = [t.name for t in grant.job_titles.all()] + grant.get_area_kinds_display()
    return _(
        "%(person)s is not eligible for %(grant)s: on %(day)s they work as %(job)s, and the grant "
        "is for %(wanted)s."
    ) % {
        "person": registration.person.full_name,
        "grant": grant.name,
        "day": _day(on),
        "job": ", ".join(f"{j.job_title.name} ({j.unit.operating_area.name})" for j in jobs),
        "wanted": ", ".join(wanted),
    }


def same_course_fundings(registration: Registration):
    """Fundings of the same person for the same course (any offering of it), or for the same
    offering when it is an event without a course."""
    fundings = Funding.objects.filter(registration__person_id=registration.person_id)
    if registration.offering.course_id:
        fundings = fundings.filter(
            registration__offering__course_id=registration.offering.course_id
        )
    else:
        fundings = fundings.filter(registration__offering_id=registration.offering_id)
    return fundings.select_related("period__grant", "registration__offering")


def exclusion_problem(
    grant: Grant, registration: Registration, *, ignore: Funding | None = None
) -> str | None:
    """No two grants that exclude each other pay for the same person and course, and the same
    grant pays a registration once."""
    others = same_course_fundings(registration)
    if ignore is not None:
        others = others.exclude(pk=ignore.pk)
    excluded = set(grant.excludes.values_list("pk", flat=True))
    for other in others:
        other_grant = other.period.grant
        if other_grant.pk == grant.pk and other.registration_id == registration.pk:
            return _("%(grant)s already pays for this registration (period %(period)s).") % {
                "grant": grant.name,
                "period": other.period.label,
            }
        if other_grant.pk in excluded:
            return _(
                "%(grant)s may not be combined with %(other)s, which already pays for "
                "%(person)s on %(course)s."
            ) % {
                "grant": grant.name,
                "other": other_grant.name,
                "person": registration.person.full_name,
                "course": other.registration.offering.display_title,
            }
    return None


def pays_problem(grant: Grant, *, hours, fee, substitutes) -> str | None:
    if hours and not grant.pays_study_time:
        return _("%(grant)s does not pay study time.") % {"grant": grant.name}
    if fee and not grant.pays_course_fees:
        return _("%(grant)s does not pay course fees.") % {"grant": grant.name}
    if substitutes and not grant.pays_substitutes:
        return _("%(grant)s does not pay substitutes.") % {"grant": grant.name}
    if not (hours or fee or substitutes):
        return _("Enter paid study hours, a course fee or a substitute cost.")
    return None


def used_amount(period: GrantPeriod, *, ignore: Funding | None = None) -> Decimal:
    fundings = period.fundings.all()
    if ignore is not None:
        fundings = fundings.exclude(pk=ignore.pk)
    return fundings.aggregate(used=Sum("amount"))["used"] or Decimal(0)


def amount_problem(
    period: GrantPeriod, amount: Decimal, *, ignore: Funding | None = None
) -> str | None:
    """The period's fundings together may not pass the amount granted."""
    remaining = period.amount - used_amount(period, ignore=ignore)
    if amount > remaining:
        return _(
            "The cost %(cost)s %(currency)s is more than what remains of the period "
            "%(period)s: %(remaining)s %(currency)s."
        ) % {
            "cost": amount,
            "currency": period.currency,
            "period": period.label,
            "remaining": remaining,
        }
    return None
