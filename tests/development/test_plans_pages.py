"""The plan's pages: who reads (and that every read is recorded), who writes, approving in the
browser, locking, and the former manager who loses the plan when the employment moves."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import override

from stegvis.core.models import AuditEvent
from stegvis.development.models import DevelopmentPlan, PlanActivity, PlanGoal
from stegvis.people.services import employment_move
from tests import factories as f
from tests.course_factories import CourseFactory
from tests.development.plan_helpers import days, dialogue_with, plan_scenario, sharing
from tests.journey_factories import elder_care_journey

pytestmark = pytest.mark.django_db


_english = f.english


def _reads(plan) -> int:
    return AuditEvent.objects.filter(action="development.plan.read", target_id=plan.pk).count()


@pytest.mark.parametrize("who", ["employee", "manager", "hr"])
def test_every_read_of_the_plan_is_recorded(cast, login, who):
    plan = plan_scenario(cast)["plan"]
    client = login(getattr(cast, who))
    for n in (1, 2):
        assert client.get(reverse("development:plan", args=[plan.pk])).status_code == 200
        assert _reads(plan) == n
    event = AuditEvent.objects.filter(action="development.plan.read").first()
    assert event.actor == getattr(cast, who).user


@pytest.mark.parametrize("who", ["hr_other", "colleague", "coordinator", "outsider", "admin"])
def test_others_get_404_and_nothing_is_recorded(cast, login, who):
    plan = plan_scenario(cast)["plan"]
    response = login(getattr(cast, who)).get(reverse("development:plan", args=[plan.pk]))
    assert response.status_code == 404
    assert _reads(plan) == 0


def test_the_former_manager_loses_the_plan_when_the_employment_moves(cast, login):
    plan = plan_scenario(cast)["plan"]
    url = reverse("development:plan", args=[plan.pk])
    assert login(cast.manager).get(url).status_code == 200
    employment = cast.employee.employments.get()
    employment_move(actor=cast.hr.user, employment=employment, unit=cast.linden, on=days(0))
    assert login(cast.manager).get(url).status_code == 404
    assert login(cast.hr).get(url).status_code == 200  # HR of the municipality still reads it
    linden_manager = f.PersonFactory(municipality=cast.uddevalla, first_name="Ny")
    f.grant(f.login_for(linden_manager), "manager", cast.linden)
    assert login(linden_manager).get(url).status_code == 200


def test_the_manager_writes_the_plan_in_the_browser(cast, login):
    dialogue = dialogue_with(cast)
    client = _english(login(cast.manager))
    url = reverse("development:plan_create", args=[dialogue.pk, cast.employee.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"follow_up_on": days(120).isoformat()})
    plan = DevelopmentPlan.objects.get(person=cast.employee)
    assert response.status_code == 302 and response["Location"].endswith(f"/plans/{plan.pk}/")
    assert client.get(url)["Location"].endswith(f"/plans/{plan.pk}/")  # one plan a year
    response = client.post(
        reverse("development:goal_add", args=[plan.pk]),
        {"kind": "other", "description": "Handleda nyanställda"},
    )
    assert response.status_code == 302
    goal = plan.goals.get()
    add = reverse("development:activity_add", args=[goal.pk])
    response = client.post(
        add, {"kind": "course", "course": "", "owner": "employee", "due_on": days(30).isoformat()}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Choose a course or one of its offerings." in errors["course"]
    assert errors["sharing_how"] and errors["sharing_with"] and errors["sharing_by"]
    response = client.post(
        add,
        {
            "kind": "mentoring",
            "description": "Följ med Karin",
            "owner": "manager",
            "due_on": days(30).isoformat(),
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("development:plan", args=[plan.pk])).content.decode()
    assert "Följ med Karin" in page and "Handleda nyanställda" in page


def test_the_goal_form_offers_the_competences_of_the_persons_profile(cast, login):
    model = f.competence_model(cast)
    plan = plan_scenario(cast)["plan"]
    response = login(cast.manager).get(reverse("development:goal_add", args=[plan.pk]))
    assert model["hygiene"].title in response.content.decode()


def test_the_activity_form_offers_upcoming_offerings_and_saves_the_sharing(cast, login):
    scenario = plan_scenario(cast, course=True)
    offering = scenario["course"]["offering"]
    client = login(cast.manager)
    add = reverse("development:activity_add", args=[scenario["goal"].pk])
    assert offering.display_title in client.get(add).content.decode()
    agreement = sharing()
    response = client.post(
        add,
        {
            "kind": "course",
            "offering": offering.pk,
            "owner": "employee",
            "due_on": days(40).isoformat(),
            **{k: str(v) for k, v in agreement.items()},
        },
    )
    assert response.status_code == 302
    activity = PlanActivity.objects.filter(goal=scenario["goal"], kind="course").last()
    assert activity.sharing_with == agreement["sharing_with"]


def test_both_approve_in_the_browser_then_editing_is_closed(cast, login):
    plan = plan_scenario(cast)["plan"]
    approve = reverse("development:plan_approve", args=[plan.pk])
    assert login(cast.hr).post(approve).status_code == 404
    assert login(cast.employee).post(approve).status_code == 302
    assert login(cast.manager).post(approve).status_code == 302
    plan.refresh_from_db()
    assert plan.approved
    client = _english(login(cast.manager))
    response = client.get(reverse("development:goal_add", args=[plan.pk]), follow=True)
    assert "can no longer be changed" in response.content.decode()
    assert plan.goals.count() == 1


def test_editing_is_the_managers_not_the_employees_or_hrs(cast, login):
    scenario = plan_scenario(cast)
    for who in ("employee", "hr"):
        client = login(getattr(cast, who))
        assert (
            client.get(reverse("development:goal_add", args=[scenario["plan"].pk])).status_code
            == 404
        )
        url = reverse("development:activity_delete", args=[scenario["mentoring"].pk])
        assert client.post(url).status_code == 404


def test_register_from_the_plan_page(cast, login):
    scenario = plan_scenario(cast, course=True, approved=True)
    activity = scenario["course_activity"]
    client = login(cast.employee)
    page = client.get(reverse("development:plan", args=[scenario["plan"].pk])).content.decode()
    assert reverse("development:activity_register", args=[activity.pk]) in page
    response = client.post(
        reverse("development:activity_register", args=[activity.pk]),
        {f"a{activity.pk}-offering": scenario["course"]["offering"].pk, f"a{activity.pk}-mode": ""},
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.registration is not None and activity.status == "registered"


def test_follow_up_status_and_outcomes_in_the_browser(cast, login):
    scenario = plan_scenario(cast, approved=True)
    plan, goal, mentoring = scenario["plan"], scenario["goal"], scenario["mentoring"]
    employee = login(cast.employee)
    response = employee.post(
        reverse("development:activity_status", args=[mentoring.pk]),
        {f"s{mentoring.pk}-status": "done"},
    )
    assert response.status_code == 302
    mentoring.refresh_from_db()
    assert mentoring.status == "done"
    manager = login(cast.manager)
    response = manager.post(
        reverse("development:plan_follow_up", args=[plan.pk]),
        {f"goal_{goal.pk}": "achieved", "outcome": "Dokumenterar nu självständigt."},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.followed_up_at and plan.goals.get().outcome == PlanGoal.Outcome.ACHIEVED


def test_my_plans_over_the_years(cast, login):
    plan = plan_scenario(cast)["plan"]
    with override("en"):
        page = login(cast.employee).get(reverse("development:my_plans")).content.decode()
    assert reverse("development:plan", args=[plan.pk]) in page
    other = login(cast.colleague).get(reverse("development:my_plans")).content.decode()
    assert reverse("development:plan", args=[plan.pk]) not in other


def test_the_goal_form_offers_the_next_title_level_and_the_ladder_steps(cast, login):
    model = f.competence_model(cast)
    specialist = f.JobTitleFactory(
        region=cast.region, code="specialistundersköterska", name="Specialistundersköterska"
    )
    model["title"].next_level = specialist
    model["title"].save()
    model["ladder"].job_titles.add(model["title"])
    plan = plan_scenario(cast)["plan"]
    client = login(cast.manager)
    page = client.get(reverse("development:goal_add", args=[plan.pk])).content.decode()
    assert "Specialistundersköterska" in page and "Nyexaminerad" in page
    response = client.post(
        reverse("development:goal_add", args=[plan.pk]),
        {"kind": "career", "job_title": specialist.pk},
    )
    assert response.status_code == 302
    assert plan.goals.get(kind="career").description == "Specialistundersköterska"


def test_a_journey_stop_must_be_on_the_persons_journey(cast, login):
    journey = elder_care_journey(cast, stops_per_suitcase=1)
    elsewhere = CourseFactory(region=cast.region, title="Inte på resan")
    scenario = plan_scenario(cast)
    client = _english(login(cast.manager))
    add = reverse("development:activity_add", args=[scenario["goal"].pk])
    data = {"kind": "journey_stop", "owner": "employee", "due_on": days(50).isoformat()}
    data.update({k: str(v) for k, v in sharing().items()})
    response = client.post(add, {**data, "course": elsewhere.pk})
    assert response.status_code == 200
    with override("en"):
        assert response.context["form"].errors["course"] == [
            "That course is not a stop on the person's journey."
        ]
    stop_course = journey["courses"][0]
    assert client.post(add, {**data, "course": stop_course.pk}).status_code == 302
    assert PlanActivity.objects.get(kind="journey_stop").course == stop_course
