"""``manage.py import_framework`` and ``export_framework``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from stegvis.competences.interop.case import case_schema_errors
from stegvis.competences.models import Framework, Item
from tests.competences.test_interop_moodle import build_framework, csv_rows, snapshot

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
OECD = DATA / "moodle" / "oecd-framework-example.csv"
OPENSALT = DATA / "case" / "opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_dry_run_previews_and_writes_nothing(cast):
    out, _err = run(
        "import_framework", str(OECD), "--format", "moodle", "--region", "fyrbodal", "--dry-run"
    )
    assert "New framework: OECD" in out
    assert "Items: 64 new, 0 changed, 0 unchanged, 0 not in the file" in out
    assert "+ DR-AT1 Distinguishes between critical" in out
    assert "Dry run: nothing was written." in out
    assert Framework.objects.count() == 0


def test_import_writes_the_framework(cast):
    out, _err = run("import_framework", str(OECD), "--municipality", "1485")
    framework = Framework.objects.get()
    assert f"Imported OECD v1 (id {framework.pk})." in out
    assert framework.municipality == cast.uddevalla and framework.items.count() == 64


def test_import_of_a_case_package_prints_the_notes(cast):
    out, _err = run("import_framework", str(OPENSALT), "--region", "fyrbodal")
    assert "Note: CFItems with the CASE 1.0 field educationalLevel (16)" in out
    assert Framework.objects.get().items.count() == 16


def test_errors_are_printed_with_line_numbers(cast, tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_bytes(
        OECD.read_bytes().replace(b"\ndelivery,drafting-skills", b"\nnowhere,drafting-skills")
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"1 error\(s\): nothing was imported"):
        call_command(
            "import_framework",
            str(broken),
            "--region",
            "fyrbodal",
            stderr=err,
            stdout=io.StringIO(),
        )
    assert "Error: Line 31: Unknown parent Id number nowhere." in err.getvalue()
    assert Framework.objects.count() == Item.objects.count() == 0


def test_errors_fail_the_command(cast, tmp_path, capsys):
    """A CommandError makes manage.py exit with status 1 (Django's run_from_argv). It is raised
    here through call_command: run_from_argv would close the test database connection."""
    broken = tmp_path / "broken.csv"
    broken.write_bytes(OECD.read_bytes()[:5000])
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_framework", str(broken), "--region", "fyrbodal")
    assert "never closed" in capsys.readouterr().err
    assert Framework.objects.count() == 0


def test_import_into_adds_a_version(cast, tmp_path):
    original = build_framework(cast.region)
    exported = tmp_path / "vo.csv"
    run("export_framework", str(original.pk), "--format", "moodle", "--output", str(exported))
    out, _err = run("import_framework", str(exported), "--into", str(original.pk))
    assert f"New version 2 of {original.title} (after version 1)" in out
    assert "Items: 0 new, 0 changed, 8 unchanged, 0 not in the file" in out
    version2 = Framework.objects.get(lineage=original.lineage, version=2)
    assert snapshot(version2) == snapshot(original) and version2.region == cast.region


def test_import_needs_an_owner_and_a_readable_file(cast, tmp_path):
    with pytest.raises(CommandError, match="--region SLUG or --municipality CODE"):
        run("import_framework", str(OECD))
    with pytest.raises(CommandError, match="No such owner"):
        run("import_framework", str(OECD), "--region", "nowhere")
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_framework", str(tmp_path / "missing.csv"), "--region", "fyrbodal")
    with pytest.raises(CommandError, match="--format"):
        run("import_framework", str(tmp_path / "file.txt"), "--region", "fyrbodal")
    with pytest.raises(CommandError, match="no framework with id 999"):
        run("import_framework", str(OECD), "--into", "999")


def test_export_moodle_to_standard_output(cast):
    framework = build_framework(cast.region)
    out, _err = run("export_framework", str(framework.pk), "--format", "moodle")
    rows = csv_rows(out)
    assert rows[1][1] == "VO-GRUND" and len(rows) == 2 + framework.items.count()


def test_export_case_to_a_file(cast, tmp_path):
    framework = build_framework(cast.region)
    target = tmp_path / "vo.json"
    _out, err = run(
        "export_framework",
        str(framework.pk),
        "--format",
        "case",
        "--output",
        str(target),
        "--base-url",
        "https://stegvis.example.org",
    )
    assert "Wrote" in err
    package = json.loads(target.read_text(encoding="utf-8"))
    assert package["CFDocument"]["uri"].startswith("https://stegvis.example.org/case/v1p1/")
    schema = json.loads((DATA / "case" / "case-v1p1-cfpackage-schema.json").read_text("utf-8"))
    assert case_schema_errors(package, schema) == []


def test_export_of_an_unknown_framework(cast):
    with pytest.raises(CommandError, match="no framework with id 999"):
        run("export_framework", "999", "--format", "case")
