"""What participants are told, and when: each notice leaves as email through the worker.

Services call ``announce`` inside their transaction; the mail is queued only once the
transaction commits, so a rolled-back sign-up never sends a confirmation.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum

from django.db import transaction

_suppressed: ContextVar[bool] = ContextVar("stegvis_notices_suppressed", default=False)


class Notice(StrEnum):
    CONFIRMED = "confirmed"  # registered with a seat
    WAITING = "waiting"  # registered on the waiting list
    PROMOTED = "promoted"  # moved from the waiting list to a seat
    OFFERED = "offered"  # a seat is offered: answer by a time
    OFFER_EXPIRED = "offer_expired"  # the offered seat went to the next in line
    TRANSFERRED_IN = "transferred_in"  # a colleague handed over their seat
    CANCELLED = "cancelled"  # the person's registration ended (cancelled or handed over)
    OFFERING_CANCELLED = "offering_cancelled"  # the organiser cancelled the offering
    CHANGED = "changed"  # time or place of a course day changed
    REMINDER = "reminder"  # a course day is near
    PREPARATION_DUE = "preparation_due"  # preparation tasks are not done and the day is near


@contextmanager
def suppressed() -> Iterator[None]:
    """Send no notices for changes made in the block (the demo seeding invents people)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def announce(registration, notice: Notice) -> None:
    """Queue ``notice`` for ``registration`` once the current transaction commits."""
    from .tasks import send_notice

    if _suppressed.get():
        return
    registration_id = registration.pk
    transaction.on_commit(
        lambda: send_notice.enqueue(registration_id=registration_id, notice=str(notice))
    )
