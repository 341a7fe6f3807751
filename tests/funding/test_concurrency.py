"""Two recordings at the same moment cannot both slip through.

Each thread has its own connection and waits at a barrier (``together`` from the courses'
concurrency tests), so the calls into ``services.funding_record`` really overlap. On PostgreSQL
they meet at the person's row lock, then the period's; on SQLite the writers are serialised.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from stegvis.courses.services import registration as reg
from stegvis.funding.models import Funding
from tests import factories as f
from tests.courses.test_concurrency import ON_POSTGRES, together
from tests.funding.scenario import fund, grant, offering, scenario

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning"),
]


@pytest.fixture(autouse=True)
def _no_mail(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def _outcome(results):
    errors = [r for r in results if isinstance(r, BaseException)]
    assert all(isinstance(e, ValidationError) for e in errors), errors
    return [r for r in results if isinstance(r, Funding)], errors


def test_two_excluding_grants_recorded_at_once_for_the_same_registration(cast):
    s = scenario(cast)
    for _round in range(3 if ON_POSTGRES else 1):
        Funding.objects.all().delete()
        results = together(
            [
                lambda: fund(cast.hr.user, s["employee_seat"], s["lyftet_period"]),
                lambda: fund(
                    cast.admin.user,
                    s["employee_seat"],
                    s["esf_period"],
                    hours="0",
                    course_fee="900",
                ),
            ]
        )
        funded, errors = _outcome(results)
        assert len(funded) == 1 and len(errors) == 1
        message = " ".join(errors[0].messages)  # the grant names are never translated
        assert "Äldreomsorgslyftet" in message and "ESF Kompetenslyft Fyrbodal" in message
        assert Funding.objects.count() == 1


def test_excluding_grants_on_two_offerings_of_the_same_course_at_once(cast):
    s = scenario(cast)
    again = offering(cast, days=(60,))
    again.course = s["offering"].course
    again.save()
    second_seat = reg.register(actor=None, offering=again, person=cast.employee)
    results = together(
        [
            lambda: fund(cast.hr.user, s["employee_seat"], s["lyftet_period"]),
            lambda: fund(cast.admin.user, second_seat, s["esf_period"], hours="7"),
        ]
    )
    funded, errors = _outcome(results)
    assert len(funded) == 1 and len(errors) == 1
    assert Funding.objects.count() == 1


def test_many_recordings_at_once_never_pass_the_amount_granted(cast):
    """Ten people (four on SQLite) at 1,750 each against 7,000: exactly four are funded."""
    s = scenario(cast)
    _g, period = grant(cast.hr.user, cast.uddevalla, "Liten pott", amount="7000")
    seats = []
    for i in range(10 if ON_POSTGRES else 6):
        person = f.PersonFactory(municipality=cast.uddevalla, first_name=f"P{i}")
        f.EmploymentFactory(person=person, unit=cast.solgarden)
        seats.append(reg.register(actor=None, offering=s["offering"], person=person))
    results = together(
        [lambda seat=seat: fund(cast.hr.user, seat, period, hours="7") for seat in seats]
    )
    funded, errors = _outcome(results)
    assert len(funded) == 4 and len(errors) == len(seats) - 4
    assert sum(x.amount for x in Funding.objects.filter(period=period)) == 7000
