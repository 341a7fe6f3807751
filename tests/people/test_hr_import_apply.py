"""Planning and applying an HR import: create/change/end, errors per line, all or nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from stegvis.core.models import AuditEvent
from stegvis.people.hr_import import (
    apply_import,
    error_report_csv,
    plan_import,
    read_upload,
    record_plan,
    suggest_mapping,
)
from stegvis.people.identity import identity_number_hash
from stegvis.people.models import Employment, ImportReport, Person

TODAY = datetime.date(2026, 11, 24)
HEADER = (
    "Anställningsnummer;Personnummer;Förnamn;Efternamn;E-post;Enhet;Befattning;"
    "Sysselsättningsgrad;Startdatum;Slutdatum;Anställnings-id"
)


def pnr(birth: str, serial: str) -> str:
    """A valid personnummer for YYYYMMDD and a three-digit serial."""
    digits = birth[2:] + serial
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"{birth}-{serial}{(10 - total % 10) % 10}"


A = pnr("19800101", "123")
B = pnr("19851224", "456")


def line(
    number,
    identity,
    first,
    last,
    unit="S1",
    title="underskoterska",
    extent="75",
    start="2024-01-01",
    end="",
    key="",
):
    return ";".join(
        [
            number,
            identity,
            first,
            last,
            f"p{number}@example.org",
            unit,
            title,
            extent,
            start,
            end,
            key,
        ]
    )


def csv_bytes(*rows: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join([HEADER, *rows]) + "\r\n").encode(encoding)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def org(cast):
    cast.solgarden.source_key = "S1"
    cast.solgarden.save()
    cast.linden.source_key = "L1"
    cast.linden.save()
    return cast


def plan(org, data: bytes, **kwargs):
    sheet = read_upload(data, "heroma.csv")
    return plan_import(sheet, suggest_mapping(sheet.headers), org.uddevalla, on=TODAY, **kwargs)


def run(org, data: bytes, **kwargs):
    the_plan = plan(org, data, **kwargs)
    report = ImportReport.objects.create(municipality=org.uddevalla, file_name="heroma.csv")
    return apply_import(
        the_plan, actor=org.hr.user, municipality=org.uddevalla, report=report
    ), report


def snapshot():
    return Person.objects.count(), Employment.objects.count(), AuditEvent.objects.count()


def test_fresh_import_creates_people_and_employments(org):
    data = csv_bytes(
        line("101", A, "Åsa", "Öberg", key="E1"),
        line("102", B, "Bo", "Ek", unit="L1", title="Stödassistent", extent="0,5"),
    )
    counts, report = run(org, data)
    assert counts["persons_created"] == 2 and counts["employments_created"] == 2
    asa = Person.objects.get(municipality=org.uddevalla, employee_number="101")
    assert asa.identity_number == A  # decrypted on read, encrypted at rest
    assert asa.identity_number_hash == identity_number_hash(A)
    assert asa.region == org.region and asa.email == "p101@example.org"
    bo = Employment.objects.get(person__employee_number="102")
    assert (bo.unit, bo.job_title.code, bo.extent_percent) == (org.linden, "stodassistent", 50)
    assert report.status == "done" and report.counts["created"] == 4
    summary = AuditEvent.objects.get(action="people.import.applied")
    assert summary.source == "import" and summary.data["file"] == "heroma.csv"
    assert AuditEvent.objects.filter(action="people.person.created", target_id=asa.pk).exists()
    assert A not in str(list(AuditEvent.objects.values_list("data", flat=True)))


def test_reimport_of_the_same_file_changes_nothing(org):
    data = csv_bytes(line("101", A, "Åsa", "Öberg", key="E1"), line("102", B, "Bo", "Ek"))
    run(org, data)
    before = snapshot()
    counts, _report = run(org, data)
    assert counts["created"] == counts["changed"] == counts["ended"] == 0
    assert counts["unchanged"] == 4
    assert snapshot()[:2] == before[:2]
    assert AuditEvent.objects.count() == before[2] + 1  # only the import summary


def test_dry_run_lists_create_change_and_end(org):
    run(
        org,
        csv_bytes(line("101", A, "Åsa", "Öberg", key="E1"), line("102", B, "Bo", "Ek", key="E2")),
    )
    before = snapshot()
    the_plan = plan(
        org,
        csv_bytes(
            line("101", A, "Åsa", "Lind", extent="100", key="E1"),
            line("103", "", "Cecilia", "Ny", key="E3"),
        ),
    )
    assert snapshot() == before  # planning writes nothing
    assert [c.label for c in the_plan.persons_create] == ["Cecilia Ny (103)"]
    assert the_plan.persons_change[0].diff == {"last_name": ["Öberg", "Lind"]}
    assert the_plan.employments_change[0].diff == {"extent_percent": ["75", "100"]}
    assert [c.label for c in the_plan.employments_end] == ["E2"]
    assert the_plan.employments_end[0].values == {"end_date": TODAY - datetime.timedelta(days=1)}
    report = record_plan(ImportReport.objects.create(municipality=org.uddevalla), the_plan)
    assert report.status == "previewed" and report.dry_run and report.counts["ended"] == 1


def test_full_export_missing_an_employment_ends_it_and_keeps_the_row(org):
    run(
        org,
        csv_bytes(line("101", A, "Åsa", "Öberg", key="E1"), line("102", B, "Bo", "Ek", key="E2")),
    )
    counts, _report = run(org, csv_bytes(line("101", A, "Åsa", "Öberg", key="E1")))
    assert counts["ended"] == 1
    ended = Employment.objects.get(source_key="E2")
    assert ended.end_date == TODAY - datetime.timedelta(days=1)
    assert Employment.objects.get(source_key="E1").end_date is None
    again, _report = run(org, csv_bytes(line("101", A, "Åsa", "Öberg", key="E1")))
    assert again["ended"] == 0


def test_partial_export_ends_nothing(org):
    run(
        org,
        csv_bytes(line("101", A, "Åsa", "Öberg", key="E1"), line("102", B, "Bo", "Ek", key="E2")),
    )
    counts, _r = run(org, csv_bytes(line("101", A, "Åsa", "Öberg", key="E1")), full_export=False)
    assert counts["ended"] == 0


def test_person_found_by_identity_number_gets_the_employee_number(org):
    counts, _r = run(org, csv_bytes(line("555", "19900101-0017", "Anna", "Lindqvist", key="X")))
    assert counts["persons_created"] == 0
    org.employee.refresh_from_db()
    assert org.employee.employee_number == "555"
    event = AuditEvent.objects.filter(action="people.person.imported", target_id=org.employee.pk)
    assert "employee number" in event.get().data["fields"]


def test_errors_are_reported_per_line(org):
    data = csv_bytes(
        line("101", A, "Åsa", "Öberg", unit="NOPE"),
        line("102", B, "Bo", "Ek", start="2024-13-45"),
        line("101", "", "Åsa", "Igen"),
        line("104", "19800101-1234", "Fel", "Nummer"),
        line("105", "", "Ny", "Titel", title="Astronaut"),
        line("106", "", "", "Utan"),
        line("107", "", "Hög", "Grad", extent="250"),
        "108;;Kort;Rad",
        line("109", "", "X" * 1500, "Stor"),
        ";".join(["junk"] * 100),
    )
    the_plan = plan(org, data)
    by_line: dict[int, list[str]] = {}
    for problem in the_plan.problems:
        by_line.setdefault(problem.line, []).append(problem.message)
    assert "Unknown unit “NOPE”" in by_line[2][0]
    assert "not a date" in by_line[3][0]
    assert "also on line 2" in by_line[4][0]
    assert "check digit" in by_line[5][0] and "1234" not in by_line[5][0]
    assert "Unknown job title" in by_line[6][0]
    assert "First name is missing" in by_line[7][0]
    assert "outside 1–100" in by_line[8][0]
    assert "4 columns" in by_line[9][0]
    assert "longer than 100" in by_line[10][0]
    assert "100 columns" in by_line[11][0]
    assert the_plan.counts()["errors"] == len(the_plan.problems)


def test_danish_file_with_cpr(org, cast):
    randers_unit = cast.kildevang
    randers_unit.source_key = "K1"
    randers_unit.save()
    data = (
        "Løn nr;CPR-nummer;Fornavn;Efternavn;Arbejdssted;Stillingsbetegnelse;%;Fra dato;"
        "Ansættelsesform\r\n"
        "9;010190-1234;Mette;Sørensen;K1;Pædagogisk assistent;37 %;01.02.2024;Fastansat\r\n"
        "10;310290-1234;Dårlig;Dato;K1;pa;37;01.02.2024;Fastansat\r\n"
    ).encode("cp1252")
    sheet = read_upload(data, "sdlon.csv")
    the_plan = plan_import(sheet, suggest_mapping(sheet.headers), cast.randers, on=TODAY)
    assert [p.line for p in the_plan.problems] == [3]
    assert "CPR" in the_plan.problems[0].message
    ok = plan_import(
        read_upload(data.split(b"\r\n10;")[0] + b"\r\n", "sdlon.csv"),
        suggest_mapping(sheet.headers),
        cast.randers,
        on=TODAY,
    )
    report = ImportReport.objects.create(municipality=cast.randers, file_name="sdlon.csv")
    apply_import(ok, actor=None, municipality=cast.randers, report=report)
    person = Person.objects.get(municipality=cast.randers, employee_number="9")
    assert person.identity_number == "010190-1234"
    assert person.employments.get().extent_percent == 37


def test_one_bad_row_writes_nothing(org):
    before = snapshot()
    the_plan = plan(
        org, csv_bytes(line("101", A, "Åsa", "Öberg"), line("102", B, "Bo", "Ek", unit="NOPE"))
    )
    report = ImportReport.objects.create(municipality=org.uddevalla, file_name="x.csv")
    with pytest.raises(ValidationError):
        apply_import(the_plan, actor=org.hr.user, municipality=org.uddevalla, report=report)
    assert snapshot() == before


def test_truncated_file_is_refused(org):
    the_plan = plan(org, csv_bytes(line("101", A, "Åsa", "Öberg"), '102;;"Bo;Ek'))
    assert the_plan.problems and the_plan.problems[0].line == 3
    assert not the_plan.persons_create


def test_several_employments_of_one_person_need_employment_ids(org):
    ok = plan(
        org,
        csv_bytes(
            line("101", A, "Åsa", "Öberg", key="E1"),
            line("101", A, "Åsa", "Öberg", unit="L1", extent="25", key="E2"),
        ),
    )
    assert not ok.problems and len(ok.employments_create) == 2 and len(ok.persons_create) == 1


def test_progress_is_reported(org):
    seen = []
    rows = [line(str(1000 + n), "", f"P{n}", "Test", key=f"K{n}") for n in range(2500)]
    plan(org, csv_bytes(*rows), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1000, 2500), (2000, 2500), (2500, 2500)]


def test_error_report_csv_neutralises_formulas(org):
    report = ImportReport.objects.create(
        municipality=org.uddevalla,
        errors=[
            {"line": 2, "message": "=cmd|' /C calc'!A0"},
            {"line": 3, "message": "+SUM(A1)"},
            {"line": 4, "message": "-2+3"},
            {"line": 5, "message": "@SUM(1)"},
            {"line": 6, "message": "Unknown unit “X”"},
        ],
    )
    text = error_report_csv(report)
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[1:] == [
        "2;'=cmd|' /C calc'!A0",
        "3;'+SUM(A1)",
        "4;'-2+3",
        "5;'@SUM(1)",
        "6;Unknown unit “X”",
    ]


def test_phone_with_plus_is_plain_data(org):
    data = (
        "Anst.nr;Förnamn;Efternamn;Telefon;Enhet;Befattning;Startdatum\n"
        "7;Ida;Ek;+46 70 123 45 67;S1;underskoterska;2024-01-01\n"
    )
    sheet = read_upload(data.encode(), "a.csv")
    the_plan = plan_import(sheet, suggest_mapping(sheet.headers), org.uddevalla, on=TODAY)
    assert the_plan.persons_create[0].values["phone"] == "+46 70 123 45 67"
