"""Notes from the dialogue: who writes them, who reads them (HR never the confidential ones),
the audit trail of every read, and a former manager's lost access after a move."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from stegvis.core.models import AuditEvent
from stegvis.development.models import DialogueNote
from stegvis.development.services import preparations
from tests import factories as f
from tests.development.test_dialogues_scenario import book, solgarden_staff

pytestmark = pytest.mark.django_db
OPEN, SECRET = "Vill gå demenskursen", "Berättade om sin hälsa"


def _noted(cast, dialogue=None, person=None):
    dialogue = dialogue or book(cast)
    person = person or cast.employee
    for text, confidential in ((OPEN, False), (SECRET, True)):
        preparations.note_add(
            actor=cast.manager.user,
            dialogue=dialogue,
            person=person,
            text=text,
            confidential=confidential,
        )
    return dialogue


def _page(client, dialogue):
    return client.get(reverse("development:dialogue", args=[dialogue.pk]))


def _reads(user) -> int:
    return AuditEvent.objects.filter(action="development.notes.read", actor=user).count()


def test_the_manager_writes_notes_on_the_dialogue_page(cast, login):
    dialogue = book(cast)
    client = login(cast.manager)
    url = reverse("development:note_add", args=[dialogue.pk])
    response = client.post(url, {"person": cast.employee.pk, "text": SECRET, "confidential": "on"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#person-{cast.employee.pk}")
    note = DialogueNote.objects.get()
    assert (note.text, note.confidential, note.author) == (SECRET, True, cast.manager.user)
    event = AuditEvent.objects.get(action="development.note.added")
    assert SECRET not in str(event.data)  # the audit trail names the note, never its text
    client.post(url, {"person": cast.employee.pk, "text": "   "})
    assert DialogueNote.objects.count() == 1


def test_the_employee_and_the_manager_read_every_note(cast, login):
    dialogue = _noted(cast)
    for who in (cast.employee, cast.manager):
        content = _page(login(who), dialogue).content.decode()
        assert OPEN in content and SECRET in content, who


def test_hr_reads_the_notes_that_are_not_confidential(cast, login):
    dialogue = _noted(cast)
    response = _page(login(cast.hr), dialogue)
    assert response.status_code == 200
    content = response.content.decode()
    assert OPEN in content
    assert SECRET not in content
    assert 'name="text"' not in content  # HR does not write notes


def test_every_read_of_notes_is_audited(cast, login):
    dialogue = _noted(cast)
    for who in (cast.hr, cast.manager, cast.employee):
        _page(login(who), dialogue)
        _page(login(who), dialogue)
        assert _reads(who.user) == 2
    event = AuditEvent.objects.filter(action="development.notes.read").first()
    assert event.target_id == dialogue.pk


def test_a_page_without_notes_records_no_read(cast, login):
    dialogue = book(cast)
    _page(login(cast.manager), dialogue)
    assert _reads(cast.manager.user) == 0


def test_a_former_manager_loses_the_notes_when_the_employee_moves(cast, login):
    dialogue = _noted(cast)
    employment = cast.employee.employments.get()
    employment.end_date = datetime.date.today() - datetime.timedelta(days=1)
    employment.save()
    f.EmploymentFactory(person=cast.employee, unit=cast.linden, start_date=datetime.date.today())
    client = login(cast.manager)
    assert _page(client, dialogue).status_code == 404
    response = client.post(
        reverse("development:note_add", args=[dialogue.pk]),
        {"person": cast.employee.pk, "text": "Mer"},
    )
    assert response.status_code == 404
    assert client.get(reverse("development:prepare", args=[dialogue.pk])).status_code == 404
    with pytest.raises(ValidationError):
        preparations.note_add(
            actor=cast.manager.user, dialogue=dialogue, person=cast.employee, text="Mer"
        )
    # The employee still reads their notes; HR of the municipality still reads the open ones.
    assert SECRET in _page(login(cast.employee), dialogue).content.decode()
    assert OPEN in _page(login(cast.hr), dialogue).content.decode()


@pytest.mark.parametrize("who", ["outsider", "hr_other", "colleague", "admin", "coordinator"])
def test_others_get_404(cast, login, who):
    dialogue = _noted(cast)
    assert _page(login(getattr(cast, who)), dialogue).status_code == 404


def test_in_a_group_dialogue_each_participant_reads_only_notes_about_themself(cast, login):
    other = solgarden_staff(cast, "Sara")
    f.login_for(other)
    group = book(cast, [cast.employee, other], kind="group")
    _noted(cast, group, cast.employee)
    preparations.note_add(actor=cast.manager.user, dialogue=group, person=other, text="Om Sara")
    content = _page(login(other), group).content.decode()
    assert "Om Sara" in content
    assert OPEN not in content and SECRET not in content
    assert "Om Sara" in _page(login(cast.manager), group).content.decode()


def test_only_the_holding_manager_writes_notes(cast):
    dialogue = book(cast)
    with pytest.raises(ValidationError):
        preparations.note_add(
            actor=cast.hr.user, dialogue=dialogue, person=cast.employee, text="Nej"
        )
    with pytest.raises(ValidationError):
        preparations.note_add(
            actor=cast.manager.user, dialogue=dialogue, person=cast.colleague, text="Nej"
        )
