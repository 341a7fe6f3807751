"""A 100,000-row export is read and planned whole, and a bad last row is found by its line.

The timed import and re-import of the same size live in bench/hr_import.py; this test checks
that nothing breaks or gets lost at that size.
"""

import datetime

import pytest
from django.utils import translation

from stegvis.people.hr_import import plan_import, read_upload, suggest_mapping
from tests import factories as f
from tests.people.test_hr_import_apply import pnr

ROWS = 100_000


def _export(rows: int, bad_last: bool) -> bytes:
    lines = [
        "Anställningsnummer;Personnummer;Förnamn;Efternamn;Enhet;Befattning;"
        "Sysselsättningsgrad;Startdatum;Anställnings-id"
    ]
    for n in range(rows):
        unit = "NOPE" if bad_last and n == rows - 1 else f"U{n % 5}"
        serial = f"{n // 15000:03d}"  # each (birth date, serial) pair is used once
        birth = (datetime.date(1960, 1, 1) + datetime.timedelta(days=n % 15000)).strftime("%Y%m%d")
        lines.append(
            f"{n};{pnr(birth, serial)};Anna;Berg;{unit};underskoterska;75 %;2020-01-01;E{n}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


@pytest.mark.django_db
def test_a_hundred_thousand_rows_are_planned_and_the_bad_one_is_named(cast):
    for n in range(5):
        f.UnitFactory(operating_area=cast.solgarden.operating_area, source_key=f"U{n}")
    sheet = read_upload(_export(ROWS, bad_last=True), "heroma.csv")
    assert len(sheet.rows) == ROWS and not sheet.problems
    seen = []
    with translation.override("en"):
        plan = plan_import(
            sheet,
            suggest_mapping(sheet.headers),
            cast.uddevalla,
            progress=lambda done, total: seen.append(done),
        )
    assert [p.line for p in plan.problems] == [ROWS + 1]  # the header is line 1
    assert "NOPE" in plan.problems[0].message
    # One generated number is the standard cast's employee's: that person is found, not created.
    assert len(plan.persons_create) + len(plan.persons_change) == ROWS - 1
    assert seen and seen[-1] >= ROWS - 1000
