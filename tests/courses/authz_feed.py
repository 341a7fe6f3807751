"""Authorization rows for the calendar pages (courses:calendar_feed is public: token only)."""

from tests.test_authorization_matrix import EVERYONE, Case, roles


def _employee_registration(cast):
    """The employee's confirmed seat on a joint Fyrbodal course led by the course leader."""
    from stegvis.courses.services import registration as reg
    from tests.course_factories import course_scenario

    offering = course_scenario(cast)["offering"]
    return {"pk": reg.register(actor=None, offering=offering, person=cast.employee).pk}


CASES = {
    # Everyone in the cast is a person; an account without one gets 404.
    "courses:calendar": Case(EVERYONE),
    # The registration's person; staff in their register scope (manager of Solgården, HR of
    # Uddevalla, the region's administrator); those who maintain or lead the offering (the
    # region's coordinator and administrator, its course leader). Not HR of Vänersborg.
    "courses:registration_ical": Case(
        roles("employee", "manager", "hr", "coordinator", "admin", "course_leader"),
        _employee_registration,
    ),
}
