"""Whether a unit's joint committee discussed strategic competence development in the last year.

Standard 2.1 asks that strategic competence development is on the agenda of the local joint
committee (da MED-udvalg) at least once a year. A unit is covered by its own committee's
meetings and by those of its municipality's committee (the level varies between
municipalities). The last discussion is the latest such meeting held on or before today; the
next is due one year after it.

| state      | when                                                              |
|------------|-------------------------------------------------------------------|
| ``ok``     | discussed, and the next is due more than ``notice_days()`` away     |
| ``due``    | the next is due within ``notice_days()`` (30 by default)            |
| ``overdue``| the due date has passed                                           |
| ``none``   | no discussion recorded yet                                        |

``statuses_for`` reads the units' latest discussions in one query, whatever their number.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stegvis.organisations.models import Unit

from .models import JointCommitteeMeeting


class State(models.TextChoices):
    OK = "ok", _("Discussed")
    DUE = "due", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    NONE = "none", _("Not recorded")


# The CSS status class of each state (courses.css: done, soon, overdue).
STATUS_CLASS = {
    State.OK: "done",
    State.DUE: "soon",
    State.OVERDUE: "overdue",
    State.NONE: "overdue",
}


def notice_days() -> int:
    """How many days before the due date the reminder goes out (and the state turns ``due``)."""
    return int(getattr(settings, "STEGVIS_STRATEGY_REMINDER_DAYS", 30))


def one_year_after(day: datetime.date) -> datetime.date:
    """The same date a year later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


@dataclass(frozen=True)
class CommitteeStatus:
    last_on: datetime.date | None  # the latest discussion
    by_municipality: bool  # whether that discussion was the municipality's committee's
    due_on: datetime.date | None  # when the next is due
    state: State

    @property
    def css(self) -> str:
        return STATUS_CLASS[self.state]

    @property
    def discussed_in_last_year(self) -> bool:
        return self.state in (State.OK, State.DUE)


def status_from(
    last_on: datetime.date | None, today: datetime.date, *, by_municipality: bool = False
) -> CommitteeStatus:
    if last_on is None:
        return CommitteeStatus(None, False, None, State.NONE)
    due_on = one_year_after(last_on)
    if due_on < today:
        state = State.OVERDUE
    elif (due_on - today).days <= notice_days():
        state = State.DUE
    else:
        state = State.OK
    return CommitteeStatus(last_on, by_municipality, due_on, state)


def _discussions(units: list[Unit], today: datetime.date):
    """(unit id or None, municipality id, latest date) of discussions on or before ``today``."""
    return (
        JointCommitteeMeeting.objects.filter(
            Q(unit__in=[u.pk for u in units])
            | Q(unit__isnull=True, municipality__in={u.municipality_id for u in units}),
            strategic_competence_on_agenda=True,
            held_on__lte=today,
        )
        .values("unit_id", "municipality_id")
        .annotate(last=Max("held_on"))
        .values_list("unit_id", "municipality_id", "last")
        .order_by()
    )


def statuses_for(
    units: Iterable[Unit], today: datetime.date | None = None
) -> dict[int, CommitteeStatus]:
    """Unit id → its committee status on ``today``, in one query."""
    today = today or timezone.localdate()
    units = list(units)
    if not units:
        return {}
    own: dict[int, datetime.date] = {}
    municipal: dict[int, datetime.date] = {}
    for unit_id, municipality_id, last in _discussions(units, today):
        if unit_id is None:
            municipal[municipality_id] = last
        else:
            own[unit_id] = last
    result = {}
    for unit in units:
        mine, theirs = own.get(unit.pk), municipal.get(unit.municipality_id)
        if theirs is not None and (mine is None or theirs > mine):
            result[unit.pk] = status_from(theirs, today, by_municipality=True)
        else:
            result[unit.pk] = status_from(mine, today)
    return result


def status_of(unit: Unit, today: datetime.date | None = None) -> CommitteeStatus:
    return statuses_for([unit], today)[unit.pk]
