"""Lists and dashboards use a constant number of queries, whatever the amount of data.

Each page is rendered with one and with three more rows of what it lists; the query count must
not change. (pytest-django's django_assert_num_queries pins the exact count.)
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _add_staff(cast, n):
    for i in range(n):
        person = f.PersonFactory(municipality=cast.uddevalla, first_name=f"Extra{i}")
        f.EmploymentFactory(person=person, unit=cast.solgarden)
        f.EmploymentFactory(person=person, unit=cast.linden, extent_percent=20)


def _add_units(cast, n):
    for _ in range(n):
        unit = f.UnitFactory(operating_area=cast.solgarden.operating_area)
        f.grant(f.UserFactory(), "manager", unit)
        f.EmploymentFactory(person=f.PersonFactory(municipality=cast.uddevalla), unit=unit)


def _add_municipalities(cast, n):
    for _ in range(n):
        m = f.MunicipalityFactory(region=cast.region)
        f.EmploymentFactory(
            person=f.PersonFactory(municipality=m),
            unit=f.UnitFactory(operating_area=f.OperatingAreaFactory(municipality=m)),
        )


CASES = [
    ("manager", lambda c: reverse("people:staff"), _add_staff),
    ("hr", lambda c: reverse("people:staff") + f"?municipality={c.uddevalla.pk}", _add_staff),
    ("admin", lambda c: reverse("people:staff") + "?q=a", _add_staff),
    ("manager", lambda c: reverse("portal:home"), _add_staff),
    ("hr", lambda c: reverse("portal:home"), _add_units),
    ("coordinator", lambda c: reverse("organisations:overview"), _add_municipalities),
    ("admin", lambda c: reverse("organisations:municipality", args=[c.uddevalla.pk]), _add_units),
    ("admin", lambda c: reverse("organisations:roles"), _add_units),
    ("admin", lambda c: reverse("organisations:unit", args=[c.solgarden.pk]), _add_staff),
    ("statistics", lambda c: reverse("people:statistics"), _add_municipalities),
    (
        "hr",
        lambda c: reverse("people:person", args=[c.employee.pk]),
        lambda c, n: [
            f.EmploymentFactory(person=c.employee, unit=c.linden, extent_percent=10)
            for _ in range(n)
        ],
    ),
]


def _app_cases() -> None:
    """Apps keep their cases beside their tests: ``tests/<app>/querycounts_*.py`` define
    ``CASES`` in the same form."""
    import importlib
    import pkgutil
    from pathlib import Path

    root = Path(__file__).parent
    for module in sorted(pkgutil.walk_packages([str(root)], prefix="tests."), key=lambda m: m.name):
        if module.name.rsplit(".", 1)[-1].startswith("querycounts_"):
            CASES.extend(importlib.import_module(module.name).CASES)


_app_cases()


@pytest.mark.parametrize(
    "who, url, grow", CASES, ids=[f"{w}:{i}" for i, (w, _u, _g) in enumerate(CASES)]
)
def test_query_count_does_not_grow_with_the_data(who, url, grow, cast, login):
    client = login(getattr(cast, who))
    grow(cast, 1)
    client.get(url(cast))  # warm caches that are per process, not per row (content types)
    before = _count(client, url(cast))
    grow(cast, 3)
    after = _count(client, url(cast))
    assert after == before, f"{who} {url(cast)}: {before} queries with less data, {after} with more"
    assert before <= 20, f"{before} queries is more than a page should need"
