"""Import a framework file: parse → plan → preview → apply, whatever the format.

* ``parse_file(data, format=..., file_name=...)`` (or ``parse_upload`` for an uploaded file)
  reads a Moodle CSV or a CASE package into an ``ImportPlan`` with per-row ``errors`` and
  ``notes``; nothing is written.
* ``preview_import(plan, into=...)`` says what an import would create, change, leave unchanged
  and drop compared with the newest version of ``into``'s framework (items matched by
  identifier, then by code).
* ``framework_import(actor=..., plan=..., owner=..., into=...)`` writes the framework in one
  transaction, or nothing. Importing ``into`` a framework adds a new version to its lineage; a
  published version is never changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.competences.models import Framework, Item, Source
from stegvis.core.audit import log_action
from stegvis.organisations.models import Municipality, Region, Unit

from .case import parse_case
from .moodle import parse_moodle
from .plan import FrameworkFields, ImportPlan, PlannedItem, RowError

__all__ = [
    "FORMATS",
    "ImportPlan",
    "ItemChange",
    "Preview",
    "RowError",
    "framework_import",
    "parse_file",
    "parse_upload",
    "preview_import",
]

Owner = Region | Municipality | Unit
FORMATS: dict[str, Callable[..., ImportPlan]] = {"moodle": parse_moodle, "case": parse_case}
EXTENSIONS = {".csv": "moodle", ".json": "case"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def parse_file(data: bytes, *, format: str, file_name: str = "") -> ImportPlan:
    """Read ``data`` as ``format`` ("moodle" or "case") into a checked plan."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; use one of {sorted(FORMATS)}")
    return FORMATS[format](data, file_name=file_name)


def guess_format(file_name: str) -> str | None:
    """ "moodle" for .csv, "case" for .json, else None."""
    lowered = file_name.lower()
    return next((fmt for ext, fmt in EXTENSIONS.items() if lowered.endswith(ext)), None)


def parse_upload(upload: UploadedFile, *, format: str | None = None) -> ImportPlan:
    """Read an uploaded file; the format comes from its name when not given."""
    name = upload.name or ""
    chosen = format or guess_format(name)
    if chosen is None:
        plan = ImportPlan(format="", file_name=name)
        plan.error(None, _("Choose the format: a Moodle CSV file or a CASE JSON package."))
        return plan
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        plan = ImportPlan(format=chosen, file_name=name)
        plan.error(None, _("The file is larger than 10 MB."))
        return plan
    upload.seek(0)
    return parse_file(upload.read(), format=chosen, file_name=name)


# Preview ------------------------------------------------------------------------------------


@dataclass
class ItemChange:
    ref: str
    code: str
    title: str
    fields: list[str] = field(default_factory=list)


@dataclass
class Preview:
    """What ``framework_import`` would do with the plan."""

    title: str
    version: int
    base: Framework | None
    created: list[ItemChange] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)
    unchanged: list[ItemChange] = field(default_factory=list)
    removed: list[ItemChange] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Match:
    identifier: uuid.UUID
    existing: Item | None


def preview_import(plan: ImportPlan, *, into: Framework | None = None) -> Preview:
    """Compare the plan with the newest version of ``into``'s framework (or with nothing)."""
    base = _newest(into)
    fields = plan.framework or FrameworkFields(title="")
    preview = Preview(
        title=fields.title,
        version=base.version + 1 if base else 1,
        base=base,
        errors=list(plan.errors),
        notes=list(plan.notes),
    )
    if base is not None and base.is_draft:
        preview.errors.append(RowError(None, _draft_message(base)))
    taken = fields.identifier and Framework.objects.filter(identifier=fields.identifier).first()
    if taken:
        preview.notes.append(
            _("%(framework)s already has this file's identifier; the import gets a new one.")
            % {"framework": taken}
        )
    if not plan.errors:
        _compare(plan, preview, list(base.items.select_related("parent")) if base else [])
    return preview


def _compare(plan: ImportPlan, preview: Preview, old_items: list[Item]) -> None:
    matches = _match(plan, old_items)
    parent_ids = {ref: match.identifier for ref, match in matches.items()}
    ranks = _ranks([(item.parent_ref, item.position, item.ref) for item in plan.items])
    old_ranks = _ranks([(old.parent_id, old.position, old.pk) for old in old_items])
    matched: set[int] = set()
    for item in plan.items:
        existing = matches[item.ref].existing
        change = ItemChange(item.ref, item.code, item.title)
        if existing is None:
            preview.created.append(change)
            continue
        matched.add(existing.pk)
        change.fields = _differences(item, existing, parent_ids)
        if "parent" not in change.fields and ranks[item.ref] != old_ranks[existing.pk]:
            change.fields.append("position")
        (preview.changed if change.fields else preview.unchanged).append(change)
    preview.removed = [
        ItemChange(str(old.identifier), old.code, old.title)
        for old in old_items
        if old.pk not in matched
    ]


def _newest(into: Framework | None) -> Framework | None:
    if into is None:
        return None
    return Framework.objects.filter(lineage=into.lineage).order_by("-version").first()


def _draft_message(base: Framework) -> str:
    return _(
        "Version %(version)s of %(title)s is still a draft: publish it before importing a new "
        "version."
    ) % {"version": base.version, "title": base.title}


def _match(plan: ImportPlan, old_items: list[Item]) -> dict[str, _Match]:
    """Each planned item's identifier, and the item of the old version it continues (if any):
    same identifier, else same code. A continued item keeps its identifier."""
    by_identifier = {item.identifier: item for item in old_items}
    by_code = {item.code: item for item in old_items if item.code}
    taken: set[int] = set()
    used: set[uuid.UUID] = set()
    matches: dict[str, _Match] = {}
    for item in plan.items:
        existing = by_identifier.get(item.identifier) if item.identifier else None
        if existing is None and item.code:
            existing = by_code.get(item.code)
        if existing is not None and existing.pk in taken:
            existing = None
        if existing is not None:
            taken.add(existing.pk)
            identifier = existing.identifier
        else:
            identifier = item.identifier or uuid.uuid4()
            if identifier in used or identifier in by_identifier:
                identifier = uuid.uuid4()
        used.add(identifier)
        matches[item.ref] = _Match(identifier, existing)
    return matches


def _effective(item: PlannedItem, existing: Item | None) -> dict[str, Any]:
    """Kind, knowledge form and extra as they will be stored.

    What the file cannot say is taken from the item it continues: the kind when the file gave
    none (a Moodle file from Moodle), and the keys of ``extra`` outside the file's own
    namespace (``extra["moodle"]`` for Moodle, ``extra["case"]`` for a foreign CASE file).
    """
    values = {"kind": item.kind, "knowledge_form": item.knowledge_form, "extra": item.extra}
    if existing is None:
        return values
    if not item.kind_given:
        values["kind"], values["knowledge_form"] = existing.kind, existing.knowledge_form
    values["extra"] = _scoped_extra(item.extra, item.extra_scope, existing)
    return values


def _scoped_extra(extra: dict[str, Any], scope: str, old: Framework | Item | None) -> dict:
    """The file's ``extra``, plus the old keys outside its scope when it has one."""
    if old is None or not scope:
        return extra
    return {**{key: value for key, value in old.extra.items() if key != scope}, **extra}


def _ranks(entries: list[tuple[Any, int, Any]]) -> dict[Any, int]:
    """Each item's place among its siblings: moving an item counts, renumbering does not."""
    siblings: dict[Any, list[tuple[int, Any]]] = {}
    for parent, position, key in entries:
        siblings.setdefault(parent, []).append((position, key))
    return {
        key: rank
        for group in siblings.values()
        for rank, (_position, key) in enumerate(sorted(group, key=lambda entry: entry[0]))
    }


def _differences(item: PlannedItem, old: Item, parent_ids: dict[str, uuid.UUID]) -> list[str]:
    values = {"code": item.code, "title": item.title, "description": item.description}
    values.update(_effective(item, old))
    changed = [name for name, value in values.items() if value != getattr(old, name)]
    new_parent = parent_ids.get(item.parent_ref) if item.parent_ref else None
    old_parent = old.parent.identifier if old.parent_id else None
    if new_parent != old_parent:
        changed.append("parent")
    return changed


# Apply --------------------------------------------------------------------------------------


def framework_import(
    *,
    actor: Any,
    plan: ImportPlan,
    owner: Owner,
    into: Framework | None = None,
    source: Source | None = None,
) -> Framework:
    """Write the plan as a new framework (or a new version of ``into``'s), all or nothing.

    Raises ``ValidationError`` (and writes nothing) when the plan has errors, when ``owner``
    is not the owner of ``into``, or when ``into``'s framework has an unpublished draft.
    """
    if plan.errors or plan.framework is None:
        messages = [str(error) for error in plan.errors]
        raise ValidationError(messages or [_("The file holds no framework.")])
    with transaction.atomic():
        base = _newest(into)
        if base is not None:
            list(Framework.objects.select_for_update().filter(lineage=base.lineage))
            _check_base(base, owner)
        framework = _create_framework(actor, plan, plan.framework, owner, base, source)
        matches = _match(plan, list(base.items.all()) if base else [])
        _create_items(framework, plan, matches)
        preview_counts = _counts(matches, base)
        log_action(
            "competences.framework.imported",
            actor=actor,
            target=framework,
            message=gettext_noop("Framework %(title)s version %(version)s imported from %(file)s"),
            data={
                "title": framework.title,
                "version": framework.version,
                "file": plan.file_name or plan.format,
                "format": plan.format,
                "items": len(plan.items),
                **preview_counts,
            },
            source="import",
        )
    return framework


def _owner_fields(owner: Owner) -> dict[str, Owner]:
    for model, name in ((Unit, "unit"), (Municipality, "municipality"), (Region, "region")):
        if isinstance(owner, model):
            return {name: owner}
    raise ValidationError(_("A framework belongs to a region, a municipality or a unit."))


def _check_base(base: Framework, owner: Owner) -> None:
    if _owner_fields(owner) != _owner_fields(base.owner):
        raise ValidationError(
            _("%(title)s belongs to %(owner)s; import it for that owner.")
            % {"title": base.title, "owner": base.owner}
        )
    if base.is_draft:
        raise ValidationError(_draft_message(base))


def _language(fields: FrameworkFields, owner: Owner, base: Framework | None) -> str:
    if fields.language:
        return fields.language.split("-")[0][:5]
    if base is not None:
        return base.language
    municipality = (
        owner if isinstance(owner, Municipality) else getattr(owner, "municipality", None)
    )
    return getattr(municipality, "language", "") or "sv"


def _create_framework(
    actor: Any,
    plan: ImportPlan,
    fields: FrameworkFields,
    owner: Owner,
    base: Framework | None,
    source: Source | None,
) -> Framework:
    identifier = fields.identifier
    if identifier is None or Framework.objects.filter(identifier=identifier).exists():
        identifier = uuid.uuid4()
    if source is None:
        source = Source.objects.create(
            kind=Source.Kind.IMPORT,
            title=(plan.file_name or fields.title)[:300],
            issuer=fields.creator[:200],
            url=fields.url if len(fields.url) <= 200 else "",
        )
    return Framework.objects.create(
        lineage=base.lineage if base else uuid.uuid4(),
        version=base.version + 1 if base else 1,
        identifier=identifier,
        title=fields.title,
        code=fields.code,
        description=fields.description,
        language=_language(fields, owner, base),
        source=source,
        extra=_scoped_extra(fields.extra, fields.extra_scope, base),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **_owner_fields(owner),
    )


def _create_items(framework: Framework, plan: ImportPlan, matches: dict[str, _Match]) -> None:
    """Create the items level by level, parents first, one bulk insert per level."""
    created: dict[str, Item] = {}
    level = [item for item in plan.items if not item.parent_ref]
    while level:
        rows = [_new_item(framework, item, matches, created) for item in level]
        for item, row in zip(level, Item.objects.bulk_create(rows), strict=True):
            created[item.ref] = row
        refs = {item.ref for item in level}
        level = [item for item in plan.items if item.parent_ref in refs]


def _new_item(
    framework: Framework, item: PlannedItem, matches: dict[str, _Match], created: dict[str, Item]
) -> Item:
    match = matches[item.ref]
    return Item(
        framework=framework,
        identifier=match.identifier,
        parent=created.get(item.parent_ref),
        code=item.code,
        title=item.title,
        description=item.description,
        position=item.position,
        **_effective(item, match.existing),
    )


def _counts(matches: dict[str, _Match], base: Framework | None) -> dict[str, int]:
    matched = sum(1 for match in matches.values() if match.existing is not None)
    old = base.items.count() if base else 0
    return {"new": len(matches) - matched, "continued": matched, "dropped": old - matched}
