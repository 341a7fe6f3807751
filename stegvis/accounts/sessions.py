"""The session store: Django's database sessions, read with a written-out statement.

Every request of a signed-in user loads its session; through the ORM, building that one
lookup cost more CPU than PostgreSQL spent answering it. Saving, deleting, expiry and
``clearsessions`` are Django's own, unchanged (``SESSION_ENGINE`` names this module).
"""

from __future__ import annotations

import functools

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.utils import timezone


@functools.cache
def _load_sql(alias: str) -> str:
    quote = connections[alias].ops.quote_name
    meta = Session._meta

    def column(name: str) -> str:
        return quote(meta.get_field(name).column)

    # Only names from the model are formatted in; the key and the time are parameters.
    return (
        f"SELECT {column('session_data')} FROM {quote(meta.db_table)} "  # noqa: S608
        f"WHERE {column('session_key')} = %s AND {column('expire_date')} > %s"
    )


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        """The unexpired session with this key, or ``None`` (and the key is dropped, so a
        new one is made on save), as Django's database store does."""
        key = self.session_key
        if not key:
            self._session_key = None
            return None
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_load_sql(alias), [key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return self.model(session_key=key, session_data=row[0])
