"""Background work of the yearly dialogues (run by the database worker).

Mails are rendered in the recipient's preferred language, with times in Stegvis' time zone.
An invitation carries the calendar entry as an attachment (METHOD:REQUEST, or METHOD:CANCEL
when the dialogue is called off); it is read from the database when the worker gets to it, so
it always tells the dialogue's current time and place.
"""

from __future__ import annotations

from email.message import MIMEPart

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stegvis.people.models import Person

from . import ical
from .models import Dialogue, DialogueParticipant

HEADERS = {"Auto-Submitted": "auto-generated"}


def _site_url() -> str:
    from stegvis.courses.notice_mail import site_url

    return site_url()


def _when(dialogue: Dialogue) -> dict:
    start, end = timezone.localtime(dialogue.starts_at), timezone.localtime(dialogue.ends_at)
    return {"start": start, "end": end}


def _calendar_part(text: str, method: str) -> MIMEPart:
    """The .ics attachment, bytes kept exactly (CRLF line ends survive the transfer encoding)."""
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


def mail_invitation(dialogue_id: int, person_id: int, method: str) -> int:
    """Send the invitation (or cancellation) of one dialogue to one participant."""
    dialogue = Dialogue.objects.select_related("manager", "round__unit").get(pk=dialogue_id)
    participation = (
        DialogueParticipant.objects.select_related("person")
        .filter(dialogue=dialogue, person_id=person_id)
        .first()
    )
    if participation is None or method != ical.method_of(dialogue):
        return 0  # taken out of the dialogue, or the state changed since: the later mail tells
    if method == ical.CANCEL and participation.invited_at is None:
        return 0
    person = participation.person
    if not person.email:
        return 0
    base_url = _site_url()
    with translation.override(person.preferred_language), timezone.override(settings.TIME_ZONE):
        context = {
            "person": person,
            "dialogue": dialogue,
            "summary": ical.summary(dialogue),
            "changed": dialogue.sequence > 0,
            "url": ical.dialogue_url(dialogue, base_url),
            "prepare_url": ical.prepare_url(dialogue, base_url),
            **_when(dialogue),
        }
        if method == ical.CANCEL:
            subject = _("Cancelled: %(summary)s") % context
            body = render_to_string("development/email/dialogue_cancelled.txt", context)
        else:
            subject = (
                _("Changed time or place: %(summary)s")
                if context["changed"]
                else _("Invitation: %(summary)s")
            ) % context
            body = render_to_string("development/email/dialogue_invitation.txt", context)
        calendar = ical.invitation(dialogue, [person], base_url=base_url, method=method)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[person.email], headers=HEADERS)
    message.attach(_calendar_part(calendar, method))
    sent = message.send()
    if sent and method == ical.REQUEST:
        DialogueParticipant.objects.filter(pk=participation.pk).update(invited_at=timezone.now())
    return sent


def mail_wants_individual(participation_id: int) -> int:
    """Tell the dialogue's manager that a participant of a group dialogue asks for their own."""
    participation = DialogueParticipant.objects.select_related(
        "person", "dialogue__manager", "dialogue__round__unit"
    ).get(pk=participation_id)
    dialogue = participation.dialogue
    manager = dialogue.manager
    if not participation.wants_individual or not manager.email:
        return 0
    language = (
        Person.objects.filter(user=manager).values_list("preferred_language", flat=True).first()
        or settings.LANGUAGE_CODE
    )
    dialogue_round = dialogue.round
    round_url = _site_url() + reverse(
        "development:round", args=[dialogue_round.unit_id, dialogue_round.year]
    )
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        context = {
            "manager": manager,
            "person": participation.person,
            "dialogue": dialogue,
            "unit": dialogue_round.unit.name,
            "year": dialogue_round.year,
            "url": round_url,
            **_when(dialogue),
        }
        subject = _("%(name)s asks for an individual development dialogue") % {
            "name": participation.person.full_name
        }
        body = render_to_string("development/email/dialogue_wants_individual.txt", context)
    message = EmailMultiAlternatives(
        subject=subject, body=body, to=[manager.email], headers=HEADERS
    )
    return message.send()


@task(queue_name="default")
def send_dialogue_invitation(*, dialogue_id: int, person_id: int, method: str) -> int:
    return mail_invitation(dialogue_id, person_id, method)


@task(queue_name="default")
def send_wants_individual(*, participation_id: int) -> int:
    return mail_wants_individual(participation_id)


@task(queue_name="default")
def apply_retention(*, dry_run: bool = False) -> list[dict]:
    """Delete or anonymise old notes and preparations (same as ``manage.py dialogue_retention``)."""
    from stegvis.core.models import AuditEvent

    from .services.retention import apply_retention as run
    from .services.retention import as_dicts

    return as_dicts(run(dry_run=dry_run, source=AuditEvent.Source.SYSTEM))
