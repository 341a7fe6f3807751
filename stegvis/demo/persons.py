"""Small generators for one person's details: dates, identity numbers, phone, email, extent."""

from __future__ import annotations

import datetime
import random
import re
import unicodedata

from .region import ANCHOR

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "é": "e", "ü": "u"})
_NOT_ADDRESS = re.compile(r"[^a-z0-9.-]+")


def ascii_fold(text: str) -> str:
    """Lower-case ASCII for an address: å→a, ä→a, ö→o, æ→ae, ø→o, é→e, other accents dropped."""
    text = text.lower().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text


def slugify_name(text: str) -> str:
    return _NOT_ADDRESS.sub("-", ascii_fold(text).replace(" ", "-")).strip("-")


class EmailBook:
    """Hands out unique addresses ``first.last@domain``, then ``first.last2@domain`` and on."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def reserve(self, address: str) -> str:
        address = address.lower()
        if address in self._taken:
            raise ValueError(f"{address} is already taken")
        self._taken.add(address)
        return address

    def claim(self, address: str) -> str:
        """Take ``address`` whether or not it was reserved before."""
        address = address.lower()
        self._taken.add(address)
        return address

    def issue(self, first: str, last: str, domain: str) -> str:
        local = f"{slugify_name(first)}.{slugify_name(last)}"
        number = 1
        while True:
            address = f"{local}{number if number > 1 else ''}@{domain}"
            if address not in self._taken:
                self._taken.add(address)
                return address
            number += 1


def add_years(day: datetime.date, years: int) -> datetime.date:
    """``day`` moved by whole years (29 February becomes 28 February when needed)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def days_back(rng: random.Random, low_years: float, high_years: float) -> datetime.date:
    """A date between ``high_years`` and ``low_years`` before the anchor."""
    days = rng.randint(int(low_years * 365), int(high_years * 365))
    return ANCHOR - datetime.timedelta(days=days)


def date_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    if last <= first:
        return first
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


# Years in the current employment: many short, a long tail back to about 25 years.
_TENURE_BUCKETS = ((0.05, 1), (1, 3), (3, 6), (6, 10), (10, 15), (15, 25))
_TENURE_WEIGHTS = (14, 22, 22, 17, 14, 11)


def employment_start(rng: random.Random) -> datetime.date:
    low, high = rng.choices(_TENURE_BUCKETS, weights=_TENURE_WEIGHTS)[0]
    return days_back(rng, low, high)


# Extent (sysselsättningsgrad): full time is common, but many work part time.
_EXTENTS = (100, 90, 85, 80, 75, 60, 50)
_EXTENT_WEIGHTS = (40, 9, 4, 18, 15, 5, 9)


def extent(rng: random.Random) -> int:
    return rng.choices(_EXTENTS, weights=_EXTENT_WEIGHTS)[0]


def birth_date(rng: random.Random, career_start: datetime.date) -> datetime.date:
    """A birth date that makes the person 19-49 at the career start and at most 66 today."""
    age = int(rng.triangular(19, 50, 24))
    born = add_years(career_start, -age) - datetime.timedelta(days=rng.randint(0, 364))
    oldest = add_years(ANCHOR, -66)
    if born < oldest:
        born = oldest + datetime.timedelta(days=rng.randint(1, 300))
    return born


def _luhn_check_digit(digits: str) -> int:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


def personnummer(rng: random.Random, born: datetime.date, female: bool) -> str:
    """A well-formed Swedish personnummer ``YYYYMMDD-NNNN`` (third digit even for women).

    The numbers are random: they are demo data and must never be used outside a demo.
    """
    serial = rng.randint(0, 99) * 10 + rng.choice((0, 2, 4, 6, 8) if female else (1, 3, 5, 7, 9))
    head = born.strftime("%y%m%d") + f"{serial:03d}"
    return f"{born:%Y%m%d}-{serial:03d}{_luhn_check_digit(head)}"


def cpr_number(rng: random.Random, born: datetime.date, female: bool) -> str:
    """A well-formed Danish CPR number ``DDMMYY-NNNN`` (last digit even for women).

    The seventh digit 0-3 marks a birth in the 1900s; births from 2000 use 4 (valid for
    2000-2036). No modulus-11 check, as for numbers issued since 2007.
    """
    century_digit = rng.randint(0, 3) if born.year < 2000 else 4
    middle = rng.randint(0, 99)
    last = rng.choice((0, 2, 4, 6, 8) if female else (1, 3, 5, 7, 9))
    return f"{born:%d%m%y}-{century_digit}{middle:02d}{last}"


def phone(rng: random.Random, country: str) -> str:
    if country == "DK":
        first = rng.choice("2345678")
        digits = first + "".join(rng.choice("0123456789") for _ in range(7))
        return "+45 " + " ".join(digits[i : i + 2] for i in range(0, 8, 2))
    prefix = rng.choice("02369")
    digits = "".join(rng.choice("0123456789") for _ in range(7))
    return f"07{prefix}-{digits[:3]} {digits[3:5]} {digits[5:]}"
