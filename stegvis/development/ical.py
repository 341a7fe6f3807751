"""iCalendar (RFC 5545/5546) invitations to development dialogues.

One VEVENT per dialogue, sent to each participant separately: ``METHOD:REQUEST`` when booked
and again (with a higher SEQUENCE) when moved, ``METHOD:CANCEL`` when called off. The UID is
the dialogue's, so a changed or cancelled dialogue replaces the entry the calendar already
has. The content-line writer (escaping, folding, UTC times) is the course calendar's.
"""

from __future__ import annotations

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stegvis.courses.ical import PRODID, content_type, escape_text, serialise, utc
from stegvis.people.models import Person

from .models import Dialogue

REQUEST = "REQUEST"
CANCEL = "CANCEL"

__all__ = ["CANCEL", "REQUEST", "content_type", "invitation", "method_of", "summary"]


def _param(value: str) -> str:
    """A parameter value (CN=...), quoted when it holds a character that would end it."""
    value = str(value).replace('"', "'").replace("\r", " ").replace("\n", " ")
    return f'"{value}"' if any(c in value for c in ":;,") else value


def method_of(dialogue: Dialogue) -> str:
    return CANCEL if dialogue.status == Dialogue.Status.CANCELLED else REQUEST


def summary(dialogue: Dialogue) -> str:
    if dialogue.kind == Dialogue.Kind.GROUP:
        return _("Group development dialogue, %(unit)s") % {"unit": dialogue.round.unit.name}
    return _("Development dialogue with %(manager)s") % {"manager": dialogue.manager}


def dialogue_url(dialogue: Dialogue, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("development:dialogue", args=[dialogue.pk])


def _organizer(dialogue: Dialogue) -> str:
    manager = dialogue.manager
    fallback_name, fallback_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    name = str(manager) or fallback_name or "Stegvis"
    return f"ORGANIZER;CN={_param(name)}:mailto:{manager.email or fallback_address}"


def prepare_url(dialogue: Dialogue, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("development:prepare", args=[dialogue.pk])


def _description(dialogue: Dialogue, base_url: str) -> str:
    lines = [
        _("Your yearly development dialogue."),
        _("Prepare your answers and self-assessment beforehand: %(url)s")
        % {"url": prepare_url(dialogue, base_url)},
    ]
    return "\n".join(lines)


def invitation(
    dialogue: Dialogue,
    attendees: list[Person],
    *,
    base_url: str,
    method: str | None = None,
    now: datetime.datetime | None = None,
) -> str:
    """The calendar entry of ``dialogue`` for ``attendees`` (REQUEST, or CANCEL once cancelled).

    ``dialogue`` should come with ``manager`` and ``round__unit`` loaded."""
    method = method or method_of(dialogue)
    now = now or timezone.now()
    url = dialogue_url(dialogue, base_url)
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:dialogue-{dialogue.uid}@stegvis",
        f"SEQUENCE:{dialogue.sequence}",
        f"DTSTAMP:{utc(now)}",
        f"DTSTART:{utc(dialogue.starts_at)}",
        f"DTEND:{utc(dialogue.ends_at)}",
        f"SUMMARY:{escape_text(summary(dialogue))}",
    ]
    if dialogue.place:
        lines.append(f"LOCATION:{escape_text(dialogue.place)}")
    lines += [
        f"DESCRIPTION:{escape_text(_description(dialogue, base_url))}",
        f"URL:{url}",
        f"STATUS:{'CANCELLED' if method == CANCEL else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        _organizer(dialogue),
    ]
    for person in attendees:
        if person.email:
            lines.append(
                f"ATTENDEE;CN={_param(person.full_name)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;"
                f"PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:{person.email}"
            )
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return serialise(lines)
