"""Moodle competency-framework CSV: read Moodle's own example exactly, write the same layout,
and make the round trip without losing anything."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from stegvis.competences.interop.importing import framework_import, parse_file, preview_import
from stegvis.competences.interop.moodle import COLUMNS, export_moodle, parse_moodle
from stegvis.competences.models import Framework, Item
from stegvis.core.models import AuditEvent

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
OECD = DATA / "moodle" / "oecd-framework-example.csv"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def add_item(framework, parent, kind, code, title, position, **fields) -> Item:
    return Item.objects.create(
        framework=framework,
        parent=parent,
        kind=kind,
        code=code,
        title=title,
        position=position,
        **fields,
    )


def build_framework(owner, *, published: bool = True, extra: dict | None = None) -> Framework:
    """A framework of ours: areas, competences and goals, positions not in tree order, an item
    without a code, a top-level competence, multi-line text with quotes, commas and åäö."""
    framework = Framework.objects.create(
        region=owner,
        title="Vård och omsorg – grundkompetens",
        code="VO-GRUND",
        description='Regionens gemensamma modell.\nMed "citat", kommatecken och åäö.',
        published_at=timezone.now() if published else None,
        valid_from=datetime.date(2025, 1, 1) if published else None,
    )
    area = add_item(framework, None, "area", "A", "Bemötande", 0)
    hygiene = add_item(framework, None, "area", "B", "Hygien", 1)
    talk = add_item(
        framework,
        area,
        "competence",
        "A.1",
        "Kommunikation",
        2,
        description='Flera rader,\nmed "citat" och <b>tecken</b>.',
        extra=extra or {"moodle": {"cross_references": "B.1"}},
    )
    add_item(framework, talk, "goal", "A.1.1", "Känna till lagen", 3, knowledge_form="facts")
    add_item(framework, talk, "goal", "", "Kunna lyssna aktivt", 4, knowledge_form="skill")
    add_item(framework, hygiene, "goal", "B.1", "Basala hygienrutiner", 5, knowledge_form="skill")
    add_item(framework, area, "competence", "A.2", "Etik ", 6)
    add_item(framework, None, "competence", "C", "Självständig kompetens", 7)
    return framework


def snapshot(framework: Framework) -> list[tuple]:
    """Everything the round trip must keep, independent of database ids."""

    def ref(item: Item) -> str:
        return item.code or str(item.identifier)

    return sorted(
        (
            ref(item),
            item.code,
            item.title,
            item.description,
            ref(item.parent) if item.parent else "",
            item.kind,
            item.knowledge_form,
            item.position,
            item.extra,
        )
        for item in framework.items.select_related("parent")
    )


def test_reads_moodle_example_exactly():
    plan = parse_moodle(OECD.read_bytes(), file_name=OECD.name)
    assert plan.errors == [] and plan.encoding == "utf-8"
    original = csv_rows(OECD.read_bytes().decode("utf-8"))
    framework_row = original[1]
    assert plan.framework.code == "OECD-CORE" and plan.framework.title == "OECD"
    assert plan.framework.description == framework_row[3]
    assert "\r\n" in plan.framework.description
    assert plan.framework.extra["moodle"]["scale_configuration"] == (
        '[{"scaleid":"2"},{"id":2,"scaledefault":1,"proficient":1}]'
    )
    assert (
        plan.framework.extra["moodle"]["taxonomy"] == "competency,competency,competency,competency"
    )
    assert len(plan.items) == 64
    first = plan.items[0]
    assert (first.code, first.title, first.parent_ref, first.line) == ("levels", "Levels", "", 7)
    level1 = next(item for item in plan.items if item.code == "level-1")
    assert level1.extra["moodle"]["cross_references"].startswith("S-DT-1,S-DT-2")
    assert level1.extra["moodle"]["exported_id"] == "2" and level1.parent_ref == "levels"
    kinds = {item.code: item.kind for item in plan.items}
    assert kinds["levels"] == kinds["competencies"] == "area"
    assert kinds["delivery"] == kinds["DR-AT1"] == "competence"
    assert [item.position for item in plan.items] == list(range(64))


def test_moodle_example_comes_back_cell_for_cell(cast):
    plan = parse_moodle(OECD.read_bytes(), file_name=OECD.name)
    framework = framework_import(actor=cast.coordinator.user, plan=plan, owner=cast.region)
    exported = export_moodle(framework)
    assert csv_rows(exported) == csv_rows(OECD.read_bytes().decode("utf-8"))
    assert framework.items.get(code="analytical-thinking").parent.code == "delivery"


def test_a_byte_order_mark_is_accepted():
    plan = parse_moodle(b"\xef\xbb\xbf" + OECD.read_bytes())
    assert plan.errors == [] and plan.encoding == "utf-8-sig"
    assert len(plan.items) == 64
    assert any("byte order mark" in note for note in plan.notes)


def test_export_has_moodles_layout(cast):
    framework = build_framework(cast.region)
    rows = csv_rows(export_moodle(framework))
    assert tuple(rows[0]) == COLUMNS
    assert all(len(row) == 14 for row in rows)
    header = {name: index for index, name in enumerate(COLUMNS)}
    framework_row = rows[1]
    assert framework_row[header["Is framework"]] == "1"
    assert framework_row[header["Id number"]] == "VO-GRUND"
    assert framework_row[header["Taxonomy"]] == "domain,competency,outcome"
    assert framework_row[header["Scale values"]] == "Not yet competent,Competent"
    by_title = {row[header["Shortname"]]: row for row in rows[2:]}
    goal = by_title["Känna till lagen"]
    assert goal[header["Parent id number"]] == "A.1"
    assert goal[header["Taxonomy"]] == "goal/facts"
    assert by_title["Kommunikation"][header["Taxonomy"]] == ""
    assert by_title["Självständig kompetens"][header["Taxonomy"]] == "competence"
    no_code = framework.items.get(title="Kunna lyssna aktivt")
    assert by_title["Kunna lyssna aktivt"][header["Id number"]] == str(no_code.identifier)
    # rows follow the positions, not the tree: Hygien (1) comes before Kommunikation (2)
    assert [row[header["Id number"]] for row in rows[2:5]] == ["A", "B", "A.1"]


def test_our_framework_makes_the_round_trip(cast):
    original = build_framework(cast.region)
    exported = export_moodle(original).encode("utf-8")
    plan = parse_file(exported, format="moodle", file_name="vo.csv")
    assert plan.errors == []
    copy = framework_import(actor=None, plan=plan, owner=cast.region)
    assert snapshot(copy) == snapshot(original)
    assert (copy.title, copy.code, copy.description) == (
        original.title,
        original.code,
        original.description,
    )
    assert copy.extra == original.extra == {}
    assert copy.lineage != original.lineage and copy.version == 1
    assert copy.is_draft and copy.source.kind == "import"


def test_import_into_an_existing_framework_adds_a_version(cast):
    original = build_framework(cast.region)
    rows = csv_rows(export_moodle(original))
    rows[3][2] = "Hygien och smittskydd"  # B renamed
    rows = [row for row in rows if row[1] != "A.2"]  # A.2 dropped
    rows.append(["A", "A.3", "Dokumentation", "", "2", "", "", "", "0", "null", "", "", "", ""])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    plan = parse_moodle(buffer.getvalue().encode("utf-8"))
    assert plan.errors == []

    preview = preview_import(plan, into=original)
    assert preview.version == 2 and preview.base == original
    assert [change.code for change in preview.created] == ["A.3"]
    assert [(change.code, change.fields) for change in preview.changed] == [("B", ["title"])]
    assert [change.code for change in preview.removed] == ["A.2"]
    assert len(preview.unchanged) == 6

    before = snapshot(original)
    version2 = framework_import(
        actor=cast.coordinator.user, plan=plan, owner=cast.region, into=original
    )
    assert (version2.lineage, version2.version) == (original.lineage, 2)
    assert snapshot(original) == before  # the published version is untouched
    for code in ("A", "B", "A.1", "C"):
        assert version2.items.get(code=code).identifier == original.items.get(code=code).identifier
    lyssna = original.items.get(title="Kunna lyssna aktivt")
    assert version2.items.get(title="Kunna lyssna aktivt").identifier == lyssna.identifier
    assert not version2.items.filter(code="A.2").exists()


def test_importing_into_a_framework_with_a_draft_is_refused(cast):
    draft = build_framework(cast.region, published=False)
    plan = parse_moodle(export_moodle(draft).encode("utf-8"))
    assert "still a draft" in str(preview_import(plan, into=draft).errors[0])
    with pytest.raises(ValidationError, match="still a draft"):
        framework_import(actor=None, plan=plan, owner=cast.region, into=draft)
    assert Framework.objects.filter(lineage=draft.lineage).count() == 1


def test_importing_into_another_owners_framework_is_refused(cast):
    original = build_framework(cast.region)
    plan = parse_moodle(export_moodle(original).encode("utf-8"))
    with pytest.raises(ValidationError, match="belongs to Fyrbodal"):
        framework_import(actor=None, plan=plan, owner=cast.uddevalla, into=original)


def test_import_is_audited(cast):
    plan = parse_moodle(OECD.read_bytes(), file_name=OECD.name)
    framework = framework_import(actor=cast.coordinator.user, plan=plan, owner=cast.uddevalla)
    event = AuditEvent.objects.get(action="competences.framework.imported")
    assert event.source == "import" and event.actor == cast.coordinator.user
    assert event.target_id == framework.pk
    assert event.data["file"] == OECD.name and event.data["items"] == 64
    assert event.message % event.data == "Framework OECD version 1 imported from " + OECD.name
    assert framework.municipality == cast.uddevalla and framework.language == "sv"


def test_a_file_back_from_moodle_keeps_what_moodle_cannot_carry(cast):
    """Moodle drops the Taxonomy cells of competency rows when it exports: imported into our
    framework, items keep their kinds and knowledge forms and the keys of extra Moodle has no
    column for."""
    original = build_framework(cast.region, extra={"page": 12})
    original.extra = {"decided_by": "Direktionen 2025-01-01"}
    original.save()
    rows = csv_rows(export_moodle(original))
    for row in rows[2:]:
        row[13] = ""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    plan = parse_moodle(buffer.getvalue().encode("utf-8"))
    assert plan.items[3].kind == "competence"  # on its own the file has no goals

    preview = preview_import(plan, into=original)
    assert preview.changed == [] and len(preview.unchanged) == 8
    version2 = framework_import(actor=None, plan=plan, owner=cast.region, into=original)
    assert snapshot(version2) == snapshot(original)
    assert version2.items.get(code="A.1").extra == {"page": 12}
    assert version2.extra["decided_by"] == original.extra["decided_by"]
