"""What participants are told, and when: each notice leaves as email through the worker.

Services call ``announce`` inside their transaction, so a rolled-back sign-up never sends a
confirmation. With the production queue (``django_tasks_db``, a table in our own database) the
notice is queued in that same transaction: it commits or rolls back with the change it tells
of, and none is lost if the process dies just after the commit. With any other backend (the
immediate one in tests, a queue elsewhere) it is queued once the transaction commits.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum

from django.db import router, transaction

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


def queued_in_our_database(task) -> bool:
    """Is ``task``'s queue a table in the database our changes are written to?"""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = task.get_backend()
    return isinstance(backend, DatabaseBackend) and router.db_for_write(DBTaskResult) == (
        transaction.get_connection().alias
    )


def announce(registration, notice: Notice) -> None:
    """Queue ``notice`` for ``registration`` with the current transaction (see above)."""
    from .tasks import send_notice

    if _suppressed.get():
        return
    registration_id = registration.pk

    def queue() -> None:
        send_notice.enqueue(registration_id=registration_id, notice=str(notice))

    if queued_in_our_database(send_notice):
        queue()
    else:
        transaction.on_commit(queue)
