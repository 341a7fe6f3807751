"""The strategy pages in use: the index, starting, editing and adopting a plan, the PDF,
recording meetings with a minutes file, and what an auditor reads."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from stegvis.core.models import AuditEvent
from stegvis.strategy.models import JointCommitteeMeeting, StrategyPlan
from tests.course_factories import CourseFactory
from tests.factories import english
from tests.strategy.helpers import SECTIONS, days, meeting, plan

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _edit_data(**extra):
    data = {
        **SECTIONS,
        "budget-TOTAL_FORMS": "3",
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "50",
        "budget-0-description": "Demensutbildning",
        "budget-0-amount": "24000",
        "budget-1-description": "Vikarier",
        "budget-1-amount": "15500.50",
    }
    data.update(extra)
    return data


def test_index_shows_plan_and_committee_status_of_the_units_in_scope(cast, login):
    client = english(login(cast.hr))
    plan(cast.solgarden, YEAR, adopted=True)
    meeting(unit=cast.solgarden, held_on=days(-370))
    page = client.get(reverse("strategy:index")).content.decode()
    assert "Solgården" in page and "Gruppbostad Linden" in page and "Ekbacken" not in page
    assert "Adopted" in page and "20,500.50 SEK" in page
    assert "Overdue" in page and "Not recorded" in page
    other = english(login(cast.hr_other)).get(reverse("strategy:index")).content.decode()
    assert "Ekbacken" in other and "Solgården" not in other


def test_the_manager_starts_edits_and_adopts_the_plan(cast, login):
    client = english(login(cast.manager))
    course = CourseFactory(region=cast.region, title="Demens ABC")
    start = reverse("strategy:plan_start", args=[cast.solgarden.pk])
    response = client.post(start, {"year": YEAR, "copy_previous": ""})
    found = StrategyPlan.objects.get(unit=cast.solgarden, year=YEAR)
    assert response.url == reverse("strategy:plan_edit", args=[found.pk])
    edit = client.get(response.url).content.decode()
    assert "Demens ABC" in edit and "shortfall" in edit
    response = client.post(response.url, _edit_data(courses=[course.pk]))
    assert response.status_code == 302
    found.refresh_from_db()
    assert found.total == Decimal("39500.50") and list(found.courses.all()) == [course]
    page = client.get(found.get_absolute_url()).content.decode()
    assert "Demensutbildning" in page and "39,500.50 SEK" in page and "Adopt the plan" in page
    client.post(reverse("strategy:plan_adopt", args=[found.pk]))
    found.refresh_from_db()
    assert found.is_adopted and found.adopted_by == cast.manager.user
    page = client.get(found.get_absolute_url()).content.decode()
    assert "Adopt the plan" not in page and "Download as PDF" in page
    assert "Strategy plan %(year)s adopted" not in page  # the history reads translated
    response = client.get(reverse("strategy:plan_edit", args=[found.pk]))
    assert response.status_code == 302  # adopted: back to the plan


def test_a_second_plan_for_the_same_year_is_refused_on_the_form(cast, login):
    client = english(login(cast.hr))
    plan(cast.linden, YEAR)
    response = client.post(reverse("strategy:plan_start", args=[cast.linden.pk]), {"year": YEAR})
    assert response.status_code == 200
    assert "has a strategy plan for" in response.content.decode()


def test_a_budget_line_needs_an_amount(cast, login):
    client = english(login(cast.manager))
    found = plan(cast.solgarden, YEAR)
    data = _edit_data(**{"budget-2-description": "Handledning"})
    response = client.post(reverse("strategy:plan_edit", args=[found.pk]), data)
    assert response.status_code == 200 and "Give the amount." in response.content.decode()
    assert found.budget_lines.count() == 2  # unchanged


def test_the_auditor_reads_adopted_plans_but_not_drafts(cast, login):
    client = english(login(cast.auditor))
    adopted = plan(cast.solgarden, YEAR - 1, adopted=True)
    draft = plan(cast.solgarden, YEAR)
    assert client.get(adopted.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("strategy:plan_edit", args=[draft.pk])).status_code == 404
    unit_page = client.get(reverse("strategy:unit", args=[cast.solgarden.pk])).content.decode()
    assert str(YEAR - 1) in unit_page and "Start a strategy plan" not in unit_page
    assert f'href="/strategy/plans/{draft.pk}/"' not in unit_page


def test_the_pdf_of_an_adopted_plan_is_recorded(cast, login):
    client = login(cast.auditor)
    adopted = plan(cast.solgarden, YEAR - 1, adopted=True)
    meeting(unit=cast.solgarden, held_on=days(-5))
    response = client.get(reverse("strategy:plan_pdf", args=[adopted.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="strategy.plan.exported", actor=cast.auditor.user)
    draft = plan(cast.solgarden, YEAR)
    assert login(cast.manager).get(reverse("strategy:plan_pdf", args=[draft.pk])).status_code == 404


def test_a_meeting_is_recorded_with_a_minutes_file_and_read_by_the_auditor(cast, login):
    client = english(login(cast.manager))
    url = reverse("strategy:meeting_add_unit", args=[cast.solgarden.pk])
    upload = SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4 protokoll", "application/pdf")
    response = client.post(
        url,
        {
            "held_on": days(-2).isoformat(),
            "committee": "Samverkansgrupp Solgården",
            "strategic_competence_on_agenda": "on",
            "decisions": "Två går demensutbildning i höst.",
            "minutes_file": upload,
        },
    )
    found = JointCommitteeMeeting.objects.get()
    assert response.url == found.get_absolute_url()
    assert found.unit == cast.solgarden and found.municipality == cast.uddevalla
    auditor = english(login(cast.auditor))
    page = auditor.get(found.get_absolute_url()).content.decode()
    assert "Två går demensutbildning" in page and "Correct the record" not in page
    download = auditor.get(reverse("strategy:meeting_minutes", args=[found.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 protokoll"
    assert "attachment" in download["Content-Disposition"]
    assert AuditEvent.objects.filter(action="strategy.meeting.minutes_downloaded").count() == 1


def test_a_minutes_file_of_another_type_is_refused(cast, login):
    client = english(login(cast.hr))
    url = reverse("strategy:meeting_add_municipality", args=[cast.uddevalla.pk])
    upload = SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream")
    response = client.post(
        url,
        {"held_on": days(-2).isoformat(), "committee": "Centrala MED", "minutes_file": upload},
    )
    assert response.status_code == 200 and "not allowed" in response.content.decode()
    assert not JointCommitteeMeeting.objects.exists()


def test_a_municipality_meeting_covers_the_units_and_only_hr_writes_it(cast, login):
    hr = english(login(cast.hr))
    response = hr.post(
        reverse("strategy:meeting_add_municipality", args=[cast.uddevalla.pk]),
        {
            "held_on": days(-2).isoformat(),
            "committee": "Förvaltningens samverkansgrupp",
            "strategic_competence_on_agenda": "on",
            "minutes": "Kompetensstrategin gicks igenom.",
        },
    )
    found = JointCommitteeMeeting.objects.get()
    assert response.status_code == 302 and found.unit is None
    manager = english(login(cast.manager))
    unit_page = manager.get(reverse("strategy:unit", args=[cast.solgarden.pk])).content.decode()
    assert "Förvaltningens samverkansgrupp" in unit_page and "Discussed" in unit_page
    assert manager.get(found.get_absolute_url()).status_code == 200
    assert manager.get(reverse("strategy:meeting_edit", args=[found.pk])).status_code == 404
    other = login(cast.hr_other)
    assert other.get(found.get_absolute_url()).status_code == 404
