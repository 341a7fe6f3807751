"""The funding pages through the client: grant form, recording, the report and its exports,
and what each keeper sees of the others' lines."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from stegvis.core.models import AuditEvent
from stegvis.courses.services import registration as reg
from stegvis.funding.models import Funding, Grant
from tests import factories as f
from tests.funding.scenario import fund, period_dates, scenario


@pytest.fixture
def s(cast):
    return scenario(cast)


def _vanersborg_seat(cast, s):
    person = f.PersonFactory(municipality=cast.vanersborg, first_name="Vera", last_name="Vik")
    f.EmploymentFactory(person=person, unit=cast.ekbacken)
    return reg.register(actor=None, offering=s["offering"], person=person)


def test_hr_creates_a_grant_with_an_exclusion_and_a_period(cast, s, login):
    client = f.english(login(cast.hr))
    response = client.post(
        reverse("funding:grant_create"),
        {
            "owner": f"municipality:{cast.uddevalla.pk}",
            "name": "Kompetenssatsning",
            "funder": "Uddevalla kommun",
            "kind": "own_budget",
            "pays_study_time": "on",
            "excludes": [s["esf"].pk],
        },
    )
    grant = Grant.objects.get(name="Kompetenssatsning")
    assert response.status_code == 302 and response["Location"] == grant.get_absolute_url()
    assert set(s["esf"].excludes.all()) == {s["lyftet"], grant}  # symmetric
    dates = period_dates()
    response = client.post(
        reverse("funding:period_add", args=[grant.pk]),
        {
            "label": "2026",
            "starts_on": dates["starts_on"].isoformat(),
            "ends_on": dates["ends_on"].isoformat(),
            "amount": "50000",
            "currency": "SEK",
            "wage_basis": "fixed_rate",
            "hourly_rate": "240",
        },
    )
    assert response.status_code == 302
    assert grant.periods.get().amount == Decimal("50000")
    page = client.get(reverse("funding:grants")).content.decode()
    assert "Kompetenssatsning" in page and "ESF Kompetenslyft Fyrbodal" in page


def test_a_period_in_the_wrong_currency_is_refused_on_the_form(cast, s, login):
    client = f.english(login(cast.hr))
    dates = period_dates()
    response = client.post(
        reverse("funding:period_add", args=[s["lyftet"].pk]),
        {
            "label": "2027",
            "starts_on": dates["starts_on"].isoformat(),
            "ends_on": dates["ends_on"].isoformat(),
            "amount": "1000",
            "currency": "DKK",
            "wage_basis": "fixed_rate",
            "hourly_rate": "240",
        },
    )
    assert response.status_code == 200
    assert "Grants here are kept in SEK." in response.content.decode()


def test_the_record_form_suggests_hours_and_shows_a_refusal_with_its_reason(cast, s, login):
    client = f.english(login(cast.hr))
    url = reverse("funding:record", args=[s["employee_seat"].pk])
    page = client.get(url).content.decode()
    assert 'value="14' in page and "Äldreomsorgslyftet" in page
    ok = client.post(url, {"period": s["lyftet_period"].pk, "paid_hours": "14"})
    assert ok.status_code == 302
    assert Funding.objects.get().amount == Decimal("3500.00")
    refused = client.post(
        url, {"period": s["esf_period"].pk, "paid_hours": "0", "course_fee": "900"}
    )
    assert refused.status_code == 200
    assert "may not be combined with Äldreomsorgslyftet" in refused.content.decode()
    assert Funding.objects.count() == 1


def test_the_offering_and_person_pages_link_to_the_record_form(cast, s, login):
    client = f.english(login(cast.hr))
    fund(cast.hr.user, s["employee_seat"], s["lyftet_period"])
    page = client.get(reverse("funding:offering", args=[s["offering"].pk])).content.decode()
    assert reverse("funding:record", args=[s["employee_seat"].pk]) in page
    assert "Äldreomsorgslyftet" in page and "Karin Holm" in page
    page = client.get(reverse("funding:person", args=[cast.employee.pk])).content.decode()
    assert reverse("funding:record", args=[s["employee_seat"].pk]) in page
    assert "3,500.00" in page


def test_hr_sees_only_its_own_staff_on_a_regional_grant(cast, s, login):
    fund(cast.admin.user, s["employee_seat"], s["esf_period"], hours="0", course_fee="900")
    fund(cast.admin.user, _vanersborg_seat(cast, s), s["esf_period"], hours="7")
    url = reverse("funding:report", args=[s["esf_period"].pk])
    for who, sees, hidden in (
        (cast.hr, "Anna Lindqvist", "Vera Vik"),
        (cast.hr_other, "Vera Vik", "Anna Lindqvist"),
    ):
        page = f.english(login(who)).get(url).content.decode()
        assert sees in page and hidden not in page
        assert "2,650.00" in page  # used in the whole period: 900 + 7 × 250
    admin_page = f.english(login(cast.admin)).get(url).content.decode()
    assert "Anna Lindqvist" in admin_page and "Vera Vik" in admin_page


def test_hr_of_another_municipality_cannot_fund_uddevallas_staff(cast, s, login):
    client = login(cast.hr_other)
    url = reverse("funding:record", args=[s["employee_seat"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"period": s["esf_period"].pk, "paid_hours": "7"}).status_code == 404
    assert not Funding.objects.exists()


def test_hr_reads_a_regional_grant_but_only_the_administrator_changes_it(cast, s, login):
    client = login(cast.hr)
    assert client.get(reverse("funding:grant", args=[s["esf"].pk])).status_code == 200
    assert client.get(reverse("funding:grant_edit", args=[s["esf"].pk])).status_code == 404
    response = client.post(
        reverse("funding:period_state", args=[s["esf_period"].pk]), {"state": "closed"}
    )
    assert response.status_code == 404
    assert (
        login(cast.admin).get(reverse("funding:grant_edit", args=[s["esf"].pk])).status_code == 200
    )


def _report_rows(cast, s):
    fund(cast.hr.user, s["employee_seat"], s["lyftet_period"], hours="14")
    other = f.PersonFactory(
        municipality=cast.uddevalla, first_name="=cmd|' /C calc'!A0", last_name="Berg"
    )
    f.EmploymentFactory(person=other, unit=cast.solgarden)
    seat = reg.register(actor=None, offering=s["offering"], person=other)
    fund(cast.hr.user, seat, s["lyftet_period"], hours="10.5")


def test_the_report_shows_lines_totals_and_what_remains(cast, s, login):
    _report_rows(cast, s)
    page = (
        f.english(login(cast.hr))
        .get(reverse("funding:report", args=[s["lyftet_period"].pk]))
        .content.decode()
    )
    assert "6,125.00" in page  # 3,500 + 2,625
    assert "24.50" in page  # hours
    assert "93,875.00" in page  # 100,000 − 6,125 remaining
    assert "2 funded registrations" in page


def test_the_report_as_csv_is_excel_ready_formula_safe_and_audited(cast, s, login):
    _report_rows(cast, s)
    response = f.english(login(cast.hr)).get(
        reverse("funding:report_export", args=[s["lyftet_period"].pk, "csv"])
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "aldreomsorgslyftet" in response["Content-Disposition"]
    body = response.content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Name" and rows[0][-2] == "Total"
    names = [r[0] for r in rows[1:3]]
    assert "'=cmd|' /C calc'!A0 Berg" in names  # neutralised, never a formula
    total = next(r for r in rows if r and r[0] == "Total")
    assert total[6] == "24,50" and total[11] == "6125,00"
    remaining = next(r for r in rows if r and r[0] == "Remaining")
    assert remaining[1] == "93875,00"
    event = AuditEvent.objects.get(action="funding.report.exported")
    assert event.data == {"period": s["lyftet_period"].label, "format": "csv", "rows": 2}


def test_the_report_as_xlsx_has_numbers_and_totals(cast, s, login):
    _report_rows(cast, s)
    response = login(cast.admin).get(
        reverse("funding:report_export", args=[s["lyftet_period"].pk, "xlsx"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    amounts = sorted(r[11] for r in rows[1:3])
    assert amounts == [2625, 3500]
    assert rows[3][11] == 6125 and rows[3][6] == 24.5
    assert all(not str(r[0]).startswith("=") for r in rows if r[0])
    assert AuditEvent.objects.filter(action="funding.report.exported").count() == 1


def test_closing_a_period_from_the_grant_page(cast, s, login):
    client = login(cast.hr)
    url = reverse("funding:period_state", args=[s["lyftet_period"].pk])
    assert client.post(url, {"state": "closed"}).status_code == 302
    s["lyftet_period"].refresh_from_db()
    assert not s["lyftet_period"].is_open
    assert AuditEvent.objects.filter(action="funding.period.closed").exists()


def test_the_grants_page_leads_to_the_offerings_of_ones_own_staff(cast, s, login):
    link = reverse("funding:offering", args=[s["offering"].pk])
    page = f.english(login(cast.hr)).get(reverse("funding:grants")).content.decode()
    assert link in page and "2 participants" in page
    other = f.english(login(cast.hr_other)).get(reverse("funding:grants")).content.decode()
    assert link not in other
