"""A joint plan on the standard cast, and hand-built demand for it.

``scenario(cast)``: a custom-period draft plan of Fyrbodal from 30 to 210 days ahead, made by
the coordinator, and a joint course "Demensvård" teaching the cast model's hygiene competence
(the requirement of every elder-care worker). ``person``, ``planned`` and ``waiting`` add the
people whose counts the tests read.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from stegvis.courses.services import registration as reg
from stegvis.development.models import DevelopmentPlan, PlanActivity, PlanGoal
from stegvis.regionplan import services
from tests import factories as f
from tests.course_factories import CourseDayFactory, CourseFactory, OfferingFactory, at


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def scenario(cast) -> dict:
    model = f.competence_model(cast)
    plan = services.plan_create(
        actor=cast.coordinator.user,
        region=cast.region,
        kind="custom",
        starts_on=days(30),
        ends_on=days(210),
        name="Hösten",
    )
    course = CourseFactory(region=cast.region, title="Demensvård")
    course.goals.add(model["hygiene"])
    return {"plan": plan, "course": course, "model": model, "hygiene": model["hygiene"]}


def person(unit, name: str = "Extra"):
    someone = f.PersonFactory(municipality=unit.municipality, first_name=name)
    f.EmploymentFactory(person=someone, unit=unit)
    return someone


def planned(someone, unit, *, course=None, item=None, due_on=None, kind=None, **extra):
    """A planned activity in ``someone``'s current plan: on a course, or under a goal that is
    the competence ``item`` (then the activity names no course)."""
    plan = DevelopmentPlan.objects.filter(person=someone).first() or DevelopmentPlan.objects.create(
        person=someone, unit=unit, year=timezone.localdate().year, follow_up_on=days(300)
    )
    goal = PlanGoal.objects.create(
        plan=plan,
        kind="competence" if item else "other",
        item=item,
        description=item.title if item else "Kurs",
    )
    sharing = {"sharing_how": "APT", "sharing_with": "Gruppen", "sharing_by": days(300)}
    return PlanActivity.objects.create(
        goal=goal,
        kind=kind or ("course" if course else "self_study"),
        description="Aktivitet",
        course=course,
        due_on=due_on or days(60),
        **(sharing if course else {}),
        **extra,
    )


def offering(course, *, seats=1, first_day=40, **fields):
    """An offering of ``course`` with one course day ``first_day`` days ahead."""
    made = OfferingFactory(
        course=course,
        seats_on_site=seats,
        closes_at=at(first_day - 5),
        cancel_by=at(first_day - 6),
        **fields,
    )
    CourseDayFactory(offering=made, starts_at=at(first_day, 9), ends_at=at(first_day, 16))
    return made


def waiting(target, *people):
    """Register each person; beyond the seats they wait."""
    return [reg.register(actor=None, offering=target, person=p) for p in people]


def propose(cast, s, *, quotas=None, course=None, **fields):
    data = {
        "attendance": "on_site",
        "seats_on_site": 20,
        "place": "Folkets hus, Uddevalla",
        "first_day": days(60),
        "day_count": 2,
        "days_apart": 14,
        "starts_at": datetime.time(9),
        "ends_at": datetime.time(16),
        "closes_on": days(45),
    }
    data.update(fields)
    return services.proposal_add(
        actor=cast.coordinator.user,
        plan=s["plan"],
        course=course or s["course"],
        quotas=quotas,
        **data,
    )


def cached_scenario(cast) -> dict:
    """``scenario`` with one proposal, made once per test (for the matrix and query counts)."""
    if not hasattr(cast, "_regionplan"):
        s = scenario(cast)
        s["proposal"] = propose(cast, s)
        cast._regionplan = s
    return cast._regionplan
