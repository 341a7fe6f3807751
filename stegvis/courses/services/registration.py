"""Registration: first come, first served, waiting lists, offers, transfers and cancellations.

Every change takes the offering's row lock first (``SELECT ... FOR UPDATE`` on PostgreSQL; on
SQLite every write transaction is ``BEGIN IMMEDIATE``, which serialises them all). Seats are
counted inside that lock, so simultaneous sign-ups, transfers and cancellations can never
confirm more people than there are seats, and nobody is promoted twice.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.people.models import Person

from ..models import Offering, Registration
from ..models.offerings import Mode
from ..notices import Notice, announce
from .line_state import line_state

Status = Registration.Status


def _locked(offering_id: int, among: QuerySet[Offering] | None = None) -> Offering:
    """The offering under its row lock; with ``among``, only if it is one of them (else
    ``Offering.DoesNotExist``, from the same statement)."""
    offerings = Offering.objects.all() if among is None else among
    return offerings.select_for_update(of=("self",)).select_related("course").get(pk=offering_id)


def first_day_start(offering: Offering) -> datetime.datetime | None:
    return offering.days.aggregate(first=Min("starts_at"))["first"]


def seats_held(offering: Offering, mode: str) -> Counter:
    """Seats held (confirmed or offered) per municipality id for ``mode``."""
    rows = (
        Registration.objects.filter(
            offering=offering, mode=mode, status__in=Registration.HOLDING_SEAT
        )
        .values_list("municipality_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return Counter(dict(rows))


def _quotas(offering: Offering) -> dict[int, int]:
    return dict(offering.quotas.values_list("municipality_id", "seats"))


def seat_free_for(
    offering: Offering,
    mode: str,
    municipality_id: int | None,
    held: Counter,
    quotas: dict[int, int],
) -> bool:
    """Is there a seat in ``mode`` for someone from ``municipality_id``?

    On-site seats reserved by other municipalities' quotas and not yet used by them are not
    free for anyone else.
    """
    capacity = offering.capacity(mode)
    if capacity is None:
        return True
    taken = sum(held.values())
    if taken >= capacity:
        return False
    if mode != Mode.ON_SITE or not quotas:
        return True
    reserved = sum(
        max(0, seats - held.get(municipality, 0))
        for municipality, seats in quotas.items()
        if municipality != municipality_id
    )
    return taken + reserved < capacity


def _check_before_start(offering: Offering, now: datetime.datetime) -> None:
    start = first_day_start(offering)
    if start is not None and now >= start:
        raise ValidationError(_("The offering has already started."))


def _check_may_attend(offering: Offering, person: Person) -> None:
    if offering.municipality_id is not None:
        allowed = person.municipality_id == offering.municipality_id
    else:
        allowed = person.region_id == offering.region_id
    if not allowed:
        raise ValidationError(
            _("This offering is not open to staff of %(where)s.")
            % {"where": person.municipality or person.region}
        )


@transaction.atomic
def register(
    *,
    actor,
    offering: Offering | int,
    person: Person,
    mode: str | None = None,
    now: datetime.datetime | None = None,
    source: str = "web",
    among: QuerySet[Offering] | None = None,
) -> Registration:
    """Give ``person`` a seat, or a place on the waiting list when the seats are taken.

    ``offering`` may be given by its id: it is read again under its lock anyway. With
    ``among`` (the actor's visible offerings) an offering outside it raises
    ``Offering.DoesNotExist``, in the same statement that takes the lock.

    The place in line (``queued_at``) is the time the lock was taken, so the order of
    ``queued_at`` is the order in which seats were given. The registration window is checked
    against the time the person pressed the button. Without quotas or expired offers, the seat
    is decided from one aggregate read; the full accounting runs only when it is needed.
    """
    pressed = now or timezone.now()
    offering = _locked(getattr(offering, "pk", offering), among)
    queued_at = now or timezone.now()
    mode = mode or offering.modes()[0]
    if mode not in offering.modes():
        raise ValidationError(_("This offering cannot be attended that way."))
    if offering.decision == Offering.Decision.CANCELLED:
        raise ValidationError(_("The offering has been cancelled."))
    if pressed < offering.opens_at:
        raise ValidationError(_("Registration has not opened yet."))
    if pressed > offering.closes_at:
        raise ValidationError(_("The registration deadline has passed."))
    _check_may_attend(offering, person)
    line = line_state(offering.pk, person.pk, mode, queued_at)
    if line.mine:
        raise ValidationError(_("%(person)s is already registered.") % {"person": person})
    quick = not line.expired and not line.reserved
    if quick:
        held, quotas = Counter({None: line.held}), {}
    else:
        expire_offers(offering, now=queued_at)
        held, quotas = seats_held(offering, mode), _quotas(offering)
    free = seat_free_for(offering, mode, person.municipality_id, held, quotas)
    registration = Registration.objects.create(
        offering=offering,
        person=person,
        municipality_id=person.municipality_id,
        mode=mode,
        status=Status.CONFIRMED if free else Status.WAITING,
        queued_at=queued_at,
        registered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if quick and not free:
        # Its place in line as it joined (behind everyone but those queued later, which only
        # a caller's earlier ``now`` makes possible), for the answer to show without a query.
        registration.line_position = line.waiting - line.behind + 1
    log_action(
        "courses.registration.created",
        actor=actor,
        target=person,
        source=source,
        message=gettext_noop("Registered for %(offering)s (%(status)s)"),
        data={
            "offering": offering.display_title,
            "status": registration.status,
            "registration": registration.pk,
        },
    )
    announce(registration, Notice.CONFIRMED if free else Notice.WAITING)
    return registration


def _promote(offering: Offering, mode: str, now: datetime.datetime) -> list[Registration]:
    """Give freed seats to the first in line who fits (inside the offering's lock)."""
    start = first_day_start(offering)
    if start is not None and now >= start:
        return []
    quotas = _quotas(offering)
    promoted = []
    waiting = offering.registrations.filter(mode=mode, status=Status.WAITING).order_by(
        "queued_at", "id"
    )
    for candidate in waiting:
        held = seats_held(offering, mode)
        capacity = offering.capacity(mode)
        if capacity is not None and sum(held.values()) >= capacity:
            break
        if not seat_free_for(offering, mode, candidate.municipality_id, held, quotas):
            continue
        if offering.promotion == Offering.Promotion.OFFER:
            candidate.status = Status.OFFERED
            candidate.offered_until = now + datetime.timedelta(hours=offering.offer_hours)
            notice = Notice.OFFERED
        else:
            candidate.status = Status.CONFIRMED
            notice = Notice.PROMOTED
        candidate.save(update_fields=["status", "offered_until", "changed_at"])
        log_action(
            "courses.registration.promoted",
            actor=None,
            target=candidate.person,
            source="system",
            message=gettext_noop("Moved from the waiting list for %(offering)s (%(status)s)"),
            data={
                "offering": offering.display_title,
                "status": candidate.status,
                "registration": candidate.pk,
            },
        )
        announce(candidate, notice)
        promoted.append(candidate)
    return promoted


def _end(
    registration: Registration, status: str, *, actor, message: str, source: str, notice: Notice
) -> None:
    registration.status = status
    registration.offered_until = None
    registration.sequence += 1
    registration.save(update_fields=["status", "offered_until", "sequence", "changed_at"])
    log_action(
        f"courses.registration.{status}",
        actor=actor,
        target=registration.person,
        source=source,
        message=message,
        data={"offering": registration.offering.display_title, "registration": registration.pk},
    )
    announce(registration, notice)


def _reread(registration: Registration) -> Registration:
    return Registration.objects.select_related("person", "offering").get(pk=registration.pk)


@transaction.atomic
def cancel(
    *, actor, registration: Registration, now: datetime.datetime | None = None, source="web"
) -> Registration:
    """Cancel: before the cancellation deadline it is free; after it, it is recorded as late.

    A freed seat goes to the first in line at once.
    """
    now = now or timezone.now()
    offering = _locked(registration.offering_id)
    registration = _reread(registration)
    if not registration.is_active:
        raise ValidationError(_("This registration is no longer active."))
    _check_before_start(offering, now)
    held_seat = registration.holds_seat
    late = held_seat and now > offering.cancel_by
    _end(
        registration,
        Status.LATE_CANCELLED if late else Status.CANCELLED,
        actor=actor,
        source=source,
        message=(
            gettext_noop("Cancelled %(offering)s after the cancellation deadline")
            if late
            else gettext_noop("Cancelled %(offering)s")
        ),
        notice=Notice.CANCELLED,
    )
    if held_seat:
        _promote(offering, registration.mode, now)
    return registration


@transaction.atomic
def accept_offer(
    *, actor, registration: Registration, now: datetime.datetime | None = None
) -> Registration:
    now = now or timezone.now()
    offering = _locked(registration.offering_id)
    registration = _reread(registration)
    if registration.status != Status.OFFERED:
        raise ValidationError(_("There is no seat on offer for this registration."))
    if now > registration.offered_until:
        expire_offers(offering, now=now)
        raise ValidationError(
            _("The time to answer has passed; the seat went to the next in line.")
        )
    registration.status = Status.CONFIRMED
    registration.offered_until = None
    registration.save(update_fields=["status", "offered_until", "changed_at"])
    log_action(
        "courses.registration.accepted",
        actor=actor,
        target=registration.person,
        message=gettext_noop("Accepted the offered seat on %(offering)s"),
        data={"offering": offering.display_title, "registration": registration.pk},
    )
    announce(registration, Notice.CONFIRMED)
    return registration


@transaction.atomic
def decline_offer(
    *, actor, registration: Registration, now: datetime.datetime | None = None
) -> Registration:
    now = now or timezone.now()
    offering = _locked(registration.offering_id)
    registration = _reread(registration)
    if registration.status != Status.OFFERED:
        raise ValidationError(_("There is no seat on offer for this registration."))
    _end(
        registration,
        Status.DECLINED,
        actor=actor,
        source="web",
        message=gettext_noop("Declined the offered seat on %(offering)s"),
        notice=Notice.CANCELLED,
    )
    _promote(offering, registration.mode, now)
    return registration


def expire_offers(offering: Offering, *, now: datetime.datetime | None = None) -> int:
    """Offers not answered in time pass to the next in line. Call inside the offering's lock."""
    now = now or timezone.now()
    expired = list(
        offering.registrations.filter(status=Status.OFFERED, offered_until__lt=now).select_related(
            "person"
        )
    )
    for registration in expired:
        _end(
            registration,
            Status.DECLINED,
            actor=None,
            source="system",
            message=gettext_noop("The offered seat on %(offering)s was not taken in time"),
            notice=Notice.OFFER_EXPIRED,
        )
    for mode in {r.mode for r in expired}:
        _promote(offering, mode, now)
    return len(expired)


@transaction.atomic
def expire_offers_of(offering_id: int, *, now: datetime.datetime | None = None) -> int:
    return expire_offers(_locked(offering_id), now=now)


@transaction.atomic
def transfer(
    *,
    actor,
    registration: Registration,
    to_person: Person,
    now: datetime.datetime | None = None,
) -> Registration:
    """Hand a seat (or a place in line) to a colleague in the same municipality."""
    now = now or timezone.now()
    offering = _locked(registration.offering_id)
    registration = _reread(registration)
    if registration.status not in (Status.CONFIRMED, Status.WAITING):
        raise ValidationError(_("Only a confirmed seat or a place in line can be handed over."))
    _check_before_start(offering, now)
    if to_person.pk == registration.person_id:
        raise ValidationError(_("Choose a colleague to hand the seat to."))
    if registration.municipality_id is None or to_person.municipality_id != (
        registration.municipality_id
    ):
        raise ValidationError(
            _("A seat can only be handed to a colleague in the same municipality.")
        )
    if offering.registrations.filter(person=to_person, status__in=Registration.ACTIVE).exists():
        raise ValidationError(_("%(person)s is already registered.") % {"person": to_person})
    successor = Registration.objects.create(
        offering=offering,
        person=to_person,
        municipality_id=registration.municipality_id,
        mode=registration.mode,
        status=registration.status,
        queued_at=registration.queued_at,
        registered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _end(
        registration,
        Status.TRANSFERRED,
        actor=actor,
        source="web",
        message=gettext_noop("Handed the seat on %(offering)s to a colleague"),
        notice=Notice.CANCELLED,
    )
    registration.transferred_to = successor
    registration.save(update_fields=["transferred_to"])
    log_action(
        "courses.registration.transferred_in",
        actor=actor,
        target=to_person,
        message=gettext_noop("Took over a colleague's seat on %(offering)s"),
        data={"offering": offering.display_title, "registration": successor.pk},
    )
    announce(successor, Notice.TRANSFERRED_IN)
    return successor


@transaction.atomic
def decide(
    *, actor, offering: Offering, go: bool, now: datetime.datetime | None = None
) -> Offering:
    """The go/no-go decision at the deadline: cancelling withdraws every registration."""
    now = now or timezone.now()
    offering = _locked(offering.pk)
    if offering.decision == Offering.Decision.CANCELLED:
        raise ValidationError(_("The offering has already been cancelled."))
    offering.decision = Offering.Decision.GO if go else Offering.Decision.CANCELLED
    offering.decided_at = now
    offering.save(update_fields=["decision", "decided_at"])
    log_action(
        "courses.offering.decided",
        actor=actor,
        target=offering,
        message=(
            gettext_noop("Decided that %(offering)s will run")
            if go
            else gettext_noop("Cancelled %(offering)s")
        ),
        data={"offering": offering.display_title, "go": go},
    )
    if not go:
        for registration in offering.registrations.active().select_related("person"):
            _end(
                registration,
                Status.WITHDRAWN,
                actor=actor,
                source="web",
                message=gettext_noop("%(offering)s was cancelled by the organiser"),
                notice=Notice.OFFERING_CANCELLED,
            )
    return offering


def waiting_position(registration: Registration) -> int | None:
    """1 for the first in line; ``None`` when not waiting.

    A registration that ``register`` just put in line carries its place at that moment as
    ``line_position`` (counted under the offering's lock); this always counts afresh.
    """
    if registration.status != Status.WAITING:
        return None
    ahead = Registration.objects.filter(
        offering_id=registration.offering_id,
        mode=registration.mode,
        status=Status.WAITING,
        queued_at__lte=registration.queued_at,
    ).exclude(queued_at=registration.queued_at, id__gt=registration.id)
    return ahead.count()


@transaction.atomic
def capacity_changed(offering: Offering, *, now: datetime.datetime | None = None) -> list:
    """After seats or quotas were raised: give the new seats to the waiting list, in order."""
    now = now or timezone.now()
    offering = _locked(offering.pk)
    promoted = []
    for mode in offering.modes():
        promoted += _promote(offering, mode, now)
    return promoted
