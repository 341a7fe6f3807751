"""The development plan's rules: made from a dialogue, opened with last year's plan, approved by
both, locked once approved, course activities agree on sharing, registering from the plan."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from stegvis.core.models import AuditEvent
from stegvis.courses.models import Registration
from stegvis.development.models import DevelopmentPlan, PlanActivity, PlanGoal
from stegvis.development.services import plan_items as items
from stegvis.development.services import plans as service
from tests import factories as f
from tests.course_factories import course_scenario
from tests.development.plan_helpers import days, dialogue_with, plan_scenario, sharing

pytestmark = pytest.mark.django_db
Status = PlanActivity.Status


def _actions(plan) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_id=plan.pk, action__startswith="development.")
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_the_plan_is_for_the_dialogue_year_and_the_persons_current_unit(cast):
    plan = plan_scenario(cast)["plan"]
    assert plan.unit == cast.solgarden
    assert plan.year == days(0).year
    assert plan.created_by == cast.manager.user
    assert plan.previous is None
    assert "development.plan.created" in _actions(plan)


def test_next_years_plan_opens_with_last_years_and_closes_it_with_its_outcomes(cast):
    last = plan_scenario(cast, approved=True)
    DevelopmentPlan.objects.filter(pk=last["plan"].pk).update(year=days(0).year - 1)
    dialogue = dialogue_with(cast)
    with override("en"), pytest.raises(ValidationError) as missing:
        service.plan_create(
            actor=cast.manager.user,
            dialogue=dialogue,
            person=cast.employee,
            follow_up_on=days(180),
        )
    errors = missing.value.message_dict
    assert errors["outcome"] == ["Write what came of the plan."]
    assert errors[f"goal_{last['goal'].pk}"] == ["Say what came of this goal."]

    plan = service.plan_create(
        actor=cast.manager.user,
        dialogue=dialogue,
        person=cast.employee,
        follow_up_on=days(180),
        previous_outcome="Dokumenterar nu självständigt.",
        goal_outcomes={last["goal"].pk: PlanGoal.Outcome.ACHIEVED},
    )
    previous = DevelopmentPlan.objects.get(pk=last["plan"].pk)
    assert plan.previous == previous
    assert previous.outcome == "Dokumenterar nu självständigt."
    assert previous.followed_up_at is not None
    assert previous.goals.get().outcome == PlanGoal.Outcome.ACHIEVED


def test_only_the_dialogues_manager_writes_plans_for_its_participants(cast):
    dialogue = dialogue_with(cast)
    other_manager = f.PersonFactory(municipality=cast.uddevalla)
    f.grant(f.login_for(other_manager), "manager", cast.solgarden)
    with pytest.raises(ValidationError):
        service.plan_create(
            actor=other_manager.user,
            dialogue=dialogue,
            person=cast.employee,
            follow_up_on=days(30),
        )
    with pytest.raises(ValidationError):  # a colleague at Linden: not in the dialogue
        service.plan_create(
            actor=cast.manager.user,
            dialogue=dialogue,
            person=cast.colleague,
            follow_up_on=days(30),
        )


def test_one_plan_per_person_and_year_and_the_follow_up_date_is_required(cast):
    plan_scenario(cast)
    with override("en"), pytest.raises(ValidationError, match="already has a plan"):
        service.plan_create(
            actor=cast.manager.user,
            dialogue=dialogue_with(cast),
            person=cast.employee,
            follow_up_on=days(30),
        )
    DevelopmentPlan.objects.all().delete()
    with override("en"), pytest.raises(ValidationError) as error:
        service.plan_create(
            actor=cast.manager.user,
            dialogue=dialogue_with(cast),
            person=cast.employee,
            follow_up_on=None,
        )
    assert error.value.message_dict["follow_up_on"] == ["Set a date for the follow-up."]


def test_both_approve_each_recorded_with_time_and_in_the_audit_trail(cast):
    plan = plan_scenario(cast)["plan"]
    with override("en"), pytest.raises(ValidationError, match="Only the employee"):
        service.plan_approve(actor=cast.hr.user, plan=plan)
    plan = service.plan_approve(actor=cast.employee.user, plan=plan)
    assert plan.employee_approved_at is not None and not plan.approved
    with pytest.raises(ValidationError):  # not twice
        service.plan_approve(actor=cast.employee.user, plan=plan)
    plan = service.plan_approve(actor=cast.manager.user, plan=plan)
    assert plan.approved
    assert plan.manager_approved_by == cast.manager.user
    actions = _actions(plan)
    assert "development.plan.approved_by_employee" in actions
    assert "development.plan.approved_by_manager" in actions
    assert actions[-1] == "development.plan.approved"


def test_a_plan_without_activities_cannot_be_approved(cast):
    plan = service.plan_create(
        actor=cast.manager.user,
        dialogue=dialogue_with(cast),
        person=cast.employee,
        follow_up_on=days(100),
    )
    with override("en"), pytest.raises(ValidationError, match="at least one goal"):
        service.plan_approve(actor=cast.employee.user, plan=plan)


def test_an_approved_plan_is_locked_but_followed_up(cast):
    scenario = plan_scenario(cast, approved=True)
    plan, goal, mentoring = scenario["plan"], scenario["goal"], scenario["mentoring"]
    manager = cast.manager.user
    with override("en"), pytest.raises(ValidationError, match="can no longer be changed"):
        items.goal_add(actor=manager, plan=plan, kind="other", description="Ny")
    with pytest.raises(ValidationError):
        items.activity_update(
            actor=manager,
            activity=mentoring,
            kind="mentoring",
            description="Annat",
            owner="manager",
            due_on=days(10),
        )
    with pytest.raises(ValidationError):
        items.activity_delete(actor=manager, activity=mentoring)
    with pytest.raises(ValidationError):
        service.plan_update(actor=manager, plan=plan, follow_up_on=days(20))
    items.activity_set_status(actor=cast.employee.user, activity=mentoring, status=Status.DONE)
    items.goal_set_outcome(actor=manager, goal=goal, outcome=PlanGoal.Outcome.PARTLY)
    mentoring.refresh_from_db()
    goal.refresh_from_db()
    assert mentoring.status == Status.DONE and mentoring.done_at is not None
    assert goal.outcome == PlanGoal.Outcome.PARTLY
    service.plan_follow_up(
        actor=manager,
        plan=plan,
        outcome="Bra år.",
        goal_outcomes={goal.pk: PlanGoal.Outcome.ACHIEVED},
    )
    plan.refresh_from_db()
    assert plan.followed_up_at is not None and plan.outcome == "Bra år."


def test_status_is_not_followed_up_before_approval(cast):
    mentoring = plan_scenario(cast)["mentoring"]
    with pytest.raises(ValidationError):
        items.activity_set_status(actor=cast.manager.user, activity=mentoring, status="done")


def test_a_change_after_one_approval_asks_for_both_again(cast):
    scenario = plan_scenario(cast)
    plan = service.plan_approve(actor=cast.employee.user, plan=scenario["plan"])
    items.goal_add(actor=cast.manager.user, plan=plan, kind="other", description="Mer")
    plan.refresh_from_db()
    assert plan.employee_approved_at is None and plan.manager_approved_at is None
    assert "development.plan.approval_reset" in _actions(plan)


def test_a_course_activity_needs_the_sharing_agreement(cast):
    scenario = plan_scenario(cast)
    offering = course_scenario(cast)["offering"]
    with override("en"), pytest.raises(ValidationError) as error:
        items.activity_add(
            actor=cast.manager.user,
            goal=scenario["goal"],
            kind="course",
            description="",
            offering=offering,
            owner="employee",
            due_on=days(40),
        )
    errors = error.value.message_dict
    assert set(errors) == {"sharing_how", "sharing_with", "sharing_by"}
    assert "shared with colleagues" in errors["sharing_how"][0]
    with override("en"), pytest.raises(ValidationError) as no_course:
        items.activity_add(
            actor=cast.manager.user,
            goal=scenario["goal"],
            kind="course",
            description="Något",
            owner="employee",
            due_on=days(40),
            **sharing(),
        )
    assert no_course.value.message_dict == {"course": ["Choose a course or one of its offerings."]}
    activity = items.activity_add(
        actor=cast.manager.user,
        goal=scenario["goal"],
        kind="course",
        description="",
        offering=offering,
        owner="employee",
        due_on=days(40),
        **sharing(),
    )
    assert activity.course == offering.course
    assert activity.description == offering.course.title


def test_goals_need_what_their_kind_names(cast):
    plan = plan_scenario(cast)["plan"]
    with override("en"), pytest.raises(ValidationError) as error:
        items.goal_add(actor=cast.manager.user, plan=plan, kind="competence", description="")
    assert error.value.message_dict == {"item": ["Choose the competence."]}
    model = f.competence_model(cast)
    goal = items.goal_add(
        actor=cast.manager.user, plan=plan, kind="competence", item=model["hygiene"]
    )
    assert goal.description == model["hygiene"].title


def test_register_from_the_plan_registers_the_person_and_links_the_registration(cast):
    scenario = plan_scenario(cast, course=True, approved=True)
    activity = scenario["course_activity"]
    registration = items.activity_register(actor=cast.employee.user, activity=activity)
    activity.refresh_from_db()
    assert registration.person == cast.employee
    assert registration.status == Registration.Status.CONFIRMED
    assert activity.registration == registration
    assert activity.status == Status.REGISTERED
    assert "development.activity.registered" in _actions(scenario["plan"])
    with pytest.raises(ValidationError):  # not twice
        items.activity_register(actor=cast.employee.user, activity=activity)
