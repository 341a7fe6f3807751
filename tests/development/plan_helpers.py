"""Dialogues and development plans on the standard cast, for the plan tests.

``plan_scenario(cast)``: a held dialogue of Solgården's manager with the employee (Anna) and her
plan for this year with one goal and a mentoring activity; ``course=True`` adds a joint course
(``course_scenario``) and a course activity on its offering; ``approved=True`` has both approve.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from stegvis.development.models import Dialogue, DialogueParticipant, DialogueRound
from stegvis.development.services import plan_items as items
from stegvis.development.services import plans as service
from tests.course_factories import at, course_scenario


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def dialogue_with(cast, *people, manager=None, unit=None, year=None, held=True) -> Dialogue:
    unit = unit or cast.solgarden
    round_, _created = DialogueRound.objects.get_or_create(unit=unit, year=year or today().year)
    dialogue = Dialogue.objects.create(
        round=round_,
        manager=(manager or cast.manager).user,
        starts_at=at(-1, 9),
        ends_at=at(-1, 10),
        status=Dialogue.Status.HELD if held else Dialogue.Status.PLANNED,
        held_at=timezone.now() if held else None,
    )
    for person in people or (cast.employee,):
        DialogueParticipant.objects.create(dialogue=dialogue, person=person)
    return dialogue


def sharing() -> dict:
    return {
        "sharing_how": "Berättar på arbetsplatsträffen",
        "sharing_with": "Kollegorna på dagpasset",
        "sharing_by": days(90),
    }


def plan_scenario(cast, *, course: bool = False, approved: bool = False, person=None) -> dict:
    person = person or cast.employee
    manager = cast.manager.user
    dialogue = dialogue_with(cast, person)
    plan = service.plan_create(
        actor=manager, dialogue=dialogue, person=person, follow_up_on=days(180)
    )
    goal = items.goal_add(
        actor=manager, plan=plan, kind="other", description="Bli tryggare i dokumentationen"
    )
    mentoring = items.activity_add(
        actor=manager,
        goal=goal,
        kind="mentoring",
        description="Handledning med en erfaren kollega",
        owner="employee",
        due_on=days(60),
    )
    result = {"dialogue": dialogue, "plan": plan, "goal": goal, "mentoring": mentoring}
    if course:
        scenario = course_scenario(cast)
        result["course"] = scenario
        result["course_activity"] = items.activity_add(
            actor=manager,
            goal=goal,
            kind="course",
            description="",
            offering=scenario["offering"],
            owner="employee",
            due_on=days(45),
            **sharing(),
        )
    if approved:
        service.plan_approve(actor=person.user, plan=plan)
        service.plan_approve(actor=manager, plan=plan)
        plan.refresh_from_db()
    return result
