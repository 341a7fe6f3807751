"""The plan as PDF: A4, the person's name with å ä ö readable, every download recorded."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.urls import reverse

from stegvis.core.models import AuditEvent
from tests.development.plan_helpers import plan_scenario

pytestmark = pytest.mark.django_db


def test_the_employee_downloads_the_plan_as_pdf(cast, login, tmp_path):
    cast.employee.first_name, cast.employee.last_name = "Åsa", "Öberg-Ängström"
    cast.employee.save()
    scenario = plan_scenario(cast, course=True, approved=True)
    plan = scenario["plan"]
    response = login(cast.employee).get(reverse("development:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action="development.pdf.read", target_id=plan.pk, actor=cast.employee.user
    ).exists()
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return
    path = tmp_path / "plan.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Åsa Öberg-Ängström" in text
    assert "Bli tryggare i dokumentationen" in text
    assert scenario["course"]["course"].title in text
    assert "Kollegorna på dagpasset" in text  # the sharing agreement is part of the plan


def test_hr_of_another_municipality_gets_404_for_the_pdf(cast, login):
    plan = plan_scenario(cast)["plan"]
    response = login(cast.hr_other).get(reverse("development:plan_pdf", args=[plan.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="development.pdf.read").exists()
