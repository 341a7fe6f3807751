"""The periodic run of the course catalogue: expire offers, remind participants.

``run()`` is idempotent and safe to call every few minutes (``manage.py courses_tick`` from cron,
or the ``tick`` task). Each reminder is recorded as a ``NoticeSent`` row (unique per
registration, kind and key) in the same transaction that queues its mail, so a second run, even
one running at the same time, sends nothing twice.

* Offers not answered by ``offered_until`` pass to the next in line.
* ``REMINDER``: to every confirmed participant, ``STEGVIS_COURSE_REMINDER_DAYS`` (2) days before
  each course day (key: the course day's id).
* ``PREPARATION_DUE``: once per registration, when the first course day is within
  ``STEGVIS_PREPARATION_REMINDER_DAYS`` (7) days and the preparation checklist is not done.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone

from .models import ChecklistTask, CourseDay, NoticeSent, Offering, Registration
from .notices import Notice
from .services.progress import progress_for
from .services.registration import expire_offers_of
from .tasks import send_notice

Status = Registration.Status


@dataclass
class TickSummary:
    offers_expired: int = 0
    offerings_with_expired_offers: int = 0
    day_reminders: int = 0
    preparation_reminders: int = 0

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        return (
            f"{self.offers_expired} offer(s) expired on "
            f"{self.offerings_with_expired_offers} offering(s), "
            f"{self.day_reminders} course-day reminder(s) and "
            f"{self.preparation_reminders} preparation reminder(s) queued."
        )


def reminder_days() -> int:
    return int(getattr(settings, "STEGVIS_COURSE_REMINDER_DAYS", 2))


def preparation_days() -> int:
    return int(getattr(settings, "STEGVIS_PREPARATION_REMINDER_DAYS", 7))


def expire_due_offers(now: datetime.datetime) -> tuple[int, int]:
    """(offers expired, offerings touched). Each offering in its own locked transaction."""
    offering_ids = sorted(
        set(
            Registration.objects.filter(status=Status.OFFERED, offered_until__lt=now).values_list(
                "offering_id", flat=True
            )
        )
    )
    expired = sum(expire_offers_of(offering_id, now=now) for offering_id in offering_ids)
    return expired, len(offering_ids)


def _already_sent(kind: Notice, registration_ids) -> set[tuple[int, str]]:
    return set(
        NoticeSent.objects.filter(kind=kind, registration_id__in=registration_ids).values_list(
            "registration_id", "key"
        )
    )


def _send_once(registration_id: int, kind: Notice, key: str) -> bool:
    """Record the notice and queue its mail together; False when it was recorded already."""
    try:
        with transaction.atomic():
            NoticeSent.objects.create(registration_id=registration_id, kind=kind, key=key)
            send_notice.enqueue(registration_id=registration_id, notice=str(kind))
    except IntegrityError:  # another run got there first
        return False
    return True


def send_day_reminders(now: datetime.datetime) -> int:
    """REMINDER for each (confirmed registration, course day starting within the window)."""
    until = now + datetime.timedelta(days=reminder_days())
    days = list(
        CourseDay.objects.filter(starts_at__gt=now, starts_at__lte=until)
        .exclude(offering__decision=Offering.Decision.CANCELLED)
        .values_list("pk", "offering_id")
    )
    if not days:
        return 0
    participants: dict[int, list[int]] = defaultdict(list)
    for registration_id, offering_id in Registration.objects.filter(
        status=Status.CONFIRMED, offering_id__in={o for _d, o in days}
    ).values_list("pk", "offering_id"):
        participants[offering_id].append(registration_id)
    sent = _already_sent(Notice.REMINDER, [r for ids in participants.values() for r in ids])
    return sum(
        _send_once(registration_id, Notice.REMINDER, str(day_id))
        for day_id, offering_id in days
        for registration_id in participants[offering_id]
        if (registration_id, str(day_id)) not in sent
    )


def send_preparation_reminders(now: datetime.datetime) -> int:
    """PREPARATION_DUE once per confirmed registration whose first day is near and whose
    preparation checklist is not complete."""
    until = now + datetime.timedelta(days=preparation_days())
    starting = (
        CourseDay.objects.values("offering_id")
        .annotate(first=Min("starts_at"))
        .filter(first__gt=now, first__lte=until)
        .values("offering_id")
    )
    with_preparation = ChecklistTask.objects.filter(part=ChecklistTask.Part.PREPARATION).values(
        "course_id"
    )
    candidates = (
        Registration.objects.filter(
            status=Status.CONFIRMED,
            offering_id__in=starting,
            offering__course_id__in=with_preparation,
        )
        .exclude(offering__decision=Offering.Decision.CANCELLED)
        .exclude(
            pk__in=NoticeSent.objects.filter(kind=Notice.PREPARATION_DUE).values("registration")
        )
        .select_related("offering")
    )
    candidates = list(candidates)
    progress = progress_for(candidates)
    return sum(
        _send_once(r.pk, Notice.PREPARATION_DUE, "")
        for r in candidates
        if not progress[r.pk].preparation_complete
    )


def run(now: datetime.datetime | None = None) -> TickSummary:
    now = now or timezone.now()
    summary = TickSummary()
    summary.offers_expired, summary.offerings_with_expired_offers = expire_due_offers(now)
    summary.day_reminders = send_day_reminders(now)
    summary.preparation_reminders = send_preparation_reminders(now)
    return summary
