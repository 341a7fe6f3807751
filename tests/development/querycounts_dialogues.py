"""Query-count cases for the manager's year page, the list of units and years, and the
employee's own dialogues."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from stegvis.development.models import (
    DevelopmentPlan,
    Dialogue,
    DialogueNote,
    DialogueParticipant,
    DialogueRound,
    Preparation,
)
from tests import factories as f


def _year() -> int:
    return timezone.localdate().year


def _dialogue(cast, person, *, year=None, kind="individual", days=7):
    dialogue_round, _ = DialogueRound.objects.get_or_create(
        unit=cast.solgarden, year=year or _year()
    )
    starts = timezone.now() + datetime.timedelta(days=days)
    dialogue = Dialogue.objects.create(
        round=dialogue_round,
        kind=kind,
        manager=cast.manager.user,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
    )
    DialogueParticipant.objects.create(dialogue=dialogue, person=person, wants_individual=True)
    Preparation.objects.create(
        dialogue=dialogue, person=person, role="employee", submitted_at=timezone.now()
    )
    DialogueNote.objects.create(dialogue=dialogue, person=person, text="Anteckning")
    return dialogue


def _grow_unit(cast, n):
    """``n`` more employees of Solgården, each with a booked dialogue, a preparation and a plan."""
    for _ in range(n):
        person = f.PersonFactory(municipality=cast.uddevalla)
        f.EmploymentFactory(person=person, unit=cast.solgarden)
        dialogue = _dialogue(cast, person)
        DevelopmentPlan.objects.create(
            person=person,
            dialogue=dialogue,
            unit=cast.solgarden,
            year=_year(),
            follow_up_on=timezone.localdate() + datetime.timedelta(days=180),
        )


def _grow_years(cast, n):
    """``n`` more years of dialogues of Solgården, and more staff."""
    _grow_unit(cast, n)
    start = DialogueRound.objects.order_by("year").first()
    first = start.year if start else _year()
    for number in range(1, n + 1):
        _dialogue(cast, cast.employee, year=first - number, kind="group", days=-365 * number)


def _grow_mine(cast, n):
    """``n`` more dialogues of the employee (earlier years' and coming group dialogues)."""
    existing = Dialogue.objects.filter(participants=cast.employee).count()
    for number in range(existing, existing + n):
        _dialogue(cast, cast.employee, year=_year() - number, days=30 - 200 * (number % 2))


CASES = [
    ("manager", lambda c: reverse("development:round", args=[c.solgarden.pk, _year()]), _grow_unit),
    ("manager", lambda c: reverse("development:rounds"), _grow_years),
    ("employee", lambda c: reverse("development:my_dialogues"), _grow_mine),
]
