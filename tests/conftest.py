"""The standard cast: one small region with everyone the authorization rules talk about.

Region Fyrbodal: Uddevalla (elder-care unit "Solgården" and disability unit "Linden") and
Vänersborg (unit "Ekbacken"). Region Midtjylland: Randers (unit "Bofællesskabet Kildevang").

| name           | who                                                        |
|----------------|------------------------------------------------------------|
| employee       | undersköterska at Solgården, with a login                  |
| colleague      | works at Linden (another unit, same municipality)          |
| manager        | manager of Solgården                                       |
| hr             | HR officer for Uddevalla (TOTP)                            |
| hr_other       | HR officer for Vänersborg: another municipality (TOTP)     |
| coordinator    | regional coordinator for Fyrbodal                          |
| admin          | administrator for Fyrbodal (TOTP)                          |
| statistics     | statistics reader for Fyrbodal                             |
| auditor        | auditor for Uddevalla                                      |
| course_leader  | course leader for Fyrbodal                                 |
| outsider       | works in Randers, another region                           |
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

import pytest

from stegvis.organisations.models import OperatingArea, Role
from tests import factories as f

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Headless Chromium for any test that asks for `browser`, `page` or `axe_page`: one browser per
# process, shared by tests/browser and the browser tests beside each app's other tests.
pytest_plugins = ["tests.browser_fixtures"]


def pytest_collection_finish(session):
    """A run that collects no tests is an error, never a silent pass."""
    if not session.items and not session.config.option.collectonly:
        raise pytest.UsageError("No tests were collected: the suite must not pass empty.")


@dataclass
class Cast:
    region: object
    other_region: object
    uddevalla: object
    vanersborg: object
    randers: object
    solgarden: object
    linden: object
    ekbacken: object
    kildevang: object
    employee: object
    colleague: object
    manager: object
    hr: object
    hr_other: object
    coordinator: object
    admin: object
    statistics: object
    auditor: object
    course_leader: object
    outsider: object

    def user(self, name: str):
        return (
            getattr(self, name).user
            if hasattr(getattr(self, name), "user")
            else getattr(self, name)
        )


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Argon2 is deliberately slow; tests that check hashing itself restore the real setting.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks run at once in tests; test_background_worker covers the real worker.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def cast(db) -> Cast:
    region = f.RegionFactory(name="Fyrbodal", slug="fyrbodal")
    other_region = f.RegionFactory(name="Region Midtjylland", slug="midtjylland")
    uddevalla = f.MunicipalityFactory(region=region, name="Uddevalla", code="1485")
    vanersborg = f.MunicipalityFactory(region=region, name="Vänersborg", code="1487")
    randers = f.MunicipalityFactory(
        region=other_region, name="Randers", code="730", country="DK", language="da"
    )
    elder = f.OperatingAreaFactory(
        municipality=uddevalla, kind=OperatingArea.Kind.ELDER_CARE, name="Vård och omsorg"
    )
    disability = f.OperatingAreaFactory(
        municipality=uddevalla, kind=OperatingArea.Kind.DISABILITY, name="Funktionshinder"
    )
    solgarden = f.UnitFactory(operating_area=elder, name="Solgården")
    linden = f.UnitFactory(operating_area=disability, name="Gruppbostad Linden")
    ekbacken = f.UnitFactory(
        operating_area=f.OperatingAreaFactory(municipality=vanersborg), name="Ekbacken"
    )
    kildevang = f.UnitFactory(
        operating_area=f.OperatingAreaFactory(
            municipality=randers, kind=OperatingArea.Kind.DISABILITY, name="Handicap"
        ),
        name="Bofællesskabet Kildevang",
    )

    def staff(unit, first, last, title="underskoterska", title_name="Undersköterska"):
        person = f.PersonFactory(municipality=unit.municipality, first_name=first, last_name=last)
        f.EmploymentFactory(
            person=person,
            unit=unit,
            job_title=f.JobTitleFactory(
                region=unit.municipality.region, code=title, name=title_name
            ),
        )
        f.login_for(person)
        return person

    def officer(municipality, first, last, role, scope, totp=False):
        person = f.PersonFactory(
            municipality=municipality, region=scope_region(scope), first_name=first, last_name=last
        )
        user = f.login_for(person)
        f.grant(user, role, scope)
        if totp:
            f.with_totp(user)
        return person

    def scope_region(scope):
        return (
            getattr(scope, "region", None)
            or getattr(getattr(scope, "municipality", None), "region", None)
            or scope
        )

    employee = staff(solgarden, "Anna", "Lindqvist")
    employee.profession_start_date = datetime.date(2022, 8, 1)
    employee.save()
    f.with_identity_number(employee, "19900101-0017")
    colleague = staff(linden, "Karin", "Holm", "stodassistent", "Stödassistent")
    manager = staff(solgarden, "Maria", "Berg", "enhetschef", "Enhetschef")
    f.grant(manager.user, Role.MANAGER, solgarden)
    outsider = staff(kildevang, "Mette", "Jensen", "pa", "Pædagogisk assistent")
    return Cast(
        region=region,
        other_region=other_region,
        uddevalla=uddevalla,
        vanersborg=vanersborg,
        randers=randers,
        solgarden=solgarden,
        linden=linden,
        ekbacken=ekbacken,
        kildevang=kildevang,
        employee=employee,
        colleague=colleague,
        manager=manager,
        hr=officer(uddevalla, "Hanna", "Ek", Role.HR, uddevalla, totp=True),
        hr_other=officer(vanersborg, "Olle", "Strand", Role.HR, vanersborg, totp=True),
        coordinator=officer(None, "Kim", "Koordinator", Role.COORDINATOR, region),
        admin=officer(None, "Alex", "Admin", Role.ADMINISTRATOR, region, totp=True),
        statistics=officer(None, "Sam", "Statistik", Role.STATISTICS_READER, region),
        auditor=officer(uddevalla, "Gun", "Granskare", Role.AUDITOR, uddevalla),
        course_leader=officer(uddevalla, "Lea", "Kursledare", Role.COURSE_LEADER, region),
        outsider=outsider,
    )


@pytest.fixture
def login(client):
    """``login(person_or_user)`` signs the test client in as them (no password round trip)."""

    def _login(who):
        user = getattr(who, "user", who)
        client.force_login(user, backend="stegvis.accounts.backends.AuthenticationBackend")
        return client

    return _login
