"""The periodic tick: offers expire, reminders go out once, however often it runs."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from stegvis.courses import reminders
from stegvis.courses.models import NoticeSent, Registration
from stegvis.courses.services import registration as reg
from stegvis.courses.services.progress import task_tick
from stegvis.courses.tasks import tick
from tests import factories as f
from tests.course_factories import at, course_scenario

Status = Registration.Status
pytestmark = pytest.mark.django_db


def _staff(cast, n):
    people = []
    for i in range(n):
        person = f.PersonFactory(municipality=cast.uddevalla, first_name=f"Deltagare{i}")
        f.EmploymentFactory(person=person, unit=cast.solgarden)
        people.append(person)
    return people


def _soon(cast, *, first_day_in: int = 1, **fields):
    """A course whose two days are ``first_day_in`` and ``first_day_in + 7`` days away."""
    scenario = course_scenario(cast, **fields)
    for offset, day in enumerate(scenario["days"]):
        day.starts_at = at(first_day_in + 7 * offset, 9)
        day.ends_at = at(first_day_in + 7 * offset, 16)
        day.save()
    return scenario


def _kinds(person) -> list[str]:
    return sorted(m.subject.split(":")[0] for m in mail.outbox if m.to == [person.email])


def test_reminder_goes_once_even_when_the_tick_runs_twice(cast):
    scenario = _soon(cast)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    task_tick(actor=None, registration=registration, task=scenario["preparation"], done=True)
    mail.outbox.clear()
    first = reminders.run()
    second = reminders.run()
    assert first.day_reminders == 1
    assert second.day_reminders == 0
    assert len(mail.outbox) == 1
    assert NoticeSent.objects.filter(
        registration=registration, kind="reminder", key=str(scenario["days"][0].pk)
    ).exists()


def test_each_course_day_gets_its_own_reminder(cast):
    scenario = _soon(cast)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    reminders.run()
    later = timezone.now() + datetime.timedelta(days=7)
    assert reminders.run(now=later).day_reminders == 1
    assert set(
        NoticeSent.objects.filter(registration=registration, kind="reminder").values_list(
            "key", flat=True
        )
    ) == {str(day.pk) for day in scenario["days"]}


def test_no_reminder_outside_the_window_or_without_a_seat(cast, settings):
    settings.STEGVIS_COURSE_REMINDER_DAYS = 2
    far = _soon(cast, first_day_in=3)
    reg.register(actor=None, offering=far["offering"], person=cast.employee)
    full = reg.register(actor=None, offering=far["offering"], person=cast.colleague)
    reg.cancel(actor=None, registration=full)
    assert reminders.run().day_reminders == 0
    settings.STEGVIS_COURSE_REMINDER_DAYS = 4
    assert reminders.run().day_reminders == 1


def test_preparation_due_only_while_the_checklist_is_open(cast, settings):
    settings.STEGVIS_PREPARATION_REMINDER_DAYS = 7
    scenario = _soon(cast, first_day_in=5, seats=3)
    ready, behind = _staff(cast, 2)
    done = reg.register(actor=None, offering=scenario["offering"], person=ready)
    reg.register(actor=None, offering=scenario["offering"], person=behind)
    task_tick(actor=None, registration=done, task=scenario["preparation"], done=True)
    mail.outbox.clear()
    summary = reminders.run()
    assert summary.preparation_reminders == 1
    assert summary.day_reminders == 0
    assert [m.to for m in mail.outbox] == [[behind.email]]
    assert reminders.run().preparation_reminders == 0


def test_no_preparation_reminder_before_the_window(cast):
    scenario = _soon(cast, first_day_in=10)
    reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    assert reminders.run().preparation_reminders == 0


def test_tick_expires_offers_and_the_next_in_line_is_offered(cast):
    scenario = course_scenario(cast, seats=1, promotion="offer", offer_hours=24)
    first, second, third = _staff(cast, 3)
    held = reg.register(actor=None, offering=scenario["offering"], person=first)
    reg.register(actor=None, offering=scenario["offering"], person=second)
    reg.register(actor=None, offering=scenario["offering"], person=third)
    reg.cancel(actor=None, registration=held)
    assert reminders.run().offers_expired == 0  # not yet due

    later = timezone.now() + datetime.timedelta(hours=25)
    summary = reminders.run(now=later)
    assert summary.offers_expired == 1
    assert summary.offerings_with_expired_offers == 1
    statuses = dict(scenario["offering"].registrations.values_list("person_id", "status"))
    assert statuses[second.pk] == Status.DECLINED
    assert statuses[third.pk] == Status.OFFERED
    assert reminders.run(now=later).offers_expired == 0


def test_tick_expiry_confirms_the_next_in_line_and_mails_both(
    cast, django_capture_on_commit_callbacks
):
    scenario = course_scenario(cast, seats=1, promotion="offer", offer_hours=1)
    first, second, third = _staff(cast, 3)
    held = reg.register(actor=None, offering=scenario["offering"], person=first)
    reg.register(actor=None, offering=scenario["offering"], person=second)
    reg.register(actor=None, offering=scenario["offering"], person=third)
    reg.cancel(actor=None, registration=held)
    offered = scenario["offering"].registrations.get(person=second)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminders.run(now=offered.offered_until + datetime.timedelta(seconds=1))
    assert {m.to[0] for m in mail.outbox} == {second.email, third.email}


def test_command_prints_a_summary_and_the_task_does_the_same(cast):
    scenario = _soon(cast)
    reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    out = StringIO()
    call_command("courses_tick", stdout=out)
    assert out.getvalue().strip() == (
        "0 offer(s) expired on 0 offering(s), 1 course-day reminder(s) and "
        "1 preparation reminder(s) queued."
    )
    result = tick.enqueue()
    assert result.return_value == {
        "offers_expired": 0,
        "offerings_with_expired_offers": 0,
        "day_reminders": 0,
        "preparation_reminders": 0,
    }


def test_cancelled_offerings_get_no_reminders(cast):
    scenario = _soon(cast)
    reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    reg.decide(actor=None, offering=scenario["offering"], go=False)
    summary = reminders.run()
    assert (summary.day_reminders, summary.preparation_reminders) == (0, 0)


def test_reminder_queries_do_not_grow_with_the_participants(cast, django_assert_max_num_queries):
    scenario = _soon(cast, seats=10)
    for person in _staff(cast, 6):
        reg.register(actor=None, offering=scenario["offering"], person=person)
    reminders.run()
    with django_assert_max_num_queries(8):
        reminders.run()  # all sent already: only the reads
