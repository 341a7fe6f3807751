"""Authorization rows for the four registration endpoints (discovered by the matrix test).

Without HX-Request each endpoint redirects to the offering page (302), also when the service
refuses; the htmx answers are covered in test_registration_endpoints.py.
"""

from __future__ import annotations

from stegvis.courses.services import registration as reg
from tests.course_factories import CourseDayFactory, CourseFactory, OfferingFactory, at
from tests.test_authorization_matrix import EVERYONE, Case, roles


def _offering(cast, key: str = "_registration_offering", **fields):
    """A joint Fyrbodal offering with one course day (made once per cast and key)."""
    if not hasattr(cast, key):
        offering = OfferingFactory(course=CourseFactory(region=cast.region), **fields)
        CourseDayFactory(offering=offering, starts_at=at(30, 9), ends_at=at(30, 16))
        setattr(cast, key, offering)
    return getattr(cast, key)


def _offering_pk(cast) -> dict:
    return {"pk": _offering(cast).pk}


def _employee_seat(cast) -> dict:
    registration = reg.register(actor=None, offering=_offering(cast), person=cast.employee)
    return {"pk": registration.pk}


def _employee_offer(cast) -> dict:
    """The employee waited for the only seat; the colleague gave it up, so it is offered."""
    offering = _offering(cast, "_registration_offer", seats_on_site=1, promotion="offer")
    first = reg.register(actor=None, offering=offering, person=cast.colleague)
    mine = reg.register(actor=None, offering=offering, person=cast.employee)
    reg.cancel(actor=None, registration=first)
    return {"pk": mine.pk}


CASES = {
    # Anyone with a personal record who sees the offering registers themself.
    "courses:register": Case(EVERYONE - {"outsider"}, _offering_pk, "post", 302),
    # Only the participant acts on their own registration; their manager (who sees it) gets 404.
    "courses:cancel": Case(roles("employee"), _employee_seat, "post", 302),
    "courses:accept": Case(roles("employee"), _employee_offer, "post", 302),
    "courses:decline": Case(roles("employee"), _employee_offer, "post", 302),
}
