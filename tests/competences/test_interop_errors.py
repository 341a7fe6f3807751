"""Hostile and broken files: every problem becomes a plain error with its line number, never a
traceback, and a failed import writes nothing at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from stegvis.competences.interop import importing
from stegvis.competences.interop.importing import framework_import, parse_file
from stegvis.competences.interop.moodle import COLUMNS, parse_moodle
from stegvis.competences.models import Framework, Item, Source
from stegvis.core.models import AuditEvent

OECD = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "moodle"
OECD = OECD / "oecd-framework-example.csv"
HEADER = ",".join(f'"{column}"' for column in COLUMNS)
FRAMEWORK_ROW = ',FW,"Ramverk","",2,"Not yet competent,Competent","[]",,,,,,1,'


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def moodle(*rows: str, framework: bool = True) -> bytes:
    lines = [HEADER, *([FRAMEWORK_ROW] if framework else []), *rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def row(parent: str, idnumber: str, shortname: str, description: str = "") -> str:
    return f'{parent},{idnumber},"{shortname}","{description}",2,,,,0,null,,,,'


def errors(data: bytes) -> list[str]:
    return [str(error) for error in parse_moodle(data).errors]


def counts() -> tuple[int, int, int, int]:
    return (
        Framework.objects.count(),
        Item.objects.count(),
        Source.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_well_formed_small_file_is_fine():
    plan = parse_moodle(moodle(row("", "A", "Area"), row("A", "A.1", "Competence")))
    assert plan.errors == [] and [i.parent_ref for i in plan.items] == ["", "A"]


def test_truncated_file_is_a_clear_error():
    data = OECD.read_bytes()
    cut = data[: data.index(b"Analytical Thinking is the ability") + 20]
    plan = parse_moodle(cut)
    assert len(plan.errors) == 1
    message = str(plan.errors[0])
    assert message.startswith("Line 21:") and "never closed" in message
    assert "cut off" in message


def test_stray_quote_is_a_clear_error():
    data = moodle(row("", "A", "Area"), 'A,A.1,"Half "quoted" title",,2,,,,0,null,,,,')
    assert errors(data) == ["Line 4: The CSV is ill-formed here (',' expected after '\"')."]


def test_windows_1252_file_with_swedish_letters():
    text = (
        moodle(row("", "Å1", "Äldreomsorg", "Bemötande"), row("Å1", "Å1.1", "Förflyttning"))
    ).decode("utf-8")
    plan = parse_moodle(text.encode("cp1252"))
    assert plan.errors == [] and plan.encoding == "cp1252"
    assert any("Windows-1252" in note for note in plan.notes)
    assert [item.title for item in plan.items] == ["Äldreomsorg", "Förflyttning"]
    assert plan.items[1].parent_ref == "Å1" and plan.items[0].description == "Bemötande"


def test_neither_utf8_nor_windows_1252():
    assert errors(moodle(row("", "A", "Area")) + b"\x81\xff") == [
        "The file is neither UTF-8 nor Windows-1252 text."
    ]
    assert "UTF-16" in errors("a,b".encode("utf-16"))[0]


def test_duplicate_id_number():
    data = moodle(row("", "A", "Area"), row("A", "A.1", "One"), row("A", "A.1", "Two"))
    assert errors(data) == ["Line 5: Duplicate Id number A.1 (first used on line 4)."]


def test_unknown_parent():
    data = moodle(row("", "A", "Area"), row("X", "A.1", "Orphan"))
    assert errors(data) == ["Line 4: Unknown parent Id number X."]


def test_parent_cycle():
    data = moodle(row("", "A", "Area"), row("C", "B", "Bee"), row("B", "C", "Sea"))
    assert errors(data) == ["Line 4: Parent cycle: B → C → B."]
    assert errors(moodle(row("S", "S", "Self"))) == ["Line 3: Parent cycle: S → S."]


def test_missing_id_number_and_empty_shortname():
    data = moodle(row("", "", "No id"), row("", "B", "  "))
    assert errors(data) == ["Line 3: The Id number is missing.", "Line 4: Shortname is empty."]


def test_framework_rows():
    assert errors(moodle(row("", "A", "Area"), framework=False)) == [
        "The file has no framework row (Is framework = 1)."
    ]
    twice = moodle(FRAMEWORK_ROW.replace("FW", "FW2"), row("", "A", "Area"))
    assert errors(twice) == [
        "Line 3: A second framework row (the first is on line 2): one file holds one framework."
    ]


def test_rows_with_the_wrong_number_of_values():
    data = moodle(row("", "A", "Area"), "A,A.1,Short")
    assert errors(data) == ["Line 4: The row has 3 values; the header has 14."]


def test_not_a_moodle_file():
    assert errors(b"") == ["The file is empty."]
    assert errors(b"name;code\nx;y\n") == [
        "Line 1: The file is not comma separated; save it as CSV with commas."
    ]
    message = errors(b"Id number,Shortname\nA,B\n")[0]
    assert message.startswith("Line 1: This is not a Moodle competency framework file")
    assert "Parent id number" in message and "Taxonomy" in message


def test_values_too_long_for_the_model():
    data = moodle(row("", "A" * 101, "Area"), row("", "B", "T" * 301))
    assert errors(data) == [
        "Line 3: The code is longer than 100 characters.",
        "Line 4: Shortname is longer than 300 characters.",
    ]


def test_bad_kind_cells():
    goal_without_form = row("", "A", "Area") + "goal"
    assert errors(moodle(goal_without_form)) == ["Line 3: A knowledge goal needs a knowledge form."]
    plan = parse_moodle(moodle(row("", "A", "Area") + "behaviour"))
    assert plan.errors == [] and plan.items[0].extra == {"moodle": {"taxonomy": "behaviour"}}


def test_a_failed_import_leaves_the_database_unchanged(cast):
    data = moodle(row("", "A", "Area"), row("A", "A.1", "One"), row("Z", "A.2", "Lost"))
    plan = parse_file(data, format="moodle", file_name="broken.csv")
    before = counts()
    with pytest.raises(ValidationError) as raised:
        framework_import(actor=cast.coordinator.user, plan=plan, owner=cast.region)
    assert raised.value.messages == ["Line 5: Unknown parent Id number Z."]
    assert counts() == before


def test_a_truncated_file_writes_nothing(cast):
    data = OECD.read_bytes()
    plan = parse_moodle(data[: len(data) // 2])
    before = counts()
    with pytest.raises(ValidationError, match="never closed"):
        framework_import(actor=None, plan=plan, owner=cast.region)
    assert counts() == before


def test_a_failure_while_writing_rolls_everything_back(cast, monkeypatch):
    """All or nothing: items already inserted are rolled back when a later step fails."""
    plan = parse_moodle(OECD.read_bytes())

    def fail(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(importing, "log_action", fail)
    before = counts()
    with pytest.raises(RuntimeError):
        framework_import(actor=None, plan=plan, owner=cast.region)
    assert counts() == before
