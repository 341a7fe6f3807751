"""Bulk writing for bench/gaps.py: PostgreSQL ``COPY`` (psycopg) or SQLite ``executemany``,
in the caller's transaction, with ids given by us (so rows can point at each other before
they are written) and the id sequences set right afterwards."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Sequence


def _sqlite_value(value):
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


class Loader:
    """Writes rows straight into the tables of Django's default database connection."""

    def __init__(self):
        from django.db import connection

        connection.ensure_connection()
        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.raw = connection.connection
        self.next: dict[str, int] = {}
        self.counts: dict[str, int] = {}

    def ids(self, table: str, count: int) -> range:
        """``count`` fresh ids for ``table``."""
        if table not in self.next:
            with self.connection.cursor() as cursor:
                cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
                self.next[table] = cursor.fetchone()[0] + 1
        first = self.next[table]
        self.next[table] = first + count
        return range(first, first + count)

    def write(self, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        written = 0
        if self.postgres:
            copy_sql = f'COPY "{table}" ({names}) FROM STDIN'
            with self.raw.cursor() as cursor, cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
        else:
            marks = ", ".join("?" for _ in columns)
            batch = [tuple(map(_sqlite_value, row)) for row in rows]
            self.raw.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', batch)
            written = len(batch)
        self.counts[table] = self.counts.get(table, 0) + written

    def finish(self) -> None:
        """After the writing transaction: move the id sequences past our ids and give the
        planner fresh statistics (``VACUUM ANALYZE``, as autovacuum would in time)."""
        with self.connection.cursor() as cursor:
            if self.postgres:
                for table in self.next:
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                        f'(SELECT MAX(id) FROM "{table}"))'
                    )
                # VACUUM cannot run in a transaction (a test's): ANALYZE alone then
                in_test = self.connection.in_atomic_block
                cursor.execute("ANALYZE" if in_test else "VACUUM ANALYZE")
            else:
                cursor.execute("ANALYZE")
