"""The unit competence matrix: the unit's staff against the unit's requirements.

Each cell says where one person stands on one requirement: met, expiring, expired, awaiting
confirmation, missing, in progress (on a course that teaches it) or not applicable (a title
requirement for another title). Each requirement gets the unit's coverage against its target.

``unit_matrix`` reads everything in a fixed number of queries (staff, requirements, record
entries, course registrations), whatever the size of the unit. The states are evaluated with
``competences.status``, the same rules as the competence profile.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from stegvis.competences import status
from stegvis.competences.models import Requirement
from stegvis.competences.profiles import requirements_for_units, state_entries
from stegvis.core.audit import log_action
from stegvis.courses.models import Course, Registration
from stegvis.organisations.models import Unit
from stegvis.people.models import Employment, Person


class CellState(models.TextChoices):
    MET = "met", gettext_lazy("Met")
    EXPIRING = "expiring", gettext_lazy("Expiring")
    EXPIRED = "expired", gettext_lazy("Expired")
    PENDING = "pending", gettext_lazy("Awaiting confirmation")
    IN_PROGRESS = "in_progress", gettext_lazy("In progress")
    MISSING = "missing", gettext_lazy("Missing")
    NOT_APPLICABLE = "not_applicable", gettext_lazy("Not applicable")


# A symbol for each state, so that a cell never speaks by its colour alone.
SYMBOLS = {
    CellState.MET: "✓",
    CellState.EXPIRING: "!",
    CellState.EXPIRED: "✗",
    CellState.PENDING: "?",
    CellState.IN_PROGRESS: "◐",
    CellState.MISSING: "○",
    CellState.NOT_APPLICABLE: "–",
}
# Fill and ink of each state (heatmap, PDF and XLSX); dark ink on light fill, contrast >= 7:1.
COLOURS = {
    CellState.MET: ("#b7dfc3", "#0f4222"),
    CellState.EXPIRING: ("#ffe08a", "#5c3300"),
    CellState.EXPIRED: ("#f3a6a6", "#5e0b0b"),
    CellState.PENDING: ("#e3d4f3", "#45206b"),
    CellState.IN_PROGRESS: ("#c7d8f7", "#17306e"),
    CellState.MISSING: ("#f9d0d0", "#7a1212"),
    CellState.NOT_APPLICABLE: ("#eef1f3", "#4a5563"),
}
EXPLANATIONS = {
    CellState.MET: gettext_lazy("The record holds the competence and it is valid."),
    CellState.EXPIRING: gettext_lazy("Held, but it runs out within %(days)s days: plan a renewal."),
    CellState.EXPIRED: gettext_lazy("Held once, but its validity has run out."),
    CellState.PENDING: gettext_lazy(
        "A self-assessment the manager has not confirmed yet; it does not count until then."
    ),
    CellState.IN_PROGRESS: gettext_lazy(
        "Not held yet, but the person is registered for a course that teaches it."
    ),
    CellState.MISSING: gettext_lazy("Not in the person's record."),
    CellState.NOT_APPLICABLE: gettext_lazy(
        "The requirement is for another job title than the person's."
    ),
}
_FROM_STATUS = {
    status.Status.MET: CellState.MET,
    status.Status.EXPIRING: CellState.EXPIRING,
    status.Status.EXPIRED: CellState.EXPIRED,
    status.Status.PENDING: CellState.PENDING,
    status.Status.MISSING: CellState.MISSING,
}


def explanation(state: CellState) -> str:
    return str(EXPLANATIONS[state]) % {"days": status.EXPIRY_WARNING_DAYS}


@dataclass
class Cell:
    state: CellState
    expires_on: datetime.date | None = None
    course: str = ""  # the course that makes it "in progress"

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.state]

    @property
    def counts(self) -> bool:
        return self.state in (CellState.MET, CellState.EXPIRING)

    @property
    def applies(self) -> bool:
        return self.state != CellState.NOT_APPLICABLE

    @cached_property
    def words(self) -> str:
        """The state in words, with its date or course: the text of a table cell."""
        label = str(self.state.label)
        if self.expires_on and self.state in (CellState.EXPIRING, CellState.EXPIRED):
            return _("%(state)s (%(date)s)") % {"state": label, "date": self.expires_on.isoformat()}
        if self.course:
            return _("%(state)s: %(course)s") % {"state": label, "course": self.course}
        return label


class CourseLink(NamedTuple):
    pk: int
    title: str


@dataclass
class Column:
    """One requirement and the unit's coverage of it."""

    requirement: Requirement
    applicable: int = 0  # people it applies to
    held: int = 0  # of those, people who hold it (met or expiring)
    in_progress: int = 0
    courses: list[CourseLink] = field(default_factory=list)  # courses teaching it (if short)

    @property
    def title(self) -> str:
        return self.requirement.item.title

    @property
    def needed(self) -> int:
        """How many must hold it: the count or share of a unit requirement, else everyone."""
        return self.requirement.needed(self.applicable)

    @property
    def shortfall(self) -> int:
        return max(self.needed - self.held, 0)

    @property
    def share(self) -> int | None:
        """Percentage of those it applies to who hold it (None when it applies to nobody)."""
        return round(100 * self.held / self.applicable) if self.applicable else None

    @property
    def target_text(self) -> str:
        r = self.requirement
        if r.applies_to == Requirement.AppliesTo.AREA:
            return _("Everyone in the operating area")
        if r.applies_to == Requirement.AppliesTo.TITLE:
            return _("Everyone with the title %(title)s") % {"title": r.job_title.name}
        parts = []
        if r.min_count:
            parts.append(
                ngettext("at least %(n)s person", "at least %(n)s people", r.min_count)
                % {"n": r.min_count}
            )
        if r.min_share:
            parts.append(_("at least %(share)s %% of staff") % {"share": r.min_share})
        return _(" and ").join(parts)

    @property
    def coverage_text(self) -> str:
        """ "Dementia care: 1 of 2 needed", as a phrase without the competence's name."""
        r = self.requirement
        if r.applies_to == Requirement.AppliesTo.UNIT and r.min_share and not r.min_count:
            return _("%(share)s %% of staff (%(held)s of %(needed)s needed)") % {
                "share": self.share or 0,
                "held": self.held,
                "needed": self.needed,
            }
        if r.applies_to == Requirement.AppliesTo.UNIT and self.shortfall:
            return _("%(held)s of %(needed)s needed") % {"held": self.held, "needed": self.needed}
        if r.applies_to == Requirement.AppliesTo.UNIT:
            return _("%(held)s have it (%(needed)s needed)") % {
                "held": self.held,
                "needed": self.needed,
            }
        return _("%(held)s of %(applicable)s (%(share)s %%)") % {
            "held": self.held,
            "applicable": self.applicable,
            "share": self.share if self.share is not None else 100,
        }


@dataclass
class Row:
    person: Person
    titles: list[str]
    cells: list[Cell]


@dataclass
class Matrix:
    unit: Unit
    on: datetime.date
    columns: list[Column]
    rows: list[Row]

    @property
    def shortfalls(self) -> list[Column]:
        return [c for c in self.columns if c.shortfall]

    @property
    def states(self) -> list[tuple[CellState, str, str]]:
        """The legend: each state with its symbol and explanation."""
        return [(state, SYMBOLS[state], explanation(state)) for state in CellState]


# What the matrix shows of a person: never the (encrypted) identity number or contact details.
_STAFF_FIELDS = (
    "person_id",
    "job_title_id",
    "person__first_name",
    "person__last_name",
    "person__user_id",
    "job_title__name",
)


def _staff(unit: Unit, on: datetime.date) -> list[tuple[Person, set[int], list[str]]]:
    """People with a current employment in the unit, with their title ids and names there."""
    people: dict[int, tuple[Person, set[int], list[str]]] = {}
    employments = (
        Employment.objects.current(on)
        .filter(unit=unit)
        .select_related("person", "job_title")
        .only(*_STAFF_FIELDS)
        .order_by("person__last_name", "person__first_name", "person_id", "id")
    )
    for employment in employments:
        _person, title_ids, titles = people.setdefault(
            employment.person_id, (employment.person, set(), [])
        )
        if employment.job_title_id not in title_ids:
            title_ids.add(employment.job_title_id)
            titles.append(employment.job_title.name)
    return list(people.values())


def _records(person_ids, identifiers, on: datetime.date) -> dict[int, dict]:
    """Competence states by person, for the required competences only, as they stood on ``on``."""
    entries = state_entries(person_ids, identifiers)
    return {pk: status.record_states(entries.get(pk, []), on) for pk in person_ids}


def _courses_under_way(person_ids, identifiers, on: datetime.date) -> dict:
    """(person id, competence identifier) → title of a course the person is registered for,
    not completed by ``on``, whose knowledge goals include the competence (in any version)."""
    end_of_day = timezone.make_aware(datetime.datetime.combine(on, datetime.time.max))
    rows = (
        Registration.objects.filter(
            person_id__in=person_ids,
            queued_at__lte=end_of_day,
            offering__course__goals__identifier__in=identifiers,
        )
        .filter(
            Q(status__in=Registration.ACTIVE, completed_at__isnull=True)
            | Q(completed_at__gt=end_of_day)
        )
        .order_by("queued_at", "id")
        .values_list("person_id", "offering__course__goals__identifier", "offering__course__title")
    )
    found: dict[tuple[int, uuid.UUID], str] = {}
    for person_id, identifier, title in rows:
        found.setdefault((person_id, identifier), title)
    return found


def _teaching_courses(unit: Unit, columns: list[Column]) -> None:
    """For requirements with a shortfall: open courses of the unit's region or municipality
    whose goals include the competence."""
    short: dict[uuid.UUID, list[Column]] = {}
    for column in columns:
        if column.shortfall:
            short.setdefault(column.requirement.item_identifier, []).append(column)
    if not short:
        return
    links = (
        Course.goals.through.objects.filter(
            Q(course__region_id=unit.municipality.region_id)
            | Q(course__municipality_id=unit.municipality_id),
            course__archived=False,
            item__identifier__in=short,
        )
        .order_by("course__title", "course_id")
        .values_list("course_id", "course__title", "item__identifier")
    )
    for course_id, title, identifier in links:
        for column in short[identifier]:
            if all(c.pk != course_id for c in column.courses):
                column.courses.append(CourseLink(course_id, title))


def _cell(requirement: Requirement, title_ids, states, under_way, person_id) -> Cell:
    if requirement.applies_to == Requirement.AppliesTo.TITLE and (
        requirement.job_title_id not in title_ids
    ):
        return Cell(CellState.NOT_APPLICABLE)
    state = status.state_for(states, requirement.item_identifier)
    cell = Cell(_FROM_STATUS[state.status], state.expires_on)
    if not state.counts:
        course = under_way.get((person_id, requirement.item_identifier))
        if course is not None:
            cell = Cell(CellState.IN_PROGRESS, course=course)
    return cell


def unit_matrix(unit: Unit, on: datetime.date | None = None) -> Matrix:
    """The matrix of ``unit`` on ``on`` (today by default), in a fixed number of queries."""
    on = on or timezone.localdate()
    requirements = sorted(
        requirements_for_units([unit], on).get(unit.pk, []),
        key=lambda r: (r.criticality, r.item.title.casefold(), r.pk),
    )
    staff = _staff(unit, on)
    ids = [person.pk for person, _ids, _titles in staff]
    identifiers = {r.item_identifier for r in requirements}
    states = _records(ids, identifiers, on) if ids and identifiers else {}
    under_way = _courses_under_way(ids, identifiers, on) if ids and identifiers else {}
    columns = [Column(r) for r in requirements]
    rows = []
    for person, title_ids, titles in staff:
        cells = []
        for column in columns:
            cell = _cell(
                column.requirement, title_ids, states.get(person.pk, {}), under_way, person.pk
            )
            if cell.applies:
                column.applicable += 1
                column.held += cell.counts
                column.in_progress += cell.state == CellState.IN_PROGRESS
            cells.append(cell)
        rows.append(Row(person, titles, cells))
    _teaching_courses(unit, columns)
    return Matrix(unit, on, columns, rows)


def log_export(*, actor, matrix: Matrix, file_format: str) -> None:
    """Personal data leaves the system: write who exported which unit's matrix, and as of when."""
    log_action(
        "station.matrix.exported",
        actor=actor,
        target=matrix.unit,
        message=gettext_noop("Competence matrix exported as %(format)s (as of %(on)s)"),
        data={
            "format": file_format.upper(),
            "on": matrix.on.isoformat(),
            "people": len(matrix.rows),
            "requirements": len(matrix.columns),
        },
    )
