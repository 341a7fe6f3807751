"""Reading HR exports: encodings, delimiters, quoting, XLSX, dates, extents and headers."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import Workbook

from stegvis.people.hr_import import read_upload, suggest_mapping
from stegvis.people.hr_import.values import parse_date, parse_extent, parse_permanent


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English, the language of the message ids."""
    with translation.override("en"):
        yield


SV = "Anställningsnummer;Förnamn;Efternamn;Enhet\r\n17;Åsa;Öberg;1001\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SV.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SV.encode("utf-8"), "utf-8-sig"),
        (SV.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_are_detected_and_reported(data, encoding):
    sheet = read_upload(data, "export.csv")
    assert sheet.encoding == encoding
    assert sheet.headers == ["Anställningsnummer", "Förnamn", "Efternamn", "Enhet"]
    assert sheet.rows[0].cells == ["17", "Åsa", "Öberg", "1001"]
    assert sheet.rows[0].line == 2


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiter_is_sniffed(delimiter):
    text = delimiter.join(["Medarbejdernummer", "Fornavn", "Efternavn"]) + "\n"
    text += delimiter.join(["5", '"Jensen, Mette"', "Ø"]) + "\n"
    sheet = read_upload(text.encode(), "a.csv")
    assert sheet.delimiter == delimiter
    assert sheet.rows[0].cells == ["5", "Jensen, Mette", "Ø"]


def test_quoted_cells_with_separators_newlines_and_quotes():
    data = b'a;b;c\n"x;y";"two\nlines";"say ""hi"""\n4;5;6\n'
    sheet = read_upload(data, "a.csv")
    assert sheet.rows[0].cells == ["x;y", "two\nlines", 'say "hi"']
    assert [row.line for row in sheet.rows] == [2, 4]


def test_unterminated_quote_is_a_clear_problem_not_a_traceback():
    sheet = read_upload(b'a;b\n1;2\n3;"cut off\n5;6\n', "a.csv")
    assert len(sheet.problems) == 1
    assert sheet.problems[0].line == 3
    assert "quote" in sheet.problems[0].message


def test_wrong_encoding_override_names_the_line():
    data = "a;b\n1;2\n3;Gärdet\n".encode("cp1252")
    sheet = read_upload(data, "a.csv", encoding="utf-8")
    assert sheet.problems[0].line == 3
    assert "utf-8" in sheet.problems[0].message


def test_utf16_and_binary_files_are_refused_plainly():
    assert read_upload("a;b\n".encode("utf-16"), "a.csv").problems
    assert read_upload(b"\x00\x01\x02junk", "a.csv").problems
    assert "Excel" in read_upload(b"PK\x03\x04broken", "a.xlsx").problems[0].message


def test_empty_file():
    assert read_upload(b"", "a.csv").problems[0].message


def test_huge_cell_is_read_and_left_to_the_planner():
    sheet = read_upload(b"a;b\n1;" + b"x" * 200_000 + b"\n", "a.csv")
    assert not sheet.problems
    assert len(sheet.rows[0].cells[1]) == 200_000


def test_xlsx_with_date_cells_and_numbers():
    workbook = Workbook()
    ws = workbook.active
    ws.append(["Anst.nr", "Förnamn", "Startdatum", "Omfattning", None])
    ws.append([1234, "Åsa", datetime.datetime(2024, 3, 1), 0.75, None])
    ws.append([None, None, None, None, None])
    ws.append([1235, "Bo", datetime.date(2023, 1, 2), 100])
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = read_upload(buffer.getvalue(), "export.xlsx")
    assert sheet.encoding == "xlsx"
    assert sheet.headers == ["Anst.nr", "Förnamn", "Startdatum", "Omfattning"]
    assert sheet.rows[0].cells == ["1234", "Åsa", datetime.date(2024, 3, 1), "0.75"]
    assert sheet.rows[1].line == 4
    assert parse_extent(sheet.rows[0].cells[3]) == 75


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-01",
        "20240301",
        "01.03.2024",
        "01-03-2024",
        "01/03/2024",
        "1.3.2024",
        "2024-03-01 00:00:00",
    ],
)
def test_date_formats(text):
    assert parse_date(text) == datetime.date(2024, 3, 1)


@pytest.mark.parametrize("text", ["2024-02-30", "31/31/2024", "next week", "240301"])
def test_bad_dates(text):
    with pytest.raises(ValidationError):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "percent"),
    [("75", 75), ("75 %", 75), ("75,0", 75), ("0,75", 75), ("0.5", 50), ("100", 100), ("1,0", 100)],
)
def test_extents(text, percent):
    assert parse_extent(text) == percent


@pytest.mark.parametrize("text", ["0", "150", "many", "-5", "NaN"])
def test_bad_extents(text):
    with pytest.raises(ValidationError):
        parse_extent(text)


def test_forms_of_employment():
    assert parse_permanent("Tillsvidare") and parse_permanent("Fastansat") and parse_permanent("")
    assert not parse_permanent("Allmän visstid") and not parse_permanent("Tidsbegrænset")
    with pytest.raises(ValidationError):
        parse_permanent("kanske")


def test_suggested_mapping_swedish_headers():
    headers = [
        "Personnummer",
        "Förnamn",
        "Efternamn",
        "E-post",
        "Mobil",
        "Anst.nr",
        "Enhetskod",
        "Befattning",
        "Sysselsättningsgrad",
        "Startdatum",
        "Slutdatum",
        "Anställningsform",
        "Yrkesverksam sedan",
        "Anställnings-ID",
        "Okänd",
    ]
    assert suggest_mapping(headers) == {
        "identity_number": "Personnummer",
        "first_name": "Förnamn",
        "last_name": "Efternamn",
        "email": "E-post",
        "phone": "Mobil",
        "employee_number": "Anst.nr",
        "unit": "Enhetskod",
        "job_title": "Befattning",
        "extent": "Sysselsättningsgrad",
        "start_date": "Startdatum",
        "end_date": "Slutdatum",
        "employment_form": "Anställningsform",
        "profession_start_date": "Yrkesverksam sedan",
        "employment_key": "Anställnings-ID",
    }


def test_suggested_mapping_danish_headers():
    headers = [
        "CPR-nummer",
        "Fornavn",
        "Efternavn",
        "E-mail",
        "Telefon",
        "Løn nr",
        "Arbejdssted",
        "Stillingsbetegnelse",
        "%",
        "Fra dato",
        "Til dato",
        "Ansættelsesform",
        "Ansættelses-id",
    ]
    mapping = suggest_mapping(headers)
    assert mapping["identity_number"] == "CPR-nummer"
    assert mapping["employee_number"] == "Løn nr"
    assert mapping["unit"] == "Arbejdssted"
    assert mapping["job_title"] == "Stillingsbetegnelse"
    assert mapping["extent"] == "%"
    assert mapping["start_date"] == "Fra dato"
    assert mapping["end_date"] == "Til dato"
    assert mapping["employment_key"] == "Ansættelses-id"
    assert len(mapping) == 13
