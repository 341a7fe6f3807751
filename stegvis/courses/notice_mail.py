"""Render and send one registration notice as email (runs in the worker).

Each notice says what happened and what to do next, in the person's preferred language, with
times in Stegvis' time zone. When the person's calendar should change, the invitation
(``METHOD:REQUEST``) or its cancellation (``METHOD:CANCEL``) is attached. A cancellation is
only sent to someone who was sent the invitation before (recorded as a ``NoticeSent`` row of
kind ``invitation``), so leaving a waiting list does not put a cancelled event in anyone's mail.

A notice that no longer fits the registration when the worker gets to it (a confirmation for a
seat cancelled meanwhile) is not sent: the later notice tells the truth.
"""

from __future__ import annotations

import datetime
from email.message import MIMEPart

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import ical
from .models import ChecklistTask, NoticeSent, Registration
from .notices import Notice

Status = Registration.Status
INVITATION = "invitation"  # NoticeSent.kind: the calendar invitation went out
# Notices that put the course days into the calendar, and those that take them out again.
REQUESTS = {Notice.CONFIRMED, Notice.PROMOTED, Notice.TRANSFERRED_IN, Notice.CHANGED}
CANCELS = {Notice.CANCELLED, Notice.OFFERING_CANCELLED}
# A notice about a state is sent only while the registration is still in it.
STILL_IN = {
    Notice.CONFIRMED: {Status.CONFIRMED},
    Notice.PROMOTED: {Status.CONFIRMED},
    Notice.WAITING: {Status.WAITING},
    Notice.OFFERED: {Status.OFFERED},
    Notice.TRANSFERRED_IN: {Status.CONFIRMED, Status.WAITING},
    Notice.CHANGED: set(Registration.ACTIVE),
    Notice.REMINDER: {Status.CONFIRMED},
    Notice.PREPARATION_DUE: {Status.CONFIRMED},
}
# Notices that show the preparation checklist still to do.
WITH_PREPARATION = {
    Notice.CONFIRMED,
    Notice.PROMOTED,
    Notice.TRANSFERRED_IN,
    Notice.REMINDER,
    Notice.PREPARATION_DUE,
}


def site_url() -> str:
    """Where people reach Stegvis, for links in mail (the worker has no request to ask)."""
    return settings.STEGVIS_SITE_URL


def _local(moment: datetime.datetime | None, format: str = "j F Y H:i") -> str:
    return date_format(timezone.localtime(moment), format) if moment else ""


def _subject(notice: Notice, registration: Registration, next_day) -> str:
    title = registration.offering.display_title
    if notice == Notice.CANCELLED:
        subject = {
            Status.LATE_CANCELLED: _("Cancelled after the deadline: %(title)s"),
            Status.TRANSFERRED: _("Seat handed to a colleague: %(title)s"),
            Status.DECLINED: _("Offered seat declined: %(title)s"),
        }.get(registration.status, _("Registration cancelled: %(title)s"))
    elif notice == Notice.REMINDER and next_day is not None:
        return _("Reminder: %(title)s on %(date)s") % {
            "title": title,
            "date": _local(next_day.starts_at, "j F"),
        }
    else:
        subject = {
            Notice.CONFIRMED: _("Seat confirmed: %(title)s"),
            Notice.WAITING: _("On the waiting list: %(title)s"),
            Notice.PROMOTED: _("You got a seat: %(title)s"),
            Notice.OFFERED: _("A seat is offered to you: %(title)s"),
            Notice.OFFER_EXPIRED: _("The offered seat went to the next in line: %(title)s"),
            Notice.TRANSFERRED_IN: _("A colleague handed you their place: %(title)s"),
            Notice.OFFERING_CANCELLED: _("Cancelled by the organiser: %(title)s"),
            Notice.CHANGED: _("Changed time or place: %(title)s"),
            Notice.REMINDER: _("Reminder: %(title)s"),
            Notice.PREPARATION_DUE: _("Preparation to do before %(title)s"),
        }[notice]
    return subject % {"title": title}


def _colleague(notice: Notice, registration: Registration):
    """Who took over the seat (for the one who handed it over) or who handed it over."""
    if registration.status == Status.TRANSFERRED and registration.transferred_to_id:
        return (
            Registration.objects.select_related("person")
            .get(pk=registration.transferred_to_id)
            .person
        )
    if notice == Notice.TRANSFERRED_IN:
        previous = Registration.objects.filter(transferred_to=registration).first()
        return previous.person if previous else None
    return None


def _context(notice: Notice, registration: Registration, days: list, base_url: str) -> dict:
    offering = registration.offering
    now = timezone.now()
    next_day = next((d for d in days if d.starts_at > now), None)
    context = {
        "notice": notice,
        "person": registration.person,
        "registration": registration,
        "offering": offering,
        "title": offering.display_title,
        "mode": registration.get_mode_display(),
        "days": [
            {"day": d, "where": ical.location(d, registration.mode), "changed": d.sequence > 0}
            for d in days
        ],
        "next_day": next_day,
        "next_where": ical.location(next_day, registration.mode) if next_day else "",
        "url": ical.registration_url(registration, base_url),
        "cancel_by": _local(offering.cancel_by),
        "offered_until": _local(registration.offered_until),
        "colleague": _colleague(notice, registration),
        "open_tasks": [],
    }
    if notice == Notice.WAITING:
        from .services.registration import waiting_position

        context["position"] = waiting_position(registration)
    if notice in WITH_PREPARATION and offering.course_id:
        context["open_tasks"] = list(
            ChecklistTask.objects.filter(
                course_id=offering.course_id, part=ChecklistTask.Part.PREPARATION
            ).exclude(completions__registration=registration)
        )
    return context


def _calendar_part(registration: Registration, days: list, method: str, base_url: str):
    """The .ics attachment, bytes kept exactly (CRLF line ends survive the transfer encoding)."""
    text = ical.invitation(registration, days, base_url=base_url)
    part = MIMEPart()
    part.set_content(
        text.encode("utf-8"),
        maintype="text",
        subtype="calendar",
        cte="base64",
        disposition="attachment",
        filename="invitation.ics" if method == ical.REQUEST else "cancellation.ics",
        params={"method": method, "charset": "utf-8"},
    )
    return part


def _method(notice: Notice, registration: Registration, days: list) -> str | None:
    if not days:
        return None
    if notice in REQUESTS and registration.status == Status.CONFIRMED:
        return ical.REQUEST
    if notice in CANCELS and registration.status in ical.ENDED:
        invited = NoticeSent.objects.filter(registration=registration, kind=INVITATION)
        return ical.CANCEL if invited.exists() else None
    return None


def schedule_offer_expiry(registration: Registration) -> bool:
    """Let the worker expire the offer when its time is up, if the task backend can wait.

    ``manage.py courses_tick`` expires offers too, so a backend without deferred runs only
    makes the expiry wait for the next tick.
    """
    from django.tasks import default_task_backend

    from .tasks import expire_offers

    if not default_task_backend.supports_defer or registration.offered_until is None:
        return False
    run_after = registration.offered_until + datetime.timedelta(seconds=1)
    expire_offers.using(run_after=run_after).enqueue(offering_id=registration.offering_id)
    return True


def send_registration_notice(registration_id: int, notice: str) -> int:
    """Send ``notice`` to the registration's person; returns the number of mails sent."""
    notice = Notice(notice)
    registration = Registration.objects.select_related(
        "person", "offering", "offering__course"
    ).get(pk=registration_id)
    if notice in STILL_IN and registration.status not in STILL_IN[notice]:
        return 0
    if notice == Notice.OFFERED:
        schedule_offer_expiry(registration)
    person = registration.person
    if not person.email:
        return 0
    base_url = site_url()
    days = list(registration.offering.days.all())
    method = _method(notice, registration, days)
    with translation.override(person.preferred_language), timezone.override(settings.TIME_ZONE):
        context = _context(notice, registration, days, base_url)
        context["attached"] = method is not None
        subject = _subject(notice, registration, context["next_day"])
        body = render_to_string(f"courses/email/{notice}.txt", context)
        message = EmailMultiAlternatives(
            subject=subject,
            body=body,
            to=[person.email],
            headers={"Auto-Submitted": "auto-generated"},
        )
        if method is not None:
            message.attach(_calendar_part(registration, days, method, base_url))
    sent = message.send()
    if sent and method == ical.REQUEST:
        NoticeSent.objects.get_or_create(registration=registration, kind=INVITATION, key="")
    return sent
