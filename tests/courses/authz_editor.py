"""Authorization rows for the catalogue editor, the offerings overview and participant lists."""

from __future__ import annotations

from tests.course_factories import CourseFactory, course_scenario
from tests.test_authorization_matrix import Case, roles

# Who maintains a catalogue at all, whose catalogue is Uddevalla's, and whose is the region's.
MAINTAINERS = roles("hr", "hr_other", "coordinator", "admin")
UDDEVALLA = roles("hr", "coordinator", "admin")
FYRBODAL_JOINT = roles("coordinator", "admin")
LEADERS = roles("coordinator", "admin", "course_leader")


def _scenario(cast) -> dict:
    """A joint Fyrbodal course led by the course leader, and a course of Uddevalla's own."""
    if not hasattr(cast, "_editor_scenario"):
        scenario = course_scenario(cast)
        scenario["local"] = CourseFactory(
            region=None, municipality=cast.uddevalla, title="Introduktion i Uddevalla"
        )
        cast._editor_scenario = scenario
    return cast._editor_scenario


def _pk(name):
    return lambda cast: {"pk": _scenario(cast)[name].pk}


def _first_day(cast):
    return {"pk": _scenario(cast)["days"][0].pk}


CASES = {
    "courses:course_create": Case(MAINTAINERS),
    "courses:course_edit": Case(UDDEVALLA, _pk("local")),
    "courses:task_add": Case(FYRBODAL_JOINT, _pk("course")),
    "courses:task_edit": Case(FYRBODAL_JOINT, _pk("preparation")),
    "courses:material_add": Case(UDDEVALLA, _pk("local")),
    "courses:offering_create": Case(MAINTAINERS),
    "courses:offering_edit": Case(FYRBODAL_JOINT, _pk("offering")),
    "courses:day_add": Case(FYRBODAL_JOINT, _pk("offering")),
    "courses:day_edit": Case(FYRBODAL_JOINT, _first_day),
    "courses:decide": Case(FYRBODAL_JOINT, _pk("offering")),
    "courses:offerings": Case(MAINTAINERS),
    "courses:participants": Case(LEADERS, _pk("offering")),
    "courses:participants_export": Case(
        LEADERS, lambda cast: {"pk": _scenario(cast)["offering"].pk, "format": "csv"}
    ),
}
