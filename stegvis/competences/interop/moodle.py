"""Moodle's competency-framework CSV (admin tool *lpimportcsv*): read it and write it.

Layout: a header line and one record per row, comma separated, UTF-8, values quoted when they
hold commas, quotes or line breaks (descriptions are often multi-line HTML). The 14 columns, in
Moodle's order, are ``COLUMNS``. The row with *Is framework* = 1 is the framework; every other
row is a competency whose *Parent id number* names its parent (empty = top level).

Mapping to our model
--------------------
* Framework row: Id number → ``Framework.code``, Shortname → ``title``, Description →
  ``description``. Item rows: Id number → ``Item.code``, Shortname → ``title``, Description →
  ``description``; an Id number that is a lower-case UUID is taken as ``Item.identifier`` with
  no code (that is how we export items without a code, since Moodle needs an Id number).
* ``position`` is the row's index among the competency rows; we export rows in position order
  (Moodle builds the tree from the parent column, so rows need not be in tree order).
* Every other cell (Description format, Scale values/configuration, Rule type/outcome/config,
  Cross-referenced id numbers, Exported id) is kept in ``extra["moodle"]`` under snake_case
  keys, but only when it differs from what we would write by default (``ITEM_DEFAULTS``,
  ``FRAMEWORK_DEFAULTS``). So a Moodle file comes back cell for cell, and a framework of ours
  makes the round trip with its ``extra`` unchanged.
* Kind: a top-level competency is an *area*, a deeper one a *competence*. Moodle reads the
  Taxonomy column only on the framework row and ignores it on competency rows, so an item
  whose kind or knowledge form differs from that default carries them there, as
  ``kind`` or ``goal/<knowledge form>`` (e.g. ``goal/skill``). A file written by Moodle has
  that cell empty; a file of ours still imports into Moodle unchanged. Rule config (which Moodle
  parses) and Description format (an integer) are left alone.
* The framework row's Taxonomy lists one Moodle term per level; we write the term of the most
  common kind on each level (area → ``domain``, competence → ``competency``, goal →
  ``outcome``) unless the framework came from Moodle with its own list (kept in extra).

Limits: Moodle needs a scale on the framework, so frameworks without one are exported with the
scale "Not yet competent, Competent"; keys of ``extra`` other than ``moodle`` are not carried
(use CASE for a lossless copy); Moodle cuts Shortname to 100 characters when it imports.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from stegvis.competences.models import Framework, Item, KnowledgeForm

from .plan import FrameworkFields, ImportPlan, PlannedItem, check_tree, decode_text

COLUMNS = (
    "Parent id number",
    "Id number",
    "Shortname",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross referenced competency id numbers",
    "Exported id (optional)",
    "Is framework",
    "Taxonomy",
)
KEYS = (
    "parent",
    "idnumber",
    "shortname",
    "description",
    "description_format",
    "scale_values",
    "scale_configuration",
    "rule_type",
    "rule_outcome",
    "rule_config",
    "cross_references",
    "exported_id",
    "is_framework",
    "taxonomy",
)
FORMAT_PLAIN = "2"  # Moodle's FORMAT_PLAIN; our descriptions are plain text
DEFAULT_SCALE = "Not yet competent,Competent"
DEFAULT_SCALE_CONFIG = (
    '[{"scaleid":"1"},{"id":1,"scaledefault":1,"proficient":0},'
    '{"id":2,"scaledefault":0,"proficient":1}]'
)
ITEM_DEFAULTS = {
    "description_format": FORMAT_PLAIN,
    "scale_values": "",
    "scale_configuration": "",
    "rule_type": "",
    "rule_outcome": "0",
    "rule_config": "null",
    "cross_references": "",
    "exported_id": "",
}
FRAMEWORK_DEFAULTS = {
    "parent": "",
    "description_format": FORMAT_PLAIN,
    "scale_values": DEFAULT_SCALE,
    "scale_configuration": DEFAULT_SCALE_CONFIG,
    "rule_type": "",
    "rule_outcome": "",
    "rule_config": "",
    "cross_references": "",
    "exported_id": "",
}
LEVEL_TERMS = {"area": "domain", "competence": "competency", "goal": "outcome"}
AREA, COMPETENCE = Item.Kind.AREA.value, Item.Kind.COMPETENCE.value


def _normalise(name: str) -> str:
    name = name.lower().replace("(optional)", "").replace("-", " ")
    return re.sub(r"\s+", " ", name).strip()


HEADER_KEYS = {_normalise(column): key for column, key in zip(COLUMNS, KEYS, strict=True)}


# Reading ------------------------------------------------------------------------------------


def parse_moodle(data: bytes, *, file_name: str = "") -> ImportPlan:
    """Read a Moodle competency-framework CSV into a checked ``ImportPlan``."""
    plan = ImportPlan(
        format="moodle", file_name=file_name, ref_label=_("Id number"), title_label="Shortname"
    )
    text = decode_text(data, plan)
    if text is None:
        return plan
    records = _read_records(text, plan)
    if not records:
        if not plan.errors:
            plan.error(None, _("The file is empty."))
        return plan
    columns = _header_map(records[0][1], plan)
    if columns is None:
        return plan
    explicit: dict[str, str] = {}
    for line, row in records[1:]:
        if len(row) != len(records[0][1]):
            plan.error(
                line,
                _("The row has %(found)s values; the header has %(expected)s.")
                % {"found": len(row), "expected": len(records[0][1])},
            )
            continue
        values = {key: row[index] for key, index in columns.items()}
        if values["is_framework"].strip() not in {"", "0"}:
            _read_framework(plan, line, values)
        else:
            _read_item(plan, line, values, explicit)
    if plan.framework is None:
        plan.error(None, _("The file has no framework row (Is framework = 1)."))
    check_tree(plan)
    if not plan.errors:
        _settle_kinds(plan, explicit)
    return plan


def _read_records(text: str, plan: ImportPlan) -> list[tuple[int, list[str]]]:
    """Each record with the physical line it starts on; stops at the first CSV error."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            if row:
                records.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            message = _(
                "A quoted value in this record is never closed: the file is cut off or has a "
                "stray quote."
            )
        else:
            message = _("The CSV is ill-formed here (%(detail)s).") % {"detail": exc}
        plan.error(start, message)
    return records


def _header_map(header: list[str], plan: ImportPlan) -> dict[str, int] | None:
    if len(header) == 1 and any(sep in header[0] for sep in ";\t"):
        plan.error(1, _("The file is not comma separated; save it as CSV with commas."))
        return None
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = HEADER_KEYS.get(_normalise(name))
        if key is None:
            plan.notes.append(_("Column %(name)s is not Moodle's; ignored.") % {"name": name})
        elif key in columns:
            plan.error(1, _("Column %(name)s appears twice.") % {"name": name})
        else:
            columns[key] = index
    missing = [column for column, key in zip(COLUMNS, KEYS, strict=True) if key not in columns]
    if missing:
        plan.error(
            1,
            _("This is not a Moodle competency framework file: missing columns %(columns)s.")
            % {"columns": ", ".join(missing)},
        )
        return None
    return columns


def _kept(values: dict[str, str], defaults: dict[str, str]) -> dict[str, Any]:
    moodle = {key: values[key] for key, default in defaults.items() if values[key] != default}
    return {"moodle": moodle} if moodle else {}


def _read_framework(plan: ImportPlan, line: int, values: dict[str, str]) -> None:
    if plan.framework is not None:
        plan.error(
            line,
            _(
                "A second framework row (the first is on line %(first)s): one file holds one "
                "framework."
            )
            % {"first": plan.framework.line},
        )
        return
    code = values["idnumber"]
    if not code.strip():
        plan.error(line, _("The framework row has no Id number."))
    if not values["shortname"].strip():
        plan.error(line, _("The framework row has an empty Shortname."))
    plan.framework = FrameworkFields(
        title=values["shortname"],
        code="" if _as_uuid(code) else code,
        description=values["description"],
        extra=_kept(values, FRAMEWORK_DEFAULTS),
        line=line,
        extra_scope="moodle",
    )
    plan.framework.extra.setdefault("moodle", {})["taxonomy"] = values["taxonomy"]


def _read_item(
    plan: ImportPlan, line: int, values: dict[str, str], explicit: dict[str, str]
) -> None:
    ref = values["idnumber"]
    if not ref.strip():
        plan.error(line, _("The Id number is missing."))
        return
    identifier = _as_uuid(ref)
    item = PlannedItem(
        ref=ref,
        code="" if identifier else ref,
        identifier=identifier,
        parent_ref=values["parent"],
        title=values["shortname"],
        description=values["description"],
        position=len(plan.items),
        extra=_kept(values, ITEM_DEFAULTS),
        line=line,
        extra_scope="moodle",
    )
    term = _parse_term(values["taxonomy"])
    if term is not None:
        item.kind, item.knowledge_form = term
    if values["taxonomy"]:
        explicit[ref] = values["taxonomy"]
    plan.items.append(item)


def _as_uuid(value: str) -> uuid.UUID | None:
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        return None
    return parsed if str(parsed) == value else None


def _parse_term(cell: str) -> tuple[str, str] | None:
    kind, _slash, form = cell.partition("/")
    if kind not in Item.Kind.values or (form and form not in KnowledgeForm.values):
        return None
    return kind, form


def _default_kind(depth: int) -> str:
    return AREA if depth == 0 else COMPETENCE


def _item_term(kind: str, knowledge_form: str, depth: int) -> str:
    if kind == _default_kind(depth) and not knowledge_form:
        return ""
    return f"{kind}/{knowledge_form}" if knowledge_form else kind


def _settle_kinds(plan: ImportPlan, explicit: dict[str, str]) -> None:
    """Depth-based kinds; keep Taxonomy cells that export would not write back as they are."""
    parent_of = {item.ref: item.parent_ref for item in plan.items}
    depths: dict[str, int] = {}
    unknown = 0
    for item in plan.items:
        depth = _depth(item.ref, parent_of)
        depths[item.ref] = depth
        cell = explicit.get(item.ref, "")
        if _parse_term(cell) is None:
            item.kind, item.knowledge_form = _default_kind(depth), ""
            item.kind_given = False
            unknown += bool(cell)
        if cell != _item_term(item.kind, item.knowledge_form, depth):
            item.extra.setdefault("moodle", {})["taxonomy"] = cell
    if unknown:
        plan.notes.append(
            _(
                "Competency rows with a Taxonomy value that is not ours (%(count)s): Moodle "
                "ignores it there; it was kept as it is."
            )
            % {"count": unknown}
        )
    assert plan.framework is not None
    moodle = plan.framework.extra["moodle"]
    kinds = [(depths[item.ref], item.kind) for item in plan.items]
    if moodle["taxonomy"] == _framework_taxonomy(kinds):
        del moodle["taxonomy"]
    if not moodle:
        del plan.framework.extra["moodle"]


def _depth(ref: str, parent_of: dict[str, str]) -> int:
    depth = 0
    while parent_of.get(ref):
        ref = parent_of[ref]
        depth += 1
    return depth


def _framework_taxonomy(kinds: list[tuple[int, str]]) -> str:
    """One Moodle taxonomy term per level: that of the level's most common kind."""
    levels: dict[int, Counter[str]] = {}
    for depth, kind in kinds:
        levels.setdefault(depth, Counter())[kind] += 1
    terms = [LEVEL_TERMS[levels[d].most_common(1)[0][0]] for d in sorted(levels)]
    return ",".join(terms)


# Writing ------------------------------------------------------------------------------------


def export_moodle(framework: Framework) -> str:
    """The framework version as Moodle competency-framework CSV text (write it as UTF-8)."""
    items = list(framework.items.order_by("position", "id"))
    by_pk = {item.pk: item for item in items}
    refs = {item.pk: item.code or str(item.identifier) for item in items}
    depths = {item.pk: _item_depth(item, by_pk) for item in items}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    kinds = [(depths[item.pk], item.kind) for item in items]
    writer.writerow(_framework_row(framework, _framework_taxonomy(kinds)))
    for item in items:
        writer.writerow(_item_row(item, refs, depths[item.pk]))
    return buffer.getvalue()


def _item_depth(item: Item, by_pk: dict[int, Item]) -> int:
    depth = 0
    while item.parent_id is not None:
        item = by_pk[item.parent_id]
        depth += 1
    return depth


def _framework_row(framework: Framework, taxonomy: str) -> list[str]:
    kept = {**FRAMEWORK_DEFAULTS, "taxonomy": taxonomy, **framework.extra.get("moodle", {})}
    values = {
        **kept,
        "idnumber": framework.code or str(framework.lineage),
        "shortname": framework.title,
        "description": framework.description,
        "is_framework": "1",
    }
    return [values[key] for key in KEYS]


def _item_row(item: Item, refs: dict[int, str], depth: int) -> list[str]:
    term = _item_term(item.kind, item.knowledge_form, depth)
    kept = {**ITEM_DEFAULTS, "taxonomy": term, **item.extra.get("moodle", {})}
    values = {
        **kept,
        "parent": refs[item.parent_id] if item.parent_id else "",
        "idnumber": refs[item.pk],
        "shortname": item.title,
        "description": item.description,
        "is_framework": "",
    }
    return [values[key] for key in KEYS]
