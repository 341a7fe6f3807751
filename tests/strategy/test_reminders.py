"""strategy_tick: due and overdue reminders to the unit's manager and HR, once, in their
language; a new discussion starts a new round."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from stegvis.strategy import reminders
from stegvis.strategy.models import CommitteeReminder
from tests import factories as f
from tests.strategy.helpers import days, meeting

pytestmark = pytest.mark.django_db


def _run(capture):
    mail.outbox.clear()
    with capture(execute=True):
        return reminders.run()


def _to(address):
    return next(m for m in mail.outbox if m.to == [address])


def test_nothing_is_sent_while_the_discussion_is_recent_or_never_recorded(
    cast, django_capture_on_commit_callbacks
):
    meeting(unit=cast.solgarden, held_on=days(-300))
    summary = _run(django_capture_on_commit_callbacks)
    assert (summary.due_reminders, summary.overdue_reminders, summary.mails) == (0, 0, 0)
    assert mail.outbox == []


def test_a_month_before_the_manager_and_hr_are_reminded_once_in_their_language(
    cast, django_capture_on_commit_callbacks
):
    meeting(unit=cast.solgarden, held_on=days(-350))
    cast.manager.preferred_language = "en"
    cast.manager.save(update_fields=["preferred_language"])
    cast.hr.preferred_language = "sv"
    cast.hr.save(update_fields=["preferred_language"])
    summary = _run(django_capture_on_commit_callbacks)
    assert (summary.due_reminders, summary.overdue_reminders, summary.mails) == (1, 0, 2)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.manager.user.email, cast.hr.user.email]
    )
    english = _to(cast.manager.user.email)
    assert english.body.startswith("Hello Maria Berg,")
    assert "Solgården (Uddevalla): due on" in english.body
    assert f"/strategy/units/{cast.solgarden.pk}/" in english.body
    swedish = _to(cast.hr.user.email)
    assert swedish.body.startswith("Hej Hanna Ek!")
    assert "Gruppbostad Linden" not in swedish.body  # Linden's status comes from nowhere
    # a second run sends nothing
    again = _run(django_capture_on_commit_callbacks)
    assert (again.due_reminders, again.mails) == (0, 0) and mail.outbox == []
    reminder = CommitteeReminder.objects.get()
    assert reminder.kind == "due" and reminder.unit == cast.solgarden
    assert "Maria Berg" in reminder.recipients and "Hanna Ek" in reminder.recipients


def test_overdue_after_the_due_reminder_and_a_new_discussion_starts_over(
    cast, django_capture_on_commit_callbacks
):
    old = meeting(municipality=cast.uddevalla, held_on=days(-340))
    assert _run(django_capture_on_commit_callbacks).due_reminders == 2  # Solgården and Linden
    hr_mail = _to(cast.hr.user.email)
    assert "Solgården" in hr_mail.body and "Gruppbostad Linden" in hr_mail.body
    assert len(mail.outbox) == 2  # HR once for both units, the manager for Solgården
    old.held_on = days(-370)
    old.save()
    summary = _run(django_capture_on_commit_callbacks)
    assert summary.overdue_reminders == 2 and summary.due_reminders == 0
    assert "försenad sedan" in _to(cast.manager.user.email).body  # in Maria's language
    assert _run(django_capture_on_commit_callbacks).overdue_reminders == 0
    meeting(unit=cast.solgarden, held_on=days(-1))
    summary = _run(django_capture_on_commit_callbacks)
    assert summary.overdue_reminders == 0  # Linden was told already; Solgården is fine now


def test_a_danish_unit_writes_to_its_leader_in_danish(cast, django_capture_on_commit_callbacks):
    leader = f.PersonFactory(
        municipality=cast.randers, first_name="Lars", last_name="Nielsen", preferred_language="da"
    )
    f.grant(f.login_for(leader), "manager", cast.kildevang)
    meeting(unit=cast.kildevang, held_on=days(-380), committee="Lokalt MED-udvalg")
    assert _run(django_capture_on_commit_callbacks).overdue_reminders == 1
    message = _to(leader.user.email)
    assert message.body.startswith("Kære Lars Nielsen")


def test_a_closed_unit_and_an_ended_manager_get_nothing(cast, django_capture_on_commit_callbacks):
    from stegvis.organisations.models import RoleAssignment

    RoleAssignment.objects.filter(user=cast.manager.user).update(valid_to=days(-1))
    meeting(unit=cast.solgarden, held_on=days(-380))
    _run(django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[cast.hr.user.email]]
    cast.linden.closed_on = days(-1)
    cast.linden.save()
    meeting(unit=cast.linden, held_on=days(-380))
    assert _run(django_capture_on_commit_callbacks).overdue_reminders == 0


def test_the_command_reports_what_it_queued(cast, django_capture_on_commit_callbacks):
    meeting(unit=cast.solgarden, held_on=days(-380))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("strategy_tick", stdout=out)
    assert "0 due and 1 overdue committee reminder(s), 2 mail(s) queued." in out.getvalue()
    out = StringIO()
    call_command("strategy_tick", stdout=out)
    assert "0 due and 0 overdue" in out.getvalue()
