"""Cell values as HR systems write them: dates, extents and forms of employment."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"), ("y", "m", "d")),
)
_TIME_SUFFIX = re.compile(r"[ T]00:00(:00(\.0+)?)?$")

PERMANENT_WORDS = frozenset(
    {
        "tillsvidare",
        "tillsvidareanställning",
        "tillsvidareanställd",
        "tv",
        "ta",
        "fast",
        "fastansat",
        "fastansättning",
        "fast ansættelse",
        "permanent",
        "ja",
        "yes",
        "1",
        "true",
    }
)
TEMPORARY_WORDS = frozenset(
    {
        "visstid",
        "visstidsanställning",
        "allmän visstid",
        "särskild visstid",
        "vikariat",
        "vikarie",
        "provanställning",
        "timanställning",
        "timavlönad",
        "säsong",
        "tidsbegrænset",
        "tidsbegrænset ansættelse",
        "vikar",
        "timelønnet",
        "løst ansat",
        "midlertidig",
        "temporary",
        "nej",
        "no",
        "0",
        "false",
    }
)


def parse_date(value: str | datetime.date) -> datetime.date | None:
    """A date from YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY, DD-MM-YYYY, DD/MM/YYYY or an XLSX cell.

    Empty gives None; anything else raises ValidationError with a plain message.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _TIME_SUFFIX.sub("", value.strip())
    if not text:
        return None
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(group) for group in match.groups()), strict=True))
            try:
                return datetime.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                break
    raise ValidationError(
        _("“%(value)s” is not a date (write it as YYYY-MM-DD).") % {"value": text[:40]}
    )


def parse_extent(value: str) -> int:
    """Whole percent from "75", "75 %", "75,0", "75.5" or a fraction such as "0,75"."""
    text = str(value).strip().replace("%", "").replace(" ", "").replace("\u00a0", "")
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError(
            _("“%(value)s” is not an extent (write a percentage such as 75).")
            % {"value": str(value)[:40]}
        )
    if 0 < number <= 1 and ("," in text or "." in text):
        number *= 100  # a fraction: 0,75 or 1.0
    percent = int(number.quantize(Decimal(1)))
    if not 1 <= percent <= 100:
        raise ValidationError(
            _("The extent %(value)s is outside 1–100 %%.") % {"value": str(value)[:40]}
        )
    return percent


def parse_permanent(value: str) -> bool:
    """Permanent (sv tillsvidare, da fastansat) or fixed-term; empty counts as permanent."""
    text = " ".join(value.strip().casefold().split())
    if not text or text in PERMANENT_WORDS:
        return True
    if text in TEMPORARY_WORDS:
        return False
    raise ValidationError(
        _("“%(value)s” is not a known form of employment (e.g. tillsvidare, visstid, fastansat).")
        % {"value": value[:40]}
    )
