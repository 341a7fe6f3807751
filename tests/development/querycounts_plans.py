"""Query-count cases for the plan pages and the follow-up figures."""

from django.urls import reverse
from django.utils import timezone

from stegvis.development.models import DevelopmentPlan, PlanActivity, PlanGoal
from tests import factories as f
from tests.development.plan_helpers import days, dialogue_with, plan_scenario


def _scenario(cast) -> dict:
    if not hasattr(cast, "_querycount_plan"):
        cast._querycount_plan = plan_scenario(cast, course=True)
    return cast._querycount_plan


def _add_goals(cast, n):
    """Goals with activities of every kind on the plan, a course one among them."""
    scenario = _scenario(cast)
    offering = scenario["course"]["offering"]
    for i in range(n):
        goal = PlanGoal.objects.create(plan=scenario["plan"], kind="other", description=f"Mål {i}")
        PlanActivity.objects.create(
            goal=goal, kind="self_study", description="Läsa", due_on=days(-3 + i)
        )
        PlanActivity.objects.create(
            goal=goal,
            kind="course",
            description="Kurs",
            course=offering.course,
            offering=offering,
            due_on=days(30),
            sharing_how="Arbetsplatsträff",
            sharing_with="Kollegorna",
            sharing_by=days(60),
        )


def _add_earlier_plans(cast, n):
    """Plans of earlier years for Anna, each with a goal and an activity."""
    first = DevelopmentPlan.objects.filter(person=cast.employee).order_by("year").first()
    year = (first.year if first else timezone.localdate().year) - 1
    for i in range(n):
        plan = DevelopmentPlan.objects.create(
            person=cast.employee,
            unit=cast.solgarden,
            year=year - i,
            follow_up_on=days(-300),
            employee_approved_at=timezone.now(),
            manager_approved_at=timezone.now() if i % 2 else None,
        )
        goal = PlanGoal.objects.create(plan=plan, kind="other", description="Tidigare mål")
        PlanActivity.objects.create(
            goal=goal, kind="mentoring", description="Hand", due_on=days(-1)
        )


def _add_units_with_plans(cast, n):
    """Units of Uddevalla with staff, a held dialogue and an approved plan with an overdue task."""
    for _ in range(n):
        unit = f.UnitFactory(operating_area=cast.solgarden.operating_area)
        people = []
        for i in range(6):
            person = f.PersonFactory(municipality=cast.uddevalla, first_name=f"P{i}")
            f.EmploymentFactory(person=person, unit=unit)
            people.append(person)
        dialogue = dialogue_with(cast, *people[:3], unit=unit)
        plan = DevelopmentPlan.objects.create(
            person=people[0],
            dialogue=dialogue,
            unit=unit,
            year=timezone.localdate().year,
            follow_up_on=days(30),
            employee_approved_at=timezone.now(),
            manager_approved_at=timezone.now(),
        )
        goal = PlanGoal.objects.create(plan=plan, kind="other", description="Mål")
        PlanActivity.objects.create(goal=goal, kind="mentoring", description="x", due_on=days(-2))


def _add_municipalities(cast, n):
    for _ in range(n):
        municipality = f.MunicipalityFactory(region=cast.region)
        unit = f.UnitFactory(operating_area=f.OperatingAreaFactory(municipality=municipality))
        for _i in range(5):
            f.EmploymentFactory(person=f.PersonFactory(municipality=municipality), unit=unit)


CASES = [
    ("manager", lambda c: reverse("development:plan", args=[_scenario(c)["plan"].pk]), _add_goals),
    ("employee", lambda c: reverse("development:my_plans"), _add_earlier_plans),
    (
        "hr",
        lambda c: reverse("development:person_plans", args=[c.employee.pk]),
        _add_earlier_plans,
    ),
    ("hr", lambda c: reverse("development:followup"), _add_units_with_plans),
    ("statistics", lambda c: reverse("development:followup"), _add_municipalities),
]
