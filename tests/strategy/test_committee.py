"""The yearly joint committee discussion: last, next due, state; unit vs municipality level."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from stegvis.core.models import AuditEvent
from stegvis.strategy import committee, services
from stegvis.strategy.committee import State
from tests.strategy.helpers import days, meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are matched in English."""
    with translation.override("en"):
        yield


def test_one_year_after_keeps_the_date_and_moves_a_leap_day():
    assert committee.one_year_after(datetime.date(2025, 3, 14)) == datetime.date(2026, 3, 14)
    assert committee.one_year_after(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)


@pytest.mark.parametrize(
    "ago, state",
    [
        (10, State.OK),
        (365 - 31, State.OK),
        (365 - 30, State.DUE),
        (365, State.DUE),
        (367, State.OVERDUE),
    ],
)
def test_state_by_the_age_of_the_last_discussion(ago, state):
    today = datetime.date(2026, 6, 15)
    status = committee.status_from(today - datetime.timedelta(days=ago), today)
    assert status.state == state
    assert status.due_on == committee.one_year_after(today - datetime.timedelta(days=ago))


def test_a_unit_without_any_discussion_is_not_recorded(cast):
    status = committee.status_of(cast.solgarden)
    assert status.state == State.NONE and status.last_on is None and status.due_on is None


def test_the_units_own_committee_counts_for_that_unit_only(cast):
    meeting(unit=cast.solgarden, held_on=days(-20))
    statuses = committee.statuses_for([cast.solgarden, cast.linden, cast.ekbacken])
    assert statuses[cast.solgarden.pk].last_on == days(-20)
    assert not statuses[cast.solgarden.pk].by_municipality
    assert statuses[cast.linden.pk].state == State.NONE
    assert statuses[cast.ekbacken.pk].state == State.NONE


def test_the_municipalitys_committee_counts_for_all_its_units(cast):
    meeting(municipality=cast.uddevalla, held_on=days(-400))  # too old on its own
    meeting(municipality=cast.uddevalla, held_on=days(-100))
    meeting(unit=cast.solgarden, held_on=days(-200))
    statuses = committee.statuses_for([cast.solgarden, cast.linden, cast.ekbacken])
    for unit in (cast.solgarden, cast.linden):
        assert statuses[unit.pk].last_on == days(-100) and statuses[unit.pk].by_municipality
        assert statuses[unit.pk].state == State.OK
    assert statuses[cast.ekbacken.pk].state == State.NONE  # another municipality


def test_a_later_unit_meeting_wins_over_the_municipalitys(cast):
    meeting(municipality=cast.uddevalla, held_on=days(-370))
    meeting(unit=cast.linden, held_on=days(-5))
    statuses = committee.statuses_for([cast.solgarden, cast.linden])
    assert statuses[cast.solgarden.pk].state == State.OVERDUE
    assert statuses[cast.solgarden.pk].due_on == committee.one_year_after(days(-370))
    assert statuses[cast.linden.pk].last_on == days(-5)
    assert not statuses[cast.linden.pk].by_municipality


def test_only_meetings_with_it_on_the_agenda_and_not_in_the_future_count(cast):
    meeting(unit=cast.solgarden, held_on=days(-3), on_agenda=False)
    meeting(unit=cast.solgarden, held_on=days(5))
    assert committee.status_of(cast.solgarden).state == State.NONE


def test_recording_a_meeting_checks_date_minutes_and_level(cast):
    record = dict(
        actor=cast.manager.user,
        municipality=cast.uddevalla,
        unit=cast.solgarden,
        committee="Samverkansgrupp",
        strategic_competence_on_agenda=True,
    )
    with pytest.raises(ValidationError, match="future"):
        services.meeting_record(held_on=days(1), minutes="x", **record)
    with pytest.raises(ValidationError, match="minutes"):
        services.meeting_record(held_on=days(-1), **record)
    with pytest.raises(ValidationError, match="municipality"):
        services.meeting_record(held_on=days(-1), minutes="x", **{**record, "unit": cast.ekbacken})
    upload = SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4 minutes", "application/pdf")
    found = services.meeting_record(held_on=days(-1), minutes_file=upload, **record)
    assert found.minutes_file.name.endswith(".pdf") and found.minutes == ""
    event = AuditEvent.objects.get(action="strategy.meeting.recorded", target_id=found.pk)
    assert event.data["level"] == "Solgården" and event.data["file"] is True


def test_correcting_a_meeting_records_the_changes(cast):
    found = meeting(unit=cast.solgarden, held_on=days(-30))
    services.meeting_update(
        actor=cast.manager.user,
        meeting=found,
        held_on=days(-29),
        committee="Samverkansgrupp",
        strategic_competence_on_agenda=True,
        minutes="Rättat protokoll",
        decisions="Två personer går demensutbildning.",
    )
    found.refresh_from_db()
    assert found.held_on == days(-29) and found.decisions.startswith("Två")
    event = AuditEvent.objects.get(action="strategy.meeting.updated", target_id=found.pk)
    assert event.data["changes"]["held_on"] == [str(days(-30)), str(days(-29))]
    assert event.data["changes"]["minutes"] == ["…", "…"]
