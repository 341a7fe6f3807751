"""iCalendar (RFC 5545) for course days, written here without a library.

Two kinds of calendar leave Stegvis:

* an **invitation** per registration (iTIP, RFC 5546): ``METHOD:REQUEST`` while the seat is
  confirmed, ``METHOD:CANCEL`` once the registration has ended. It is attached to the notice
  mails and can be downloaded from the registration page.
* a private **feed** per person (``METHOD:PUBLISH``): every course day of their confirmed
  registrations, from 60 days back on, for a calendar subscription.

Each course day of a registration is one VEVENT. Its UID is stable for the pair (registration,
course day), so a changed or cancelled day replaces the entry the calendar already has; its
SEQUENCE is the day's sequence plus the registration's, and both only ever go up (the day's on
every change of time or place, the registration's when it ends). Times are written in UTC.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from email.utils import parseaddr

from django.conf import settings
from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CourseDay, Registration
from .models.offerings import Mode

PRODID = "-//Stegvis//Stegvis//SV"
REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"
FEED_PAST_DAYS = 60

Status = Registration.Status
# A registration in one of these states has ended: its calendar entries are cancelled.
ENDED = (
    Status.CANCELLED,
    Status.LATE_CANCELLED,
    Status.TRANSFERRED,
    Status.DECLINED,
    Status.WITHDRAWN,
)


# -- the content lines ----------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _param(value: str) -> str:
    """A parameter value; quoted when it holds a character that would end it."""
    value = str(value).replace('"', "'").replace("\r", " ").replace("\n", " ")
    return f'"{value}"' if any(c in value for c in ":;,") else value


def fold(line: str, limit: int = 75) -> str:
    """Fold one content line into lines of at most ``limit`` octets (RFC 5545 3.1).

    A continuation line starts with one space, which counts towards its octets. A UTF-8
    character is never split between two lines.
    """
    parts: list[str] = []
    current: list[str] = []
    size = 0
    room = limit
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > room:
            parts.append("".join(current))
            current, size, room = [], 0, limit - 1
        current.append(char)
        size += octets
    parts.append("".join(current))
    return "\r\n ".join(parts)


def utc(moment: datetime.datetime) -> str:
    """A DATE-TIME in UTC, e.g. ``20261124T080000Z``."""
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def serialise(lines: Iterable[str]) -> str:
    return "".join(fold(line) + "\r\n" for line in lines)


# -- what goes into an event ----------------------------------------------------------------------


def registration_path(registration: Registration) -> str:
    """The registration page (path only)."""
    try:
        return reverse("courses:registration", args=[registration.pk])
    except NoReverseMatch:  # the participant pages are wired in urls_participant (same path)
        return f"/courses/registrations/{registration.pk}/"


def registration_url(registration: Registration, base_url: str) -> str:
    return base_url.rstrip("/") + registration_path(registration)


def location(day: CourseDay, mode: str) -> str:
    """Where the participant goes: the digital link when attending digitally, else the place."""
    place = ", ".join(part for part in (day.place, day.address) if part)
    if mode == Mode.DIGITAL:
        return day.digital_link or place
    return place or day.digital_link


def _organizer() -> str:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return f"ORGANIZER;CN={_param(name or 'Stegvis')}:mailto:{address}"


def _attendee(registration: Registration) -> str | None:
    person = registration.person
    if not person.email:
        return None
    return (
        f"ATTENDEE;CN={_param(person.full_name)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;"
        f"PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:{person.email}"
    )


def _description(registration: Registration, day: CourseDay, number: int, total: int, url: str):
    lines = []
    if total > 1:
        lines.append(_("Course day %(number)s of %(total)s.") % {"number": number, "total": total})
    lines.append(_("Attendance: %(mode)s") % {"mode": registration.get_mode_display()})
    if registration.mode == Mode.DIGITAL and day.digital_link:
        lines.append(_("Join here: %(link)s") % {"link": day.digital_link})
    lines.append(_("Your registration: %(url)s") % {"url": url})
    return "\n".join(lines)


def event(
    registration: Registration,
    day: CourseDay,
    *,
    number: int,
    total: int,
    base_url: str,
    now: datetime.datetime,
    cancelled: bool = False,
    attendee: bool = False,
) -> list[str]:
    """The VEVENT of one course day of one registration."""
    url = registration_url(registration, base_url)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{registration.uid}-{day.uid}@stegvis",
        f"SEQUENCE:{day.sequence + registration.sequence}",
        f"DTSTAMP:{utc(now)}",
        f"DTSTART:{utc(day.starts_at)}",
        f"DTEND:{utc(day.ends_at)}",
        f"SUMMARY:{escape_text(registration.offering.display_title)}",
    ]
    where = location(day, registration.mode)
    if where:
        lines.append(f"LOCATION:{escape_text(where)}")
    lines += [
        f"DESCRIPTION:{escape_text(_description(registration, day, number, total, url))}",
        f"URL:{url}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        _organizer(),
    ]
    if attendee and (line := _attendee(registration)):
        lines.append(line)
    lines.append("END:VEVENT")
    return lines


def _calendar(method: str, events: list[list[str]], extra: Iterable[str] = ()) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        *extra,
    ]
    for lines_of_event in events:
        lines += lines_of_event
    lines.append("END:VCALENDAR")
    return serialise(lines)


# -- invitations and the feed ---------------------------------------------------------------------


def method_of(registration: Registration) -> str | None:
    """REQUEST while the seat is confirmed, CANCEL once the registration has ended, else None
    (a place in line or an open offer has nothing in the calendar yet)."""
    if registration.status == Status.CONFIRMED:
        return REQUEST
    if registration.status in ENDED:
        return CANCEL
    return None


def content_type(method: str) -> str:
    return f"text/calendar; charset=utf-8; method={method}"


def invitation(
    registration: Registration,
    days: Iterable[CourseDay],
    *,
    base_url: str,
    now: datetime.datetime | None = None,
) -> str:
    """The invitation to ``registration``'s course days (REQUEST) or its cancellation (CANCEL).

    ``registration`` should come with its ``person`` and ``offering`` loaded.
    """
    method = method_of(registration)
    if method is None:
        raise ValueError(f"registration {registration.pk} has no calendar entries")
    now = now or timezone.now()
    days = list(days)
    events = [
        event(
            registration,
            day,
            number=number,
            total=len(days),
            base_url=base_url,
            now=now,
            cancelled=method == CANCEL,
            attendee=True,
        )
        for number, day in enumerate(days, start=1)
    ]
    return _calendar(method, events)


def feed_registrations(person) -> list[Registration]:
    """``person``'s confirmed registrations, each offering with ``all_days`` (two queries,
    whatever their number)."""
    return list(
        Registration.objects.filter(person=person, status=Status.CONFIRMED)
        .select_related("offering", "offering__course")
        .prefetch_related(
            Prefetch(
                "offering__days",
                queryset=CourseDay.objects.order_by("starts_at", "id"),
                to_attr="all_days",
            )
        )
        .order_by("queued_at", "id")
    )


def feed(person, *, base_url: str, now: datetime.datetime | None = None) -> str:
    """The private calendar feed of ``person`` (PUBLISH)."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=FEED_PAST_DAYS)
    events = []
    for registration in feed_registrations(person):
        registration.person = person
        days = registration.offering.all_days
        for number, day in enumerate(days, start=1):
            if day.ends_at >= since:
                events.append(
                    event(
                        registration,
                        day,
                        number=number,
                        total=len(days),
                        base_url=base_url,
                        now=now,
                    )
                )
    name = _("Stegvis: my course days")
    extra = [
        f"X-WR-CALNAME:{escape_text(name)}",
        f"NAME:{escape_text(name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]
    return _calendar(PUBLISH, events, extra)
