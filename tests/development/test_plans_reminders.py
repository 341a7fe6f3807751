"""development_tick: the follow-up reminder to both, overdue activities to their owners, once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from stegvis.core.models import AuditEvent
from stegvis.development import reminders
from stegvis.development.models import DevelopmentPlan, PlanActivity
from tests.development.plan_helpers import days, plan_scenario

pytestmark = pytest.mark.django_db


def _run(capture):
    mail.outbox.clear()
    with capture(execute=True):
        summary = reminders.run()
    return summary


def _due(plan, n: int) -> None:
    DevelopmentPlan.objects.filter(pk=plan.pk).update(follow_up_on=days(n))


def test_follow_up_reminder_goes_to_employee_and_manager_once(
    cast, django_capture_on_commit_callbacks
):
    plan = plan_scenario(cast, approved=True)["plan"]
    _due(plan, 10)
    assert _run(django_capture_on_commit_callbacks).follow_up_reminders == 0
    _due(plan, 7)
    cast.manager.preferred_language = "en"
    cast.manager.save()
    assert _run(django_capture_on_commit_callbacks).follow_up_reminders == 1
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([cast.employee.email, cast.manager.user.email])
    to_manager = next(m for m in mail.outbox if m.to[0] == cast.manager.user.email)
    assert to_manager.subject.startswith("Follow-up of the development plan")
    assert "Anna Lindqvist" in to_manager.body and "/development/plans/" in to_manager.body
    assert _run(django_capture_on_commit_callbacks).follow_up_reminders == 0
    assert mail.outbox == []
    event = AuditEvent.objects.get(action=reminders.FOLLOW_UP_SENT, target_id=plan.pk)
    assert event.data["follow_up_on"] == str(days(7))


def test_a_passed_follow_up_is_reminded_and_a_new_date_is_a_new_reminder(
    cast, django_capture_on_commit_callbacks
):
    plan = plan_scenario(cast, approved=True)["plan"]
    cast.employee.preferred_language = "en"
    cast.employee.save()
    _due(plan, -3)
    assert _run(django_capture_on_commit_callbacks).follow_up_reminders == 1
    to_employee = next(m for m in mail.outbox if m.to[0] == cast.employee.email)
    assert "was due on" in to_employee.body and "has not been recorded yet" in to_employee.body
    _due(plan, 2)
    assert _run(django_capture_on_commit_callbacks).follow_up_reminders == 1


def test_no_follow_up_reminder_for_drafts_or_plans_followed_up(
    cast, django_capture_on_commit_callbacks
):
    plan = plan_scenario(cast)["plan"]
    _due(plan, 1)
    assert _run(django_capture_on_commit_callbacks).follow_up_reminders == 0
    DevelopmentPlan.objects.filter(pk=plan.pk).update(
        employee_approved_at=plan.created_at,
        manager_approved_at=plan.created_at,
        followed_up_at=plan.created_at,
    )
    assert _run(django_capture_on_commit_callbacks).follow_up_reminders == 0


def test_overdue_activities_remind_their_owner_once(cast, django_capture_on_commit_callbacks):
    scenario = plan_scenario(cast, approved=True)
    mentoring = scenario["mentoring"]  # owned by the employee
    PlanActivity.objects.create(
        goal=scenario["goal"],
        kind="task_shifting",
        description="Ordna auskultation",
        owner="manager",
        due_on=days(-1),
    )
    PlanActivity.objects.filter(pk=mentoring.pk).update(due_on=days(-2))
    PlanActivity.objects.create(
        goal=scenario["goal"],
        kind="self_study",
        description="Redan klar",
        owner="employee",
        due_on=days(-5),
        status="done",
    )
    summary = _run(django_capture_on_commit_callbacks)
    assert summary.overdue_reminders == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {cast.employee.email, cast.manager.user.email}
    assert "Handledning" in by_recipient[cast.employee.email].body
    assert "Ordna auskultation" in by_recipient[cast.manager.user.email].body
    assert _run(django_capture_on_commit_callbacks).overdue_reminders == 0
    assert mail.outbox == []


def test_the_command_runs_and_says_what_it_did(cast, django_capture_on_commit_callbacks):
    plan = plan_scenario(cast, approved=True)["plan"]
    _due(plan, 0)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("development_tick", stdout=out)
    assert "1 follow-up reminder(s)" in out.getvalue()
