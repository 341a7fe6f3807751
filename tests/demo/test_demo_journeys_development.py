"""The demo's journeys, dialogues and development plans: what the logins show, repeatability,
reset and quiet mail.

One seeded demo (800 employees, so Maria Berg's units have staff to book) serves the module's
tests; it is rolled back at the end.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from stegvis.accounts.models import User
from stegvis.courses.models import Course, Registration
from stegvis.demo.generate import reset_demo_data
from stegvis.development import reminders
from stegvis.development.models import (
    DevelopmentPlan,
    Dialogue,
    DialogueNote,
    DialogueParticipant,
    DialogueRound,
    PlanActivity,
    Preparation,
)
from stegvis.development.selectors import notes_visible_to
from stegvis.journeys.models import Journey, Stop
from stegvis.journeys.progress import StopState
from stegvis.journeys.selectors import journey_views
from stegvis.organisations.models import Role, RoleAssignment
from stegvis.people.models import Employment, Person

pytestmark = pytest.mark.django_db

ANNA, MARIA = "anna.lindqvist@uddevalla.demo", "maria.berg@uddevalla.demo"
METTE, LARS = "mette.jensen@randers.demo", "lars.nielsen@randers.demo"
HELD, PLANNED = Dialogue.Status.HELD, Dialogue.Status.PLANNED


def _seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--employees", "800", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        mails = len(mail.outbox)
        with TestCase.captureOnCommitCallbacks() as callbacks:
            output = _seed()
        yield {"output": output, "callbacks": callbacks, "mails": len(mail.outbox) - mails}
        transaction.set_rollback(True)


def _person(email: str) -> Person:
    return Person.objects.select_related("user").get(email=email)


def _unit(email: str):
    return Employment.objects.current().select_related("unit").get(person__email=email).unit


def test_three_published_journeys_of_demo_courses_by_phase(seeded):
    journeys = list(Journey.objects.prefetch_related("suitcases__stops__course", "job_titles"))
    assert len(journeys) == 3 and all(j.published for j in journeys)
    for journey in journeys:
        assert [s.phase for s in journey.suitcases.all()] == ["new", "experienced", "senior"]
        assert journey.job_titles.exists() and not journey.area_kind
        for suitcase in journey.suitcases.all():
            stops = list(suitcase.stops.all())
            assert stops and [s.order for s in stops] == list(range(1, len(stops) + 1))
            for stop in stops:  # the owner's own courses, which its staff can book
                course = stop.course
                assert (course.region_id, course.municipality_id) == (
                    journey.region_id,
                    journey.municipality_id,
                )
    danish = Journey.objects.get(municipality__name="Randers")
    courses = Course.objects.filter(stops__suitcase__journey=danish).distinct()
    assert {c.language for c in courses} == {"da"}
    assert Stop.objects.values("course").distinct().count() >= 10
    assert "3 journeys (9 suitcases" in seeded["output"]


def test_annas_suitcase_shows_her_registrations_as_stop_states(seeded):
    anna = _person(ANNA)
    view = journey_views([anna])[anna.pk]
    assert view.journey.title == "Yrkesresan i vård och omsorg"
    assert view.current.phase == "experienced"  # in the profession since August 2023
    states = {s.state for s in view.current_stops}
    assert {StopState.DONE, StopState.PREPARING, StopState.REGISTERED} <= states
    assert StopState.NOT_STARTED in states and view.done_count == 1


def test_mette_follows_the_danish_journey(seeded):
    mette = _person(METTE)
    view = journey_views([mette])[mette.pk]
    assert view.journey.municipality.name == "Randers"
    assert view.current.phase == "senior"
    assert {s.state for s in view.current_stops} == {StopState.REGISTERED, StopState.NOT_STARTED}


def test_managers_follow_no_care_staff_journey(seeded):
    maria = _person(MARIA)
    assert journey_views([maria]) == {}


def test_marias_year_has_held_and_booked_dialogues_for_all_her_staff(seeded):
    maria = User.objects.get(email=MARIA)
    units = RoleAssignment.objects.filter(user=maria, role=Role.MANAGER).values("unit")
    year = timezone.localdate().year
    rounds = DialogueRound.objects.filter(unit__in=units, year=year)
    assert rounds.count() == 2 and not rounds.filter(uses_group_dialogues=True).exists()
    now = timezone.now()
    for dialogue_round in rounds:
        dialogues = list(dialogue_round.dialogues.all())
        staff = Employment.objects.current().filter(unit=dialogue_round.unit)
        staff = set(staff.exclude(person__user=maria).values_list("person_id", flat=True))
        booked = DialogueParticipant.objects.filter(dialogue__in=dialogues)
        assert set(booked.values_list("person_id", flat=True)) == staff
        held = [d for d in dialogues if d.status == HELD]
        coming = [d for d in dialogues if d.status == PLANNED]
        assert held and coming and len(held) + len(coming) == len(dialogues)
        assert all(d.ends_at < now and d.held_at == d.ends_at for d in held)
        assert all(now < d.starts_at < now + timezone.timedelta(days=70) for d in coming)
        assert all(d.kind == Dialogue.Kind.INDIVIDUAL and d.manager == maria for d in dialogues)
        assert not booked.filter(invited_at=None).exists()
    home = rounds.get(unit=_unit(ANNA))
    notes = DialogueNote.objects.filter(dialogue__round=home)
    assert notes.count() >= 4 and notes.filter(confidential=True).count() == 1
    assert not notes.filter(dialogue__status=PLANNED).exists()
    last_year = DialogueRound.objects.get(unit=home.unit, year=year - 1)
    assert not last_year.dialogues.exclude(status=HELD).exists()


def test_hr_does_not_read_the_confidential_note(seeded):
    note = DialogueNote.objects.select_related("person").get(confidential=True)
    hr, manager = User.objects.get(email="hr@uddevalla.demo"), User.objects.get(email=MARIA)
    assert note in notes_visible_to(manager, note.person)
    assert note not in notes_visible_to(hr, note.person)


def test_anna_and_maria_prepared_annas_dialogue(seeded):
    anna = _person(ANNA)
    dialogue = Dialogue.objects.get(participants=anna, round__year=timezone.localdate().year)
    assert dialogue.status == HELD
    preparations = {p.role: p for p in Preparation.objects.filter(dialogue=dialogue, person=anna)}
    assert set(preparations) == {"employee", "manager"}
    for preparation in preparations.values():
        assert preparation.submitted_at < dialogue.starts_at
        assert "demens" in preparation.answers
    assert DialogueNote.objects.filter(dialogue=dialogue, person=anna, confidential=False).exists()


def test_annas_approved_plan_links_her_registration_with_a_sharing_agreement(seeded):
    anna = _person(ANNA)
    plan = DevelopmentPlan.objects.get(person=anna, year=timezone.localdate().year)
    assert plan.approved and plan.manager_approved_by.email == MARIA
    assert plan.follow_up_on > timezone.localdate() + timezone.timedelta(days=30)
    courses = PlanActivity.objects.filter(goal__plan=plan, kind=PlanActivity.Kind.COURSE)
    linked = courses.exclude(registration=None).select_related("registration", "offering")
    assert linked.count() == 2
    for activity in linked:
        assert activity.registration.person_id == anna.pk
        assert activity.registration.status in Registration.ACTIVE
        assert activity.offering == activity.registration.offering
        assert activity.sharing_how and activity.sharing_with and activity.sharing_by
    statuses = set(linked.values_list("status", flat=True))
    assert statuses == {PlanActivity.Status.IN_PROGRESS, PlanActivity.Status.REGISTERED}
    assert {g.kind for g in plan.goals.all()} == {"competence", "career"}
    previous = plan.previous
    assert previous.year == plan.year - 1 and previous.followed_up_at and previous.outcome
    assert {g.outcome for g in previous.goals.all()} == {"achieved", "partly"}
    done = previous.goals.get(outcome="achieved").activities.get()
    assert done.status == PlanActivity.Status.DONE and done.registration.completed_at


def test_colleagues_plans_in_other_states(seeded):
    unit = _unit(ANNA)
    plans = DevelopmentPlan.objects.filter(unit=unit, year=timezone.localdate().year)
    plans = plans.exclude(person__email=ANNA)
    states = {
        (p.employee_approved_at is not None, p.manager_approved_at is not None) for p in plans
    }
    assert {(False, False), (False, True)} <= states  # a draft; waiting for the employee
    # approved by both where a colleague with a login had a dialogue (at the default size)
    assert all(p.person.user_id for p in plans if p.employee_approved_at)


def test_mettes_mus_in_a_grus_year_and_her_danish_plan(seeded):
    mette = _person(METTE)
    dialogue_round = DialogueRound.objects.get(unit=_unit(METTE), year=timezone.localdate().year)
    assert dialogue_round.uses_group_dialogues
    groups = dialogue_round.dialogues.filter(kind=Dialogue.Kind.GROUP)
    assert groups.filter(status=HELD).exists() and groups.filter(status=PLANNED).exists()
    assert DialogueParticipant.objects.get(dialogue__in=groups, person=mette).wants_individual
    mus = dialogue_round.dialogues.get(kind=Dialogue.Kind.INDIVIDUAL)
    assert mus.status == HELD and mus.manager.email == LARS
    plan = DevelopmentPlan.objects.get(person=mette, dialogue=mus)
    assert plan.approved
    texts = " ".join(
        a.description + a.sharing_how for a in PlanActivity.objects.filter(goal__plan=plan)
    )
    assert "tovholder" in texts and "personalemødet" in texts
    course = PlanActivity.objects.get(goal__plan=plan, kind=PlanActivity.Kind.COURSE)
    assert course.registration.person_id == mette.pk and course.offering.language == "da"


def test_the_logins_see_their_pages(seeded, client):
    client.force_login(User.objects.get(email=ANNA))
    page = client.get(reverse("portal:home")).content.decode()
    assert "Yrkesresan i vård och omsorg" in page and "Läkemedel och delegerade" in page
    anna = _person(ANNA)
    plan = DevelopmentPlan.objects.get(person=anna, year=timezone.localdate().year)
    assert client.get(reverse("development:plan", args=[plan.pk])).status_code == 200
    client.force_login(User.objects.get(email=MARIA))
    unit = _unit(ANNA)
    url = reverse("development:round", args=[unit.pk, timezone.localdate().year])
    assert "Anna Lindqvist" in client.get(url).content.decode()
    client.force_login(User.objects.get(email=METTE))
    page = client.get(reverse("development:my_dialogues")).content.decode()
    assert "Lars Nielsen" in page


def test_no_mail_is_queued_and_the_tick_reminds_nobody(seeded):
    assert seeded["mails"] == 0
    modules = {c.__module__ for c in seeded["callbacks"]}
    assert not {m for m in modules if m.startswith(("stegvis.development", "stegvis.courses"))}
    summary = reminders.run()
    assert (summary.follow_up_reminders, summary.overdue_reminders) == (0, 0)
    assert summary.activities_followed == 0  # the seeding left every activity up to date
    assert not mail.outbox


def _fingerprint():
    journeys = sorted(
        (s.suitcase.journey.title, s.suitcase.title, s.order, s.course.title)
        for s in Stop.objects.select_related("suitcase__journey", "course")
    )
    dialogues = sorted(
        (
            d.round.unit.name,
            d.round.year,
            d.kind,
            d.starts_at,
            d.status,
            str(d.uid),
            tuple(sorted(d.participations.values_list("person__email", "wants_individual"))),
        )
        for d in Dialogue.objects.select_related("round__unit")
    )
    written = sorted(
        [(n.person.email, n.text, n.confidential, n.created_at) for n in DialogueNote.objects.all()]
        + [(p.person.email, p.answers, p.role, p.submitted_at) for p in Preparation.objects.all()]
    )
    plans = sorted(
        (
            p.person.email,
            p.year,
            p.employee_approved_at,
            p.follow_up_on,
            p.outcome,
            tuple(
                (a.goal.description, a.description, a.status, a.due_on, a.sharing_by)
                for a in PlanActivity.objects.filter(goal__plan=p).select_related("goal")
            ),
        )
        for p in DevelopmentPlan.objects.select_related("person")
    )
    return journeys, dialogues, written, plans


def test_same_seed_gives_the_same_rows_and_reset_removes_them(seeded):
    first = _fingerprint()
    assert len(first[1]) > 15 and len(first[3]) >= 5
    _seed("--reset")
    assert _fingerprint() == first
    reset_demo_data()
    assert not Journey.objects.exists() and not DialogueRound.objects.exists()
    assert not Dialogue.objects.exists() and not DevelopmentPlan.objects.exists()
