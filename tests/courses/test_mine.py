"""My courses, the registration page with its three parts, and ticking off checklist tasks."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from stegvis.core.middleware import SESSION_LANGUAGE_KEY
from stegvis.courses.models import Attendance, ChecklistTask, Registration, TaskCompletion
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import (
    ChecklistTaskFactory,
    CourseDayFactory,
    OfferingFactory,
    at,
    course_scenario,
)

Status = Registration.Status
pytestmark = pytest.mark.django_db


def english(client):
    """Pages in English, whatever the person's saved language (kept in the session)."""
    session = client.session
    session[SESSION_LANGUAGE_KEY] = "en"
    session.save()
    return client


def _get(client, name, *args):
    with override("en"):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response


def _offering(course, *days, **fields):
    offering = OfferingFactory(course=course, **fields)
    for day in days:
        CourseDayFactory(offering=offering, starts_at=at(day, 9), ends_at=at(day, 16))
    return offering


def test_my_courses_are_grouped_coming_offered_waiting_past_and_ended(cast, login):
    s = course_scenario(cast, seats=1, promotion="offer")
    course = s["course"]
    coming = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    full = _offering(course, 50, seats_on_site=1)
    reg.register(actor=None, offering=full, person=cast.colleague)
    reg.register(actor=None, offering=full, person=cast.manager)
    waiting = reg.register(actor=None, offering=full, person=cast.employee)
    offered_on = _offering(course, 60, seats_on_site=1, promotion="offer")
    first = reg.register(actor=None, offering=offered_on, person=cast.colleague)
    reg.register(actor=None, offering=offered_on, person=cast.employee)
    reg.cancel(actor=None, registration=first)
    past_offering = _offering(course, 10, opens_at=at(-60), closes_at=at(5), cancel_by=at(5))
    past = reg.register(actor=None, offering=past_offering, person=cast.employee)
    past_offering.days.update(starts_at=at(-20, 9), ends_at=at(-20, 16))
    ended = reg.register(actor=None, offering=_offering(course, 70), person=cast.employee)
    reg.cancel(actor=None, registration=ended)

    response = _get(english(login(cast.employee)), "courses:mine")
    groups = {
        name: [c["registration"].pk for c in response.context[name]]
        for name in ("coming", "offered", "waiting", "past", "ended")
    }
    offered = offered_on.registrations.get(person=cast.employee)
    assert groups == {
        "coming": [coming.pk],
        "offered": [offered.pk],
        "waiting": [waiting.pk],
        "past": [past.pk],
        "ended": [ended.pk],
    }
    assert response.context["waiting"][0]["position"] == 2
    html = response.content.decode()
    assert "Number 2 in line" in html
    assert reverse("courses:accept", args=[offered.pk]) in html
    assert "A seat is offered to you" in html
    assert "Cancelled" in html
    assert reverse("courses:registration", args=[coming.pk]) in html


def test_coming_course_shows_next_day_and_preparation_progress(cast, login):
    s = course_scenario(cast)
    ChecklistTaskFactory(course=s["course"], title="Lyssna på podden")
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    TaskCompletion.objects.create(registration=registration, task=s["preparation"])
    response = _get(english(login(cast.employee)), "courses:mine")
    (card,) = response.context["coming"]
    assert card["next_day"] == s["days"][0]
    assert card["due"] == "due"
    html = response.content.decode()
    assert "Preparation: 1 of 2 done" in html
    assert "Next course day:" in html
    assert "Folkets hus, Uddevalla" in html
    assert "Due by" in html and "Overdue" not in html


def test_preparation_not_done_by_the_first_course_day_is_overdue(cast, login):
    s = course_scenario(cast)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    s["days"][0].starts_at, s["days"][0].ends_at = at(-1, 9), at(-1, 16)
    s["days"][0].save()
    client = english(login(cast.employee))
    response = _get(client, "courses:mine")
    (card,) = response.context["coming"]
    assert card["next_day"] == s["days"][1]
    assert card["due"] == "overdue"
    assert "Overdue" in response.content.decode()
    assert "Overdue" in _get(client, "courses:registration", registration.pk).content.decode()
    TaskCompletion.objects.create(registration=registration, task=s["preparation"])
    (card,) = _get(client, "courses:mine").context["coming"]
    assert card["due"] == "done"


def test_preparation_due_within_a_week_is_marked_soon(cast, login):
    s = course_scenario(cast)
    reg.register(actor=None, offering=s["offering"], person=cast.employee)
    s["offering"].days.filter(pk=s["days"][0].pk).update(starts_at=at(3, 9), ends_at=at(3, 16))
    (card,) = _get(login(cast.employee), "courses:mine").context["coming"]
    assert card["due"] == "soon"


def test_someone_without_a_personal_record_has_no_courses(cast, login):
    user = f.UserFactory()
    response = _get(english(login(user)), "courses:mine")
    assert "not linked to a personal record" in response.content.decode()


def test_registration_page_shows_the_three_parts_to_the_participant(cast, login):
    s = course_scenario(cast)
    s["preparation"].goals.add(s["goal"])
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    response = _get(english(login(cast.employee)), "courses:registration", registration.pk)
    html = response.content.decode()
    for text in (
        "1. Preparation",
        "Läs Socialstyrelsens riktlinjer",
        "Ger en gemensam grund inför kursdagen.",
        "30 minutes",
        "Basala hygienrutiner",
        "2. Course days",
        "not marked yet",
        "3. Follow-up tasks",
        "Prova i vardagen",
        "Registered for Demensvård steg 1",  # the history
    ):
        assert text in html, text
    tick = reverse("courses:task_tick", args=[registration.pk, s["preparation"].pk])
    assert f'action="{tick}"' in html
    assert f'id="task-{s["preparation"].pk}-done"' in html
    assert f'id="task-{s["follow_up"].pk}-done"' in html


def test_registration_page_shows_attendance_once_marked(cast, login):
    s = course_scenario(cast)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    Attendance.objects.create(registration=registration, day=s["days"][0], present=True)
    Attendance.objects.create(registration=registration, day=s["days"][1], present=False)
    response = _get(english(login(cast.employee)), "courses:registration", registration.pk)
    assert [d["present"] for d in response.context["days"]] == [True, False]
    html = response.content.decode()
    assert "present" in html and "absent" in html
    assert "present on 1 of 2" in html


def test_manager_sees_the_registration_read_only_with_the_sign_off(cast, login):
    s = course_scenario(cast)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    TaskCompletion.objects.create(registration=registration, task=s["preparation"])
    response = _get(english(login(cast.manager)), "courses:registration", registration.pk)
    html = response.content.decode()
    assert "Registration of Anna Lindqvist" in html
    assert 'type="checkbox"' not in html
    assert "✓ Done" in html and "Not done" in html
    assert f'id="sign-off-{registration.pk}"' in html
    assert reverse("courses:cancel", args=[registration.pk]) not in html


def test_participant_ticks_a_task_with_htmx_and_gets_the_row_back(cast, login):
    s = course_scenario(cast)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    client = english(login(cast.employee))
    url = reverse("courses:task_tick", args=[registration.pk, s["preparation"].pk])
    with override("en"):
        response = client.post(url, {"done": ["0", "1"]}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li class="task task--done" id="task-{s["preparation"].pk}"')
    assert "checked" in html
    assert 'hx-swap-oob="true"' in html and "1 of 1 done" in html
    assert TaskCompletion.objects.filter(registration=registration).count() == 1
    # Unticking: only the hidden "0" is sent.
    response = client.post(url, {"done": "0"}, HTTP_HX_REQUEST="true")
    assert "checked" not in response.content.decode()
    assert not TaskCompletion.objects.filter(registration=registration).exists()


def test_ticking_without_htmx_redirects_back_to_the_task(cast, login):
    s = course_scenario(cast)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    url = reverse("courses:task_tick", args=[registration.pk, s["follow_up"].pk])
    response = login(cast.employee).post(url, {"done": "1"})
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("courses:registration", args=[registration.pk]) + f"#task-{s['follow_up'].pk}"
    )
    assert TaskCompletion.objects.filter(registration=registration).count() == 1


@pytest.mark.parametrize("who", ["manager", "colleague", "course_leader", "hr"])
def test_only_the_participant_ticks_their_tasks(who, cast, login):
    s = course_scenario(cast)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    url = reverse("courses:task_tick", args=[registration.pk, s["preparation"].pk])
    response = login(getattr(cast, who)).post(url, {"done": "1"})
    assert response.status_code == 404
    assert not TaskCompletion.objects.exists()


def test_a_task_of_another_course_is_not_found(cast, login):
    s = course_scenario(cast)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    other = ChecklistTaskFactory()
    url = reverse("courses:task_tick", args=[registration.pk, other.pk])
    assert login(cast.employee).post(url, {"done": "1"}).status_code == 404


def test_ticking_on_the_waiting_list_is_refused_with_a_message(cast, login):
    s = course_scenario(cast, seats=1)
    reg.register(actor=None, offering=s["offering"], person=cast.colleague)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    assert registration.status == Status.WAITING
    client = english(login(cast.employee))
    url = reverse("courses:task_tick", args=[registration.pk, s["preparation"].pk])
    with override("en"):
        response = client.post(url, {"done": "1"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert "Only a participant with a confirmed seat can tick off tasks." in (
            response.content.decode()
        )
        assert 'type="checkbox"' not in response.content.decode()
        page = client.get(reverse("courses:registration", args=[registration.pk]))
    assert 'type="checkbox"' not in page.content.decode()
    assert not TaskCompletion.objects.exists()


def test_a_bad_done_value_is_an_error_not_a_crash(cast, login):
    s = course_scenario(cast)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    url = reverse("courses:task_tick", args=[registration.pk, s["preparation"].pk])
    with override("en"):
        response = english(login(cast.employee)).post(url, {"done": "maybe"}, follow=True)
    assert response.status_code == 200
    assert "Say whether the task is done or not." in response.content.decode()


def test_follow_up_cannot_be_ticked_after_the_sign_off(cast, login):
    s = course_scenario(cast)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    TaskCompletion.objects.create(registration=registration, task=s["follow_up"])
    Registration.objects.filter(pk=registration.pk).update(
        follow_up_signed_off_at=timezone.now(), follow_up_signed_off_by=cast.manager.user
    )
    client = english(login(cast.employee))
    html = _get(client, "courses:registration", registration.pk).content.decode()
    assert f'id="task-{s["follow_up"].pk}-done"' not in html
    assert f'id="task-{s["preparation"].pk}-done"' in html
    assert "signed off" in html
    url = reverse("courses:task_tick", args=[registration.pk, s["follow_up"].pk])
    with override("en"):
        response = client.post(url, {"done": "0"}, HTTP_HX_REQUEST="true")
    assert "The follow-up has been signed off already." in response.content.decode()
    assert TaskCompletion.objects.filter(task=s["follow_up"]).exists()


def test_completed_registration_says_so(cast, login):
    s = course_scenario(cast)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    Registration.objects.filter(pk=registration.pk).update(completed_at=timezone.now())
    html = _get(
        english(login(cast.employee)), "courses:registration", registration.pk
    ).content.decode()
    assert "yes, on" in html


def test_follow_up_only_task_part_is_listed_separately(cast, login):
    s = course_scenario(cast)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    response = _get(login(cast.employee), "courses:registration", registration.pk)
    assert [r["task"].part for r in response.context["preparation"]] == [
        ChecklistTask.Part.PREPARATION
    ]
    assert [r["task"].part for r in response.context["follow_up"]] == [ChecklistTask.Part.FOLLOW_UP]


def test_the_hand_over_link_is_shown_only_to_those_who_may_hand_over(cast, login):
    s = course_scenario(cast)
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    transfer = reverse("courses:transfer", args=[registration.pk])
    for who, shown in (("employee", True), ("manager", True), ("course_leader", False)):
        html = _get(login(getattr(cast, who)), "courses:registration", registration.pk)
        assert (transfer in html.content.decode()) is shown, who
