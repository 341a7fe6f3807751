"""Notice mails: what each says, in the person's language, with the right calendar attachment."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.core import mail
from django.tasks import default_task_backend
from django.utils import timezone, translation
from django.utils.formats import date_format

from stegvis.courses.models import NoticeSent, Registration
from stegvis.courses.notice_mail import send_registration_notice, site_url
from stegvis.courses.notices import Notice
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import course_scenario

Status = Registration.Status
pytestmark = pytest.mark.django_db
TITLE = "Demensvård steg 1"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.STEGVIS_SITE_URL = "https://stegvis.example"


def _speaks(person, language):
    person.preferred_language = language
    person.save(update_fields=["preferred_language"])
    return person


def _staff(cast, n, language="en"):
    people = []
    for i in range(n):
        person = f.PersonFactory(
            municipality=cast.uddevalla, first_name=f"Deltagare{i}", preferred_language=language
        )
        f.EmploymentFactory(person=person, unit=cast.solgarden)
        people.append(person)
    return people


def _send(registration, notice) -> mail.EmailMessage:
    mail.outbox.clear()
    assert send_registration_notice(registration.pk, str(notice)) == 1
    assert len(mail.outbox) == 1
    return mail.outbox[0]


def _calendar(message):
    """(METHOD of the attached calendar, parsed calendar) or (None, None)."""
    parts = [a for a in message.attachments if a.get_content_type() == "text/calendar"]
    if not parts:
        return None, None
    (part,) = parts
    method = part.get_param("method")
    calendar = icalendar.Calendar.from_ical(part.get_content())
    assert str(calendar["METHOD"]) == method
    return method, calendar


def _local_date(moment, language):
    with translation.override(language):
        return date_format(timezone.localtime(moment), "l j F Y")


# -- one test per notice kind ---------------------------------------------------------------------


def test_confirmed_tells_days_place_and_deadline_with_a_request(cast):
    scenario = course_scenario(cast)
    person = _speaks(cast.employee, "en")
    registration = reg.register(actor=None, offering=scenario["offering"], person=person)
    with translation.override("en"):
        message = _send(registration, Notice.CONFIRMED)
        cancel_by = date_format(timezone.localtime(scenario["offering"].cancel_by), "j F Y")
    assert message.subject == f"Seat confirmed: {TITLE}"
    assert message.to == [person.email]
    assert "Hello Anna," in message.body
    assert "You have a seat on Demensvård steg 1 (On site)." in message.body
    assert _local_date(scenario["days"][0].starts_at, "en") in message.body
    assert "09:00–16:00, Folkets hus, Uddevalla" in message.body
    assert "Läs Socialstyrelsens riktlinjer (about 30 minutes)" in message.body
    assert f"cancel by {cancel_by}" in message.body
    assert f"https://stegvis.example/courses/registrations/{registration.pk}/" in message.body
    method, calendar = _calendar(message)
    assert method == "REQUEST"
    assert len(list(calendar.walk("VEVENT"))) == 2
    assert NoticeSent.objects.filter(registration=registration, kind="invitation").exists()


def test_the_person_language_decides_the_dates(cast):
    scenario = course_scenario(cast)
    assert cast.employee.preferred_language == "sv"
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    with translation.override("en"):
        body = _send(registration, Notice.CONFIRMED).body
    day = scenario["days"][0].starts_at
    assert _local_date(day, "sv") in body
    assert _local_date(day, "sv") != _local_date(day, "en")
    assert _local_date(day, "en") not in body


def test_times_are_shown_in_swedish_local_time(cast, settings):
    scenario = course_scenario(cast)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    with timezone.override(datetime.UTC):  # the worker's current time zone does not matter
        body = _send(registration, Notice.CONFIRMED).body
    assert "09:00–16:00" in body


def test_waiting_tells_the_place_in_line_without_attachment(cast):
    scenario = course_scenario(cast, seats=1)
    first, second = _staff(cast, 2)
    reg.register(actor=None, offering=scenario["offering"], person=first)
    waiting = reg.register(actor=None, offering=scenario["offering"], person=second)
    with translation.override("en"):
        message = _send(waiting, Notice.WAITING)
    assert message.subject == f"On the waiting list: {TITLE}"
    assert "You are number 1 in line." in message.body
    assert "it is yours at once" in message.body
    assert _calendar(message) == (None, None)


def test_promoted_gets_the_seat_and_the_invitation(cast):
    scenario = course_scenario(cast, seats=1)
    first, second = _staff(cast, 2)
    held = reg.register(actor=None, offering=scenario["offering"], person=first)
    waiting = reg.register(actor=None, offering=scenario["offering"], person=second)
    reg.cancel(actor=None, registration=held)
    with translation.override("en"):
        message = _send(waiting, Notice.PROMOTED)
    assert message.subject == f"You got a seat: {TITLE}"
    assert _calendar(message)[0] == "REQUEST"


def _offered(cast):
    scenario = course_scenario(cast, seats=1, promotion="offer", offer_hours=24)
    first, second = _staff(cast, 2)
    held = reg.register(actor=None, offering=scenario["offering"], person=first)
    waiting = reg.register(actor=None, offering=scenario["offering"], person=second)
    reg.cancel(actor=None, registration=held)
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    return scenario, waiting


def test_offered_says_answer_by_when_and_where(cast):
    _scenario, offered = _offered(cast)
    with translation.override("en"):
        message = _send(offered, Notice.OFFERED)
        answer_by = date_format(timezone.localtime(offered.offered_until), "j F Y H:i")
    assert message.subject == f"A seat is offered to you: {TITLE}"
    assert f"Answer by {answer_by}" in message.body
    assert f"/courses/registrations/{offered.pk}/" in message.body
    assert _calendar(message) == (None, None)


def test_offered_queues_the_expiry_when_the_backend_can_defer(cast, settings):
    _scenario, offered = _offered(cast)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    send_registration_notice(offered.pk, Notice.OFFERED)
    (result,) = [r for r in default_task_backend.results if r.task.name == "expire_offers"]
    assert result.kwargs == {"offering_id": offered.offering_id}
    assert result.task.run_after == offered.offered_until + datetime.timedelta(seconds=1)


def test_offered_expiry_waits_in_the_database_queue(cast, settings):
    from django_tasks_db.models import DBTaskResult

    _scenario, offered = _offered(cast)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_registration_notice(offered.pk, Notice.OFFERED)
    queued = DBTaskResult.objects.get(task_path="stegvis.courses.tasks.expire_offers")
    assert queued.run_after == offered.offered_until + datetime.timedelta(seconds=1)
    assert queued.args_kwargs["kwargs"] == {"offering_id": offered.offering_id}


def test_declining_the_offer_is_confirmed(cast):
    _scenario, offered = _offered(cast)
    reg.decline_offer(actor=None, registration=offered)
    with translation.override("en"):
        message = _send(offered, Notice.CANCELLED)
    assert message.subject == f"Offered seat declined: {TITLE}"
    assert "It goes to the next in line." in message.body
    assert _calendar(message) == (None, None)


def test_offer_expired_tells_the_seat_went_on(cast):
    scenario, offered = _offered(cast)
    reg.expire_offers_of(
        scenario["offering"].pk, now=offered.offered_until + datetime.timedelta(minutes=1)
    )
    offered.refresh_from_db()
    with translation.override("en"):
        message = _send(offered, Notice.OFFER_EXPIRED)
    assert message.subject == f"The offered seat went to the next in line: {TITLE}"
    assert "was not taken in time" in message.body
    assert _calendar(message) == (None, None)


def test_transfer_tells_both_and_moves_the_calendar(cast):
    scenario = course_scenario(cast)
    giver = _speaks(cast.employee, "en")
    taker = _speaks(cast.colleague, "en")
    registration = reg.register(actor=None, offering=scenario["offering"], person=giver)
    send_registration_notice(registration.pk, Notice.CONFIRMED)
    successor = reg.transfer(actor=None, registration=registration, to_person=taker)
    registration.refresh_from_db()
    with translation.override("en"):
        handed_in = _send(successor, Notice.TRANSFERRED_IN)
        handed_over = _send(registration, Notice.CANCELLED)
    assert handed_in.subject == f"A colleague handed you their place: {TITLE}"
    assert "Anna Lindqvist has handed their place on Demensvård steg 1 to you." in handed_in.body
    assert _calendar(handed_in)[0] == "REQUEST"
    assert handed_over.subject == f"Seat handed to a colleague: {TITLE}"
    assert "has been handed to Karin Holm." in handed_over.body
    assert _calendar(handed_over)[0] == "CANCEL"


def test_cancelled_sends_a_cancel_to_someone_who_had_the_invitation(cast):
    scenario = course_scenario(cast)
    person = _speaks(cast.employee, "en")
    registration = reg.register(actor=None, offering=scenario["offering"], person=person)
    invitation = _send(registration, Notice.CONFIRMED)
    reg.cancel(actor=None, registration=registration)
    with translation.override("en"):
        message = _send(registration, Notice.CANCELLED)
    assert message.subject == f"Registration cancelled: {TITLE}"
    assert "Your registration for Demensvård steg 1 is cancelled." in message.body
    method, calendar = _calendar(message)
    assert method == "CANCEL"
    _method, sent = _calendar(invitation)
    assert {str(e["UID"]) for e in calendar.walk("VEVENT")} == {
        str(e["UID"]) for e in sent.walk("VEVENT")
    }


def test_late_cancellation_says_so(cast):
    scenario = course_scenario(cast, cancel_by=timezone.now() - datetime.timedelta(hours=1))
    person = _speaks(cast.employee, "en")
    registration = reg.register(actor=None, offering=scenario["offering"], person=person)
    reg.cancel(actor=None, registration=registration)
    with translation.override("en"):
        message = _send(registration, Notice.CANCELLED)
    assert message.subject == f"Cancelled after the deadline: {TITLE}"
    assert "recorded as a late cancellation" in message.body


def test_leaving_the_waiting_list_sends_no_calendar_cancellation(cast):
    scenario = course_scenario(cast, seats=0)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    send_registration_notice(registration.pk, Notice.WAITING)
    reg.cancel(actor=None, registration=registration)
    assert _calendar(_send(registration, Notice.CANCELLED)) == (None, None)


def test_offering_cancelled_by_the_organiser(cast):
    scenario = course_scenario(cast)
    person = _speaks(cast.employee, "en")
    registration = reg.register(actor=None, offering=scenario["offering"], person=person)
    send_registration_notice(registration.pk, Notice.CONFIRMED)
    reg.decide(actor=None, offering=scenario["offering"], go=False)
    with translation.override("en"):
        message = _send(registration, Notice.OFFERING_CANCELLED)
    assert message.subject == f"Cancelled by the organiser: {TITLE}"
    assert "The organiser has cancelled Demensvård steg 1." in message.body
    assert _calendar(message)[0] == "CANCEL"


def test_changed_day_updates_the_calendar(cast):
    scenario = course_scenario(cast)
    person = _speaks(cast.employee, "en")
    registration = reg.register(actor=None, offering=scenario["offering"], person=person)
    day = scenario["days"][1]
    day.place = "Stadshuset, Vänersborg"
    day.sequence += 1
    day.save()
    with translation.override("en"):
        message = _send(registration, Notice.CHANGED)
    assert message.subject == f"Changed time or place: {TITLE}"
    assert "Stadshuset, Vänersborg (changed)" in message.body
    method, calendar = _calendar(message)
    assert method == "REQUEST"
    sequences = sorted(int(e["SEQUENCE"]) for e in calendar.walk("VEVENT"))
    assert sequences == [0, 1]


def test_reminder_names_the_next_day_and_open_preparation(cast):
    scenario = course_scenario(cast)
    person = _speaks(cast.employee, "en")
    registration = reg.register(actor=None, offering=scenario["offering"], person=person)
    with translation.override("en"):
        message = _send(registration, Notice.REMINDER)
        date = date_format(timezone.localtime(scenario["days"][0].starts_at), "j F")
    assert message.subject == f"Reminder: {TITLE} on {date}"
    assert "Place: Folkets hus, Uddevalla" in message.body
    assert "Läs Socialstyrelsens riktlinjer" in message.body
    assert _calendar(message) == (None, None)


def test_preparation_due_lists_only_the_open_tasks(cast):
    from stegvis.courses.services.progress import task_tick
    from tests.course_factories import ChecklistTaskFactory

    scenario = course_scenario(cast)
    done = ChecklistTaskFactory(course=scenario["course"], title="Se filmen om bemötande")
    person = _speaks(cast.employee, "en")
    registration = reg.register(actor=None, offering=scenario["offering"], person=person)
    task_tick(actor=None, registration=registration, task=done, done=True)
    with translation.override("en"):
        message = _send(registration, Notice.PREPARATION_DUE)
    assert message.subject == f"Preparation to do before {TITLE}"
    assert "Läs Socialstyrelsens riktlinjer" in message.body
    assert "Se filmen om bemötande" not in message.body
    assert "Prova i vardagen" not in message.body  # a follow-up task


# -- what is not sent -----------------------------------------------------------------------------


def test_people_without_email_get_nothing(cast):
    scenario = course_scenario(cast)
    cast.employee.email = ""
    cast.employee.save()
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    mail.outbox.clear()
    assert send_registration_notice(registration.pk, Notice.CONFIRMED) == 0
    assert mail.outbox == []


def test_a_stale_confirmation_is_not_sent(cast):
    scenario = course_scenario(cast)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    reg.cancel(actor=None, registration=registration)
    mail.outbox.clear()
    assert send_registration_notice(registration.pk, Notice.CONFIRMED) == 0
    assert mail.outbox == []


def test_text_is_not_html_escaped(cast):
    scenario = course_scenario(cast)
    scenario["offering"].title = "Kost & <hälsa>"
    scenario["offering"].save()
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    body = _send(registration, Notice.CONFIRMED).body
    assert "Kost & <hälsa>" in body
    assert "&amp;" not in body


def test_services_send_the_notice_after_commit(cast, django_capture_on_commit_callbacks):
    scenario = course_scenario(cast)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    (message,) = mail.outbox
    assert message.to == [cast.employee.email]
    assert _calendar(message)[0] == "REQUEST"


def test_links_in_mail_use_the_configured_site_address(settings):
    settings.STEGVIS_SITE_URL = "https://stegvis.uddevalla.se"
    assert site_url() == "https://stegvis.uddevalla.se"
