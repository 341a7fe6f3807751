"""The plan lives: a course activity's status follows its registration, by signal and by tick."""

from __future__ import annotations

import pytest
from django.utils import timezone

import stegvis.development.signals  # noqa: F401  (connects the receivers, as ready() does)
from stegvis.core.models import AuditEvent
from stegvis.courses.models import CourseDay
from stegvis.courses.services import progress
from stegvis.courses.services import registration as reg
from stegvis.development import sync
from stegvis.development.models import PlanActivity
from stegvis.development.services import plan_items as items
from tests import factories as f
from tests.course_factories import at
from tests.development.plan_helpers import plan_scenario

pytestmark = pytest.mark.django_db
Status = PlanActivity.Status


def _registered(cast):
    scenario = plan_scenario(cast, course=True, approved=True)
    activity = scenario["course_activity"]
    registration = items.activity_register(actor=cast.employee.user, activity=activity)
    return scenario, activity, registration


def _status(activity) -> str:
    activity.refresh_from_db()
    return activity.status


def _days_past(days):
    for n, day in enumerate(days):
        CourseDay.objects.filter(pk=day.pk).update(
            starts_at=at(-10 + n, 9), ends_at=at(-10 + n, 16)
        )
        day.refresh_from_db()


def test_activity_follows_the_registration_through_completion(cast):
    scenario, activity, registration = _registered(cast)
    course = scenario["course"]
    assert _status(activity) == Status.REGISTERED
    progress.task_tick(
        actor=cast.employee.user, registration=registration, task=course["preparation"], done=True
    )
    assert _status(activity) == Status.IN_PROGRESS  # preparation begun
    _days_past(course["days"])
    for day in course["days"]:
        progress.attendance_mark(
            actor=cast.course_leader.user, day=day, registration=registration, present=True
        )
    progress.task_tick(
        actor=cast.employee.user, registration=registration, task=course["follow_up"], done=True
    )
    assert _status(activity) == Status.IN_PROGRESS
    progress.follow_up_sign_off(actor=cast.manager.user, registration=registration)
    registration.refresh_from_db()
    assert registration.completed_at is not None
    assert _status(activity) == Status.DONE
    assert activity.done_at == registration.completed_at
    events = AuditEvent.objects.filter(
        action="development.activity.followed", target_id=scenario["plan"].pk
    )
    assert [e.data["status"] for e in events.order_by("id")] == ["in_progress", "done"]


def test_the_tick_sees_the_first_course_day_start(cast):
    scenario, activity, _registration = _registered(cast)
    _days_past(scenario["course"]["days"][:1])  # time passes: nothing is saved
    assert _status(activity) == Status.REGISTERED
    assert sync.sync_all() == 1
    assert _status(activity) == Status.IN_PROGRESS


def test_sync_is_idempotent(cast):
    scenario, activity, _registration = _registered(cast)
    _days_past(scenario["course"]["days"][:1])
    sync.sync_all()
    events = AuditEvent.objects.count()
    assert sync.sync_all() == 0
    assert sync.sync_all() == 0
    assert AuditEvent.objects.count() == events
    assert _status(activity) == Status.IN_PROGRESS


def test_a_cancelled_registration_sends_the_activity_back_to_planned_with_a_note(cast):
    scenario, activity, registration = _registered(cast)
    reg.cancel(actor=cast.employee.user, registration=registration)
    activity.refresh_from_db()
    assert activity.status == Status.PLANNED
    assert activity.registration is None
    assert activity.offering == scenario["course"]["offering"]  # can be registered again
    note = AuditEvent.objects.get(
        action="development.activity.registration_ended", target_id=scenario["plan"].pk
    )
    assert note.data["reason"] and note.data["offering"]
    again = items.activity_register(actor=cast.manager.user, activity=activity)
    assert again.pk != registration.pk and _status(activity) == Status.REGISTERED


def test_a_seat_handed_to_a_colleague_ends_the_persons_course_activity(cast):
    colleague = f.PersonFactory(municipality=cast.uddevalla, first_name="Kollega")
    f.EmploymentFactory(person=colleague, unit=cast.solgarden)
    _scenario, activity, registration = _registered(cast)
    reg.transfer(actor=cast.employee.user, registration=registration, to_person=colleague)
    assert _status(activity) == Status.PLANNED


def test_a_registration_made_in_the_catalogue_is_picked_up_by_the_plan(cast):
    scenario = plan_scenario(cast, course=True, approved=True)
    activity = scenario["course_activity"]
    registration = reg.register(
        actor=cast.employee.user, offering=scenario["course"]["offering"], person=cast.employee
    )
    activity.refresh_from_db()
    assert activity.registration is None  # linked by the tick, not at once
    sync.sync_all()
    activity.refresh_from_db()
    assert activity.registration == registration
    assert activity.status == Status.REGISTERED
    assert AuditEvent.objects.filter(
        action="development.activity.linked", target_id=scenario["plan"].pk
    ).exists()


def test_the_waiting_list_counts_as_registered_not_in_progress(cast):
    scenario = plan_scenario(cast, course=True, approved=True)
    offering = scenario["course"]["offering"]
    for i in range(2):
        other = f.PersonFactory(municipality=cast.uddevalla, first_name=f"Före{i}")
        reg.register(actor=None, offering=offering, person=other, now=timezone.now())
    activity = scenario["course_activity"]
    registration = items.activity_register(actor=cast.manager.user, activity=activity)
    assert registration.status == "waiting"
    _days_past(scenario["course"]["days"][:1])
    sync.sync_all()
    assert _status(activity) == Status.REGISTERED
