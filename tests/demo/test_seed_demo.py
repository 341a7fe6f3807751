"""The demo generator: the organisation, the staff, the roles, the logins and repeatability."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError

from stegvis.accounts.models import User
from stegvis.demo.generate import LOGINS, DemoDataExists, generate
from stegvis.demo.region import ANCHOR
from stegvis.organisations.models import Municipality, Role, RoleAssignment, Unit, UnitPlacement
from stegvis.people.identity import identity_number_hash, normalise_danish, normalise_swedish
from stegvis.people.models import Employment, Person
from stegvis.people.phases import Phase, experience_phase

PASSWORD = "stegvis-demo-2026"
FYRBODAL = {
    "Bengtsfors": "1460",
    "Dals-Ed": "1438",
    "Färgelanda": "1439",
    "Lysekil": "1484",
    "Mellerud": "1461",
    "Munkedal": "1430",
    "Orust": "1421",
    "Sotenäs": "1427",
    "Strömstad": "1486",
    "Tanum": "1435",
    "Trollhättan": "1488",
    "Uddevalla": "1485",
    "Vänersborg": "1487",
    "Åmål": "1492",
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary():
    return generate(employees=300, seed=2026, password=PASSWORD)


def test_municipalities_with_official_codes(summary):
    rows = {
        m.name: (m.code, m.country, m.language, m.region.slug)
        for m in Municipality.objects.select_related("region")
    }
    assert len(rows) == 15 == summary.municipalities
    for name, code in FYRBODAL.items():
        assert rows[name] == (code, "SE", "sv", "fyrbodal")
    assert rows["Randers"] == ("730", "DK", "da", "midtjylland")


def test_units_sit_in_their_municipality(summary):
    assert 140 <= Unit.objects.count() <= 160
    for unit in Unit.objects.select_related("operating_area"):
        assert unit.municipality_id == unit.operating_area.municipality_id
        placement = UnitPlacement.objects.get(unit=unit, valid_to=None)
        assert placement.operating_area_id == unit.operating_area_id
        assert placement.valid_from == unit.opened_on
        assert re.fullmatch(rf"ORG-{unit.municipality.code}-\d{{3}}", unit.source_key)
    largest = Unit.objects.filter(municipality__name__in=["Trollhättan", "Uddevalla"]).count()
    assert largest >= 45


def test_every_open_unit_has_a_current_manager(summary):
    open_units = Unit.objects.filter(closed_on=None)
    assert open_units.count() > 100
    managers = RoleAssignment.objects.active().filter(role=Role.MANAGER)
    for unit in open_units:
        assignment = managers.get(unit=unit)
        # The manager is employed as enhetschef/leder in one of the units they lead.
        led = managers.filter(user=assignment.user).values_list("unit", flat=True)
        assert (
            Employment.objects.current()
            .filter(
                person__user=assignment.user,
                unit__in=led,
                job_title__code__in=["enhetschef", "leder"],
            )
            .exists()
        )


def test_every_municipality_has_an_hr_officer(summary):
    for municipality in Municipality.objects.all():
        assert (
            RoleAssignment.objects.active().filter(role=Role.HR, municipality=municipality).exists()
        ), municipality


def test_no_employee_role_is_assigned_and_scopes_fit(summary):
    assert not RoleAssignment.objects.filter(role=Role.EMPLOYEE).exists()
    assert RoleAssignment.objects.filter(role=Role.COORDINATOR, region__slug="fyrbodal").exists()
    assert RoleAssignment.objects.filter(role=Role.ADMINISTRATOR, region__slug="fyrbodal").exists()
    assert RoleAssignment.objects.filter(role=Role.COURSE_LEADER).count() >= 3


def test_demo_logins_exist(summary):
    assert summary.logins == LOGINS
    for _label, email in LOGINS:
        user = User.objects.get(email=email)
        assert user.check_password(PASSWORD)
        assert user.person.email == email
        assert user.display_name == user.person.full_name

    anna = Person.objects.get(email="anna.lindqvist@uddevalla.demo")
    job = anna.employments.current(ANCHOR).get()
    assert job.job_title.code == "underskoterska"
    assert job.unit.municipality.name == "Uddevalla"
    assert job.unit.operating_area.kind == "elder_care"
    assert experience_phase(anna.profession_start_date, on=ANCHOR) == Phase.EXPERIENCED

    maria = User.objects.get(email="maria.berg@uddevalla.demo")
    led = RoleAssignment.objects.active().filter(user=maria, role=Role.MANAGER)
    assert led.count() == 2
    assert job.unit_id in {a.unit_id for a in led}
    assert {a.unit.municipality.name for a in led} == {"Uddevalla"}

    mette = Person.objects.get(email="mette.jensen@randers.demo")
    assert mette.preferred_language == "da"
    assert mette.region.slug == "midtjylland"
    lars = User.objects.get(email="lars.nielsen@randers.demo")
    assert RoleAssignment.objects.filter(
        user=lars, role=Role.MANAGER, unit=mette.employments.get().unit
    ).exists()
    coordinator = Person.objects.get(email="koordinator@fyrbodal.demo")
    assert coordinator.municipality is None
    assert coordinator.region.slug == "fyrbodal"


def test_only_some_people_have_a_login(summary):
    people = Person.objects.count()
    with_login = Person.objects.exclude(user=None).count()
    assert people >= 300
    assert 0.2 * people < with_login < 0.75 * people


def test_people_details(summary):
    emails = list(Person.objects.values_list("email", flat=True))
    assert len(emails) == len(set(emails))
    for person in Person.objects.select_related("municipality", "region"):
        domain = person.municipality.name if person.municipality else person.region.slug
        assert person.email.isascii()
        assert re.fullmatch(r"[a-z0-9.-]+@[a-z-]+\.demo", person.email)
        if person.municipality and person.municipality.country == "DK":
            assert re.fullmatch(r"\+45 \d\d \d\d \d\d \d\d", person.phone)
            assert person.preferred_language == "da"
        else:
            assert re.fullmatch(r"07\d-\d{3} \d\d \d\d", person.phone), domain
            assert person.preferred_language == "sv"
    numbers = defaultdict(list)
    for municipality_id, number in Person.objects.exclude(employee_number="").values_list(
        "municipality_id", "employee_number"
    ):
        numbers[municipality_id].append(number)
    assert all(len(values) == len(set(values)) for values in numbers.values())


def test_identity_numbers_are_well_formed(summary):
    swedish = Person.objects.filter(region__slug="fyrbodal")
    with_number = [p for p in swedish if p.identity_number]
    assert 0.55 < len(with_number) / swedish.count() < 0.85
    for person in with_number:
        assert normalise_swedish(person.identity_number) == person.identity_number
        assert person.identity_number_hash == identity_number_hash(person.identity_number)
        born = datetime.datetime.strptime(person.identity_number[:8], "%Y%m%d").date()
        if person.profession_start_date:
            assert (person.profession_start_date - born).days >= 17 * 365
        assert (ANCHOR - born).days <= 67 * 366
    danish = Person.objects.filter(region__slug="midtjylland")
    assert danish.exists()
    for person in danish:
        assert normalise_danish(person.identity_number) == person.identity_number


def test_employments_are_plausible(summary):
    extents = defaultdict(int)
    for employment in Employment.objects.select_related("person", "unit", "job_title"):
        assert employment.start_date <= ANCHOR
        assert employment.end_date is None or employment.start_date <= employment.end_date
        assert employment.start_date >= employment.unit.opened_on
        assert employment.person.municipality_id == employment.unit.municipality_id
        area = employment.unit.operating_area.kind
        assert employment.job_title.area_kind in {area, ""}
        if employment.person.profession_start_date:
            assert employment.person.profession_start_date <= employment.start_date
        if employment.is_current(ANCHOR):
            extents[employment.person_id] += employment.extent_percent
    assert all(total <= 100 for total in extents.values())
    assert any(total < 100 for total in extents.values())
    assert Employment.objects.exclude(end_date=None).exists()


def _snapshot():
    return [
        (
            p.email,
            p.first_name,
            p.last_name,
            p.profession_start_date,
            tuple(
                sorted(
                    (e.unit.source_key, e.start_date, e.end_date, e.extent_percent)
                    for e in p.employments.all()
                )
            ),
        )
        for p in Person.objects.order_by("email").prefetch_related("employments__unit")
    ]


def test_same_seed_gives_the_same_rows(summary):
    first = _snapshot()
    generate(employees=300, seed=2026, password=PASSWORD, reset=True)
    assert _snapshot() == first
    generate(employees=300, seed=7, password=PASSWORD, reset=True)
    assert _snapshot() != first


def test_refuses_when_a_region_exists(summary):
    with pytest.raises(DemoDataExists):
        generate(employees=300, seed=2026, password=PASSWORD)
    with pytest.raises(CommandError, match="--reset"):
        call_command("seed_demo", "--employees", "300", stdout=StringIO())


def test_command_prints_the_summary():
    out = StringIO()
    call_command("seed_demo", "--employees", "250", "--seed", "3", stdout=out)
    text = out.getvalue()
    assert "15 municipalities" in text
    for _label, email in LOGINS:
        assert email in text
    out = StringIO()
    call_command("seed_demo", "--employees", "250", "--reset", stdout=out)
    assert Municipality.objects.count() == 15


@pytest.mark.parametrize("email", ["hr@uddevalla.demo", "admin@fyrbodal.demo", "hr@randers.demo"])
def test_second_factor_and_demo_totp(summary, email):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
    out = StringIO()
    call_command("demo_totp", email, stdout=out, stderr=StringIO())
    code = out.getvalue().strip()
    assert re.fullmatch(r"\d{6}", code)
    cache.clear()
    assert TOTP(authenticator).validate_code(code)


def test_every_hr_officer_and_administrator_has_totp(summary):
    from allauth.mfa.models import Authenticator

    holders = set(
        RoleAssignment.objects.filter(role__in=[Role.HR, Role.ADMINISTRATOR]).values_list(
            "user", flat=True
        )
    )
    with_totp = set(
        Authenticator.objects.filter(type=Authenticator.Type.TOTP).values_list("user", flat=True)
    )
    assert holders and holders <= with_totp


def test_demo_totp_refuses_outside_demo_and_test(summary, settings):
    settings.STEGVIS_ENV = "production"
    with pytest.raises(CommandError):
        call_command("demo_totp", "hr@uddevalla.demo", stdout=StringIO())
