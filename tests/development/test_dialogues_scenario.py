"""The scenario the dialogue tests share (the employee's dialogue with Solgården's manager, a
group dialogue), and the pure time arithmetic of a series of dialogues."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from stegvis.development.services import dialogues as service
from tests import factories as f


def solgarden_staff(cast, first_name: str = "Sara", **person_fields):
    """Another employee of Solgården (same unit and manager as the cast's employee)."""
    person = f.PersonFactory(municipality=cast.uddevalla, first_name=first_name, **person_fields)
    f.EmploymentFactory(person=person, unit=cast.solgarden)
    return person


def book(cast, people=None, *, kind="individual", days=7, hours=1, place="Rum 2"):
    """Book a dialogue of Solgården's manager, ``days`` from now (negative: in the past)."""
    year = timezone.localdate().year
    if kind == "group":
        service.round_save(
            actor=cast.manager.user, unit=cast.solgarden, year=year, uses_group_dialogues=True
        )
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    return service.dialogue_book(
        actor=cast.manager.user,
        unit=cast.solgarden,
        year=year,
        kind=kind,
        people=people or [cast.employee],
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        place=place,
    )


def test_series_slots_fill_each_day_from_its_start_with_pauses():
    day = datetime.date(2026, 3, 2)
    slots = service.series_slots([day], datetime.time(9), datetime.time(12), 50, 10)
    local = [
        (timezone.localtime(s).strftime("%H:%M"), timezone.localtime(e).strftime("%H:%M"))
        for s, e in slots
    ]
    assert local == [("09:00", "09:50"), ("10:00", "10:50"), ("11:00", "11:50")]


def test_series_slots_take_the_days_in_order_once_each():
    first, second = datetime.date(2026, 3, 3), datetime.date(2026, 3, 2)
    slots = service.series_slots([first, second, first], datetime.time(9), datetime.time(10), 60)
    assert [timezone.localtime(s).date() for s, _e in slots] == [second, first]


@pytest.mark.parametrize("minutes, expected", [(60, 0), (30, 1)])
def test_series_slots_never_run_past_the_end_of_the_day(minutes, expected):
    day = datetime.date(2026, 3, 2)
    slots = service.series_slots([day], datetime.time(9), datetime.time(9, 45), minutes)
    assert len(slots) == expected
