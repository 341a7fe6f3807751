"""The reminders of the joint committee's yearly discussion (``manage.py strategy_tick``).

Idempotent, safe to run every few minutes. For each open unit whose committee discussion
(its own committee's or its municipality's, see ``committee``) is due within
``committee.notice_days()`` (30) days, a ``due`` reminder; once the due date has passed, an
``overdue`` reminder. Each is sent once per unit and due date: a ``CommitteeReminder`` row
(unique on unit, kind and due date) is written in the same transaction that queues the mail, so
a second run, even one at the same moment, sends nothing twice. A new discussion gives a new
due date and so a new round.

Recipients are the unit's current managers and HR of its municipality. Each gets one mail per
run, in their own language, listing every unit that needs them. Units with no discussion
recorded at all get no mail (they show as "Not recorded" on the pages): the yearly rhythm
starts with the first recorded discussion.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.accounts.tasks import send_email
from stegvis.organisations.models import Role, RoleAssignment, Unit

from . import committee
from .models import CommitteeReminder

SUBJECT = gettext_noop("Strategic competence development on the joint committee's agenda")


@dataclass
class TickSummary:
    due_reminders: int = 0
    overdue_reminders: int = 0
    mails: int = 0

    def __str__(self) -> str:
        return (
            f"{self.due_reminders} due and {self.overdue_reminders} overdue committee "
            f"reminder(s), {self.mails} mail(s) queued."
        )


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    name: str


@dataclass(frozen=True)
class Notice:
    unit: Unit
    kind: str
    status: committee.CommitteeStatus


def _recipients(units: list[Unit]) -> dict[int, list[Recipient]]:
    """Unit id → its current managers and HR of its municipality, in one query."""
    rows = (
        RoleAssignment.objects.active()
        .filter(
            Q(role=Role.MANAGER, unit__in=[u.pk for u in units])
            | Q(role=Role.HR, municipality__in={u.municipality_id for u in units}),
            user__is_active=True,
        )
        .select_related("user", "user__person")
        .order_by("pk")
    )
    by_unit: dict[int, list[RoleAssignment]] = defaultdict(list)
    by_municipality: dict[int, list[RoleAssignment]] = defaultdict(list)
    for row in rows:
        (by_unit[row.unit_id] if row.unit_id else by_municipality[row.municipality_id]).append(row)
    result = {}
    for unit in units:
        found = {}
        for row in by_unit[unit.pk] + by_municipality[unit.municipality_id]:
            user = row.user
            person = getattr(user, "person", None)
            if user.email:
                found[user.email] = Recipient(
                    user.email,
                    person.preferred_language if person else settings.LANGUAGE_CODE,
                    person.full_name if person else user.email,
                )
        result[unit.pk] = sorted(found.values(), key=lambda r: r.email)
    return result


def _candidates(today: datetime.date) -> list[Notice]:
    units = list(
        Unit.objects.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=today))
        .select_related("municipality")
        .order_by("municipality__name", "name", "pk")
    )
    notices = []
    statuses = committee.statuses_for(units, today)
    for unit in units:
        status = statuses[unit.pk]
        if status.state == committee.State.DUE:
            notices.append(Notice(unit, CommitteeReminder.Kind.DUE, status))
        elif status.state == committee.State.OVERDUE:
            notices.append(Notice(unit, CommitteeReminder.Kind.OVERDUE, status))
    if not notices:
        return []
    sent = set(
        CommitteeReminder.objects.filter(unit__in=[n.unit.pk for n in notices]).values_list(
            "unit_id", "kind", "due_on"
        )
    )
    return [n for n in notices if (n.unit.pk, n.kind, n.status.due_on) not in sent]


def _record(notice: Notice, recipients: list[Recipient]) -> bool:
    """Write the reminder row; False when another run wrote it first."""
    try:
        with transaction.atomic():
            CommitteeReminder.objects.create(
                unit=notice.unit,
                kind=notice.kind,
                due_on=notice.status.due_on,
                recipients=", ".join(r.name for r in recipients),
            )
    except IntegrityError:
        return False
    return True


def _url(name: str, *args) -> str:
    return settings.STEGVIS_SITE_URL.rstrip("/") + reverse(name, args=args)


def _mail(recipient: Recipient, notices: list[Notice], today: datetime.date) -> None:
    """One mail in the recipient's language, queued when the transaction commits."""
    with translation.override(recipient.language), timezone.override(settings.TIME_ZONE):
        context = {
            "recipient": recipient,
            "notices": [
                {
                    "unit": n.unit,
                    "overdue": n.kind == CommitteeReminder.Kind.OVERDUE,
                    "status": n.status,
                    "url": _url("strategy:unit", n.unit.pk),
                }
                for n in notices
            ],
            "today": today,
            "index_url": _url("strategy:index"),
        }
        body = render_to_string("strategy/email/committee_reminder.txt", context)
        subject = _(SUBJECT)
    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject, body=body, to=[recipient.email])
    )


def send_committee_reminders(today: datetime.date) -> TickSummary:
    summary = TickSummary()
    notices = _candidates(today)
    if not notices:
        return summary
    recipients = _recipients([n.unit for n in notices])
    with transaction.atomic():
        per_recipient: dict[str, tuple[Recipient, list[Notice]]] = {}
        for notice in notices:
            if not _record(notice, recipients[notice.unit.pk]):
                continue
            if notice.kind == CommitteeReminder.Kind.DUE:
                summary.due_reminders += 1
            else:
                summary.overdue_reminders += 1
            for recipient in recipients[notice.unit.pk]:
                per_recipient.setdefault(recipient.email, (recipient, []))[1].append(notice)
        for recipient, found in per_recipient.values():
            _mail(recipient, found, today)
            summary.mails += 1
    return summary


def run(now: datetime.datetime | None = None) -> TickSummary:
    now = now or timezone.now()
    return send_committee_reminders(timezone.localdate(now))
