"""Personal identity numbers: Swedish personnummer/samordningsnummer and Danish CPR numbers.

They are validated and normalised here, encrypted at rest by the model field, found by a keyed
hash, and only ever shown masked.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_SWEDISH = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$")
_DANISH = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def normalise_swedish(value: str, today: datetime.date | None = None) -> str:
    """``YYYYMMDD-NNNN`` from the usual ways of writing a personnummer; raises ValidationError."""
    match = _SWEDISH.match(value.strip().replace(" ", ""))
    if not match:
        raise ValidationError(_("A Swedish personal identity number looks like YYYYMMDD-NNNN."))
    century, yy, mm, dd, sep, tail = match.groups()
    day = int(dd)
    if day > 60:  # samordningsnummer: day + 60
        day -= 60
    today = today or timezone.localdate()
    if century is None:
        year = 2000 + int(yy)
        if year > today.year:
            year -= 100
        if sep == "+":  # written with + when the person is 100 or older
            year -= 100
        century = str(year // 100)
    year = int(century + yy)
    if not _valid_date(year, int(mm), day):
        raise ValidationError(_("The personal identity number has no valid date of birth."))
    if not _luhn_ok(yy + mm + dd + tail):
        raise ValidationError(_("The personal identity number's check digit is wrong."))
    return f"{century}{yy}{mm}{dd}-{tail}"


def normalise_danish(value: str) -> str:
    """``DDMMYY-NNNN`` from a CPR number; raises ValidationError.

    The modulus-11 check is not applied: CPR numbers without it have been issued since 2007.
    """
    match = _DANISH.match(value.strip().replace(" ", ""))
    if not match:
        raise ValidationError(_("A Danish CPR number looks like DDMMYY-NNNN."))
    dd, mm, yy, tail = match.groups()
    if not _valid_date(2000, int(mm), int(dd)):  # 2000 is a leap year: 29 February passes
        raise ValidationError(_("The CPR number has no valid date of birth."))
    return f"{dd}{mm}{yy}-{tail}"


def normalise(value: str, country: str) -> str:
    if not value or not value.strip():
        return ""
    return normalise_danish(value) if country == "DK" else normalise_swedish(value)


def mask_identity_number(value: str) -> str:
    """Birth date part kept, the last four digits hidden: ``19850312-****``."""
    if not value:
        return ""
    head, _sep, _tail = value.partition("-")
    return f"{head}-****"


def identity_number_hash(value: str) -> str:
    """A keyed hash that finds the same number again without storing it in clear."""
    if not value:
        return ""
    key = hashlib.sha256(("stegvis-identity:" + settings.FIELD_ENCRYPTION_KEY).encode()).digest()
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
