"""The format-independent import plan: what a file says, checked, before anything is written.

A reader (``moodle.parse_moodle``, ``case.parse_case``) turns a file into an ``ImportPlan``;
``check_tree`` adds the structural errors every format shares; ``importing`` previews and
applies the plan. Items refer to their parent by ``ref``: the Moodle *Id number* or the CASE
identifier as written in the file, so a plan can be checked before codes or identifiers are
resolved against the database.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from stegvis.competences.models import Item, KnowledgeForm

CODE_MAX = 100
TITLE_MAX = 300
GOAL = Item.Kind.GOAL.value


@dataclass(frozen=True)
class RowError:
    """One problem in the file. ``line`` is the physical line where the record starts (CSV)
    or the line the JSON parser stopped at; ``None`` when the problem is the whole file."""

    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class PlannedItem:
    """An item as the file describes it."""

    ref: str
    title: str
    code: str = ""
    parent_ref: str = ""
    description: str = ""
    kind: str = Item.Kind.COMPETENCE.value
    knowledge_form: str = ""
    identifier: uuid.UUID | None = None
    position: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    line: int | None = None
    # False when the kind is a default (the file did not say): an import into a framework
    # then keeps the kind and knowledge form of the item it continues.
    kind_given: bool = True
    # "moodle"/"case" when the file speaks only for that key of ``extra``; "" for all of it.
    extra_scope: str = ""


@dataclass
class FrameworkFields:
    title: str
    code: str = ""
    description: str = ""
    language: str = ""
    identifier: uuid.UUID | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    creator: str = ""
    url: str = ""
    line: int | None = None
    extra_scope: str = ""  # as for PlannedItem


@dataclass
class ImportPlan:
    """Everything an import would write, or the reasons it cannot."""

    format: str
    framework: FrameworkFields | None = None
    items: list[PlannedItem] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    encoding: str = ""
    file_name: str = ""
    ref_label: str = "identifier"
    title_label: str = "title"

    @property
    def ok(self) -> bool:
        return not self.errors and self.framework is not None

    def error(self, line: int | None, message: str) -> None:
        self.errors.append(RowError(line, message))

    def item_error(self, item: PlannedItem, message: str) -> None:
        """An error about one item; without a line number the message names the item."""
        if item.line is None:
            message = f"{self.ref_label} {item.ref}: {message}"
        self.errors.append(RowError(item.line, message))


def decode_text(data: bytes, plan: ImportPlan) -> str | None:
    """The file as text: UTF-8 (with or without a byte order mark), else Windows-1252.

    Records which encoding was used in ``plan.encoding`` and ``plan.notes``; an undecodable
    or binary file becomes an error and ``None``.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        plan.error(None, _("The file is UTF-16 or binary, not text: save it as CSV/JSON UTF-8."))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        plan.encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        if plan.encoding == "utf-8-sig":
            plan.notes.append(_("Read as UTF-8; the byte order mark at the start was skipped."))
        return text
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        plan.error(None, _("The file is neither UTF-8 nor Windows-1252 text."))
        return None
    plan.encoding = "cp1252"
    plan.notes.append(
        _("The file is not UTF-8; it was read as Windows-1252 (cp1252). Check å, ä and ö.")
    )
    return text


def check_tree(plan: ImportPlan) -> None:
    """Add the errors every format shares: fields, duplicates, unknown parents, cycles."""
    _check_framework(plan)
    first_line: dict[str, int | None] = {}
    codes: dict[str, int | None] = {}
    for item in plan.items:
        _check_fields(plan, item)
        if item.ref in first_line:
            plan.item_error(item, _duplicate(plan.ref_label, item.ref, first_line[item.ref]))
            continue
        first_line[item.ref] = item.line
        if item.code and item.code in codes:
            plan.item_error(item, _duplicate(_("code"), item.code, codes[item.code]))
        codes.setdefault(item.code, item.line)
    for item in plan.items:
        if item.parent_ref and item.parent_ref not in first_line:
            plan.item_error(
                item,
                _("Unknown parent %(label)s %(parent)s.")
                % {"label": plan.ref_label, "parent": item.parent_ref},
            )
    _check_cycles(plan, set(first_line))


def _check_framework(plan: ImportPlan) -> None:
    fields = plan.framework
    if fields is None:
        return
    if len(fields.title) > TITLE_MAX:
        plan.error(
            fields.line,
            _("The framework title is longer than %(max)s characters.") % {"max": TITLE_MAX},
        )
    if len(fields.code) > CODE_MAX:
        plan.error(
            fields.line,
            _("The framework code is longer than %(max)s characters.") % {"max": CODE_MAX},
        )


def _duplicate(label: str, value: str, first: int | None) -> str:
    if first is None:
        return _("Duplicate %(label)s %(value)s.") % {"label": label, "value": value}
    return _("Duplicate %(label)s %(value)s (first used on line %(first)s).") % {
        "label": label,
        "value": value,
        "first": first,
    }


def _check_fields(plan: ImportPlan, item: PlannedItem) -> None:
    if not item.title.strip():
        plan.item_error(item, _("%(field)s is empty.") % {"field": plan.title_label})
    elif len(item.title) > TITLE_MAX:
        plan.item_error(
            item,
            _("%(field)s is longer than %(max)s characters.")
            % {"field": plan.title_label, "max": TITLE_MAX},
        )
    if len(item.code) > CODE_MAX:
        plan.item_error(item, _("The code is longer than %(max)s characters.") % {"max": CODE_MAX})
    if item.kind not in Item.Kind.values:
        plan.item_error(item, _("Unknown kind %(kind)s.") % {"kind": item.kind})
    elif item.knowledge_form and item.knowledge_form not in KnowledgeForm.values:
        plan.item_error(item, _("Unknown knowledge form %(form)s.") % {"form": item.knowledge_form})
    elif item.knowledge_form and item.kind != GOAL:
        plan.item_error(item, _("Only knowledge goals have a knowledge form."))
    elif item.kind == GOAL and not item.knowledge_form:
        plan.item_error(item, _("A knowledge goal needs a knowledge form."))


def _check_cycles(plan: ImportPlan, known: set[str]) -> None:
    parent_of = {item.ref: item.parent_ref for item in plan.items}
    line_of = {item.ref: item.line for item in reversed(plan.items)}
    settled: set[str] = set()
    for start in parent_of:
        path: list[str] = []
        ref = start
        while ref and ref in known and ref not in settled and ref not in path:
            path.append(ref)
            ref = parent_of.get(ref, "")
        if ref in path:
            cycle = [*path[path.index(ref) :], ref]
            plan.error(
                line_of[cycle[0]],
                _("Parent cycle: %(cycle)s.") % {"cycle": " → ".join(cycle)},
            )
        settled.update(path)
