"""Calling, booking and holding the yearly dialogue (preparations and notes: ``preparations``).

Every change checks who acts (the manager who holds dialogues in the unit; the employee about
their own participation), runs in one transaction and is written to the audit trail. Invitations
leave as mail through the worker once the transaction commits: one per participant, in their
language, with the calendar entry (REQUEST; CANCEL when the dialogue is called off).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.organisations.models import Unit
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for
from stegvis.people.models import Employment, Person

from ..models import (
    Dialogue,
    DialogueParticipant,
    DialogueRound,
)

Status = Dialogue.Status
Kind = Dialogue.Kind
LIVE = (Status.PLANNED, Status.HELD)
YEARS = range(2000, 2101)
REQUEST, CANCEL = "REQUEST", "CANCEL"


def staff_of(unit: Unit, on: datetime.date | None = None) -> QuerySet[Person]:
    """Everyone with a current employment in ``unit``.

    Employments carry no leave, so staff on long leave (parental, sick, studies) are included:
    everyone employed is offered the dialogue, and the manager agrees with them when to meet.
    """
    here = Employment.objects.current(on).filter(person=OuterRef("pk"), unit=unit)
    return Person.objects.filter(Exists(here))


def may_plan(actor, unit: Unit) -> bool:
    return scope_for(actor, Capability.HOLD_DIALOGUES).contains_unit(unit)


def _check_planner(actor, unit: Unit, year: int) -> None:
    if not may_plan(actor, unit):
        raise ValidationError(_("You do not hold dialogues in %(unit)s.") % {"unit": unit})
    if year not in YEARS:
        raise ValidationError(_("Choose a year between 2000 and 2100."))


def check_holder(actor, dialogue: Dialogue) -> None:
    if dialogue.manager_id != actor.pk or not may_plan(actor, dialogue.round.unit):
        raise ValidationError(_("Only the manager who holds the dialogue may change it."))


def _check_times(starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The dialogue must end after it starts.")})


def check_planned(dialogue: Dialogue) -> None:
    if dialogue.status != Status.PLANNED:
        raise ValidationError(
            _("The dialogue is %(status)s and can no longer be changed.")
            % {"status": dialogue.get_status_display().lower()}
        )


def _names(people) -> str:
    return ", ".join(person.full_name for person in people)


def _invite(dialogue: Dialogue, method: str, person_ids) -> None:
    """Queue one invitation (or cancellation) per participant once the transaction commits."""
    from ..tasks import send_dialogue_invitation

    dialogue_id = dialogue.pk
    for person_id in person_ids:
        transaction.on_commit(
            lambda person_id=person_id: send_dialogue_invitation.enqueue(
                dialogue_id=dialogue_id, person_id=person_id, method=method
            )
        )


# -- the year's plan per unit ---------------------------------------------------------------------


@transaction.atomic
def round_save(*, actor, unit: Unit, year: int, uses_group_dialogues: bool) -> DialogueRound:
    """Plan the year's dialogues of ``unit``: individual dialogues, or group dialogues (GRUS)."""
    _check_planner(actor, unit, year)
    dialogue_round, created = DialogueRound.objects.get_or_create(
        unit=unit,
        year=year,
        defaults={"uses_group_dialogues": uses_group_dialogues, "planned_by": actor},
    )
    if not created and dialogue_round.uses_group_dialogues == uses_group_dialogues:
        return dialogue_round
    if not created:
        dialogue_round.uses_group_dialogues = uses_group_dialogues
        dialogue_round.save(update_fields=["uses_group_dialogues"])
    message = (
        gettext_noop("Planned the dialogues of %(unit)s %(year)s as group dialogues")
        if uses_group_dialogues
        else gettext_noop("Planned the dialogues of %(unit)s %(year)s as individual dialogues")
    )
    log_action(
        "development.round.saved",
        actor=actor,
        target=dialogue_round,
        message=message,
        data={"unit": unit.name, "year": year, "group": uses_group_dialogues},
    )
    return dialogue_round


def _round_for(actor, unit: Unit, year: int) -> DialogueRound:
    """The year's round, locked: bookings of one unit and year are checked one at a time."""
    if not DialogueRound.objects.filter(unit=unit, year=year).exists():
        round_save(actor=actor, unit=unit, year=year, uses_group_dialogues=False)
    return (
        DialogueRound.objects.select_for_update().select_related("unit").get(unit=unit, year=year)
    )


def _check_participants(actor, dialogue_round: DialogueRound, kind: str, people) -> None:
    if not people:
        raise ValidationError({"people": _("Choose who takes part.")})
    if kind == Kind.INDIVIDUAL and len(people) != 1:
        raise ValidationError({"people": _("An individual dialogue has one participant.")})
    if kind == Kind.GROUP and len(people) < 2:
        raise ValidationError({"people": _("A group dialogue needs at least two participants.")})
    unit = dialogue_round.unit
    employed = set(
        staff_of(unit).filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True)
    )
    for person in people:
        if person.user_id is not None and person.user_id == actor.pk:
            raise ValidationError({"people": _("You cannot hold a dialogue with yourself.")})
        if person.pk not in employed:
            message = _("%(name)s is not employed in %(unit)s.")
            raise ValidationError({"people": message % {"name": person.full_name, "unit": unit}})
    taken = (
        DialogueParticipant.objects.filter(
            dialogue__round=dialogue_round,
            dialogue__kind=kind,
            dialogue__status__in=LIVE,
            person__in=[p.pk for p in people],
        )
        .select_related("person")
        .first()
    )
    if taken is not None:
        message = (
            _("%(name)s already has an individual dialogue this year: change its time instead.")
            if kind == Kind.INDIVIDUAL
            else _("%(name)s is already in a group dialogue this year.")
        )
        raise ValidationError({"people": message % {"name": taken.person.full_name}})


def _book(actor, dialogue_round, kind, people, starts_at, ends_at, place) -> Dialogue:
    _check_times(starts_at, ends_at)
    _check_participants(actor, dialogue_round, kind, people)
    dialogue = Dialogue.objects.create(
        round=dialogue_round,
        kind=kind,
        manager=actor,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
    )
    DialogueParticipant.objects.bulk_create(
        DialogueParticipant(dialogue=dialogue, person=person) for person in people
    )
    log_action(
        "development.dialogue.booked",
        actor=actor,
        target=dialogue,
        message=gettext_noop("Booked a dialogue on %(when)s with %(people)s"),
        data={
            "when": timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M"),
            "people": _names(people),
            "kind": kind,
        },
    )
    _invite(dialogue, REQUEST, [person.pk for person in people])
    return dialogue


@transaction.atomic
def dialogue_book(
    *,
    actor,
    unit: Unit,
    year: int,
    kind: str,
    people: list[Person],
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
) -> Dialogue:
    """Book one dialogue: individual (one person) or a group dialogue (two or more)."""
    _check_planner(actor, unit, year)
    dialogue_round = _round_for(actor, unit, year)
    if kind == Kind.GROUP and not dialogue_round.uses_group_dialogues:
        raise ValidationError(
            {"kind": _("Choose group dialogues for the year first (on the year's page).")}
        )
    return _book(actor, dialogue_round, kind, list(people), starts_at, ends_at, place)


def series_slots(
    days, day_start: datetime.time, day_end: datetime.time, minutes: int, pause: int = 0
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """Times of ``minutes`` each, with ``pause`` between, from ``day_start`` to ``day_end`` on
    each of ``days`` (local time)."""
    length = datetime.timedelta(minutes=minutes)
    step = length + datetime.timedelta(minutes=pause)
    slots = []
    for day in sorted(set(days)):
        start = timezone.make_aware(datetime.datetime.combine(day, day_start))
        end = timezone.make_aware(datetime.datetime.combine(day, day_end))
        while start + length <= end:
            slots.append((start, start + length))
            start += step
    return slots


@transaction.atomic
def dialogue_book_series(
    *,
    actor,
    unit: Unit,
    year: int,
    people: list[Person],
    days: list[datetime.date],
    day_start: datetime.time,
    day_end: datetime.time,
    minutes: int,
    pause: int = 0,
    place: str = "",
) -> list[Dialogue]:
    """Book individual dialogues for ``people`` one after another over the chosen days."""
    _check_planner(actor, unit, year)
    if minutes < 15:
        raise ValidationError({"minutes": _("A dialogue needs at least 15 minutes.")})
    if day_end <= day_start:
        raise ValidationError({"day_end": _("The day must end after it starts.")})
    people = list(people)
    if not people:
        raise ValidationError({"people": _("Choose who takes part.")})
    slots = series_slots(days, day_start, day_end, minutes, pause)
    if len(slots) < len(people):
        raise ValidationError(
            _(
                "Only %(slots)s dialogues fit into the chosen days, for %(people)s people: "
                "add a day or make the dialogues shorter."
            )
            % {"slots": len(slots), "people": len(people)}
        )
    dialogue_round = _round_for(actor, unit, year)
    return [
        _book(actor, dialogue_round, Kind.INDIVIDUAL, [person], start, end, place)
        for person, (start, end) in zip(people, slots, strict=False)
    ]


# -- changing, calling off and holding a dialogue -------------------------------------------------


def locked(dialogue: Dialogue) -> Dialogue:
    return Dialogue.objects.select_for_update().select_related("round__unit").get(pk=dialogue.pk)


@transaction.atomic
def dialogue_reschedule(
    *, actor, dialogue: Dialogue, starts_at: datetime.datetime, ends_at: datetime.datetime, place
) -> Dialogue:
    """Move the dialogue; every participant gets the changed invitation (SEQUENCE goes up)."""
    dialogue = locked(dialogue)
    check_holder(actor, dialogue)
    check_planned(dialogue)
    _check_times(starts_at, ends_at)
    place = place.strip()
    if (dialogue.starts_at, dialogue.ends_at, dialogue.place) == (starts_at, ends_at, place):
        return dialogue
    before = timezone.localtime(dialogue.starts_at).strftime("%Y-%m-%d %H:%M")
    dialogue.starts_at, dialogue.ends_at, dialogue.place = starts_at, ends_at, place
    dialogue.sequence += 1
    dialogue.save(update_fields=["starts_at", "ends_at", "place", "sequence"])
    log_action(
        "development.dialogue.moved",
        actor=actor,
        target=dialogue,
        message=gettext_noop("Moved the dialogue from %(before)s to %(when)s"),
        data={"before": before, "when": timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M")},
    )
    _invite(dialogue, REQUEST, dialogue.participations.values_list("person_id", flat=True))
    return dialogue


@transaction.atomic
def dialogue_cancel(*, actor, dialogue: Dialogue) -> Dialogue:
    """Call the dialogue off; those who were invited get the cancellation (METHOD:CANCEL)."""
    dialogue = locked(dialogue)
    check_holder(actor, dialogue)
    check_planned(dialogue)
    dialogue.status = Status.CANCELLED
    dialogue.sequence += 1
    dialogue.save(update_fields=["status", "sequence"])
    log_action(
        "development.dialogue.cancelled",
        actor=actor,
        target=dialogue,
        message=gettext_noop("Cancelled the dialogue"),
    )
    invited = dialogue.participations.filter(invited_at__isnull=False)
    _invite(dialogue, CANCEL, list(invited.values_list("person_id", flat=True)))
    return dialogue


@transaction.atomic
def dialogue_mark_held(*, actor, dialogue: Dialogue) -> Dialogue:
    dialogue = locked(dialogue)
    check_holder(actor, dialogue)
    check_planned(dialogue)
    now = timezone.now()
    if dialogue.starts_at > now:
        raise ValidationError(_("A dialogue can be marked as held once it has started."))
    dialogue.status = Status.HELD
    dialogue.held_at = now
    dialogue.save(update_fields=["status", "held_at"])
    log_action(
        "development.dialogue.held",
        actor=actor,
        target=dialogue,
        message=gettext_noop("Marked the dialogue as held"),
    )
    return dialogue


@transaction.atomic
def wants_individual_set(*, actor, dialogue: Dialogue, wants: bool) -> DialogueParticipant:
    """A participant of a group dialogue asks for an individual dialogue (or takes it back).
    The manager is told by mail and books it."""
    dialogue = locked(dialogue)
    participation = (
        DialogueParticipant.objects.select_for_update()
        .filter(dialogue=dialogue, person__user=actor)
        .select_related("person")
        .first()
    )
    if participation is None:
        raise ValidationError(_("You do not take part in this dialogue."))
    if dialogue.kind != Kind.GROUP:
        raise ValidationError(_("Only a group dialogue can be swapped for an individual one."))
    if dialogue.status == Status.CANCELLED:
        raise ValidationError(_("The dialogue was cancelled."))
    if participation.wants_individual == wants:
        return participation
    participation.wants_individual = wants
    participation.save(update_fields=["wants_individual"])
    log_action(
        "development.dialogue.individual_requested",
        actor=actor,
        target=dialogue,
        message=gettext_noop("%(person)s asked for an individual dialogue")
        if wants
        else gettext_noop("%(person)s no longer asks for an individual dialogue"),
        data={"person": participation.person.full_name},
    )
    if wants:
        from ..tasks import send_wants_individual

        participation_id = participation.pk
        transaction.on_commit(
            lambda: send_wants_individual.enqueue(participation_id=participation_id)
        )
    return participation
