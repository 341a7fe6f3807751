"""Compare a read file with what the municipality has now: what would be created, changed, ended.

Pure and fast: a handful of queries up front, then dictionaries; nothing is written. The plan is
what the preview page shows and what ``apply_import`` writes.

Matching. A row's person is the municipality's person with the row's employee number, else the
one with the row's identity number (by keyed hash). A row's employment is the municipality's
employment with the row's employment id (HR key) when the file has one, else the person's
employment in the same unit, with the same title and start date.

Full exports. When the file is a full export, an employment of the municipality that has an HR
key and is missing from the file is ended: its end date becomes the day before the import date
(it was in yesterday's export, not in today's), or its start date if it starts later. Rows are
never deleted. Already ended employments are left alone, so a second import changes nothing.

An empty cell leaves the stored value alone (for person fields); an empty end date means the
employment runs on.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from stegvis.organisations.models import Municipality, Unit

from ..models import JobTitle
from .columns import mapping_problems
from .reading import Problem, Sheet
from .rows import Lookups, UnitRef

Progress = Callable[[int, int], None]
PersonRef = int | str  # an existing person's pk, or a new person's key in the file
PROGRESS_EVERY = 1000
PERSON_COMPARED = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "employee_number",
    "profession_start_date",
)
EMPLOYMENT_COMPARED = (
    "unit_id",
    "job_title_id",
    "extent_percent",
    "permanent",
    "start_date",
    "end_date",
)


@dataclass(slots=True)
class Change:
    """One row to create (``pk`` None) or change; ``diff`` is field → [old, new] as text."""

    line: int
    values: dict[str, Any]
    pk: int | None = None
    person: PersonRef = 0
    diff: dict[str, list[str]] = field(default_factory=dict)
    label: str = ""


@dataclass
class ImportPlan:
    municipality_id: int
    file_name: str
    on: datetime.date
    total_rows: int = 0
    encoding: str = ""
    delimiter: str = ""
    persons_create: list[Change] = field(default_factory=list)
    persons_change: list[Change] = field(default_factory=list)
    employments_create: list[Change] = field(default_factory=list)
    employments_change: list[Change] = field(default_factory=list)
    employments_end: list[Change] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.problems)

    def counts(self) -> dict[str, int]:
        detail = {
            "persons_created": len(self.persons_create),
            "persons_changed": len(self.persons_change),
            "employments_created": len(self.employments_create),
            "employments_changed": len(self.employments_change),
        }
        return {
            "rows": self.total_rows,
            "created": detail["persons_created"] + detail["employments_created"],
            "changed": detail["persons_changed"] + detail["employments_changed"],
            "ended": len(self.employments_end),
            "unchanged": self.unchanged,
            "errors": len(self.problems),
            **detail,
        }


def plan_import(
    rows: Sheet,
    mapping: Mapping[str, str] | Any,
    municipality: Municipality,
    *,
    full_export: bool = True,
    on: datetime.date | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """The plan for importing ``rows`` (a read file) with ``mapping`` into ``municipality``.

    ``mapping`` is an ``ImportMapping`` or a plain dict of our field → the file's header.
    ``on`` is the import date (today). ``progress(done, total)`` is called every 1,000 rows.
    """
    columns, default_title = _columns(mapping)
    plan = ImportPlan(
        municipality_id=municipality.pk,
        file_name=rows.file_name,
        on=on or timezone.localdate(),
        total_rows=len(rows.rows),
        encoding=rows.encoding,
        delimiter=rows.delimiter,
        problems=list(rows.problems),
    )
    if rows.problems:
        return plan
    messages = mapping_problems(columns, rows.headers, default_job_title=default_title is not None)
    if messages:
        plan.problems.extend(Problem(0, message) for message in messages)
        return plan
    index = {name: rows.headers.index(header) for name, header in columns.items() if header}
    lookups = _lookups(municipality, default_title)
    from .planner import Planner  # the planner needs the Change/ImportPlan types above

    Planner(plan, municipality, lookups).run(
        rows, index, full_export=full_export, progress=progress
    )
    return plan


def _columns(mapping: Mapping[str, str] | Any) -> tuple[dict[str, str], int | None]:
    if isinstance(mapping, Mapping):
        return dict(mapping), None
    return dict(mapping.columns), mapping.default_job_title_id


def _lookups(municipality: Municipality, default_title: int | None) -> Lookups:
    units = Unit.objects.filter(municipality=municipality).exclude(source_key="")
    titles = list(
        JobTitle.objects.filter(region_id=municipality.region_id).values("pk", "code", "name")
    )
    return Lookups(
        country=municipality.country,
        units={u.source_key: UnitRef(u.pk, u.name, u.closed_on) for u in units},
        titles_by_code={t["code"].casefold(): t["pk"] for t in titles},
        titles_by_name={t["name"].casefold(): t["pk"] for t in titles},
        default_title=default_title,
    )
