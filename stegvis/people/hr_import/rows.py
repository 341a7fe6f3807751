"""Turn one file row into typed values, or plain per-line problems. No database access.

``Lookups`` holds what the rows are matched against (units by HR key, job titles by code or
name), loaded once per import by the planner.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from ..identity import identity_number_hash, normalise
from .columns import FIELDS
from .reading import MAX_CELL, Cell, Row
from .values import parse_date, parse_extent, parse_permanent

PERSON_TEXT = ("first_name", "last_name", "email", "phone", "employee_number")
MAX_LENGTH = {
    "first_name": 100,
    "last_name": 100,
    "email": 254,
    "phone": 40,
    "employee_number": 40,
    "employment_key": 100,
}


@dataclass(frozen=True)
class UnitRef:
    pk: int
    name: str
    closed_on: datetime.date | None


@dataclass
class Lookups:
    country: str
    units: dict[str, UnitRef]
    titles_by_code: dict[str, int]
    titles_by_name: dict[str, int]
    default_title: int | None = None


@dataclass(slots=True)
class RowData:
    """A parsed row: the person's fields found in it and the employment it describes."""

    line: int
    person: dict[str, Any]
    employment: dict[str, Any]
    employment_key: str = ""

    @property
    def employee_number(self) -> str:
        return self.person.get("employee_number", "")

    @property
    def identity_hash(self) -> str:
        return self.person.get("identity_number_hash", "")


class RowErrors(Exception):
    """Everything wrong with a row; ``data`` holds what could be read (for duplicate checks)."""

    def __init__(self, messages: list[str], data: RowData | None = None) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages
        self.data = data


def parse_row(row: Row, index: dict[str, int], width: int, lookups: Lookups) -> RowData:
    """The row's values by our field names; raises RowErrors listing everything wrong."""
    if len(row.cells) < width or any(cell != "" for cell in row.cells[width:]):
        raise RowErrors(
            [
                _("The row has %(cells)d columns but the header has %(header)d.")
                % {"cells": len(row.cells), "header": width}
            ]
        )
    cells = {name: row.cells[position] for name, position in index.items()}
    errors: list[str] = []
    for name, value in cells.items():
        if isinstance(value, str) and len(value) > MAX_CELL:
            errors.append(
                _("The cell for %(field)s is longer than %(max)d characters.")
                % {"field": FIELDS[name], "max": MAX_CELL}
            )
            cells[name] = ""
        elif isinstance(value, str) and len(value.strip()) > MAX_LENGTH.get(name, MAX_CELL):
            errors.append(
                _("The cell for %(field)s is longer than %(max)d characters.")
                % {"field": FIELDS[name], "max": MAX_LENGTH[name]}
            )
            cells[name] = ""
    data = RowData(line=row.line, person={}, employment={})
    _parse_person(cells, data, lookups, errors)
    _parse_employment(cells, data, lookups, errors)
    if errors:
        raise RowErrors(errors, data)
    return data


def _text(cells: dict[str, Cell], name: str) -> str:
    value = cells.get(name, "")
    return value.isoformat() if isinstance(value, datetime.date) else value.strip()


def _check(errors: list[str], parse: Callable[[], Any]) -> Any:
    try:
        return parse()
    except ValidationError as exc:
        errors.extend(exc.messages)
        return None


def _parse_person(
    cells: dict[str, Cell], data: RowData, lookups: Lookups, errors: list[str]
) -> None:
    for name in PERSON_TEXT:
        value = _text(cells, name)
        if value:
            data.person[name] = value.lower() if name == "email" else value
    for name in ("first_name", "last_name"):
        if name in cells and not data.person.get(name):
            errors.append(_("%(field)s is missing.") % {"field": FIELDS[name]})
    if data.person.get("email"):
        _check(errors, lambda: validate_email(data.person["email"]))
    raw_identity = _text(cells, "identity_number")
    if raw_identity:
        number = _check(errors, lambda: normalise(raw_identity, lookups.country))
        if number:
            data.person["identity_number"] = number
            data.person["identity_number_hash"] = identity_number_hash(number)
    if not data.person.get("employee_number") and not raw_identity:
        errors.append(_("The row has neither an employee number nor an identity number."))
    since = cells.get("profession_start_date", "")
    if since != "":
        value = _check(errors, lambda: parse_date(since))
        if value:
            data.person["profession_start_date"] = value


def _parse_employment(
    cells: dict[str, Cell], data: RowData, lookups: Lookups, errors: list[str]
) -> None:
    employment = data.employment
    data.employment_key = _text(cells, "employment_key")
    unit_key = _text(cells, "unit")
    unit = lookups.units.get(unit_key)
    if not unit_key:
        errors.append(_("%(field)s is missing.") % {"field": FIELDS["unit"]})
    elif unit is None:
        errors.append(_("Unknown unit “%(key)s”: no unit has this HR key.") % {"key": unit_key})
    else:
        employment["unit_id"] = unit.pk
    title = _title(_text(cells, "job_title"), lookups, errors)
    if title:
        employment["job_title_id"] = title
    extent = _text(cells, "extent")
    employment["extent_percent"] = _check(errors, lambda: parse_extent(extent)) if extent else 100
    employment["permanent"] = _check(
        errors, lambda: parse_permanent(_text(cells, "employment_form"))
    )
    raw_start = cells.get("start_date", "")
    start = _check(errors, lambda: parse_date(raw_start)) if raw_start != "" else None
    if raw_start == "":
        errors.append(_("%(field)s is missing.") % {"field": FIELDS["start_date"]})
    end = _check(errors, lambda: parse_date(cells.get("end_date", "")))
    employment["start_date"], employment["end_date"] = start, end
    if start and end and end < start:
        errors.append(_("The employment ends before it starts."))
    if unit and unit.closed_on and (end is None or end >= unit.closed_on):
        errors.append(
            _("The unit %(unit)s is closed from %(date)s.")
            % {"unit": unit.name, "date": unit.closed_on}
        )


def _title(value: str, lookups: Lookups, errors: list[str]) -> int | None:
    if not value:
        if lookups.default_title is None:
            errors.append(_("%(field)s is missing.") % {"field": FIELDS["job_title"]})
        return lookups.default_title
    found = lookups.titles_by_code.get(value.casefold()) or lookups.titles_by_name.get(
        value.casefold()
    )
    if found is None:
        errors.append(
            _("Unknown job title “%(title)s”: no job title in the region has this code or name.")
            % {"title": value}
        )
    return found
