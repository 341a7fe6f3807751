"""Authorization rows for the staff pages: registering staff, sign-off, course days led."""

from stegvis.courses.services import registration as reg
from tests.course_factories import course_scenario
from tests.test_authorization_matrix import Case, roles


def _scenario(cast) -> dict:
    if not hasattr(cast, "_staff_scenario"):
        cast._staff_scenario = course_scenario(cast)
    return cast._staff_scenario


def _offering(cast) -> dict:
    return {"pk": _scenario(cast)["offering"].pk}


def _employee_registration(cast) -> dict:
    offering = _scenario(cast)["offering"]
    registration = reg.register(actor=None, offering=offering, person=cast.employee)
    return {"pk": registration.pk}


def _day(cast) -> dict:
    return {"pk": _scenario(cast)["days"][0].pk}


CASES = {
    # REGISTER_STAFF, and the joint Fyrbodal offering is visible to all of them.
    "courses:register_staff": Case(roles("manager", "hr", "hr_other", "admin"), _offering),
    # The employee's manager, Uddevalla's HR and the administrator; never the employee.
    "courses:sign_off": Case(roles("manager", "hr", "admin"), _employee_registration, "post", 302),
    "courses:leading": Case(roles("hr", "hr_other", "coordinator", "admin", "course_leader")),
    # The offering's course leader and those who maintain Fyrbodal's catalogue.
    "courses:attendance": Case(roles("coordinator", "admin", "course_leader"), _day),
}
