"""What a sign-up must know about an offering's seats and line, in one statement.

``registration.register`` reads this inside the offering's row lock, right after taking it: a
statement that waits for a lock still reads what was committed when it began, so the counts
are never part of the locking statement itself.

It is hand-written SQL (portable: SQLite and PostgreSQL) because this is the hot path of a
popular course opening, where building the same statement through the ORM (five filtered
counts and a subquery) cost several times the statement itself: see bench/README.md.
"""

from __future__ import annotations

import datetime
import functools
from typing import NamedTuple

from django.db import connection

from ..models import OfferingQuota, Registration

Status = Registration.Status


class LineState(NamedTuple):
    mine: int  # the person's active registrations on the offering (0 or 1)
    held: int  # seats held (confirmed or offered) in the mode
    expired: int  # offers whose time to answer has passed
    waiting: int  # people in line for the mode
    behind: int  # of those, queued after the given time
    reserved: bool  # whether any municipality has seats reserved (quotas)


@functools.cache
def _sql() -> str:
    registrations = connection.ops.quote_name(Registration._meta.db_table)
    quotas = connection.ops.quote_name(OfferingQuota._meta.db_table)
    # Only the two table names (from the models) are formatted in; every value is a parameter.
    return f"""
        SELECT
            COUNT(CASE WHEN person_id = %s AND status IN (%s, %s, %s) THEN 1 END),
            COUNT(CASE WHEN mode = %s AND status IN (%s, %s) THEN 1 END),
            COUNT(CASE WHEN status = %s AND offered_until < %s THEN 1 END),
            COUNT(CASE WHEN mode = %s AND status = %s THEN 1 END),
            COUNT(CASE WHEN mode = %s AND status = %s AND queued_at > %s THEN 1 END),
            EXISTS (SELECT 1 FROM {quotas} WHERE offering_id = %s)
        FROM {registrations}
        WHERE offering_id = %s
    """  # noqa: S608


def line_state(offering_id: int, person_id: int, mode: str, at: datetime.datetime) -> LineState:
    """The seats and line of ``offering_id`` for ``person_id`` registering in ``mode`` at
    ``at``. Call inside the offering's lock."""
    when = connection.ops.adapt_datetimefield_value(at)
    active = [str(status) for status in Registration.ACTIVE]
    holding = [str(status) for status in Registration.HOLDING_SEAT]
    offered, waiting = str(Status.OFFERED), str(Status.WAITING)
    params = [
        *(person_id, *active),
        *(mode, *holding),
        *(offered, when),
        *(mode, waiting),
        *(mode, waiting, when),
        offering_id,
        offering_id,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_sql(), params)
        mine, held, expired, waiting, behind, reserved = cursor.fetchone()
    return LineState(mine, held, expired, waiting, behind, bool(reserved))
