"""Terms: a half-year (sv VT/HT, da forår/efterår) or a custom period, and their names.

Pure functions on dates: no queries, no models.
"""

from __future__ import annotations

import datetime

from django.utils import formats
from django.utils.translation import gettext as _

SPRING, AUTUMN, CUSTOM = "spring", "autumn", "custom"


def term_dates(kind: str, year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of the spring (January–June) or autumn (July–December) term."""
    if kind == SPRING:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    if kind == AUTUMN:
        return datetime.date(year, 7, 1), datetime.date(year, 12, 31)
    raise ValueError(f"not a half-year: {kind}")


def term_of(day: datetime.date) -> tuple[str, int]:
    """The half-year ``day`` falls in."""
    return (SPRING if day.month <= 6 else AUTUMN), day.year


def next_term(day: datetime.date) -> tuple[str, int]:
    """The half-year after the one ``day`` falls in."""
    kind, year = term_of(day)
    return (AUTUMN, year) if kind == SPRING else (SPRING, year + 1)


def term_label(kind: str, starts_on: datetime.date, ends_on: datetime.date, name: str = "") -> str:
    """ "VT 2026" in Swedish, "Forår 2026" in Danish, "Spring 2026" in English; a custom period
    by its name, else by its dates."""
    if kind == SPRING:
        return _("Spring %(year)s") % {"year": starts_on.year}
    if kind == AUTUMN:
        return _("Autumn %(year)s") % {"year": starts_on.year}
    if name:
        return name
    return _("%(start)s to %(end)s") % {
        "start": formats.date_format(starts_on, "SHORT_DATE_FORMAT"),
        "end": formats.date_format(ends_on, "SHORT_DATE_FORMAT"),
    }
