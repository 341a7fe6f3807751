"""The matrix page and its exports: who sees them, what they show, what the files hold."""

from __future__ import annotations

import datetime
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from openpyxl import load_workbook

from stegvis.core.models import AuditEvent
from stegvis.courses.services import registration as reg
from stegvis.station.matrix import COLOURS, CellState
from tests.station.test_matrix import record, scenario, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(login):
    """Sign in as someone who reads English (the pages follow the person's language)."""

    def _login(person):
        person.preferred_language = "en"
        person.save(update_fields=["preferred_language"])
        return login(person)

    return _login


def url(cast, unit=None, **query):
    address = reverse("station:matrix", args=[(unit or cast.solgarden).pk])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def export(cast, fmt, unit=None):
    return reverse("station:matrix_export", args=[(unit or cast.solgarden).pk, fmt])


@pytest.mark.parametrize("who", ["manager", "hr", "admin"])
def test_followers_of_the_unit_see_the_matrix(cast, login, who):
    scenario(cast)
    with override("en"):
        response = login(getattr(cast, who)).get(url(cast))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Competence matrix: Solgården" in html
    assert "Åsa Öberg" in html
    assert "1 of 2 needed" in html
    assert "Shortfall: 1 more needed" in html


@pytest.mark.parametrize("who", ["employee", "colleague", "hr_other", "coordinator", "outsider"])
def test_others_get_404(cast, login, who):
    assert login(getattr(cast, who)).get(url(cast)).status_code == 404
    assert login(getattr(cast, who)).get(export(cast, "xlsx")).status_code == 404


def test_manager_of_one_unit_gets_404_for_another(cast, login):
    client = login(cast.manager)
    assert client.get(url(cast, cast.linden)).status_code == 404
    assert client.get(export(cast, "pdf", cast.linden)).status_code == 404
    assert not AuditEvent.objects.filter(action="station.matrix.exported").exists()


def test_hr_follows_every_unit_of_the_municipality_only(cast, login):
    client = login(cast.hr)
    assert client.get(url(cast, cast.linden)).status_code == 200
    assert client.get(url(cast, cast.ekbacken)).status_code == 404


def test_heatmap_and_table_are_both_there_and_not_by_colour_alone(cast, login):
    scenario(cast)
    with override("en"):
        html = login(cast.manager).get(url(cast)).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "aria-labelledby" in svg
    assert "<title" in svg and "<desc" in svg
    # every square carries its symbol and a title in words, besides its fill
    assert svg.count('class="matrix-cell ') == 12
    for symbol in "✓!✗?◐○–":
        assert f">{symbol}</text>" in svg
    assert "Åsa Öberg – Förflyttning: Expiring" in svg
    # the table alternative: a real table with header cells, inside <details>
    details = html[html.index("<details") : html.index("</details>")]
    assert '<th scope="col">Demensvård</th>' in details
    assert re.search(r'<th scope="row"><a href="[^"]+">Åsa Öberg</a></th>', details)
    assert "In progress: Demensvård steg 1" in details
    assert "Not applicable" in details
    # no inline styles or scripts (strict CSP)
    assert " style=" not in html and "<style" not in html
    assert "<script>" not in html and " onclick" not in html


def test_courses_that_teach_a_shortfall_are_linked(cast, login):
    model = scenario(cast)
    html = login(cast.manager).get(url(cast)).content.decode()
    assert reverse("courses:course", args=[model["course"].pk]) in html


def test_as_of_date_in_the_page_and_its_export_links(cast, login):
    scenario(cast)
    then = (timezone.localdate() - datetime.timedelta(days=20)).isoformat()
    with override("en"):
        html = login(cast.manager).get(url(cast, on=then)).content.decode()
    assert "Showing staff and records as they stood on" in html
    assert f'value="{then}"' in html
    assert f"matrix.xlsx?on={then}" in html


@pytest.mark.parametrize("bad", ["yesterday", "2025-02-30", "2025-13-01"])
def test_a_bad_date_means_today(cast, login, bad):
    response = login(cast.manager).get(url(cast, on=bad))
    assert response.status_code == 200
    assert f'value="{timezone.localdate().isoformat()}"' in response.content.decode()


def test_empty_unit_page(cast, login):
    with override("en"):
        html = login(cast.admin).get(url(cast, cast.ekbacken)).content.decode()
    assert "Nobody works in this unit on this date." in html
    assert "No requirements apply to this unit." in html


def test_post_is_refused(cast, login):
    assert login(cast.manager).post(url(cast)).status_code == 405


def test_xlsx_export_reads_back(cast, login):
    scenario(cast)
    with override("en"):
        response = login(cast.manager).get(export(cast, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="solgarden-' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Matrix", "States"]
    sheet = book["Matrix"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Competence matrix: Solgården"
    assert rows[2][1] == "Maria Berg"  # exported by
    header = rows[4]
    assert header[:4] == ["Name", "Job title", "Demensvård", "Basala hygienrutiner"]
    asa = next(r for r in rows if r[0] == "Åsa Öberg")
    assert asa[1] == "Undersköterska"
    assert asa[2] == "Met"
    assert asa[5].startswith("Expiring (")
    shortfall = next(r for r in rows if r[0] == "Shortfall")
    assert shortfall[2:6] == [1, 3, 1, 1]
    coverage = next(r for r in rows if r[0] == "Coverage")
    assert coverage[2] == "1 of 2 needed"
    # cells are filled by state
    met = sheet.cell(row=rows.index(asa) + 1, column=3)
    assert met.fill.fgColor.rgb == "FF" + COLOURS[CellState.MET][0].lstrip("#").upper()
    states = [r[0] for r in book["States"].iter_rows(min_row=2, max_row=8, values_only=True)]
    with override("en"):
        assert states == [str(s.label) for s in CellState]


def test_xlsx_never_holds_a_formula(cast, login):
    scenario(cast)
    staff(cast, '=HYPERLINK("http://x")', "Elak")
    response = login(cast.manager).get(export(cast, "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content))["Matrix"]
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [v for v in values if v.startswith("=")]
    assert '\'=HYPERLINK("http://x") Elak' in values


def test_every_export_is_logged(cast, login):
    scenario(cast)
    client = login(cast.manager)
    client.get(export(cast, "xlsx"))
    client.get(export(cast, "pdf") + "?on=2026-01-15")
    events = AuditEvent.objects.filter(action="station.matrix.exported").order_by("id")
    assert [e.data["format"] for e in events] == ["XLSX", "PDF"]
    assert events[1].data["on"] == "2026-01-15"
    assert {e.actor_id for e in events} == {cast.manager.user_id}
    assert {e.target_id for e in events} == {cast.solgarden.pk}
    assert events[0].data["people"] == 3


def test_unknown_format_is_404(cast, login):
    assert login(cast.manager).get(export(cast, "csv")).status_code == 404


def test_pdf_export(cast, login, tmp_path):
    scenario(cast)
    with override("en"):
        response = login(cast.hr).get(export(cast, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "matrix.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        [shutil.which("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Solgården" in text
    assert "Åsa Öberg" in text
    assert "Hanna Ek" in text  # who exported it
    assert "Demensvård" in text and "Shortfall: 1 more needed" in text
    pdfinfo = shutil.which("pdfinfo")
    info = (
        subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True).stdout
        if pdfinfo
        else ""
    )
    if info:
        width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
        assert width > height  # landscape
        assert round(width) == 842 and round(height) == 595  # A4


def test_pdf_splits_wide_matrices_into_parts(cast):
    from stegvis.station.matrix import unit_matrix
    from stegvis.station.matrix_pdf import parts

    scenario(cast)
    matrix = unit_matrix(cast.solgarden)
    assert [len(p.columns) for p in parts(matrix, width=3)] == [3, 1]
    assert [len(cells) for _n, _t, cells in parts(matrix, width=3)[1].rows] == [1, 1, 1]


def test_query_count_is_the_same_for_1_4_and_12_people(cast, login):
    model = scenario(cast)
    counts = {}
    client = login(cast.manager)
    client.get(url(cast))
    grown = 0
    for target in (1, 4, 12):
        while grown < target:
            person = staff(cast, f"Extra{grown}", "Personal")
            record(person, model["dementia"])
            record(person, model["hygiene"], "assessed", expires=timezone.localdate())
            reg.register(actor=None, offering=model["offering"], person=person)
            grown += 1
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(cast)).status_code == 200
        counts[target] = len(queries)
    assert counts[1] == counts[4] == counts[12], counts
    assert counts[12] <= 15


def test_stylesheets_use_the_state_colours():
    """The page's and the PDF's CSS give each state the same fill and ink as the heatmap."""
    stegvis = Path(settings.BASE_DIR) / "stegvis"
    for name in ("static/css/station.css", "station/templates/station/pdf/matrix.css"):
        css = (stegvis / name).read_text()
        for state, (fill, ink) in COLOURS.items():
            rule = f".matrix-state-cell--{state} {{ background: {fill}; color: {ink}; }}"
            assert rule in css, (name, state)


def test_the_pdf_fetches_nothing():
    from stegvis.core.pdf import no_fetcher as _no_fetcher

    with pytest.raises(ValueError, match="fetches nothing"):
        _no_fetcher()("http://127.0.0.1:9/secret")
    with pytest.raises(ValueError, match="fetches nothing"):
        _no_fetcher()("file:///etc/passwd")


def test_names_are_escaped_in_the_heatmap_and_the_table(cast, login):
    scenario(cast)
    staff(cast, "<b>Fet</b>", 'O"Hara')
    html = login(cast.manager).get(url(cast)).content.decode()
    assert "<b>Fet</b>" not in html
    assert "&lt;b&gt;Fet&lt;/b&gt; O&quot;Hara –" in html  # a square's <title>
    assert "&lt;b&gt;Fet&lt;/b&gt; O&quot;Hara</a></th>" in html  # the table's row header
