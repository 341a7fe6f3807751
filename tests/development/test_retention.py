"""Retention: HR's rules per municipality and document type, and the clean-up that deletes or
anonymises only what is old enough, records each run and can be tried as a dry run."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stegvis.core.models import AuditEvent
from stegvis.development.models import (
    Dialogue,
    DialogueNote,
    Preparation,
    RetentionPolicy,
    RetentionRun,
)
from stegvis.development.services import preparations
from stegvis.development.services.retention import apply_retention, months_before, policy_save
from stegvis.development.tasks import apply_retention as apply_retention_task
from tests import factories as f
from tests.development.test_dialogues_scenario import book

pytestmark = pytest.mark.django_db


def _rule(cast, document_type, months=12, action="anonymise", municipality=None):
    return policy_save(
        actor=cast.hr.user if municipality is None else cast.hr_other.user,
        municipality=municipality or cast.uddevalla,
        document_type=document_type,
        months=months,
        action=action,
    )


def _age(model, pk, **fields):
    model.objects.filter(pk=pk).update(**fields)


def _notes(cast, days_ago: int, count: int = 1, dialogue=None):
    dialogue = dialogue or book(cast, days=-days_ago)
    notes = []
    for number in range(count):
        note = preparations.note_add(
            actor=cast.manager.user, dialogue=dialogue, person=cast.employee, text=f"Not {number}"
        )
        _age(DialogueNote, note.pk, created_at=timezone.now() - datetime.timedelta(days=days_ago))
        notes.append(note)
    return dialogue, notes


def _preparation(cast, dialogue):
    Preparation.objects.create(
        dialogue=dialogue,
        person=cast.employee,
        role="employee",
        answers='{"Fråga": "Svar"}',
        assessment='{"item:x": {"level": "2"}}',
        submitted_at=dialogue.starts_at,
    )


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (datetime.date(2026, 3, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 3, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2026, 1, 15), 13, datetime.date(2024, 12, 15)),
        (datetime.date(2026, 11, 24), 24, datetime.date(2024, 11, 24)),
    ],
)
def test_months_are_calendar_months(day, months, expected):
    assert months_before(day, months) == expected


def test_old_notes_are_anonymised_and_newer_ones_kept(cast):
    _rule(cast, "notes", months=12)
    dialogue, (old,) = _notes(cast, days_ago=400)
    _notes(cast, days_ago=100, dialogue=dialogue)
    (result,) = apply_retention()
    assert result.affected == 1
    old.refresh_from_db()
    assert old.text == "" and old.anonymised_at is not None
    assert DialogueNote.objects.filter(anonymised_at__isnull=True).count() == 1
    run = RetentionRun.objects.get()
    assert (run.municipality, run.document_type, run.action, run.affected) == (
        cast.uddevalla,
        "notes",
        "anonymise",
        1,
    )
    assert run.older_than == months_before(timezone.localdate(), 12)
    event = AuditEvent.objects.get(action="development.retention.applied")
    assert event.source == "command" and event.data["affected"] == 1
    # A second run finds nothing new, and still records that it ran.
    (again,) = apply_retention()
    assert again.affected == 0 and RetentionRun.objects.count() == 2


def test_an_anonymised_note_is_no_longer_shown(cast, login):
    _rule(cast, "notes", months=1)
    dialogue, _ = _notes(cast, days_ago=60)
    apply_retention()
    content = login(cast.employee).get(reverse("development:dialogue", args=[dialogue.pk]))
    assert "Not 0" not in content.content.decode()


def test_old_notes_are_deleted_when_the_rule_says_so(cast):
    _rule(cast, "notes", months=6, action="delete")
    dialogue, _ = _notes(cast, days_ago=400, count=2)
    _notes(cast, days_ago=30, dialogue=dialogue)
    (result,) = apply_retention()
    assert result.affected == 2
    assert list(DialogueNote.objects.values_list("text", flat=True)) == ["Not 0"]


def test_preparations_are_anonymised_by_the_age_of_their_dialogue(cast):
    _rule(cast, "preparations", months=12)
    old = book(cast, days=-500)
    _preparation(cast, old)
    recent = book(cast, [f.EmploymentFactory(unit=cast.solgarden).person], days=-30)
    Preparation.objects.create(
        dialogue=recent, person=recent.participants.get(), role="manager", answers='{"a": "b"}'
    )
    (result,) = apply_retention()
    assert result.affected == 1
    cleared = Preparation.objects.get(dialogue=old)
    assert (cleared.answers, cleared.assessment) == ("", "")
    assert Preparation.objects.get(dialogue=recent).answers == '{"a": "b"}'
    assert Dialogue.objects.count() == 2  # the dialogue itself stays


def test_dry_run_counts_without_changing_anything(cast):
    _rule(cast, "notes", months=12, action="delete")
    _notes(cast, days_ago=400, count=3)
    (result,) = apply_retention(dry_run=True)
    assert result.affected == 3 and result.dry_run
    assert DialogueNote.objects.count() == 3
    assert not RetentionRun.objects.exists()
    assert not AuditEvent.objects.filter(action="development.retention.applied").exists()


def test_each_municipality_cleans_only_its_own_documents(cast):
    _rule(cast, "notes", months=1, action="delete", municipality=cast.vanersborg)
    _notes(cast, days_ago=400)  # a Solgården (Uddevalla) dialogue
    (result,) = apply_retention()
    assert result.municipality == "Vänersborg" and result.affected == 0
    assert DialogueNote.objects.count() == 1


def test_the_command_and_the_task_do_the_same(cast):
    _rule(cast, "notes", months=12, action="delete")
    _notes(cast, days_ago=400, count=2)
    out = StringIO()
    call_command("dialogue_retention", "--dry-run", stdout=out)
    assert "Uddevalla: 2 notes" in out.getvalue() and "would be deleted" in out.getvalue()
    assert DialogueNote.objects.count() == 2
    result = apply_retention_task.enqueue()
    assert result.return_value[0]["affected"] == 2
    assert DialogueNote.objects.count() == 0
    assert AuditEvent.objects.get(action="development.retention.applied").source == "system"
    call_command("dialogue_retention", "--municipality", cast.uddevalla.code, stdout=out)
    assert RetentionRun.objects.count() == 2


# -- HR's page ------------------------------------------------------------------------------------


def test_hr_sets_and_removes_rules(cast, login):
    client = login(cast.hr)
    url = reverse("development:retention")
    response = client.post(
        url,
        {
            "months_notes": "24",
            "action_notes": "delete",
            "months_preparations": "",
            "action_preparations": "anonymise",
        },
    )
    assert response.status_code == 302
    (policy,) = RetentionPolicy.objects.all()
    assert (policy.municipality, policy.document_type, policy.months, policy.action) == (
        cast.uddevalla,
        "notes",
        24,
        "delete",
    )
    client.post(url, {"months_notes": "", "action_notes": "delete", "action_preparations": "x"})
    assert RetentionPolicy.objects.count() == 1  # an invalid form changes nothing
    client.post(
        url, {"months_notes": "", "action_notes": "delete", "action_preparations": "delete"}
    )
    assert not RetentionPolicy.objects.exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"development.retention.saved", "development.retention.removed"} <= actions


def test_the_page_shows_recent_runs(cast, login):
    _rule(cast, "notes")
    apply_retention()
    response = login(cast.hr).get(reverse("development:retention"))
    assert list(response.context["runs"]) == list(RetentionRun.objects.all())


def test_rules_are_kept_by_hr_of_the_municipality_only(cast):
    with pytest.raises(ValidationError):
        policy_save(
            actor=cast.hr_other.user,
            municipality=cast.uddevalla,
            document_type="notes",
            months=1,
            action="delete",
        )
    with pytest.raises(ValidationError):
        policy_save(
            actor=cast.manager.user,
            municipality=cast.uddevalla,
            document_type="notes",
            months=1,
            action="delete",
        )
