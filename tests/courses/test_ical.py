"""The iCalendar we write: parsed back with the icalendar library and checked line by line."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.utils import timezone

from stegvis.courses import ical
from stegvis.courses.models import Registration
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import CourseDayFactory, OfferingFactory, at, course_scenario

pytestmark = pytest.mark.django_db
BASE = "https://stegvis.example"


def _parse(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def _events(text: str) -> list:
    return list(_parse(text).walk("VEVENT"))


def _raw_lines(text: str) -> list[bytes]:
    data = text.encode("utf-8")
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    return lines


def _confirmed(cast, **offering_fields):
    scenario = course_scenario(cast, **offering_fields)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    assert registration.status == Registration.Status.CONFIRMED
    return scenario, registration


def _invitation(registration) -> str:
    registration = Registration.objects.select_related("person", "offering").get(pk=registration.pk)
    return ical.invitation(registration, registration.offering.days.all(), base_url=BASE)


# -- the writer's pieces --------------------------------------------------------------------------


def test_text_is_escaped():
    assert ical.escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_long_swedish_line_is_folded_at_75_octets_without_splitting_a_character():
    line = "DESCRIPTION:" + "Kursdag på Åsögården i Göteborg – förberedelse för äldreomsorg. " * 6
    folded = ical.fold(line)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert len(parts) > 3
    assert all(len(part) <= 75 for part in parts)
    assert all(part.startswith(b" ") for part in parts[1:])
    for part in parts:
        part.decode("utf-8")  # no character is cut in half
    assert folded.replace("\r\n ", "") == line


def test_utc_times_end_in_z():
    moment = timezone.make_aware(datetime.datetime(2026, 7, 1, 9, 0))  # CEST, UTC+2
    assert ical.utc(moment) == "20260701T070000Z"


# -- invitations ----------------------------------------------------------------------------------


def test_invitation_of_a_confirmed_registration_is_a_request_with_one_event_per_day(cast):
    scenario, registration = _confirmed(cast)
    text = _invitation(registration)
    calendar = _parse(text)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(calendar["PRODID"]) == "-//Stegvis//Stegvis//SV"
    assert str(calendar["VERSION"]) == "2.0"
    events = _events(text)
    assert len(events) == 2
    first_day = scenario["days"][0]
    first = events[0]
    assert str(first["UID"]) == f"{registration.uid}-{first_day.uid}@stegvis"
    assert first.decoded("DTSTART") == first_day.starts_at
    assert first.decoded("DTEND") == first_day.ends_at
    assert "DTSTART:" in text and text.count("Z\r\n") >= 6  # UTC, no floating times
    assert str(first["SUMMARY"]) == "Demensvård steg 1"
    assert str(first["LOCATION"]) == "Folkets hus, Uddevalla"
    assert str(first["STATUS"]) == "CONFIRMED"
    assert str(first["URL"]) == f"{BASE}/courses/registrations/{registration.pk}/"
    assert str(first["ORGANIZER"]).startswith("mailto:")
    assert str(first["ATTENDEE"]) == f"mailto:{cast.employee.email}"
    assert first["ATTENDEE"].params["CN"] == "Anna Lindqvist"
    assert int(first["SEQUENCE"]) == 0
    assert f"/courses/registrations/{registration.pk}/" in str(first["DESCRIPTION"])
    _raw_lines(text)


def test_uid_stays_and_sequence_rises_when_a_day_changes(cast):
    scenario, registration = _confirmed(cast)
    before = {str(e["UID"]): int(e["SEQUENCE"]) for e in _events(_invitation(registration))}
    day = scenario["days"][1]
    # What the course-day editor does on a change of time or place.
    day.starts_at, day.ends_at = at(38, 10), at(38, 15)
    day.place = "Stadshuset, Vänersborg"
    day.sequence += 1
    day.save()
    events = _events(_invitation(registration))
    after = {str(e["UID"]): int(e["SEQUENCE"]) for e in events}
    assert set(after) == set(before)
    changed_uid = f"{registration.uid}-{day.uid}@stegvis"
    assert after[changed_uid] == before[changed_uid] + 1
    moved = next(e for e in events if str(e["UID"]) == changed_uid)
    assert moved.decoded("DTSTART") == at(38, 10)
    assert str(moved["LOCATION"]) == "Stadshuset, Vänersborg"


def test_cancelling_sends_cancel_with_the_same_uids_and_a_higher_sequence(cast):
    _scenario, registration = _confirmed(cast)
    before = {str(e["UID"]): int(e["SEQUENCE"]) for e in _events(_invitation(registration))}
    reg.cancel(actor=None, registration=registration)
    text = _invitation(registration)
    assert str(_parse(text)["METHOD"]) == "CANCEL"
    events = _events(text)
    assert {str(e["UID"]) for e in events} == set(before)
    for event in events:
        assert str(event["STATUS"]) == "CANCELLED"
        assert int(event["SEQUENCE"]) > before[str(event["UID"])]


@pytest.mark.parametrize("ending", ["withdrawn", "transferred"])
def test_ended_registrations_are_cancelled(cast, ending):
    scenario, registration = _confirmed(cast)
    if ending == "withdrawn":
        reg.decide(actor=None, offering=scenario["offering"], go=False)
    else:
        colleague = f.PersonFactory(municipality=cast.uddevalla)
        reg.transfer(actor=None, registration=registration, to_person=colleague)
    assert str(_parse(_invitation(registration))["METHOD"]) == "CANCEL"


def test_a_place_in_line_has_no_invitation(cast):
    scenario = course_scenario(cast, seats=0)
    waiting = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    assert ical.method_of(waiting) is None
    with pytest.raises(ValueError):
        _invitation(waiting)


def test_digital_participants_get_the_link_as_location(cast):
    scenario = course_scenario(cast, attendance="hybrid", seats_digital=None)
    for day in scenario["days"]:
        day.digital_link = "https://meet.example/kurs?id=1,2"
        day.save()
    registration = reg.register(
        actor=None, offering=scenario["offering"], person=cast.employee, mode="digital"
    )
    event = _events(_invitation(registration))[0]
    assert str(event["LOCATION"]) == "https://meet.example/kurs?id=1,2"
    assert "https://meet.example/kurs?id=1,2" in str(event["DESCRIPTION"])


def test_special_characters_and_long_text_survive_a_round_trip(cast):
    scenario = course_scenario(cast)
    title = "Bemötande, delaktighet; självbestämmande \\ " + "åäöÅÄÖ " * 20
    scenario["offering"].title = title
    scenario["offering"].save()
    day = scenario["days"][0]
    day.place = "Äldreboendet Solgården, sal 3; ingång B"
    day.address = "Storgatan 1\nUddevalla"
    day.save()
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    text = _invitation(registration)
    assert all(len(line) <= 75 for line in _raw_lines(text))
    event = _events(text)[0]
    assert str(event["SUMMARY"]) == title
    assert (
        str(event["LOCATION"]) == "Äldreboendet Solgården, sal 3; ingång B, Storgatan 1\nUddevalla"
    )
    assert "SUMMARY:Bemötande\\, delaktighet\\; självbestämmande \\\\ " in text


# -- the feed -------------------------------------------------------------------------------------


def test_feed_lists_confirmed_course_days_from_60_days_back(cast):
    scenario, registration = _confirmed(cast)
    old = OfferingFactory(course=scenario["course"], opens_at=at(-100))
    old_registration = reg.register(actor=None, offering=old, person=cast.employee)
    recent = CourseDayFactory(offering=old, starts_at=at(-30, 9), ends_at=at(-30, 16))
    CourseDayFactory(offering=old, starts_at=at(-90, 9), ends_at=at(-90, 16))
    full = OfferingFactory(course=scenario["course"], seats_on_site=0)
    CourseDayFactory(offering=full)
    reg.register(actor=None, offering=full, person=cast.employee)
    other = reg.register(actor=None, offering=scenario["offering"], person=cast.colleague)

    text = ical.feed(cast.employee, base_url=BASE)
    calendar = _parse(text)
    assert str(calendar["METHOD"]) == "PUBLISH"
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    expected = {f"{registration.uid}-{d.uid}@stegvis" for d in scenario["days"]}
    expected.add(f"{old_registration.uid}-{recent.uid}@stegvis")
    assert uids == expected
    assert not any(str(other.uid) in uid for uid in uids)
    assert all("ATTENDEE" not in e for e in calendar.walk("VEVENT"))


def test_feed_drops_a_cancelled_registration(cast):
    _scenario, registration = _confirmed(cast)
    reg.cancel(actor=None, registration=registration)
    assert _events(ical.feed(cast.employee, base_url=BASE)) == []
