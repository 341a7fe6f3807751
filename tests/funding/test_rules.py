"""The rules of recording funding: exclusions, eligibility, period dates and state, amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from stegvis.core.models import AuditEvent
from stegvis.courses.models import Attendance
from stegvis.courses.services import registration as reg
from stegvis.funding import rules, services
from stegvis.funding.models import Funding
from tests import factories as f
from tests.funding.scenario import fund, grant, offering, scenario


@pytest.fixture(autouse=True)
def _in_english():
    """The messages are asserted in English (Swedish is the default language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def s(cast):
    return scenario(cast)


def refused(call) -> str:
    with pytest.raises(ValidationError) as error:
        call()
    return " ".join(error.value.messages)


def test_recording_computes_the_cost_from_hours_and_the_periods_rate(cast, s):
    funding = fund(cast.hr.user, s["employee_seat"], s["lyftet_period"], hours="14")
    assert funding.hourly_rate == Decimal("250.00")
    assert funding.amount == Decimal("3500.00")
    assert funding.municipality == cast.uddevalla
    event = AuditEvent.objects.get(action="funding.funding.recorded")
    assert event.target_id == cast.employee.pk and event.data["amount"] == "3500.00"


def test_grants_that_exclude_each_other_cannot_pay_for_the_same_person_and_course(cast, s):
    fund(cast.hr.user, s["employee_seat"], s["lyftet_period"])
    message = refused(
        lambda: fund(
            cast.admin.user, s["employee_seat"], s["esf_period"], hours="0", course_fee="900"
        )
    )
    assert "may not be combined with Äldreomsorgslyftet" in message
    assert Funding.objects.count() == 1


def test_the_exclusion_is_symmetric(cast, s):
    fund(cast.admin.user, s["employee_seat"], s["esf_period"], hours="0", course_fee="900")
    message = refused(lambda: fund(cast.hr.user, s["employee_seat"], s["lyftet_period"]))
    assert "Äldreomsorgslyftet may not be combined with ESF Kompetenslyft Fyrbodal" in message


def test_the_exclusion_holds_across_offerings_of_the_same_course(cast, s):
    fund(cast.hr.user, s["employee_seat"], s["lyftet_period"])
    again = offering(cast, days=(60,))
    again.course = s["offering"].course
    again.save()
    seat = reg.register(actor=None, offering=again, person=cast.employee)
    message = refused(lambda: fund(cast.admin.user, seat, s["esf_period"], hours="7"))
    assert "may not be combined" in message


def test_grants_that_do_not_exclude_each_other_may_both_pay(cast, s):
    _own, own_period = grant(cast.hr.user, cast.uddevalla, "Egen budget", kind="own_budget")
    fund(cast.hr.user, s["employee_seat"], s["lyftet_period"], hours="10")
    fund(cast.hr.user, s["employee_seat"], own_period, hours="4")
    assert Funding.objects.filter(registration=s["employee_seat"]).count() == 2


def test_the_same_grant_pays_a_registration_once(cast, s):
    fund(cast.hr.user, s["employee_seat"], s["lyftet_period"], hours="7")
    assert "already pays" in refused(
        lambda: fund(cast.hr.user, s["employee_seat"], s["lyftet_period"], hours="7")
    )


def test_a_person_outside_the_eligible_operating_area_is_refused(cast, s):
    message = refused(lambda: fund(cast.hr.user, s["colleague_seat"], s["lyftet_period"]))
    assert "Karin Holm is not eligible for Äldreomsorgslyftet" in message
    assert "Stödassistent (Funktionshinder)" in message and "Elder care" in message


def test_eligible_job_titles_and_courses(cast, s):
    nurse_title = f.JobTitleFactory(region=cast.region, code="ssk", name="Sjuksköterska")
    _g, period = grant(
        cast.hr.user, cast.uddevalla, "Bara sjuksköterskor", job_titles=[nurse_title]
    )
    assert "not eligible" in refused(lambda: fund(cast.hr.user, s["employee_seat"], period))
    other_course = offering(cast, title="Annan kurs").course
    _g, period = grant(cast.hr.user, cast.uddevalla, "Bara en kurs", courses=[other_course])
    assert "does not pay for the course" in refused(
        lambda: fund(cast.hr.user, s["employee_seat"], period)
    )


def test_course_days_outside_the_period_are_refused(cast, s):
    late = offering(cast, title="Senare kurs", days=(30, 400))
    seat = reg.register(actor=None, offering=late, person=cast.employee)
    message = refused(lambda: fund(cast.hr.user, seat, s["lyftet_period"]))
    assert "are not all within the period" in message


def test_a_closed_period_takes_nothing_more(cast, s):
    services.period_set_state(actor=cast.hr.user, period=s["lyftet_period"], closed=True)
    assert "closed for accounting" in refused(
        lambda: fund(cast.hr.user, s["employee_seat"], s["lyftet_period"])
    )


def test_the_amount_granted_is_never_passed(cast, s):
    _g, small = grant(cast.hr.user, cast.uddevalla, "Liten pott", amount="5000")
    fund(cast.hr.user, s["employee_seat"], small, hours="14")  # 3500
    other = f.PersonFactory(municipality=cast.uddevalla)
    f.EmploymentFactory(person=other, unit=cast.solgarden)
    seat = reg.register(actor=None, offering=s["offering"], person=other)
    message = refused(lambda: fund(cast.hr.user, seat, small, hours="7"))  # 1750 > 1500 left
    assert "more than what remains" in message and "1500.00" in message
    fund(cast.hr.user, seat, small, hours="6")  # 1500 fits exactly
    assert rules.used_amount(small) == Decimal("5000.00")


def test_what_a_grant_does_not_pay_is_refused(cast, s):
    assert "does not pay course fees" in refused(
        lambda: fund(cast.hr.user, s["employee_seat"], s["lyftet_period"], course_fee="500")
    )
    assert "Enter paid study hours" in refused(
        lambda: fund(cast.hr.user, s["employee_seat"], s["lyftet_period"], hours="0")
    )


def test_a_waiting_or_cancelled_registration_is_not_funded(cast, s):
    reg.cancel(actor=None, registration=s["employee_seat"])
    s["employee_seat"].refresh_from_db()
    assert "Only a confirmed registration" in refused(
        lambda: fund(cast.hr.user, s["employee_seat"], s["lyftet_period"])
    )


def test_a_municipal_grant_pays_only_its_own_staff(cast, s):
    person = f.PersonFactory(municipality=cast.vanersborg)
    f.EmploymentFactory(person=person, unit=cast.ekbacken)
    seat = reg.register(actor=None, offering=s["offering"], person=person)
    assert "pays only for its own staff" in refused(
        lambda: fund(cast.admin.user, seat, s["lyftet_period"])
    )


def test_actual_wage_periods_need_the_persons_hourly_cost(cast, s):
    _g, period = grant(cast.hr.user, cast.uddevalla, "Lönebaserat", rate=None, basis="actual_wage")
    assert "hourly wage cost" in refused(lambda: fund(cast.hr.user, s["employee_seat"], period))
    funding = fund(cast.hr.user, s["employee_seat"], period, hours="10", hourly_rate="231.5")
    assert funding.amount == Decimal("2315.00")


def test_suggested_hours_leave_out_days_marked_absent(cast, s):
    seat = s["employee_seat"]
    assert rules.suggested_hours(seat) == Decimal("14")
    Attendance.objects.create(registration=seat, day=s["offering"].days.first(), present=False)
    assert rules.suggested_hours(seat) == Decimal("7")


def test_removing_is_audited_and_refused_in_a_closed_period(cast, s):
    funding = fund(cast.hr.user, s["employee_seat"], s["lyftet_period"])
    services.period_set_state(actor=cast.hr.user, period=s["lyftet_period"], closed=True)
    assert "closed" in refused(lambda: services.funding_remove(actor=cast.hr.user, funding=funding))
    services.period_set_state(actor=cast.hr.user, period=s["lyftet_period"], closed=False)
    services.funding_remove(actor=cast.hr.user, funding=funding)
    assert not Funding.objects.exists()
    assert AuditEvent.objects.filter(action="funding.funding.removed").exists()


def test_a_period_cannot_shrink_below_what_is_used(cast, s):
    fund(cast.hr.user, s["employee_seat"], s["lyftet_period"])
    p = s["lyftet_period"]
    fields = {n: getattr(p, n) for n in services.PERIOD_FIELDS}
    fields["amount"] = Decimal("1000")
    assert "already used" in refused(
        lambda: services.period_update(actor=cast.hr.user, period=p, **fields)
    )
