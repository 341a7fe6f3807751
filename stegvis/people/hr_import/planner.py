"""The row-by-row comparison behind ``plan_import`` (see ``plan.py`` for the matching rules)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from stegvis.organisations.models import Municipality

from ..models import Employment, Person
from .plan import (
    EMPLOYMENT_COMPARED,
    PERSON_COMPARED,
    PROGRESS_EVERY,
    Change,
    ImportPlan,
    PersonRef,
    Progress,
)
from .reading import Problem, Sheet
from .rows import Lookups, RowData, RowErrors, parse_row

_DAY = datetime.timedelta(days=1)
_ID_CHUNK = 5000


def _tuple(person: PersonRef, employment: dict[str, Any]) -> tuple[Any, ...]:
    return (person, employment["unit_id"], employment["job_title_id"], employment["start_date"])


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _diff(old: dict[str, Any], new: dict[str, Any], names: tuple[str, ...]) -> dict[str, list[str]]:
    return {
        name: [_text(old[name]), _text(new[name])]
        for name in names
        if name in new and new[name] != old[name]
    }


class Planner:
    """Holds the municipality's current persons and employments while the rows are compared."""

    def __init__(self, plan: ImportPlan, municipality: Municipality, lookups: Lookups) -> None:
        self.plan = plan
        self.municipality = municipality
        self.lookups = lookups
        people = Person.objects.filter(municipality=municipality).values(
            "pk", "identity_number_hash", *PERSON_COMPARED
        )
        self.by_number: dict[str, dict[str, Any]] = {}
        self.by_hash: dict[str, dict[str, Any]] = {}
        for person in people:
            if person["employee_number"]:
                self.by_number[person["employee_number"]] = person
            if person["identity_number_hash"]:
                self.by_hash[person["identity_number_hash"]] = person
        employments = (
            Employment.objects.filter(unit__municipality=municipality)
            .order_by("start_date", "pk")
            .values("pk", "person_id", "source_key", *EMPLOYMENT_COMPARED)
        )
        self.employments = {e["pk"]: e for e in employments}
        self.by_key = {e["source_key"]: e for e in self.employments.values() if e["source_key"]}
        self.by_tuple = {_tuple(e["person_id"], e): e for e in self.employments.values()}
        self.refs: dict[int, PersonRef] = {}  # line → the person the row belongs to
        self.seen_numbers: dict[str, RowData] = {}
        self.seen_hashes: dict[str, RowData] = {}
        self.matched: dict[int, int] = {}  # employment pk → line
        self.new_tuples: dict[tuple[Any, ...], int] = {}
        self.seen_keys: dict[str, int] = {}

    def run(
        self,
        sheet: Sheet,
        index: dict[str, int],
        *,
        full_export: bool,
        progress: Progress | None,
    ) -> None:
        width, total = len(sheet.headers), len(sheet.rows)
        for done, row in enumerate(sheet.rows, start=1):
            try:
                self._row(parse_row(row, index, width, self.lookups))
            except RowErrors as exc:
                self.plan.problems.extend(Problem(row.line, message) for message in exc.messages)
                self._remember(exc.data)
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, total)
        if full_export:
            self._end_missing()
        self._check_identity_elsewhere()
        if progress:
            progress(total, total)

    def _remember(self, data: RowData | None) -> None:
        """Keep a faulty row's employee number, so a later duplicate is still reported."""
        if data is not None and data.employee_number:
            self.seen_numbers.setdefault(data.employee_number, data)

    def _problem(self, line: int, message: str) -> None:
        self.plan.problems.append(Problem(line, message))

    def _row(self, data: RowData) -> None:
        person = self._person(data)
        if person is not None:
            self._employment(data, person)

    # Persons ------------------------------------------------------------------------------

    def _earlier_row(self, data: RowData) -> RowData | None:
        """The earlier row of the same person, reporting it unless it adds another employment.

        A person may have several employments, one row each, when each row carries its own
        employment id; otherwise a repeated employee number is an error.
        """
        earlier = self.seen_numbers.get(data.employee_number) if data.employee_number else None
        if earlier is None and data.identity_hash in self.seen_hashes:
            earlier = self.seen_hashes[data.identity_hash]
            if earlier.employee_number != data.employee_number:
                self._problem(
                    data.line,
                    _(
                        "The same personal identity number is on line %(line)d under another "
                        "employee number."
                    )
                    % {"line": earlier.line},
                )
                return earlier
        if earlier is None:
            return None
        other_employment = bool(
            data.employment_key
            and earlier.employment_key
            and data.employment_key != earlier.employment_key
        )
        if earlier.identity_hash != data.identity_hash or not other_employment:
            self._problem(
                data.line,
                _("The employee number %(number)s is also on line %(line)d.")
                % {"number": data.employee_number or "-", "line": earlier.line},
            )
        return earlier

    def _person(self, data: RowData) -> PersonRef | None:
        earlier = self._earlier_row(data)
        if earlier is not None:
            return self.refs.get(earlier.line)
        if data.employee_number:
            self.seen_numbers[data.employee_number] = data
        if data.identity_hash:
            self.seen_hashes[data.identity_hash] = data
        found = self.by_number.get(data.employee_number) if data.employee_number else None
        if found is None and data.identity_hash:
            found = self.by_hash.get(data.identity_hash)
        if found is None:
            ref: PersonRef = data.employee_number or data.identity_hash
            self._create_person(data, ref)
        elif self._change_person(data, found):
            ref = found["pk"]
        else:
            return None
        self.refs[data.line] = ref
        return ref

    def _create_person(self, data: RowData, ref: PersonRef) -> None:
        taken = self.by_hash.get(data.identity_hash) if data.identity_hash else None
        if taken is not None:  # known by identity number under another employee number
            self._problem(data.line, _("Another person already has this personal identity number."))
            return
        values = {"employee_number": "", **data.person}
        self.plan.persons_create.append(Change(data.line, values, person=ref, label=_label(values)))

    def _change_person(self, data: RowData, found: dict[str, Any]) -> bool:
        new = data.person
        if new.get("employee_number") and new["employee_number"] != found["employee_number"]:
            other = self.by_number.get(new["employee_number"])
            if other is not None and other["pk"] != found["pk"]:
                self._problem(data.line, _("Another person already has this employee number."))
                return False
        diff = _diff(found, new, PERSON_COMPARED)
        values = {name: new[name] for name in diff}
        if data.identity_hash and data.identity_hash != found["identity_number_hash"]:
            other = self.by_hash.get(data.identity_hash)
            if other is not None and other["pk"] != found["pk"]:
                self._problem(
                    data.line, _("Another person already has this personal identity number.")
                )
                return False
            diff["identity_number"] = ["***", "***"]
            values["identity_number"] = new["identity_number"]
            values["identity_number_hash"] = data.identity_hash
        if values:
            self.plan.persons_change.append(
                Change(data.line, values, pk=found["pk"], diff=diff, label=_label({**found, **new}))
            )
        else:
            self.plan.unchanged += 1
        return True

    def _check_identity_elsewhere(self) -> None:
        """A new identity number must not belong to a person outside the municipality."""
        wanted = {
            c.values["identity_number_hash"]: c.line
            for c in self.plan.persons_create
            if c.values.get("identity_number_hash")
        }
        hashes = list(wanted)
        for start in range(0, len(hashes), _ID_CHUNK):
            clash = Person.objects.filter(
                identity_number_hash__in=hashes[start : start + _ID_CHUNK]
            ).exclude(municipality=self.municipality)
            for found in clash.values_list("identity_number_hash", flat=True):
                self._problem(
                    wanted[found],
                    _("A person in another municipality already has this identity number."),
                )

    # Employments --------------------------------------------------------------------------

    def _employment(self, data: RowData, person: PersonRef) -> None:
        new = data.employment
        key = data.employment_key
        if key:
            if key in self.seen_keys:
                self._problem(
                    data.line,
                    _("The employment id %(key)s is also on line %(line)d.")
                    % {"key": key, "line": self.seen_keys[key]},
                )
                return
            self.seen_keys[key] = data.line
            found = self.by_key.get(key)
        else:
            found = self.by_tuple.get(_tuple(person, new)) if isinstance(person, int) else None
        if found is not None and found["pk"] in self.matched:
            self._problem(
                data.line,
                _("The same employment is also on line %(line)d.")
                % {"line": self.matched[found["pk"]]},
            )
            return
        if found is None:
            self._create_employment(data, person)
        else:
            self.matched[found["pk"]] = data.line
            self._change_employment(data, person, found)

    def _create_employment(self, data: RowData, person: PersonRef) -> None:
        marker = _tuple(person, data.employment)
        if not data.employment_key and marker in self.new_tuples:
            self._problem(
                data.line,
                _("The same employment is also on line %(line)d.")
                % {"line": self.new_tuples[marker]},
            )
            return
        self.new_tuples[marker] = data.line
        values = {**data.employment, "source_key": data.employment_key}
        self.plan.employments_create.append(Change(data.line, values, person=person))

    def _change_employment(self, data: RowData, person: PersonRef, found: dict[str, Any]) -> None:
        diff = _diff(found, data.employment, EMPLOYMENT_COMPARED)
        values = {name: data.employment[name] for name in diff}
        if person != found["person_id"]:
            diff["person"] = [str(found["person_id"]), str(person)]
        if diff:
            self.plan.employments_change.append(
                Change(data.line, values, pk=found["pk"], person=person, diff=diff)
            )
        else:
            self.plan.unchanged += 1

    def _end_missing(self) -> None:
        """Employments with an HR key that the full export no longer lists end yesterday."""
        yesterday = self.plan.on - _DAY
        for employment in self.by_key.values():
            if employment["pk"] in self.matched:
                continue
            end = employment["end_date"]
            if end is not None and end < self.plan.on:
                continue  # already over: nothing to do, so a second import changes nothing
            new_end = max(yesterday, employment["start_date"])
            if end is not None and end <= new_end:
                continue
            self.plan.employments_end.append(
                Change(
                    0,
                    {"end_date": new_end},
                    pk=employment["pk"],
                    person=employment["person_id"],
                    diff={"end_date": [_text(end), str(new_end)]},
                    label=employment["source_key"],
                )
            )


def _label(values: dict[str, Any]) -> str:
    name = f"{values.get('first_name', '')} {values.get('last_name', '')}".strip()
    number = values.get("employee_number")
    return f"{name} ({number})" if number else name
