"""Dates in Django's format strings, fast for the plain numeric formats pages repeat.

``django.utils.dateformat.format`` parses the format string and sets up a formatter for every
value: about 20 µs a date, which a team overview pays some 140 times. ``format_date`` reads a
format once and, when it holds only numeric day, month, year, hour, minute and second
specifiers (every short format we ship: ``Y-m-d``, ``d.m.Y``, ``Y-m-d H:i``, ...), writes the
value with plain string formatting; any other format goes to Django's formatter unchanged.
"""

from __future__ import annotations

import datetime
import functools
import re

from django.utils import dateformat

# The specifiers Django's formatter knows (``django.utils.dateformat``), unless escaped.
_SPECIFIERS = re.compile(r"(?<!\\)([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])")
_ESCAPED = re.compile(r"\\(.)")
# Each numeric specifier as a ``str.format`` field of the value ({0}); ``y`` needs the year
# modulo 100, passed as {1}.
_NUMERIC = {
    "d": "{0.day:02d}",
    "j": "{0.day}",
    "m": "{0.month:02d}",
    "n": "{0.month}",
    "Y": "{0.year:04d}",
    "y": "{1:02d}",
    "H": "{0.hour:02d}",
    "G": "{0.hour}",
    "i": "{0.minute:02d}",
    "s": "{0.second:02d}",
}
_TIME = frozenset("HGis")


@functools.lru_cache(maxsize=128)
def _plan(format_string: str) -> tuple[str, bool] | None:
    """The format as one ``str.format`` template and whether it needs a time, or ``None``
    when it holds anything but the numeric specifiers."""
    pieces: list[str] = []
    needs_time = False
    for index, piece in enumerate(_SPECIFIERS.split(format_string)):
        if index % 2:
            if piece not in _NUMERIC:
                return None
            pieces.append(_NUMERIC[piece])
            needs_time = needs_time or piece in _TIME
        elif piece:
            pieces.append(_ESCAPED.sub(r"\1", piece).replace("{", "{{").replace("}", "}}"))
    return "".join(pieces), needs_time


def format_date(value: datetime.date, format_string: str) -> str:
    """``value`` in ``format_string``, exactly as ``dateformat.format`` writes it."""
    plan = _plan(str(format_string))
    if plan is None or (plan[1] and not isinstance(value, datetime.datetime)):
        return dateformat.format(value, format_string)  # and its error for a date with a time
    return plan[0].format(value, value.year % 100)
