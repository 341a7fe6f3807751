"""Querysets compiled once and run again with new values: a statement cache for hot reads.

Building a query's SQL is the ORM's most expensive step: for the dozen reads of a competence
profile it cost more CPU than the database spent answering them. ``prepared`` wraps a function
that builds a queryset from its arguments; the first call of each *shape* (the kinds of the
arguments and the lengths of the lists among them) builds it with stand-in values, compiles it
and notes where each stand-in landed among the statement's parameters. Later calls of the same
shape put the real values in those places and hand the statement to the queryset's own
machinery, so the rows come back exactly as the ORM would give them: model instances with
``select_related`` objects, ``values_list`` tuples, ``prefetch_related`` done.

The rules for a prepared function:

- Its positional arguments are the values: ``int``, ``datetime.date``, ``uuid.UUID`` and
  ``str``, or lists, tuples and sets of them (order, duplicates and None do not matter: they are
  for ``__in`` lookups; a list is padded to the next power of two with its last value, so
  one statement serves 33 to 64 values). They may only be used as lookup values: the
  function must not branch on them, as it sees stand-ins.
- Its keyword arguments change the statement's structure (which relations to join, say).
  They must be hashable and are part of the shape.
- An empty list makes a statement of its own: it runs through the plain ORM.

Each database connection keeps its own statements (a thread's connection is its own), so
nothing compiled for one is used from another thread.
"""

from __future__ import annotations

import copy
import datetime
import functools
import itertools
import uuid
import weakref
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet

_SCALARS = (int, datetime.date, str, uuid.UUID)
MAX_SHAPES = 64  # statements kept per prepared function and connection; the oldest go first
_FIRST_INT = 2_147_000_000  # within every integer column's range, so no lookup drops it


class _Standins:
    """Stand-in values no real query would ask for, with each one's place in the arguments."""

    def __init__(self):
        self.counter = itertools.count()
        self.places: dict[object, tuple[int, int | None]] = {}

    def make(self, value, place: tuple[int, int | None]):
        n = next(self.counter)
        if isinstance(value, (datetime.datetime, bool)):
            raise TypeError(f"prepared queries take int, date, UUID or str values, not {value!r}")
        if isinstance(value, int):
            standin = _FIRST_INT + n
        elif isinstance(value, datetime.date):
            standin = datetime.date(1, 1, 1) + datetime.timedelta(days=n + 1)
        elif isinstance(value, uuid.UUID):
            standin = uuid.UUID(int=(0x5_7E6_715 << 96) + n)
        else:
            standin = f"\x1fstegvis-standin-{n}\x1f"
        self.places[standin] = place
        return standin

    def adapted(self, connection) -> dict[object, tuple[int, int | None]]:
        """The places by each stand-in as the statement's parameters hold it."""
        return {_adapt(connection, standin): place for standin, place in self.places.items()}


def _adapt(connection, value):
    """``value`` as the statement's parameters hold it (as the field would prepare it)."""
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    if isinstance(value, uuid.UUID) and not connection.features.has_native_uuid_field:
        return value.hex
    return value


class _Statement:
    """One shape's compiled statement: the compiler, its SQL, and where each value goes."""

    def __init__(self, queryset: QuerySet, connection, places: dict, wanted: int):
        self.queryset = queryset
        self.compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = self.compiler.as_sql()
        self.params = list(params)
        self.slots = [
            (position, places[param])
            for position, param in enumerate(self.params)
            if _hashable(param) and param in places
        ]
        # The rows' converters (each column's ``from_db_value``, the backend's), found once.
        selected = [column for column, *_ in self.compiler.select[: self.compiler.col_count]]
        self.converters = self.compiler.get_converters(selected)
        if len({place for _, place in self.slots}) != wanted:
            raise ImproperlyConfigured(
                "A prepared query must use each of its values as a parameter of its statement: "
                f"{len(self.slots)} of {wanted} found in {self.sql!r}"
            )

    def bind(self, connection, values: list) -> QuerySet:
        """A queryset that runs this statement with ``values`` (arranged like the stand-ins)."""
        params = list(self.params)
        for position, (argument, index) in self.slots:
            value = values[argument] if index is None else values[argument][index]
            params[position] = _adapt(connection, value)
        compiler = copy.copy(self.compiler)
        compiler.as_sql = lambda *args, **kwargs: (self.sql, tuple(params))
        compiler.get_converters = lambda expressions: self.converters
        query = copy.copy(self.queryset.query)
        query.get_compiler = lambda *args, **kwargs: compiler
        bound = QuerySet.__new__(type(self.queryset))
        bound.__dict__.update(self.queryset.__dict__)
        bound._query = query  # not the setter: it would make a values_list give dicts
        bound._result_cache = None
        bound._prefetch_done = False
        return bound


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _normal(value):
    """A list argument as a sorted list without duplicates or None, its last value repeated
    up to the next power of two (so a few statements serve every length); a scalar as is."""
    if isinstance(value, (list, tuple, set, frozenset)):
        values = sorted({v for v in value if v is not None})  # ``__in`` drops None too
        if values:
            values += values[-1:] * ((1 << (len(values) - 1).bit_length()) - len(values))
        return values
    if not isinstance(value, _SCALARS):
        raise TypeError(f"prepared queries take int, date, UUID or str values, not {value!r}")
    return value


def prepared(build: Callable[..., QuerySet]) -> Callable[..., list]:
    """``build(*values, **structure)`` as a prepared query: calling the result returns the
    queryset's rows as a list (see the module's rules)."""
    aliases: dict[tuple, str] = {}  # each shape's database, from its first queryset
    statements: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # by connection

    def compile_shape(values, structure, shape):
        standins = _Standins()
        fake = [
            [standins.make(item, (i, j)) for j, item in enumerate(value)]
            if isinstance(value, list)
            else standins.make(value, (i, None))
            for i, value in enumerate(values)
        ]
        queryset = build(*fake, **structure)
        aliases[shape] = queryset.db
        connection = connections[queryset.db]
        wanted = sum(len(v) if isinstance(v, list) else 1 for v in values)
        statement = _Statement(queryset, connection, standins.adapted(connection), wanted)
        mine = statements.setdefault(connection, {})
        if len(mine) >= MAX_SHAPES:  # a bound on memory, whatever callers do
            del mine[next(iter(mine))]
        mine[shape] = statement
        return connection, statement

    @functools.wraps(build)
    def run(*values, **structure) -> list:
        values = [_normal(value) for value in values]
        if any(isinstance(value, list) and not value for value in values):
            return list(build(*values, **structure))
        shape = (
            tuple((type(v[0]), len(v)) if isinstance(v, list) else type(v) for v in values),
            tuple(sorted(structure.items())),
        )
        alias = aliases.get(shape)
        statement = None
        if alias is not None:
            connection = connections[alias]
            statement = statements.get(connection, {}).get(shape)
        if statement is None:
            connection, statement = compile_shape(values, structure, shape)
        return list(statement.bind(connection, values))

    def compiled_here() -> int:
        """How many statements this thread's default connection keeps (for tests)."""
        return len(statements.get(connections["default"], {}))

    run.compiled_here = compiled_here
    return run
