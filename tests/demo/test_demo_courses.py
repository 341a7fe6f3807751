"""The demo's courses: the situations the demo logins show, repeatability, reset and quiet mail.

One seeded demo (200 employees) serves the module's read-only tests; it is rolled back at the end.
"""

from __future__ import annotations

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.test import TestCase
from django.utils import timezone

from stegvis.accounts.models import User
from stegvis.competences.models import CompetenceRecord, Item
from stegvis.courses import notices
from stegvis.courses.models import (
    Attendance,
    ChecklistTask,
    Course,
    Offering,
    Registration,
    TaskCompletion,
)
from stegvis.courses.selectors import leads, offerings_led_by
from stegvis.courses.services.registration import seats_held, waiting_position
from stegvis.organisations.models import Role, RoleAssignment
from stegvis.people.models import Employment, Person

pytestmark = pytest.mark.django_db

Status = Registration.Status
ANNA = "anna.lindqvist@uddevalla.demo"


def _seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--employees", "200", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        mails = len(mail.outbox)
        with TestCase.captureOnCommitCallbacks(execute=True) as callbacks:
            output = _seed()
        yield {"output": output, "callbacks": callbacks, "mails": len(mail.outbox) - mails}
        transaction.set_rollback(True)


def _first_day(offering: Offering) -> datetime.date:
    return timezone.localtime(offering.days.order_by("starts_at").first().starts_at).date()


def test_catalogue_of_yrkesresan_courses(seeded):
    courses = list(Course.objects.prefetch_related("goals__framework", "tasks", "materials"))
    assert 10 <= len(courses) <= 16
    assert {c.language for c in courses} == {"sv", "da"}
    owners = Counter("region" if c.region_id else c.municipality.name for c in courses)
    assert owners["region"] >= 8 and owners["Uddevalla"] >= 2 and owners["Randers"] >= 2
    kinds = set()
    for course in courses:
        assert course.description and course.leaders.exists()
        knowledge = [g for g in course.goals.all() if g.kind == Item.Kind.GOAL]
        assert 2 <= len(knowledge) <= 4
        # Beside its knowledge goals a course gives the competences they belong to.
        competences = {g.pk for g in course.goals.all() if g.kind == Item.Kind.COMPETENCE}
        assert competences == {g.parent_id for g in knowledge}
        assert all(not goal.framework.is_draft for goal in course.goals.all())
        preparation = [t for t in course.tasks.all() if t.part == ChecklistTask.Part.PREPARATION]
        follow_up = [t for t in course.tasks.all() if t.part == ChecklistTask.Part.FOLLOW_UP]
        assert 2 <= len(preparation) <= 5 and 1 <= len(follow_up) <= 3
        for task in course.tasks.all():
            assert task.why and task.minutes > 0 and (task.link or task.instructions)
            assert set(task.goals.all()) <= set(course.goals.all()) and task.goals.exists()
            kinds.add(task.kind)
    assert kinds == set(ChecklistTask.Kind.values)
    assert Course.objects.filter(for_managers=True, target_titles__code="enhetschef").exists()
    assert Course.objects.filter(target_titles__code="underskoterska").count() >= 4
    assert Course.objects.exclude(materials=None).count() >= 8
    assert "16 courses" in seeded["output"]


def test_a_full_offering_with_a_waiting_list(seeded):
    full = [
        o
        for o in Offering.objects.filter(seats_on_site__isnull=False)
        if sum(seats_held(o, "on_site").values()) == o.seats_on_site
        and o.registrations.filter(status=Status.WAITING).count() >= 5
    ]
    assert full
    waiting = full[0].registrations.filter(status=Status.WAITING).order_by("queued_at", "id")
    assert [waiting_position(r) for r in waiting] == list(range(1, waiting.count() + 1))


def test_an_offered_seat_waits_for_an_answer(seeded):
    offered = Registration.objects.get(status=Status.OFFERED)
    assert offered.offering.promotion == Offering.Promotion.OFFER
    assert offered.offered_until > timezone.now()
    assert offered.offering.registrations.filter(status=Status.CANCELLED).exists()


def test_todays_offering_is_led_by_the_course_leader_login(seeded):
    jonas = User.objects.get(email="jonas.ekberg@uddevalla.demo")
    today = [o for o in offerings_led_by(jonas) if _first_day(o) == timezone.localdate()]
    assert len(today) == 1
    offering = today[0]
    assert leads(jonas, offering)
    assert offering.decision == Offering.Decision.GO
    assert offering.registrations.filter(status=Status.CONFIRMED).count() >= 5
    assert not Attendance.objects.filter(registration__offering=offering).exists()
    assert TaskCompletion.objects.filter(registration__offering=offering).exists()


def test_annas_three_states(seeded):
    anna = Person.objects.get(email=ANNA)
    by_status = {}
    for r in anna.registrations.select_related("offering"):
        by_status.setdefault(r.status, []).append(r)
    assert set(by_status) == {Status.CONFIRMED, Status.WAITING}
    upcoming = [r for r in by_status[Status.CONFIRMED] if r.completed_at is None]
    assert len(upcoming) == 1 and _first_day(upcoming[0].offering) > timezone.localdate()
    ticked = upcoming[0].task_completions.count()
    preparation = upcoming[0].offering.course.tasks.filter(part="preparation").count()
    assert 0 < ticked < preparation
    [waiting] = by_status[Status.WAITING]
    assert waiting_position(waiting) >= 1
    [done] = [r for r in by_status[Status.CONFIRMED] if r.completed_at]
    assert _first_day(done.offering) < timezone.localdate()
    assert done.follow_up_signed_off_by.email == "maria.berg@uddevalla.demo"
    entries = anna.competence_records.filter(
        kind=CompetenceRecord.Kind.COURSE, evidence__startswith=done.offering.display_title
    )
    assert {e.item_id for e in entries} == set(
        done.offering.course.goals.values_list("pk", flat=True)
    )


def test_past_offerings_have_attendance_and_completions(seeded):
    completed = Registration.objects.exclude(completed_at=None).select_related("offering", "person")
    assert completed.count() >= 5
    for r in completed:
        assert _first_day(r.offering) < timezone.localdate()
        assert r.attendances.filter(present=True).count() == r.offering.days.count()
        goals = set(r.offering.course.goals.values_list("pk", flat=True))
        recorded = r.person.competence_records.filter(
            kind=CompetenceRecord.Kind.COURSE, item__in=goals, recorded_by__isnull=False
        )
        assert set(recorded.values_list("item_id", flat=True)) == goals
    past = Attendance.objects.values("present").annotate(n=Count("id"))
    assert {row["present"] for row in past} == {True, False}  # some no-shows too
    awaiting = Registration.objects.filter(
        completed_at=None, follow_up_signed_off_at=None, attendances__present=True
    ).distinct()
    assert awaiting.exists()  # follow-up done or pending, waiting for the manager


def test_events_quotas_and_the_managers_staff(seeded):
    launch = Offering.objects.get(kind=Offering.Kind.LAUNCH_DAY)
    assert launch.attendance == Offering.Attendance.HYBRID and launch.seats_digital is None
    assert launch.days.get().place == "Quality Hotel, Vänersborg"
    for theme in Offering.objects.filter(kind=Offering.Kind.THEME_DAY):
        follow_up = theme.follow_ups.get()
        assert follow_up.kind == Offering.Kind.FOLLOW_UP_DAY
        assert (_first_day(follow_up) - _first_day(theme)).days >= 60
        assert follow_up.registrations.exists()
    assert Offering.objects.filter(quotas__isnull=False).distinct().count() == 1
    assert Registration.objects.filter(status=Status.TRANSFERRED).count() == 1
    maria = User.objects.get(email="maria.berg@uddevalla.demo")
    units = RoleAssignment.objects.filter(user=maria, role=Role.MANAGER).values("unit")
    staff = Employment.objects.current().filter(unit__in=units).values("person")
    theirs = Registration.objects.filter(person__in=staff).exclude(person__user=maria)
    assert theirs.count() >= 5
    statuses = set(theirs.values_list("status", flat=True))
    assert {Status.CONFIRMED, Status.WAITING} <= statuses
    assert theirs.exclude(completed_at=None).count() >= 2  # Anna and one colleague
    assert Registration.objects.filter(person__user=maria).count() == 2  # her course, launch day
    assert theirs.filter(
        completed_at=None, task_completions__task__part="follow_up", attendances__present=True
    ).exists()


def test_no_notice_mail_is_queued(seeded):
    assert seeded["mails"] == 0
    assert not [c for c in seeded["callbacks"] if c.__module__ == notices.__name__]


def test_suppressed_notices_leave_other_callbacks_alone(django_capture_on_commit_callbacks):
    registration = Registration(pk=1)
    ran = []
    with django_capture_on_commit_callbacks() as callbacks, notices.suppressed():
        transaction.on_commit(lambda: ran.append("other"))
        notices.announce(registration, notices.Notice.CONFIRMED)
    assert len(callbacks) == 1
    callbacks[0]()
    assert ran == ["other"]
    with django_capture_on_commit_callbacks() as callbacks:
        notices.announce(registration, notices.Notice.CONFIRMED)
    assert len(callbacks) == 1  # outside the block notices are queued again


def _fingerprint():
    registrations = sorted(
        (
            r.offering.display_title,
            r.offering.opens_at,
            r.person.email,
            r.status,
            r.mode,
            r.queued_at,
            r.offered_until,
            r.registered_by.email if r.registered_by else "",
            r.completed_at is not None,
            r.follow_up_signed_off_by.email if r.follow_up_signed_off_by else "",
            tuple(sorted(r.task_completions.values_list("task__title", flat=True))),
            tuple(sorted(r.attendances.values_list("day__starts_at", "present"))),
        )
        for r in Registration.objects.select_related(
            "offering__course", "person", "registered_by", "follow_up_signed_off_by"
        )
    )
    offerings = sorted(
        (
            o.display_title,
            o.kind,
            o.attendance,
            o.seats_on_site,
            o.closes_at,
            tuple(o.days.values_list("starts_at", "ends_at", "place", "uid")),
            tuple(sorted(o.leaders.values_list("email", flat=True))),
            tuple(sorted(o.quotas.values_list("municipality__name", "seats"))),
        )
        for o in Offering.objects.select_related("course")
    )
    courses = sorted(
        (c.title, tuple(c.tasks.values_list("order", "kind", "title", "minutes", "link")))
        for c in Course.objects.all()
    )
    from_courses = Q(pk__in=[])
    for title in Course.objects.values_list("title", flat=True):
        from_courses |= Q(evidence__startswith=f"{title} (")
    records = sorted(
        CompetenceRecord.objects.filter(from_courses).values_list(
            "person__email", "item__code", "achieved_on", "evidence"
        )
    )
    return registrations, offerings, courses, records


def test_same_seed_gives_the_same_courses_and_reset_replaces_them(seeded):
    first = _fingerprint()
    assert len(first[0]) > 200 and len(first[1]) == 23 and first[3]
    _seed("--reset")
    assert _fingerprint() == first
    assert Course.objects.count() == 16
