"""Read a CASE CFPackage (parsed JSON) into an ``ImportPlan``, leniently, noting each adjustment.

Used by ``case.parse_case``; see that module for the mapping.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from stegvis.competences.models import Item

from .plan import TITLE_MAX, FrameworkFields, ImportPlan, PlannedItem, check_tree

UUID_PATTERN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
EXTENSION = "stegvis"
AREA, COMPETENCE = Item.Kind.AREA.value, Item.Kind.COMPETENCE.value
MAX_POSITION = 2_147_483_647
# The properties CASE 1.1 defines; anything else is reported and ignored.
# fmt: off
DOCUMENT_FIELDS = frozenset({
    "identifier", "uri", "frameworkType", "caseVersion", "creator", "title", "lastChangeDateTime",
    "officialSourceURL", "publisher", "description", "subject", "subjectURI", "language",
    "version", "adoptionStatus", "statusStartDate", "statusEndDate", "licenseURI", "notes",
    "extensions",
})
ITEM_FIELDS = frozenset({
    "identifier", "fullStatement", "alternativeLabel", "CFItemType", "uri", "humanCodingScheme",
    "listEnumeration", "abbreviatedStatement", "conceptKeywords", "conceptKeywordsURI", "notes",
    "subject", "subjectURI", "language", "educationLevel", "CFItemTypeURI", "licenseURI",
    "statusStartDate", "statusEndDate", "lastChangeDateTime", "extensions",
})
ASSOCIATION_FIELDS = frozenset({
    "identifier", "associationType", "sequenceNumber", "uri", "originNodeURI",
    "destinationNodeURI", "CFAssociationGroupingURI", "lastChangeDateTime", "notes", "extensions",
})
# fmt: on


def shorten(statement: str) -> str:
    """A title from a full statement longer than a title may be."""
    return statement if len(statement) <= TITLE_MAX else statement[: TITLE_MAX - 1] + "…"


def _messages() -> dict[str, str]:
    return {
        "wrapped": _("The package was wrapped in a CFPackage object; read what was inside."),
        "lowercase": _("Identifiers in upper case (%(count)s) were lower-cased: %(examples)s."),
        "uuid": _(
            "Identifiers outside the CASE 1.1 UUID pattern (%(count)s) were replaced by stable "
            "UUIDs derived from them (uuid5): %(examples)s."
        ),
        "no_document_id": _("The CFDocument has no identifier; the framework gets a new one."),
        "fields": _("Fields that are not part of CASE 1.1 were ignored: %(examples)s."),
        "education": _(
            "CFItems with the CASE 1.0 field educationalLevel (%(count)s): read as "
            "educationLevel (a list)."
        ),
        "null": _("Fields that were null (%(count)s) were read as empty: %(examples)s."),
        "sequence_text": _("sequenceNumber values given as text (%(count)s) were read as numbers."),
        "sequence_bad": _(
            "sequenceNumber values that are not whole numbers from 0 up (%(count)s) were ignored."
        ),
        "order": _(
            "isChildOf associations without a sequenceNumber (%(count)s): those items keep the "
            "order of the file."
        ),
        "long": _(
            "fullStatements longer than %(max)s characters (%(count)s): the title was cut and the "
            "full statement kept: %(examples)s."
        ),
        "orphan": _("CFItems not attached to the tree (%(count)s) were placed at the top level."),
        "foreign_parent": _(
            "CFItems whose parent is outside this package (%(count)s) were placed at the top "
            "level: %(examples)s."
        ),
        "many_parents": _(
            "CFItems with more than one parent (%(count)s) kept the first: %(examples)s."
        ),
        "other": _(
            "Associations of other types (%(count)s) were kept with their items: %(examples)s."
        ),
        "definitions": _(
            "CFDefinitions (%(count)s: item types, concepts, …) were not imported; item types "
            "are kept by name."
        ),
        "outside": _(
            "Associations that start outside this package's CFItems (%(count)s) were ignored."
        ),
    }


class Adjustments:
    """What had to be adjusted, counted once per distinct thing, with a few examples."""

    def __init__(self) -> None:
        self.seen: dict[str, dict[str, None]] = {}

    def add(self, key: str, example: str) -> None:
        self.seen.setdefault(key, {})[example] = None

    def notes(self) -> list[str]:
        messages = _messages()
        notes = []
        for key, examples in self.seen.items():
            listed = list(examples)
            limit = len(listed) if key == "fields" else 3
            shown = ", ".join(listed[:limit]) + (", …" if len(listed) > limit else "")
            if key == "other":  # "kind identifier" tokens, summed up per kind
                kinds = Counter(token.split(" ")[0] for token in listed)
                shown = ", ".join(f"{kind} {count}" for kind, count in kinds.items())
            values = {"count": len(listed), "examples": shown, "max": TITLE_MAX}
            notes.append(messages[key] % values)
        return notes


class Reader:
    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.adjust = Adjustments()
        self.document_ref = ""
        self.items: dict[str, PlannedItem] = {}
        self.exact: set[str] = set()
        self.parents: dict[str, list[tuple[str, int | None]]] = {}

    def identifier(self, raw: Any) -> str:
        if not isinstance(raw, str) or not raw.strip():
            return ""
        if UUID_PATTERN.fullmatch(raw):
            return raw
        lowered = raw.strip().lower()
        if UUID_PATTERN.fullmatch(lowered):
            self.adjust.add("lowercase", raw)
            return lowered
        derived = str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:case-identifier:{raw}"))
        self.adjust.add("uuid", f"{raw} → {derived}")
        return derived

    def unknown_fields(self, record: dict[str, Any], allowed: frozenset[str], where: str) -> None:
        for name in record:
            if name not in allowed and name != "educationalLevel":
                self.adjust.add("fields", f"{name} ({where})")
            elif record[name] is None:
                self.adjust.add("null", f"{where}.{name}")

    def document(self, raw: dict[str, Any]) -> None:
        self.unknown_fields(raw, DOCUMENT_FIELDS, "CFDocument")
        self.document_ref = self.identifier(raw.get("identifier"))
        if not self.document_ref:
            self.adjust.add("no_document_id", "")
        title = raw.get("title")
        if not isinstance(title, str) or not title.strip():
            self.plan.error(None, _("The CFDocument has no title."))
            title = ""
        if shorten(title) != title:
            self.adjust.add("long", "CFDocument")
        ours = _extension(raw)
        uri = _text(raw.get("uri"))
        self.plan.framework = FrameworkFields(
            title=shorten(title),
            code=_text(ours.get("code")),
            description=_text(raw.get("description")),
            language=_text(raw.get("language")),
            identifier=uuid.UUID(self.document_ref) if self.document_ref else None,
            extra=_mapping(ours.get("extra")),
            creator=_text(raw.get("creator")),
            extra_scope="" if ours else "case",
            url=uri if uri.startswith(("http://", "https://")) else "",
        )

    def item(self, index: int, raw: Any) -> None:
        if not isinstance(raw, dict):
            self.plan.error(None, _("CFItems[%(index)s] is not an object.") % {"index": index})
            return
        self.unknown_fields(raw, ITEM_FIELDS, "CFItem")
        ref = self.identifier(raw.get("identifier"))
        if not ref:
            self.plan.error(None, _("CFItems[%(index)s] has no identifier.") % {"index": index})
            return
        statement = _text(raw.get("fullStatement"))
        item = PlannedItem(
            ref=ref,
            identifier=uuid.UUID(ref),
            title=shorten(statement),
            code=_text(raw.get("humanCodingScheme")),
            description=_text(raw.get("notes")),
            position=index,
        )
        ours = _extension(raw)
        if ours:
            item.kind = _text(ours.get("kind")) or item.kind
            item.knowledge_form = _text(ours.get("knowledgeForm"))
            item.extra = _mapping(ours.get("extra"))
            self.exact.add(ref)
        else:
            item.extra = self.kept_fields(raw, ref, statement)
            item.kind_given, item.extra_scope = False, "case"
        if ref in self.items:  # reported by check_tree
            ref = f"{ref}#{index}"
        self.items[ref] = item
        self.plan.items.append(item)

    def kept_fields(self, raw: dict[str, Any], ref: str, statement: str) -> dict[str, Any]:
        kept: dict[str, Any] = {}
        if "educationalLevel" in raw and "educationLevel" not in raw:
            self.adjust.add("education", ref)
            raw = {**raw, "educationLevel": raw["educationalLevel"]}
        levels = raw.get("educationLevel")
        if levels:
            kept["educationLevel"] = (
                [str(v) for v in levels] if isinstance(levels, list) else [str(levels)]
            )
        for name in ("CFItemType", "listEnumeration", "language"):
            if isinstance(raw.get(name), str) and raw[name]:
                kept[name] = raw[name]
        if raw.get("identifier") != ref:
            kept["sourceIdentifier"] = raw.get("identifier")
        if shorten(statement) != statement:
            self.adjust.add("long", ref)
            kept["fullStatement"] = statement
        return {"case": kept} if kept else {}

    def association(self, raw: Any) -> None:
        if not isinstance(raw, dict):
            return
        self.unknown_fields(raw, ASSOCIATION_FIELDS, "CFAssociation")
        kind = raw.get("associationType")
        origin = self.identifier(_node(raw, "originNodeURI").get("identifier"))
        destination = _node(raw, "destinationNodeURI")
        target = self.identifier(destination.get("identifier"))
        if origin not in self.items:
            self.adjust.add("outside", str(raw.get("identifier")))
        elif kind == "isChildOf":
            self.parents.setdefault(origin, []).append((target, self.sequence(raw)))
        elif origin not in self.exact and isinstance(kind, str):
            self.adjust.add("other", f"{kind} {raw.get('identifier')}")
            known = target in self.items or target == self.document_ref
            kept = self.items[origin].extra.setdefault("case", {})
            kept.setdefault("associations", []).append(
                {
                    "associationType": kind,
                    "destinationNodeURI": {
                        "title": _text(destination.get("title")),
                        "identifier": target if known else _text(destination.get("identifier")),
                        "uri": _text(destination.get("uri")),
                    },
                }
            )

    def definitions(self, raw: Any) -> None:
        if not isinstance(raw, dict):
            return
        for name, entries in raw.items():
            for index, entry in enumerate(entries if isinstance(entries, list) else []):
                self.adjust.add("definitions", f"{name}[{index}]")
                if isinstance(entry, dict):
                    for key in (key for key, value in entry.items() if value is None):
                        self.adjust.add("null", f"{name}[{index}].{key}")

    def sequence(self, raw: dict[str, Any]) -> int | None:
        value = raw.get("sequenceNumber")
        if value is None:
            return None
        if isinstance(value, str) and value.strip().isdigit():
            self.adjust.add("sequence_text", str(raw.get("identifier")))
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_POSITION:
            return value
        self.adjust.add("sequence_bad", str(raw.get("identifier")))
        return None

    def settle(self) -> None:
        """Parents, positions and kinds, once every item and association has been read."""
        sequences: dict[str, int | None] = {}
        for ref, item in self.items.items():
            candidates = self.parents.get(ref, [])
            if not candidates:
                self.adjust.add("orphan", ref)
                sequences[ref] = None
                continue
            if len(candidates) > 1:
                self.adjust.add("many_parents", ref)
            target, sequences[ref] = candidates[0]
            if target in self.items:
                item.parent_ref = target
            elif target != self.document_ref:
                self.adjust.add("foreign_parent", ref)
        missing = [ref for ref, number in sequences.items() if number is None]
        if missing:
            for ref in missing:
                self.adjust.add("order", ref)
            self.number_in_tree_order(sequences)
        else:
            for ref, item in self.items.items():
                item.position = sequences[ref] or 0
        for ref, item in self.items.items():
            if ref not in self.exact:
                item.kind = COMPETENCE if item.parent_ref else AREA
        languages = {item.extra.get("case", {}).get("language") for item in self.items.values()}
        if self.plan.framework and not self.plan.framework.language and len(languages) == 1:
            self.plan.framework.language = languages.pop() or ""

    def number_in_tree_order(self, sequences: dict[str, int | None]) -> None:
        children: dict[str, list[PlannedItem]] = {}
        for item in self.items.values():
            children.setdefault(item.parent_ref, []).append(item)
        for siblings in children.values():
            siblings.sort(key=lambda i: (sequences.get(i.ref) is None, sequences.get(i.ref) or 0))
        numbered: list[PlannedItem] = []
        done: set[int] = set()
        stack = list(reversed(children.get("", [])))
        while stack:
            item = stack.pop()
            if id(item) in done:
                continue
            done.add(id(item))
            numbered.append(item)
            stack.extend(reversed(children.get(item.ref, [])))
        rest = [item for item in self.plan.items if id(item) not in done]
        for position, item in enumerate(numbered + rest):
            item.position = position


def _text(value: Any) -> str:
    """A text field: ``None`` is empty, numbers become text."""
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _extension(raw: dict[str, Any]) -> dict[str, Any]:
    extensions = raw.get("extensions")
    ours = extensions.get(EXTENSION) if isinstance(extensions, dict) else None
    return ours if isinstance(ours, dict) else {}


def _node(raw: dict[str, Any], name: str) -> dict[str, Any]:
    node = raw.get(name)
    return node if isinstance(node, dict) else {}


def read_package(package: Any, plan: ImportPlan) -> None:
    """Fill ``plan`` from a parsed CFPackage and check it."""
    reader = Reader(plan)
    if isinstance(package, dict) and "CFDocument" not in package and "CFPackage" in package:
        reader.adjust.add("wrapped", "")
        package = package["CFPackage"]
    if not isinstance(package, dict) or not isinstance(package.get("CFDocument"), dict):
        plan.error(None, _("This is not a CASE package: there is no CFDocument."))
        return
    reader.document(package["CFDocument"])
    for index, raw in enumerate(package.get("CFItems") or []):
        reader.item(index, raw)
    for raw in package.get("CFAssociations") or []:
        reader.association(raw)
    reader.definitions(package.get("CFDefinitions"))
    reader.settle()
    plan.notes.extend(reader.adjust.notes())
    check_tree(plan)
