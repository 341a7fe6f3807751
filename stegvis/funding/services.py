"""Every write of the funding app: grants, their periods, and funding on registrations.

``funding_record`` locks the person's row first (all fundings of one person are recorded one
after the other, so two grants that exclude each other cannot both slip in for the same course)
and then the period's row (so the amount granted is never passed). Locks are always taken in
that order: person, then period.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.courses.models import Course, Registration
from stegvis.organisations.models import Municipality, Region
from stegvis.people.models import JobTitle, Person

from . import rules
from .models import CENT, Funding, Grant, GrantPeriod

GRANT_FIELDS = (
    "name",
    "funder",
    "kind",
    "pays_study_time",
    "pays_course_fees",
    "pays_substitutes",
    "area_kinds",
    "notes",
)
PERIOD_FIELDS = ("label", "starts_on", "ends_on", "amount", "currency", "wage_basis", "hourly_rate")


def _refuse(message: str | None, field: str | None = None) -> None:
    if message:
        raise ValidationError({field: message} if field else message)


def _region_of(owner: Region | Municipality) -> int:
    return owner.pk if isinstance(owner, Region) else owner.region_id


def _check_links(owner, *, job_titles, courses, excludes, grant: Grant | None = None) -> None:
    region_id = _region_of(owner)
    if any(t.region_id != region_id for t in job_titles):
        raise ValidationError({"job_titles": _("Choose job titles of the grant's own region.")})
    for course in courses:
        if (course.region_id or course.municipality.region_id) != region_id:
            raise ValidationError({"courses": _("Choose courses of the grant's own region.")})
    for other in excludes:
        if grant is not None and other.pk == grant.pk:
            raise ValidationError({"excludes": _("A grant cannot exclude itself.")})
        if _region_of(other.scope) != region_id:
            raise ValidationError({"excludes": _("Choose grants of the same region.")})


@transaction.atomic
def grant_create(
    *,
    actor,
    owner: Region | Municipality,
    job_titles: list[JobTitle] = (),
    courses: list[Course] = (),
    excludes: list[Grant] = (),
    **fields,
) -> Grant:
    _check_links(owner, job_titles=job_titles, courses=courses, excludes=excludes)
    owner_field = "region" if isinstance(owner, Region) else "municipality"
    grant = Grant.objects.create(
        **{owner_field: owner},
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{name: fields[name] for name in GRANT_FIELDS if name in fields},
    )
    grant.job_titles.set(job_titles)
    grant.courses.set(courses)
    grant.excludes.set(excludes)
    log_action(
        "funding.grant.created",
        actor=actor,
        target=grant,
        message=gettext_noop("Created the grant %(grant)s"),
        data={"grant": grant.name, "excludes": [g.name for g in excludes]},
    )
    return grant


@transaction.atomic
def grant_update(
    *,
    actor,
    grant: Grant,
    job_titles: list[JobTitle] = (),
    courses: list[Course] = (),
    excludes: list[Grant] = (),
    **fields,
) -> Grant:
    _check_links(
        grant.scope, job_titles=job_titles, courses=courses, excludes=excludes, grant=grant
    )
    changed = [n for n in GRANT_FIELDS if n in fields and getattr(grant, n) != fields[n]]
    for name in changed:
        setattr(grant, name, fields[name])
    if changed:
        grant.save(update_fields=changed)
    before = set(grant.excludes.values_list("name", flat=True))
    grant.job_titles.set(job_titles)
    grant.courses.set(courses)
    grant.excludes.set(excludes)
    log_action(
        "funding.grant.updated",
        actor=actor,
        target=grant,
        message=gettext_noop("Changed the grant %(grant)s"),
        data={
            "grant": grant.name,
            "fields": changed,
            "excludes": [sorted(before), sorted(g.name for g in excludes)],
        },
    )
    return grant


def currency_for(owner: Region | Municipality) -> str | None:
    """The currency of the owner's country (a region's from its municipalities)."""
    if isinstance(owner, Municipality):
        return owner.currency
    countries = set(owner.municipalities.values_list("country", flat=True))
    return Municipality.CURRENCIES[countries.pop()] if len(countries) == 1 else None


def _check_period(grant: Grant, fields: dict, period: GrantPeriod | None = None) -> None:
    if fields["ends_on"] < fields["starts_on"]:
        raise ValidationError({"ends_on": _("The period ends before it starts.")})
    if fields["amount"] < 0:
        raise ValidationError({"amount": _("The amount granted cannot be negative.")})
    expected = currency_for(grant.scope)
    if expected and fields["currency"] != expected:
        raise ValidationError(
            {"currency": _("Grants here are kept in %(currency)s.") % {"currency": expected}}
        )
    fixed = fields["wage_basis"] == GrantPeriod.WageBasis.FIXED_RATE
    if grant.pays_study_time and fixed and not fields.get("hourly_rate"):
        raise ValidationError({"hourly_rate": _("Enter the hourly rate for study hours.")})
    if period is not None:
        dates = period.fundings.values_list("registration__offering__days__starts_at", flat=True)
        days = [timezone.localtime(d).date() for d in dates if d]
        if days and (min(days) < fields["starts_on"] or max(days) > fields["ends_on"]):
            raise ValidationError(
                _(
                    "Registrations already funded in this period have course days outside the "
                    "new dates."
                )
            )
        used = rules.used_amount(period)
        if fields["amount"] < used:
            raise ValidationError(
                {
                    "amount": _("%(used)s is already used; the amount cannot be less.")
                    % {"used": used}
                }
            )


@transaction.atomic
def period_add(*, actor, grant: Grant, **fields) -> GrantPeriod:
    _check_period(grant, fields)
    period = GrantPeriod.objects.create(grant=grant, **{n: fields.get(n) for n in PERIOD_FIELDS})
    log_action(
        "funding.period.added",
        actor=actor,
        target=grant,
        message=gettext_noop("Added the period %(period)s: %(amount)s %(currency)s"),
        data={"period": period.label, "amount": str(period.amount), "currency": period.currency},
    )
    return period


@transaction.atomic
def period_update(*, actor, period: GrantPeriod, **fields) -> GrantPeriod:
    period = (
        GrantPeriod.objects.select_for_update(of=("self",))
        .select_related("grant")
        .get(pk=period.pk)
    )
    if not period.is_open:
        raise ValidationError(_("The period is closed for accounting; reopen it to change it."))
    _check_period(period.grant, fields, period)
    changed = {
        n: [str(getattr(period, n)), str(fields.get(n))]
        for n in PERIOD_FIELDS
        if getattr(period, n) != fields.get(n)
    }
    for name in changed:
        setattr(period, name, fields.get(name))
    if changed:
        period.save(update_fields=list(changed))
    log_action(
        "funding.period.updated",
        actor=actor,
        target=period.grant,
        message=gettext_noop("Changed the period %(period)s"),
        data={"period": period.label, "changes": changed},
    )
    return period


@transaction.atomic
def period_set_state(*, actor, period: GrantPeriod, closed: bool) -> GrantPeriod:
    """Close a period for accounting (nothing more is recorded) or open it again."""
    period = (
        GrantPeriod.objects.select_for_update(of=("self",))
        .select_related("grant")
        .get(pk=period.pk)
    )
    state = GrantPeriod.State.CLOSED if closed else GrantPeriod.State.OPEN
    if period.state == state:
        return period
    period.state = state
    period.closed_at = timezone.now() if closed else None
    period.closed_by = actor if closed and getattr(actor, "is_authenticated", False) else None
    period.save(update_fields=["state", "closed_at", "closed_by"])
    log_action(
        "funding.period.closed" if closed else "funding.period.reopened",
        actor=actor,
        target=period.grant,
        message=gettext_noop("Closed the period %(period)s for accounting")
        if closed
        else gettext_noop("Reopened the period %(period)s"),
        data={"period": period.label, "used": str(rules.used_amount(period))},
    )
    return period


def _money(value) -> Decimal:
    return Decimal(value or 0).quantize(CENT)


@transaction.atomic
def funding_record(
    *,
    actor,
    registration: Registration,
    period: GrantPeriod,
    paid_hours: Decimal = Decimal(0),
    course_fee: Decimal = Decimal(0),
    substitute_cost: Decimal = Decimal(0),
    hourly_rate: Decimal | None = None,
    note: str = "",
) -> Funding:
    """Record that ``period`` pays for ``registration``; refused with the reason when a rule
    does not hold (see ``rules``)."""
    person = Person.objects.select_for_update().get(pk=registration.person_id)
    period = (
        GrantPeriod.objects.select_for_update(of=("self",))
        .select_related("grant", "grant__municipality")
        .get(pk=period.pk)
    )
    registration = Registration.objects.select_related("offering__course", "person").get(
        pk=registration.pk
    )
    grant = period.grant
    municipality = registration.municipality or person.municipality
    if municipality is None:
        raise ValidationError(_("The registration belongs to no municipality."))
    hours, fee, substitutes = _money(paid_hours), _money(course_fee), _money(substitute_cost)
    rate = _rate(period, hourly_rate) if hours else Decimal(0)
    dates = rules.course_dates(registration)
    for problem in (
        rules.status_problem(registration),
        rules.owner_problem(grant, municipality.pk, municipality.region_id),
        rules.period_problem(period, dates),
        rules.pays_problem(grant, hours=hours, fee=fee, substitutes=substitutes),
        rules.eligibility_problem(grant, registration, dates[0]),
        rules.exclusion_problem(grant, registration),
    ):
        _refuse(problem)
    amount = (hours * rate).quantize(CENT) + fee + substitutes
    _refuse(rules.amount_problem(period, amount))
    funding = Funding.objects.create(
        registration=registration,
        period=period,
        municipality=municipality,
        paid_hours=hours,
        hourly_rate=rate,
        course_fee=fee,
        substitute_cost=substitutes,
        amount=amount,
        note=note,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        "funding.funding.recorded",
        actor=actor,
        target=person,
        message=gettext_noop(
            "%(grant)s (%(period)s) pays %(amount)s %(currency)s for %(offering)s"
        ),
        data={
            "grant": grant.name,
            "period": period.label,
            "amount": str(amount),
            "currency": period.currency,
            "hours": str(hours),
            "offering": registration.offering.display_title,
            "registration": registration.pk,
        },
    )
    return funding


def _rate(period: GrantPeriod, given: Decimal | None) -> Decimal:
    if period.wage_basis == GrantPeriod.WageBasis.FIXED_RATE:
        if not period.hourly_rate:
            raise ValidationError(_("The period has no hourly rate for study hours yet."))
        return period.hourly_rate
    if not given or given <= 0:
        raise ValidationError(
            {"hourly_rate": _("Enter the person's hourly wage cost for the study hours.")}
        )
    return _money(given)


@transaction.atomic
def funding_remove(*, actor, funding: Funding) -> None:
    """Take back a funding recorded by mistake, while its period is open."""
    Person.objects.select_for_update().get(pk=funding.registration.person_id)
    period = (
        GrantPeriod.objects.select_for_update(of=("self",))
        .select_related("grant")
        .get(pk=funding.period_id)
    )
    if not period.is_open:
        raise ValidationError(
            _("The period %(period)s is closed for accounting; nothing can be removed.")
            % {"period": period.label}
        )
    log_action(
        "funding.funding.removed",
        actor=actor,
        target=funding.registration.person,
        message=gettext_noop(
            "Removed %(grant)s (%(period)s), %(amount)s %(currency)s, from %(offering)s"
        ),
        data={
            "grant": period.grant.name,
            "period": period.label,
            "amount": str(funding.amount),
            "currency": period.currency,
            "offering": funding.registration.offering.display_title,
            "registration": funding.registration_id,
        },
    )
    funding.delete()


def first_day(registration: Registration) -> datetime.date | None:
    dates = rules.course_dates(registration)
    return dates[0] if dates else None
