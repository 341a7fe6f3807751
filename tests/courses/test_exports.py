"""Participant exports: CSV for Swedish Excel and XLSX, read back with the right rows."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from openpyxl import load_workbook

from stegvis.core.middleware import SESSION_LANGUAGE_KEY
from stegvis.core.models import AuditEvent
from stegvis.courses.models import Registration
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import course_scenario

Status = Registration.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def offering(cast):
    """One seat on site: Anna holds it, Karin waits, Åsa (a formula-looking name) waits second,
    and an earlier registration was cancelled."""
    offering = course_scenario(cast, seats=1)["offering"]
    gone = f.PersonFactory(municipality=cast.uddevalla, first_name="Gustav", last_name="Borta")
    reg.cancel(actor=None, registration=reg.register(actor=None, offering=offering, person=gone))
    reg.register(actor=None, offering=offering, person=cast.employee)
    reg.register(actor=None, offering=offering, person=cast.colleague)
    tricky = f.PersonFactory(municipality=cast.uddevalla, first_name="=Åsa", last_name="Öberg")
    f.EmploymentFactory(person=tricky, unit=cast.solgarden)
    reg.register(actor=None, offering=offering, person=tricky)
    return offering


def _get(client, offering, extension, query=""):
    """The export, read in English (the session's language wins over the cookie)."""
    session = client.session
    session[SESSION_LANGUAGE_KEY] = "en"
    session.save()
    url = reverse("courses:participants_export", args=[offering.pk, extension]) + query
    with override("en"):
        return client.get(url)


def test_csv_is_utf8_with_bom_and_semicolons_in_line_order(cast, login, offering):
    response = _get(login(cast.coordinator), offering, "csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Name", "Email", "Municipality"]
    assert [row[0] for row in rows[1:]] == ["Anna Lindqvist", "Karin Holm", "'=Åsa Öberg"]
    anna, karin, asa = rows[1:]
    assert anna[1] == cast.employee.email
    assert anna[2:5] == ["Uddevalla", "Solgården", "Undersköterska"]
    assert anna[6] == "Confirmed" and anna[7] == ""
    assert (karin[6], karin[7]) == ("On the waiting list", "1")
    assert karin[3] == "Gruppbostad Linden"
    assert asa[7] == "2"
    assert anna[9] == "0/1"  # preparation: none of one task done
    registered = timezone.localtime(
        offering.registrations.get(person=cast.employee).queued_at
    ).strftime("%Y-%m-%d %H:%M")
    assert anna[8] == registered


def test_xlsx_has_the_same_rows(cast, login, offering):
    csv_rows = list(
        csv.reader(
            io.StringIO(_get(login(cast.coordinator), offering, "csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    response = _get(login(cast.coordinator), offering, "xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell if cell is not None else "" for cell in row] for row in sheet.values]
    assert rows[0] == csv_rows[0]
    assert [row[0] for row in rows[1:]] == ["Anna Lindqvist", "Karin Holm", "'=Åsa Öberg"]
    assert rows[2][7] == 1 and rows[3][7] == 2
    assert rows[1][8].strftime("%Y-%m-%d %H:%M") == csv_rows[1][8]
    assert [row[:8] for row in rows[1:]] == [
        [*row[:7], int(row[7]) if row[7] else ""] for row in csv_rows[1:]
    ]


def test_export_file_name_has_the_title_slug_and_the_first_day(cast, login, offering):
    response = _get(login(cast.coordinator), offering, "xlsx")
    first_day = timezone.localtime(offering.days.order_by("starts_at").first().starts_at)
    expected = f"demensvard-steg-1-{first_day:%Y-%m-%d}.xlsx"
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'


def test_every_export_is_in_the_audit_log(cast, login, offering):
    client = login(cast.course_leader)
    _get(client, offering, "csv")
    _get(client, offering, "xlsx", "?show=all")
    events = AuditEvent.objects.filter(action="courses.participants.exported").order_by("id")
    assert [(e.data["format"], e.data["rows"]) for e in events] == [("csv", 3), ("xlsx", 4)]
    assert all(e.actor == cast.course_leader.user for e in events)


def test_ended_registrations_are_exported_only_when_asked(cast, login, offering):
    response = _get(login(cast.coordinator), offering, "csv", "?show=all")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[-1][0] == "Gustav Borta" and rows[-1][6] == "Cancelled"


def test_unknown_format_and_outsiders_get_404(cast, login, offering):
    assert _get(login(cast.coordinator), offering, "pdf").status_code == 404
    assert _get(login(cast.hr), offering, "csv").status_code == 404
    assert not AuditEvent.objects.filter(action="courses.participants.exported").exists()
