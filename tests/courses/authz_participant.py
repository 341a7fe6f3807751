"""Authorization rows for the participant's course pages (discovered by the matrix test)."""

from __future__ import annotations

from stegvis.courses.services import registration as reg
from tests.course_factories import course_scenario
from tests.test_authorization_matrix import EVERYONE, Case, roles

FYRBODAL = EVERYONE - {"outsider"}


def _scenario(cast) -> dict:
    """A joint Fyrbodal course with the employee holding a confirmed seat (made once per cast)."""
    if not hasattr(cast, "_participant_scenario"):
        scenario = course_scenario(cast)
        scenario["registration"] = reg.register(
            actor=None, offering=scenario["offering"], person=cast.employee
        )
        cast._participant_scenario = scenario
    return cast._participant_scenario


def _pk(name):
    return lambda cast: {"pk": _scenario(cast)[name].pk}


def _tick(cast):
    scenario = _scenario(cast)
    return {"pk": scenario["registration"].pk, "task_pk": scenario["preparation"].pk}


CASES = {
    "courses:catalogue": Case(EVERYONE),
    "courses:course": Case(FYRBODAL, _pk("course")),
    "courses:offering": Case(FYRBODAL, _pk("offering")),
    "courses:mine": Case(EVERYONE),
    # The participant, their manager and HR, and those who maintain or lead the offering.
    "courses:registration": Case(
        roles("employee", "manager", "hr", "coordinator", "admin", "course_leader"),
        _pk("registration"),
    ),
    # Only the participant ticks their own tasks.
    "courses:task_tick": Case(roles("employee"), _tick, "post", 302),
    # The participant, or whoever may register them (manager, HR, administrator).
    "courses:transfer": Case(roles("employee", "manager", "hr", "admin"), _pk("registration")),
}
