"""The gap analysis pages: landing on one's area, the report, who lacks what, the exports."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from stegvis.core.models import AuditEvent
from tests.factories import english
from tests.gaps.test_report import with_bjorken
from tests.station.test_matrix import staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "who, target",
    [
        ("manager", lambda c: reverse("gaps:unit", args=[c.solgarden.pk])),
        ("hr", lambda c: reverse("gaps:municipality", args=[c.uddevalla.pk])),
        ("coordinator", lambda c: reverse("gaps:region", args=[c.region.pk])),
        ("admin", lambda c: reverse("gaps:region", args=[c.region.pk])),
    ],
)
def test_each_role_lands_on_its_own_area(cast, login, who, target):
    response = login(getattr(cast, who)).get(reverse("gaps:index"))
    assert response.status_code == 302 and response["Location"] == target(cast)


def test_the_municipality_page_shows_coverage_drill_down_and_charts(cast, login):
    with_bjorken(cast)
    client = english(login(cast.hr))
    response = client.get(reverse("gaps:municipality", args=[cast.uddevalla.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gap analysis: Uddevalla" in html
    assert 'class="gaps-chart__svg"' in html and "gaps-bar__short" in html  # hatched shortfall
    assert "2 of 4 (50 %), 2 short" in html  # Läkemedel, written beside its bar
    assert reverse("gaps:unit", args=[cast.solgarden.pk]) in html  # drill down
    assert reverse("gaps:municipality_lacking", args=[cast.uddevalla.pk]) in html
    assert "No monthly snapshots yet" in html
    assert "Anna" not in html  # no names on the report itself


def test_each_unit_row_links_to_the_unit_as_of_the_chosen_date_with_its_figures(cast, login):
    with_bjorken(cast)
    cast.solgarden.name = "Solgården <b>&</b>"
    cast.solgarden.save(update_fields=["name"])
    client = english(login(cast.hr))
    url = reverse("gaps:municipality", args=[cast.uddevalla.pk])
    response = client.get(url + "?on=2026-01-15")
    html = response.content.decode()
    children = {child.pk: child for child in response.context["report"].children}
    assert len(children) >= 2
    for pk, child in children.items():
        f = child.figures
        coverage = "–" if f.coverage is None else f"{f.coverage} %"
        high = f"<strong>{child.high.shortfall} ▲</strong>" if child.high.shortfall else "0"
        name = "Solgården &lt;b&gt;&amp;&lt;/b&gt;" if pk == cast.solgarden.pk else child.name
        link = reverse("gaps:unit", args=[pk]) + "?on=2026-01-15"
        assert (
            f'<tr><th scope="row"><a href="{link}">{name}</a></th><td class="num">{f.needed}</td>'
            f'<td class="num">{coverage}</td><td class="num">{f.shortfall}</td>'
            f'<td class="num">{high}</td><td class="num">{f.expiring}</td>'
            f'<td class="num">{f.in_progress}</td></tr>'
        ) in html
    assert "<b>&</b>" not in html
    assert any(child.high.shortfall for child in children.values())


def test_the_date_picker_shows_the_report_as_of_that_date(cast, login):
    with_bjorken(cast)
    client = english(login(cast.manager))
    url = reverse("gaps:unit", args=[cast.solgarden.pk])
    html = client.get(url + "?on=2009-06-30").content.decode()
    assert "as they stood on 2009-06-30" in html
    assert "No requirements apply here on this date." in html  # requirements from 2024


def test_a_manager_sees_who_lacks_what_in_the_unit(cast, login):
    with_bjorken(cast)
    client = english(login(cast.manager))
    html = client.get(reverse("gaps:unit_lacking", args=[cast.solgarden.pk])).content.decode()
    assert "Demensvård" in html and "Anna Lindqvist" in html
    assert "In progress: Demensvård steg 1" in html  # Anna is on the course
    assert "Berit Björk" not in html  # another unit


def test_hr_sees_who_lacks_a_high_criticality_requirement_page_by_page(cast, login):
    with_bjorken(cast)
    for i in range(3):
        staff(cast, "Ny", f"Person{i}")
    client = english(login(cast.hr))
    url = reverse("gaps:municipality_lacking", args=[cast.uddevalla.pk])
    html = client.get(url).content.decode()
    # Solgården falls short of two with dementia care: everyone there without it is listed.
    assert "Anna Lindqvist" in html and "Maria Berg" in html and "Ny Person2" in html
    assert "Åsa Öberg" not in html  # holds it
    assert "Berit Björk" not in html  # Björken has no high-criticality requirement
    assert "5 people in their units lack a high-criticality requirement." in html
    second = client.get(url + "?page=2").content.decode()
    assert "Anna Lindqvist" in second  # past the last page: the last page


def test_the_xlsx_export_is_formula_safe_and_audited(cast, login):
    model = with_bjorken(cast)
    staff(cast, "=HYPERLINK(1)", "Lindqvist")
    model["dementia"].title = "=cmd|x"
    model["dementia"].save()
    client = english(login(cast.hr))
    url = reverse("gaps:export", args=["municipality", cast.uddevalla.pk, "xlsx"])
    response = client.get(url + "?on=" + "2030-01-01")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Requirements",
        "Areas",
        "Areas and requirements",
        "Who lacks what",
    ]
    values = [c.value for row in book["Who lacks what"].iter_rows() for c in row]
    assert "'=HYPERLINK(1) Lindqvist" in values and "'=cmd|x" in values
    event = AuditEvent.objects.get(action="gaps.report.exported")
    assert event.data["on"] == "2030-01-01" and event.target_label == "Uddevalla"


def test_the_pdf_export_has_no_names_and_is_not_audited(cast, login):
    with_bjorken(cast)
    client = english(login(cast.coordinator))
    url = reverse("gaps:export", args=["region", cast.region.pk, "pdf"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert not AuditEvent.objects.filter(action="gaps.report.exported").exists()


def test_an_export_in_another_format_is_not_found(cast, login):
    client = login(cast.hr)
    url = reverse("gaps:export", args=["municipality", cast.uddevalla.pk, "csv"])
    assert client.get(url).status_code == 404
    url = reverse("gaps:export", args=["installation", cast.uddevalla.pk, "xlsx"])
    assert client.get(url).status_code == 404
