"""Query-count cases for the funding lists and the period report (tests/test_query_counts.py).

Each step adds a staff member of Solgården with a confirmed seat funded by Äldreomsorgslyftet,
and a grant with a period, so every list and the report grow with the data.
"""

from django.urls import reverse

from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.funding.scenario import fund, grant, offering, scenario


def _s(cast) -> dict:
    if not hasattr(cast, "_funding"):
        cast._funding = scenario(cast)
    return cast._funding


def _more(cast, n):
    s = _s(cast)
    for i in range(n):
        person = f.PersonFactory(municipality=cast.uddevalla, first_name=f"Extra{i}")
        f.EmploymentFactory(person=person, unit=cast.solgarden)
        seat = reg.register(actor=None, offering=s["offering"], person=person)
        fund(cast.hr.user, seat, s["lyftet_period"], hours="7")
        grant(cast.hr.user, cast.uddevalla, f"Pott {person.pk}")


def _more_for_employee(cast, n):
    s = _s(cast)
    for _ in range(n):
        seat = reg.register(actor=None, offering=offering(cast), person=cast.employee)
        fund(cast.hr.user, seat, s["lyftet_period"], hours="7")


CASES = [
    ("hr", lambda c: reverse("funding:grants"), _more),
    ("admin", lambda c: reverse("funding:grants"), _more),
    ("hr", lambda c: reverse("funding:report", args=[_s(c)["lyftet_period"].pk]), _more),
    ("admin", lambda c: reverse("funding:report", args=[_s(c)["lyftet_period"].pk]), _more),
    ("hr", lambda c: reverse("funding:offering", args=[_s(c)["offering"].pk]), _more),
    ("hr", lambda c: reverse("funding:person", args=[c.employee.pk]), _more_for_employee),
]
