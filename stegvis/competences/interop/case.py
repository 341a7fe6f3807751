"""IMS (1EdTech) CASE 1.1: export a framework version as a CFPackage, import CFPackages.

Export (``export_case``): the version is the CFDocument (its ``identifier``, owner as
``creator``, ``version`` as text); each item is a CFItem (``fullStatement`` = title,
``humanCodingScheme`` = code, ``notes`` = description, ``CFItemType`` = kind); the tree is
``isChildOf`` CFAssociations from child to parent (or to the CFDocument for the top level)
whose integer ``sequenceNumber`` is the item's position. Kind, knowledge form and ``extra``
travel in ``extensions["stegvis"]`` (CASE 1.1 allows extensions), so our own files come back
exactly. URIs are ``{base_url}/case/v1p1/{CFDocuments|CFItems|CFAssociations}/{identifier}``.

Import (``parse_case``) is lenient: CASE 1.0 files as OpenSALT writes them are accepted and
every adjustment is reported in ``plan.notes`` (identifiers outside the 1.1 UUID pattern get a
stable ``uuid5``, ``CFPackageURI``/``CFDocumentURI`` are dropped, ``educationalLevel`` becomes
``educationLevel``, text ``sequenceNumber`` is read as a number, ``null`` as empty). Items of
other files: top level = area, deeper = competence. Associations other than ``isChildOf`` are
kept in the item's ``extra["case"]["associations"]`` and exported again.
"""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

from django.utils.translation import gettext as _

from stegvis.competences.models import Framework, Item

from .case_reading import EXTENSION, read_package, shorten
from .plan import ImportPlan, decode_text

ASSOCIATION_TYPES = frozenset(
    {
        "isChildOf",
        "isPeerOf",
        "isPartOf",
        "exactMatchOf",
        "precedes",
        "isRelatedTo",
        "replacedBy",
        "exemplar",
        "hasSkillLevel",
        "isTranslationOf",
    }
)
ITEM_TYPES = {"area": "Area", "competence": "Competence", "goal": "Knowledge goal"}


# Writing ------------------------------------------------------------------------------------


def export_case(framework: Framework, *, base_url: str) -> dict[str, Any]:
    """The framework version as a CASE 1.1 CFPackage (a dict ready for ``json.dumps``)."""
    base = base_url.rstrip("/") + "/case/v1p1"
    changed = _timestamp(framework.published_at or framework.created_at)
    document = _document(framework, base, changed)
    items = list(framework.items.order_by("position", "id"))
    nodes = {item.pk: _node(base, "CFItems", item.identifier, item.title) for item in items}
    top = _node(base, "CFDocuments", framework.identifier, framework.title)
    associations: list[dict[str, Any]] = []
    for item in items:
        parent = nodes[item.parent_id] if item.parent_id else top
        associations.append(
            _association(base, nodes[item.pk], "isChildOf", parent, changed, item.position)
        )
        associations.extend(_kept_associations(base, item, nodes[item.pk], changed))
    return {
        "CFDocument": document,
        "CFItems": [_cf_item(item, framework, base, changed) for item in items],
        "CFAssociations": associations,
        "CFDefinitions": {
            "CFConcepts": [],
            "CFSubjects": [],
            "CFLicenses": [],
            "CFItemTypes": [],
            "CFAssociationGroupings": [],
        },
    }


def export_case_json(framework: Framework, *, base_url: str) -> str:
    return json.dumps(export_case(framework, base_url=base_url), ensure_ascii=False, indent=2)


def case_schema_errors(package: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """Where ``package`` breaks the CASE JSON Schema (Draft 2020-12); empty when it is valid.

    ``schema`` is 1EdTech's getCFPackage response schema. The formats ``uri`` and
    ``date-time`` are checked only when jsonschema's optional format packages are installed.
    """
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in validator.iter_errors(package)
    ]


def _timestamp(moment: datetime.datetime | None) -> str:
    moment = moment or datetime.datetime.now(tz=datetime.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _uri(base: str, collection: str, identifier: uuid.UUID | str) -> str:
    return f"{base}/{collection}/{identifier}"


def _node(base: str, collection: str, identifier: uuid.UUID, title: str) -> dict[str, str]:
    return {
        "title": title,
        "identifier": str(identifier),
        "uri": _uri(base, collection, identifier),
    }


def _document(framework: Framework, base: str, changed: str) -> dict[str, Any]:
    document: dict[str, Any] = {
        "identifier": str(framework.identifier),
        "uri": _uri(base, "CFDocuments", framework.identifier),
        "creator": str(framework.owner),
        "title": framework.title,
        "lastChangeDateTime": changed,
        "caseVersion": "1.1",
        "version": str(framework.version),
        "language": framework.language,
        "adoptionStatus": "Draft" if framework.is_draft else "Adopted",
    }
    if framework.description:
        document["description"] = framework.description
    if framework.valid_from:
        document["statusStartDate"] = framework.valid_from.isoformat()
    if framework.source is not None:
        if framework.source.issuer:
            document["publisher"] = framework.source.issuer
        if framework.source.url:
            document["officialSourceURL"] = framework.source.url
    document["extensions"] = {
        EXTENSION: {
            "code": framework.code,
            "lineage": str(framework.lineage),
            "extra": framework.extra,
        }
    }
    return document


def _cf_item(item: Item, framework: Framework, base: str, changed: str) -> dict[str, Any]:
    kept = item.extra.get("case", {})
    statement = kept.get("fullStatement") or item.title
    cf_item: dict[str, Any] = {
        "identifier": str(item.identifier),
        "uri": _uri(base, "CFItems", item.identifier),
        "fullStatement": statement if shorten(statement) == item.title else item.title,
        "CFItemType": kept.get("CFItemType") or ITEM_TYPES[item.kind],
        "language": kept.get("language") or framework.language,
        "lastChangeDateTime": changed,
    }
    if item.code:
        cf_item["humanCodingScheme"] = item.code
    if item.description:
        cf_item["notes"] = item.description
    for name in ("educationLevel", "listEnumeration"):
        if kept.get(name):
            cf_item[name] = kept[name]
    cf_item["extensions"] = {
        EXTENSION: {"kind": item.kind, "knowledgeForm": item.knowledge_form, "extra": item.extra}
    }
    return cf_item


def _association(
    base: str,
    origin: dict[str, str],
    kind: str,
    destination: dict[str, str],
    changed: str,
    sequence: int | None = None,
) -> dict[str, Any]:
    name = f"{origin['uri']} {kind} {destination['uri']}"
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, name)
    association: dict[str, Any] = {
        "identifier": str(identifier),
        "uri": _uri(base, "CFAssociations", identifier),
        "associationType": kind,
        "originNodeURI": origin,
        "destinationNodeURI": destination,
        "lastChangeDateTime": changed,
    }
    if sequence is not None:
        association["sequenceNumber"] = sequence
    return association


def _kept_associations(
    base: str, item: Item, origin: dict[str, str], changed: str
) -> list[dict[str, Any]]:
    kept = item.extra.get("case", {}).get("associations", [])
    return [
        _association(base, origin, entry["associationType"], entry["destinationNodeURI"], changed)
        for entry in kept
        if _exportable(entry)
    ]


def _exportable(entry: dict[str, Any]) -> bool:
    kind = str(entry.get("associationType", ""))
    node = entry.get("destinationNodeURI") or {}
    return (kind in ASSOCIATION_TYPES or kind.startswith("ext:")) and bool(node.get("uri"))


# Reading ------------------------------------------------------------------------------------


def parse_case(data: bytes, *, file_name: str = "") -> ImportPlan:
    """Read a CASE CFPackage (1.1, or 1.0 as OpenSALT writes it) into a checked plan."""
    plan = ImportPlan(
        format="case", file_name=file_name, ref_label="identifier", title_label="fullStatement"
    )
    text = decode_text(data, plan)
    if text is None:
        return plan
    try:
        package = json.loads(text)
    except json.JSONDecodeError as exc:
        plan.error(
            exc.lineno,
            _("This is not valid JSON (%(detail)s, column %(column)s); the file may be cut off.")
            % {"detail": exc.msg, "column": exc.colno},
        )
        return plan
    read_package(package, plan)
    return plan
