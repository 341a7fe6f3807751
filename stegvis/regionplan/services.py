"""Writing the joint plan: create it, propose offerings while it is a draft, confirm it.

Confirming creates every proposed offering, with its course days and seat quotas, through the
courses services (``offering_create``, ``day_add``), so their rules hold: all in one
transaction, and if a rule refuses one offering nothing is created and the plan stays a draft.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.courses.models import Course, Offering
from stegvis.courses.services.offerings import day_add, offering_create
from stegvis.organisations.models import Municipality, Region
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for

from . import terms
from .models import JointPlan, Proposal, ProposalQuota

PROPOSAL_FIELDS = (
    *("attendance", "seats_on_site", "seats_digital", "place", "address", "digital_link"),
    *("first_day", "day_count", "days_apart", "starts_at", "ends_at", "closes_on"),
)
MAX_DAYS = 20


def _check_planner(actor, region: Region) -> None:
    if not scope_for(actor, Capability.PLAN_REGION).contains(region):
        raise ValidationError(
            _("You do not plan the joint courses of %(region)s.") % {"region": region}
        )


def _check_draft(plan: JointPlan) -> None:
    if not plan.is_draft:
        raise ValidationError(_("The plan is confirmed and can no longer be changed."))


@transaction.atomic
def plan_create(
    *,
    actor,
    region: Region,
    kind: str,
    year: int | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    name: str = "",
) -> JointPlan:
    """A draft plan for a half-year (``kind`` spring or autumn and ``year``) or a custom
    period (``starts_on`` to ``ends_on``, with an optional name)."""
    _check_planner(actor, region)
    if kind in (terms.SPRING, terms.AUTUMN):
        if year is None:
            raise ValidationError({"year": _("Give the year.")})
        starts_on, ends_on = terms.term_dates(kind, year)
        name = ""
    elif kind == terms.CUSTOM:
        if starts_on is None or ends_on is None:
            raise ValidationError(_("Give the first and the last day of the period."))
        if ends_on < starts_on:
            raise ValidationError({"ends_on": _("The period must end after it starts.")})
    else:
        raise ValidationError({"kind": _("Choose a term.")})
    if JointPlan.objects.filter(region=region, starts_on=starts_on, ends_on=ends_on).exists():
        raise ValidationError(_("There is a plan for this period already."))
    plan = JointPlan.objects.create(
        region=region,
        kind=kind,
        name=name.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        "regionplan.plan.created",
        actor=actor,
        target=plan,
        message=gettext_noop("Created the joint plan for %(term)s"),
        data={"term": plan.term_label, "starts_on": str(starts_on), "ends_on": str(ends_on)},
    )
    return plan


def _clean_proposal(plan: JointPlan, course: Course, data: dict, quotas: dict) -> dict:
    cleaned = {name: data.get(name) for name in PROPOSAL_FIELDS}
    for name in ("place", "address", "digital_link"):
        cleaned[name] = (cleaned[name] or "").strip()
    cleaned["attendance"] = cleaned["attendance"] or Offering.Attendance.ON_SITE
    cleaned["day_count"] = cleaned["day_count"] or 1
    cleaned["days_apart"] = cleaned["days_apart"] or 7
    cleaned["starts_at"] = cleaned["starts_at"] or datetime.time(9)
    cleaned["ends_at"] = cleaned["ends_at"] or datetime.time(16)
    errors: dict = {}
    if course.region_id != plan.region_id or course.archived:
        errors["course"] = _("Choose one of the region's current joint courses.")
    modes = Offering(attendance=cleaned["attendance"]).modes()
    if "on_site" in modes:
        if cleaned["seats_on_site"] is None:
            errors["seats_on_site"] = _("Give the number of seats on site.")
        if not cleaned["place"]:
            errors["place"] = _("Say where the course days are held.")
    else:
        cleaned["seats_on_site"] = None
    if "digital" not in modes:
        cleaned["seats_digital"] = None
    first, closes = cleaned["first_day"], cleaned["closes_on"]
    if first is None:
        errors["first_day"] = _("Give the first course day.")
    elif not plan.starts_on <= first <= plan.ends_on:
        errors["first_day"] = _("The first course day must lie in the plan's term.")
    if closes is None:
        errors["closes_on"] = _("Give the registration deadline.")
    elif first is not None and closes >= first:
        errors["closes_on"] = _("The registration deadline must be before the first course day.")
    if not 1 <= cleaned["day_count"] <= MAX_DAYS:
        errors["day_count"] = _("Between 1 and %(max)s course days.") % {"max": MAX_DAYS}
    if cleaned["ends_at"] <= cleaned["starts_at"]:
        errors["ends_at"] = _("A course day must end after it starts.")
    if any(m.region_id != plan.region_id for m in quotas):
        errors["__all__"] = _("Seat quotas are for the region's own municipalities.")
    elif sum(quotas.values()) > (cleaned["seats_on_site"] or 0):
        errors["__all__"] = _(
            "The quotas reserve %(reserved)s seats, more than the %(seats)s seats on site."
        ) % {"reserved": sum(quotas.values()), "seats": cleaned["seats_on_site"] or 0}
    if errors:
        raise ValidationError(errors)
    return cleaned


def _save_quotas(proposal: Proposal, quotas: dict) -> None:
    proposal.quotas.exclude(municipality__in=list(quotas)).delete()
    for municipality, seats in quotas.items():
        ProposalQuota.objects.update_or_create(
            proposal=proposal, municipality=municipality, defaults={"seats": seats}
        )


def _proposal_data(proposal: Proposal) -> dict:
    return {
        "course": proposal.course.title,
        "first_day": str(proposal.first_day),
        "days": proposal.day_count,
        "seats": proposal.limited_seats(),
        "quotas": {str(q.municipality): q.seats for q in proposal.quotas.all()},
    }


def _locked(plan: JointPlan) -> JointPlan:
    return JointPlan.objects.select_for_update().select_related("region").get(pk=plan.pk)


@transaction.atomic
def proposal_add(
    *, actor, plan: JointPlan, course: Course, quotas: dict[Municipality, int] | None = None, **data
) -> Proposal:
    """Propose an offering of ``course`` in the plan's term, with seat quotas per municipality."""
    plan = _locked(plan)
    _check_planner(actor, plan.region)
    _check_draft(plan)
    quotas = {m: n for m, n in (quotas or {}).items() if n}
    proposal = Proposal.objects.create(
        plan=plan, course=course, **_clean_proposal(plan, course, data, quotas)
    )
    _save_quotas(proposal, quotas)
    log_action(
        "regionplan.proposal.added",
        actor=actor,
        target=plan,
        message=gettext_noop("Proposed an offering of %(course)s"),
        data=_proposal_data(proposal),
    )
    return proposal


@transaction.atomic
def proposal_update(
    *, actor, proposal: Proposal, quotas: dict[Municipality, int] | None = None, **data
) -> Proposal:
    plan = _locked(proposal.plan)
    _check_planner(actor, plan.region)
    _check_draft(plan)
    quotas = {m: n for m, n in (quotas or {}).items() if n}
    for name, value in _clean_proposal(plan, proposal.course, data, quotas).items():
        setattr(proposal, name, value)
    proposal.save(update_fields=list(PROPOSAL_FIELDS))
    _save_quotas(proposal, quotas)
    log_action(
        "regionplan.proposal.changed",
        actor=actor,
        target=plan,
        message=gettext_noop("Changed the proposed offering of %(course)s"),
        data=_proposal_data(proposal),
    )
    return proposal


@transaction.atomic
def proposal_delete(*, actor, proposal: Proposal) -> None:
    plan = _locked(proposal.plan)
    _check_planner(actor, plan.region)
    _check_draft(plan)
    data = _proposal_data(proposal)
    proposal.delete()
    log_action(
        "regionplan.proposal.removed",
        actor=actor,
        target=plan,
        message=gettext_noop("Removed the proposed offering of %(course)s"),
        data=data,
    )


def _moment(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _create_offering(actor, plan: JointPlan, proposal: Proposal, now) -> Offering:
    closes = _moment(proposal.closes_on, datetime.time(23, 59))
    offering = offering_create(
        actor=actor,
        owner=plan.region,
        kind=Offering.Kind.COURSE,
        course=proposal.course,
        attendance=proposal.attendance,
        seats_on_site=proposal.seats_on_site,
        seats_digital=proposal.seats_digital,
        opens_at=now,
        closes_at=closes,
        cancel_by=closes,
        language=proposal.course.language,
        quotas={q.municipality: q.seats for q in proposal.quotas.all()},
    )
    for day in proposal.day_dates():
        day_add(
            actor=actor,
            offering=offering,
            starts_at=_moment(day, proposal.starts_at),
            ends_at=_moment(day, proposal.ends_at),
            place=proposal.place,
            address=proposal.address,
            digital_link=proposal.digital_link,
        )
    return offering


def _refusal(proposal: Proposal, error: ValidationError) -> ValidationError:
    return ValidationError(
        _("%(course)s starting %(day)s could not be created: %(reason)s")
        % {
            "course": proposal.course.title,
            "day": proposal.first_day.isoformat(),
            "reason": " ".join(error.messages),
        }
    )


@transaction.atomic
def plan_confirm(*, actor, plan: JointPlan, now: datetime.datetime | None = None) -> JointPlan:
    """Create the proposed offerings and mark the plan confirmed: all of them, or none."""
    plan = _locked(plan)
    _check_planner(actor, plan.region)
    _check_draft(plan)
    now = now or timezone.now()
    proposals = list(
        plan.proposals.select_related("course").prefetch_related("quotas__municipality")
    )
    if not proposals:
        raise ValidationError(_("Propose at least one offering before confirming the plan."))
    for proposal in proposals:
        try:
            with transaction.atomic():
                proposal.offering = _create_offering(actor, plan, proposal, now)
        except (ValidationError, IntegrityError) as error:
            if isinstance(error, IntegrityError):
                error = ValidationError(_("The database refused the offering."))
            raise _refusal(proposal, error) from error
        proposal.save(update_fields=["offering"])
    plan.status = JointPlan.Status.CONFIRMED
    plan.confirmed_by = actor if getattr(actor, "is_authenticated", False) else None
    plan.confirmed_at = now
    plan.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    log_action(
        "regionplan.plan.confirmed",
        actor=actor,
        target=plan,
        message=gettext_noop("Confirmed the joint plan for %(term)s: %(offerings)s offerings"),
        data={
            "term": plan.term_label,
            "offerings": len(proposals),
            "offering_ids": [p.offering_id for p in proposals],
        },
    )
    return plan
