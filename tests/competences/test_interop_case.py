"""CASE 1.1 CFPackages: our export validates against 1EdTech's schema and comes back exactly;
OpenSALT's CASE 1.0-style files import, with every adjustment reported."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest
from django.utils import translation

from stegvis.competences.interop.case import case_schema_errors, export_case, parse_case
from stegvis.competences.interop.importing import framework_import, parse_file
from stegvis.competences.models import Framework, Item, Source
from tests.competences.test_interop_moodle import build_framework, snapshot

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "case"
SCHEMA = json.loads((DATA / "case-v1p1-cfpackage-schema.json").read_text(encoding="utf-8"))
OPENSALT = DATA / "opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json"
SMARTLEVEL = DATA / "SmartLevelFramework.json"
UTF8 = DATA / "Utf8TestFramework.json"
CASE_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
BASE = "https://stegvis.example.org"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def exported_bytes(framework: Framework) -> bytes:
    return json.dumps(export_case(framework, base_url=BASE)).encode("utf-8")


def test_our_export_validates_against_the_case_schema(cast):
    framework = build_framework(cast.region, extra={"page": 12, "moodle": {"exported_id": "9"}})
    framework.source = Source.objects.create(
        kind="regional_model", title="Modell", issuer="Fyrbodal", url="https://example.org/m"
    )
    framework.save()
    package = export_case(framework, base_url=BASE + "/")
    assert case_schema_errors(package, SCHEMA) == []
    draft = build_framework(cast.uddevalla.region, published=False)
    draft.code = "VO-2"
    draft.save()
    assert case_schema_errors(export_case(draft, base_url=BASE), SCHEMA) == []


def test_the_schema_check_does_find_errors(cast):
    package = export_case(build_framework(cast.region), base_url=BASE)
    package["CFItems"][0]["identifier"] = "00000000-0000-0000-0000-000000000001"
    del package["CFDocument"]["creator"]
    errors = case_schema_errors(package, SCHEMA)
    assert len(errors) == 2 and any(e.startswith("CFItems/0/identifier") for e in errors)


def test_export_shape(cast):
    framework = build_framework(cast.region)
    package = export_case(framework, base_url=BASE)
    document = package["CFDocument"]
    assert document["identifier"] == str(framework.identifier)
    assert document["uri"] == f"{BASE}/case/v1p1/CFDocuments/{framework.identifier}"
    assert document["creator"] == "Fyrbodal" and document["version"] == "1"
    assert document["language"] == "sv" and document["caseVersion"] == "1.1"
    # jsonschema checks "date-time" and "uri" only with optional packages: check them here
    assert RFC3339.fullmatch(document["lastChangeDateTime"])
    assert all(RFC3339.fullmatch(a["lastChangeDateTime"]) for a in package["CFAssociations"])
    assert all(a["uri"].startswith(BASE + "/case/v1p1/") for a in package["CFAssociations"])
    items = {
        item["humanCodingScheme"]: item
        for item in package["CFItems"]
        if "humanCodingScheme" in item
    }
    talk = framework.items.get(code="A.1")
    assert items["A.1"]["identifier"] == str(talk.identifier)
    assert items["A.1"]["uri"] == f"{BASE}/case/v1p1/CFItems/{talk.identifier}"
    assert items["A.1"]["fullStatement"] == "Kommunikation"
    assert items["A.1"]["notes"] == talk.description
    assert items["A.1.1"]["CFItemType"] == "Knowledge goal"
    for entry in package["CFItems"] + package["CFAssociations"]:
        assert CASE_UUID.fullmatch(entry["identifier"])
    tree = [a for a in package["CFAssociations"] if a["associationType"] == "isChildOf"]
    assert len(tree) == framework.items.count()
    by_origin = {a["originNodeURI"]["identifier"]: a for a in tree}
    assert by_origin[str(talk.identifier)]["destinationNodeURI"]["identifier"] == str(
        talk.parent.identifier
    )
    top = by_origin[str(framework.items.get(code="A").identifier)]
    assert top["destinationNodeURI"]["uri"] == document["uri"]
    assert all(isinstance(a["sequenceNumber"], int) for a in tree)
    assert by_origin[str(talk.identifier)]["sequenceNumber"] == talk.position


def test_our_framework_makes_the_round_trip(cast):
    original = build_framework(cast.region, extra={"page": 12, "moodle": {"exported_id": "9"}})
    plan = parse_case(exported_bytes(original), file_name="vo.json")
    assert plan.errors == [] and plan.notes == []
    copy = framework_import(actor=None, plan=plan, owner=cast.region)
    assert snapshot(copy) == snapshot(original)
    identifiers = set(original.items.values_list("identifier", flat=True))
    assert set(copy.items.values_list("identifier", flat=True)) == identifiers
    assert (copy.title, copy.code, copy.description, copy.extra, copy.language) == (
        original.title,
        original.code,
        original.description,
        original.extra,
        original.language,
    )
    # the document identifier is taken: the copy gets its own
    assert copy.identifier != original.identifier


def test_export_import_export_is_stable(cast):
    original = build_framework(cast.region)
    first = export_case(original, base_url=BASE)
    copy = framework_import(
        actor=None, plan=parse_case(exported_bytes(original)), owner=cast.region
    )
    second = export_case(copy, base_url=BASE)
    assert first["CFItems"] == [
        {**item, "lastChangeDateTime": first["CFItems"][0]["lastChangeDateTime"]}
        for item in second["CFItems"]
    ]


@pytest.mark.parametrize("path", [OPENSALT, SMARTLEVEL, UTF8], ids=lambda p: p.stem[:20])
def test_opensalt_files_import_with_notes(cast, path):
    plan = parse_file(path.read_bytes(), format="case", file_name=path.name)
    assert plan.errors == []
    assert plan.notes
    package = json.loads(path.read_text(encoding="utf-8"))
    framework = framework_import(actor=None, plan=plan, owner=cast.region)
    assert framework.title == package["CFDocument"]["title"]
    assert framework.items.count() == len(package["CFItems"])
    assert framework.source.issuer == package["CFDocument"]["creator"]
    assert framework.language == ("en" if path == OPENSALT else "sv")
    assert case_schema_errors(export_case(framework, base_url=BASE), SCHEMA) == []


def test_opensalt_adjustments_are_reported(cast):
    plan = parse_case(OPENSALT.read_bytes())
    notes = "\n".join(plan.notes)
    assert "CFPackageURI (CFDocument)" in notes and "CFDocumentURI (CFItem)" in notes
    assert "educationalLevel" in notes
    assert "sequenceNumber values given as text (2)" in notes
    assert "exactMatchOf 16" in notes
    assert "CFItemTypes[0].description" in notes  # the null description
    item = next(i for i in plan.items if i.code == "CCSS.Math.Content.6.RP.A.1")
    assert item.extra["case"]["educationLevel"] == ["06"]
    assert item.extra["case"]["CFItemType"] == "Standard"
    assert item.parent_ref == "edfce0e7-dbbf-40d5-af1a-baccabef85e9"
    assert item.description.startswith("For example")
    roots = [i for i in plan.items if not i.parent_ref]
    assert [i.code for i in roots] == ["CCSS.Math.Content.6.RP.A", "CCSS.Math.Content.7.RP.A"]
    assert {i.kind for i in roots} == {"area"}


def test_identifiers_outside_the_pattern_get_stable_uuids(cast):
    plan = parse_case(SMARTLEVEL.read_bytes())
    again = parse_case(SMARTLEVEL.read_bytes())
    assert [i.identifier for i in plan.items] == [i.identifier for i in again.items]
    derived = uuid.uuid5(
        uuid.NAMESPACE_URL, "urn:case-identifier:00000000-0000-0000-0000-000000000001"
    )
    item = next(i for i in plan.items if i.title == "Item 1")
    assert item.identifier == derived and CASE_UUID.fullmatch(str(derived))
    assert item.extra["case"]["sourceIdentifier"] == "00000000-0000-0000-0000-000000000001"
    assert any("00000000-0000-0000-0000-000000000001 → " + str(derived) in n for n in plan.notes)
    assert "Item 1.1" in [i.title for i in plan.items if i.parent_ref == item.ref]


def test_smartlevel_tree_is_kept(cast):
    framework = framework_import(
        actor=None, plan=parse_case(SMARTLEVEL.read_bytes()), owner=cast.region
    )
    tree = {item.title: item.parent.title if item.parent else "" for item in framework.items.all()}
    assert tree["Item 1"] == "" and tree["Item 1.1"] == "Item 1"
    ordered = [i.title for i in framework.items.filter(parent=None).order_by("position")]
    assert ordered[:2] == ["Item 1", "Item 2"]


def test_lenient_reading_of_a_hand_written_package():
    package = {
        "CFDocument": {"identifier": "DOC-1", "title": "Handskriven", "description": None},
        "CFItems": [
            {"identifier": "A1B2C3D4-0000-4000-8000-000000000001", "fullStatement": "Första"},
            {"identifier": "x-2", "fullStatement": "Andra " + "o" * 400, "educationalLevel": "3"},
        ],
        "CFAssociations": [
            {
                "associationType": "isChildOf",
                "sequenceNumber": "2",
                "originNodeURI": {"identifier": "x-2"},
                "destinationNodeURI": {"identifier": "A1B2C3D4-0000-4000-8000-000000000001"},
            },
        ],
    }
    plan = parse_case(json.dumps(package).encode("utf-8"))
    assert plan.errors == []
    notes = "\n".join(plan.notes)
    assert "upper case" in notes and "outside the CASE 1.1 UUID pattern" in notes
    assert "description" in notes and "not attached to the tree" in notes
    assert "longer than 300" in notes
    first, second = plan.items
    assert str(first.identifier) == "a1b2c3d4-0000-4000-8000-000000000001"
    assert second.parent_ref == first.ref and len(second.title) == 300
    assert second.extra["case"]["fullStatement"].endswith("o" * 400)
    assert second.extra["case"]["educationLevel"] == ["3"]
    assert plan.framework.description == ""


def test_case_errors_are_reported_not_raised(cast):
    assert "not valid JSON" in str(parse_case(b'{"CFDocument": {"title": "x"').errors[0])
    assert "no CFDocument" in str(parse_case(b"[1, 2]").errors[0])
    cyclic = {
        "CFDocument": {"identifier": str(uuid.uuid4()), "title": "Cykel"},
        "CFItems": [
            {"identifier": "a", "fullStatement": "A"},
            {"identifier": "b", "fullStatement": ""},
        ],
        "CFAssociations": [
            {
                "associationType": "isChildOf",
                "originNodeURI": {"identifier": "a"},
                "destinationNodeURI": {"identifier": "b"},
            },
            {
                "associationType": "isChildOf",
                "originNodeURI": {"identifier": "b"},
                "destinationNodeURI": {"identifier": "a"},
            },
        ],
    }
    plan = parse_case(json.dumps(cyclic).encode("utf-8"))
    messages = [str(error) for error in plan.errors]
    assert any("Parent cycle" in m for m in messages)
    assert any("fullStatement is empty" in m for m in messages)
    assert Item.objects.count() == 0
