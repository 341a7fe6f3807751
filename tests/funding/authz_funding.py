"""Authorization rows for the funding pages (tests/test_authorization_matrix.py).

MANAGE_FUNDING is held by HR (its municipality) and the region's administrator. Uddevalla's
grant, its period, report and its staff's registrations are for Uddevalla's HR and Fyrbodal's
administrator; HR of Vänersborg sees the lists but nothing of Uddevalla's; everyone else 404.
"""

from tests.funding.scenario import fund, scenario
from tests.test_authorization_matrix import Case, roles

KEEPERS = roles("hr", "hr_other", "admin")
UDDEVALLA = roles("hr", "admin")


def _s(cast) -> dict:
    if not hasattr(cast, "_funding"):
        cast._funding = scenario(cast)
    return cast._funding


def _grant(cast):
    return {"pk": _s(cast)["lyftet"].pk}


def _period(cast):
    return {"pk": _s(cast)["lyftet_period"].pk}


def _funding(cast):
    s = _s(cast)
    return {"pk": fund(cast.hr.user, s["employee_seat"], s["lyftet_period"]).pk}


CASES = {
    "funding:grants": Case(KEEPERS),
    "funding:grant_create": Case(KEEPERS),
    "funding:grant": Case(UDDEVALLA, _grant),
    "funding:grant_edit": Case(UDDEVALLA, _grant),
    "funding:period_add": Case(UDDEVALLA, _grant),
    "funding:period_edit": Case(UDDEVALLA, _period),
    "funding:period_state": Case(UDDEVALLA, _period, "post", 302),
    "funding:report": Case(UDDEVALLA, _period),
    "funding:report_export": Case(UDDEVALLA, lambda c: {**_period(c), "format": "csv"}),
    "funding:offering": Case(KEEPERS, lambda c: {"pk": _s(c)["offering"].pk}),
    "funding:person": Case(UDDEVALLA, lambda c: {"pk": c.employee.pk}),
    "funding:record": Case(UDDEVALLA, lambda c: {"pk": _s(c)["employee_seat"].pk}),
    "funding:remove": Case(UDDEVALLA, _funding, "post", 302),
}
