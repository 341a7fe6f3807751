"""The gap report of an area on a date: the engine's rows summed per requirement and per child.

``coverage`` (``counts.py``) returns one row per requirement and unit. The report groups them:

- per **requirement**: every requirement row of the same competence (``item_identifier``) and
  the same kind (everyone in an operating area, everyone with a title, some of a unit's staff)
  becomes one line, with the competence's title, the highest criticality among its rows, and
  its reasons and sources;
- per **child area** (a municipality's units, a region's municipalities, the installation's
  regions), all requirements together and the high-criticality ones alone, and each
  requirement line for the child, so a user can drill down.

The numbers of a line are sums over units: ``needed`` is what the units need, ``held`` who
holds it, ``shortfall`` the sum of each unit's own shortfall (a surplus in one unit never
covers a gap in another), ``covered = needed - shortfall`` and ``coverage`` its percentage of
``needed``. A person who works in two units is counted in both.

Besides the engine's one statement the report reads the requirements (with their competence
and source) in one query and the names of the children in one query (two for regions), so its
cost does not grow with the number of units, people or requirements.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from functools import cached_property

from stegvis.competences.models import Requirement
from stegvis.organisations.models import Municipality, Region, Unit

from .counts import Area, CoverageRow, coverage

HIGH = Requirement.Criticality.HIGH
CHILD_LEVEL = {"installation": "region", "region": "municipality", "municipality": "unit"}


@dataclass(slots=True)
class Figures:
    """Sums over units of the engine's counts."""

    applicable: int = 0
    held: int = 0
    needed: int = 0
    shortfall: int = 0
    expiring: int = 0
    in_progress: int = 0

    def add(self, row: CoverageRow | Figures) -> None:
        """Add one engine row, or the sums of another ``Figures``."""
        self.applicable += row.applicable
        self.held += row.held
        self.needed += row.needed
        self.shortfall += row.shortfall
        self.expiring += row.expiring
        self.in_progress += row.in_progress

    @property
    def covered(self) -> int:
        """Of those needed, how many places are filled (each unit counted up to its need)."""
        return self.needed - self.shortfall

    @property
    def coverage(self) -> int | None:
        """Covered as a percentage of needed, rounded down (None when nothing is needed)."""
        return 100 * self.covered // self.needed if self.needed else None


Key = tuple[uuid.UUID, str]  # (competence identifier, applies to)


@dataclass
class RequirementLine:
    key: Key
    title: str
    applies_to: str
    criticality: int
    reasons: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    figures: Figures = field(default_factory=Figures)

    @property
    def slug(self) -> str:
        return f"{self.key[0]}-{self.applies_to}"

    @property
    def criticality_label(self) -> str:
        return str(Requirement.Criticality(self.criticality).label)

    @property
    def applies_to_label(self) -> str:
        return str(Requirement.AppliesTo(self.applies_to).label)

    @property
    def is_high(self) -> bool:
        return self.criticality == HIGH


@dataclass
class ChildLine:
    """One child area: all requirements, the high-criticality ones, and each requirement."""

    level: str
    pk: int
    name: str
    figures: Figures = field(default_factory=Figures)
    high: Figures = field(default_factory=Figures)
    url: str = ""  # the child's own page, set by the view
    rows: list[tuple[Key, CoverageRow]] = field(default_factory=list, repr=False)

    @cached_property
    def by_requirement(self) -> dict[Key, Figures]:
        """The child's figures per requirement line (summed when first asked: only the
        spreadsheet export shows them)."""
        sums: dict[Key, Figures] = {}
        for key, row in self.rows:
            found = sums.get(key)
            if found is None:
                found = sums[key] = Figures()
            found.add(row)
        return sums


@dataclass
class GapReport:
    area: Area
    on: datetime.date
    requirements: list[RequirementLine]
    children: list[ChildLine]
    total: Figures
    high: Figures
    units: int  # open units with at least one requirement

    @property
    def child_level(self) -> str | None:
        return CHILD_LEVEL.get(self.area.level)

    @property
    def with_shortfall(self) -> list[RequirementLine]:
        return [line for line in self.requirements if line.figures.shortfall]


def requirement_facts(ids: set[int]) -> dict[int, tuple]:
    """(applies_to, reason, competence title, source) of each requirement, in one query."""
    rows = Requirement.objects.filter(pk__in=ids).values_list(
        "pk", "applies_to", "reason", "item__title", "source__title", "source__reference"
    )
    return {
        pk: (applies_to, reason, title, f"{source} ({ref})" if ref else (source or ""))
        for pk, applies_to, reason, title, source, ref in rows
    }


def _child_names(level: str | None, rows: list[CoverageRow]) -> tuple[dict, dict[int, int]]:
    """Names of the children (pk → name) and each row's child pk by unit id."""
    if level == "unit":
        ids = {r.unit_id for r in rows}
        names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
        return names, {r.unit_id: r.unit_id for r in rows}
    if level == "municipality":
        ids = {r.municipality_id for r in rows}
        names = dict(Municipality.objects.filter(pk__in=ids).values_list("pk", "name"))
        return names, {r.unit_id: r.municipality_id for r in rows}
    if level == "region":
        regions = dict(
            Municipality.objects.filter(pk__in={r.municipality_id for r in rows}).values_list(
                "pk", "region_id"
            )
        )
        names = dict(Region.objects.filter(pk__in=set(regions.values())).values_list("pk", "name"))
        return names, {r.unit_id: regions[r.municipality_id] for r in rows}
    return {}, {}


def build_report(area: Area, on: datetime.date, rows: list[CoverageRow]) -> GapReport:
    """The report of ``rows`` (``coverage(area, on)``), with the requirement and child names.

    A municipality has thousands of rows, so the work per row is kept to a few additions:
    what belongs to a requirement (its line, its words) and to a unit (its child) is looked up
    once, and the totals are summed from the lines and children afterwards."""
    facts = requirement_facts({r.requirement_id for r in rows}) if rows else {}
    level = CHILD_LEVEL.get(area.level)
    names, child_of = _child_names(level, rows) if rows else ({}, {})
    lines: dict[Key, RequirementLine] = {}
    line_of: dict[int, tuple[Key, RequirementLine]] = {}  # by requirement id
    children: dict[int, ChildLine] = {}
    child_by_unit: dict[int, ChildLine] = {}
    high = Figures()
    for row in rows:
        found = line_of.get(row.requirement_id)
        if found is None:
            found = line_of[row.requirement_id] = _line(lines, row, facts)
        key, line = found
        line.figures.add(row)
        is_high = row.criticality == HIGH
        if level:
            child = child_by_unit.get(row.unit_id)
            if child is None:
                pk = child_of[row.unit_id]
                child = children.get(pk)
                if child is None:
                    child = children[pk] = ChildLine(level, pk, names.get(pk, "?"))
                child_by_unit[row.unit_id] = child
            child.figures.add(row)
            child.rows.append((key, row))
            if is_high:
                child.high.add(row)
        elif is_high:
            high.add(row)
    total = Figures()
    for line in lines.values():
        total.add(line.figures)
    if level:
        for child in children.values():
            high.add(child.high)
    ordered = sorted(
        lines.values(),
        key=lambda x: (x.criticality, -x.figures.shortfall, x.title.casefold(), x.applies_to),
    )
    ranked = sorted(
        children.values(),
        key=lambda c: (-c.high.shortfall, -c.figures.shortfall, c.name.casefold()),
    )
    return GapReport(area, on, ordered, ranked, total, high, len({r.unit_id for r in rows}))


def _line(
    lines: dict[Key, RequirementLine], row: CoverageRow, facts: dict[int, tuple]
) -> tuple[Key, RequirementLine]:
    """The line a requirement is counted in, with its reason and source added (once per
    requirement, however many units it applies in)."""
    applies_to, reason, title, source = facts[row.requirement_id]
    key = (row.item_identifier, applies_to)
    line = lines.get(key)
    if line is None:
        line = lines[key] = RequirementLine(key, title, applies_to, row.criticality)
    line.criticality = min(line.criticality, row.criticality)
    label = str(Requirement.Reason(reason).label)
    if label not in line.reasons:
        line.reasons.append(label)
    if source and source not in line.sources:
        line.sources.append(source)
    return key, line


def gap_report(area: Area, on: datetime.date) -> GapReport:
    """One call of the engine, then the report (a constant number of small queries)."""
    return build_report(area, on, coverage(area, on))
