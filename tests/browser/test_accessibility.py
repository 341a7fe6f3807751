"""axe-core scans of every page type: zero WCAG 2.1 A/AA violations."""

import pytest

from tests import factories as f
from tests.browser_fixtures import run_axe

PAGES = [
    # (who, path builder)
    (None, lambda c: "/accounts/login/"),
    (None, lambda c: "/accounts/password/reset/"),
    ("employee", lambda c: "/"),
    ("employee", lambda c: "/people/me/"),
    ("manager", lambda c: "/"),
    ("manager", lambda c: "/people/"),
    ("hr", lambda c: f"/people/{c.employee.pk}/"),
    ("hr", lambda c: f"/people/{c.employee.pk}/edit/"),
    ("hr", lambda c: "/people/new/"),
    ("hr", lambda c: f"/people/employments/{c.employee.employments.get().pk}/move/"),
    ("coordinator", lambda c: "/organisation/"),
    ("admin", lambda c: f"/organisation/municipalities/{c.uddevalla.pk}/"),
    ("admin", lambda c: f"/organisation/units/{c.solgarden.pk}/"),
    ("admin", lambda c: f"/organisation/units/{c.solgarden.pk}/merge/"),
    ("admin", lambda c: "/organisation/roles/"),
    ("admin", lambda c: "/organisation/municipalities/new/"),
    ("admin", lambda c: f"/organisation/municipalities/{c.uddevalla.pk}/areas/new/"),
    ("statistics", lambda c: "/people/statistics/"),
    ("hr", lambda c: "/people/import/"),
    ("employee", lambda c: "/no-such-page/"),
]


@pytest.mark.parametrize(
    "who, path", PAGES, ids=[f"{w or 'anonymous'}:{i}" for i, (w, _p) in enumerate(PAGES)]
)
def test_page_has_no_wcag_violations(who, path, cast, axe_page, sign_in):
    if who:
        sign_in(axe_page, getattr(cast, who).user)
    axe_page.goto(path(cast))
    violations = run_axe(axe_page)
    assert violations == [], violations


@pytest.mark.parametrize("language", ["sv", "da", "en"])
def test_home_page_in_every_language_has_no_violations(language, cast, axe_page, sign_in):
    cast.employee.preferred_language = language
    cast.employee.save()
    sign_in(axe_page, cast.employee.user)
    axe_page.goto("/people/me/")
    assert axe_page.locator("html").get_attribute("lang") in ("sv", language)
    assert run_axe(axe_page) == []


def _password_login(page, email):
    page.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", f.PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_second_factor_page_has_no_violations(cast, axe_page):
    _password_login(axe_page, cast.hr.email)
    assert "/2fa/authenticate/" in axe_page.url
    assert run_axe(axe_page) == []


def test_second_factor_setup_pages_have_no_violations(cast, axe_page):
    user = f.UserFactory()
    f.grant(user, "hr", cast.uddevalla)
    _password_login(axe_page, user.email)
    assert "/reauthenticate/" in axe_page.url  # confirm the password before setting up TOTP
    assert run_axe(axe_page) == []
    axe_page.fill("input[name=password]", f.PASSWORD)
    axe_page.locator("main button[type=submit]").first.click()
    axe_page.wait_for_load_state()
    assert "/2fa/totp/activate/" in axe_page.url
    assert run_axe(axe_page) == []


COMPETENCE_PAGES = [
    ("employee", lambda c, m: "/competences/"),
    ("employee", lambda c, m: f"/competences/people/{c.employee.pk}/"),
    ("employee", lambda c, m: f"/competences/people/{c.employee.pk}/records/new/"),
    ("manager", lambda c, m: f"/competences/people/{c.employee.pk}/"),
    ("employee", lambda c, m: "/competences/titles/"),
    ("employee", lambda c, m: "/competences/requirements/"),
    ("employee", lambda c, m: m["ladder"].get_absolute_url()),
    ("coordinator", lambda c, m: m["common"].get_absolute_url()),
    ("hr", lambda c, m: m["draft"].get_absolute_url()),
    ("hr", lambda c, m: f"/competences/frameworks/{m['draft'].pk}/items/new/"),
    ("hr", lambda c, m: "/competences/frameworks/new/"),
    ("hr", lambda c, m: "/competences/requirements/new/"),
    ("coordinator", lambda c, m: "/competences/titles/"),
    ("coordinator", lambda c, m: f"/competences/titles/{m['title'].pk}/rules/new/"),
    ("coordinator", lambda c, m: f"/competences/ladders/{m['ladder'].pk}/steps/new/"),
    ("coordinator", lambda c, m: "/competences/requirements/"),
    ("hr", lambda c, m: f"/competences/people/{c.employee.pk}/qualifications/new/"),
    ("coordinator", lambda c, m: "/competences/frameworks/import/"),
]


@pytest.mark.parametrize(
    "who, path", COMPETENCE_PAGES, ids=[f"{w}:{i}" for i, (w, _p) in enumerate(COMPETENCE_PAGES)]
)
def test_competence_page_has_no_wcag_violations(who, path, cast, axe_page, sign_in):
    model = f.competence_model(cast)
    sign_in(axe_page, getattr(cast, who).user)
    axe_page.goto(path(cast, model))
    assert run_axe(axe_page) == []


def test_import_pages_have_no_wcag_violations(cast, axe_page, sign_in):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from stegvis.people.import_models import ImportReport
    from stegvis.people.import_tasks import stored_file_name

    pending = ImportReport.objects.create(municipality=cast.uddevalla, file_name="a.csv")
    default_storage.save(
        stored_file_name(pending),
        ContentFile("Förnamn;Efternamn;Enhet;Befattning;Startdatum\n".encode()),
    )
    failed = ImportReport.objects.create(
        municipality=cast.uddevalla,
        file_name="b.csv",
        status="failed",
        rows_total=2,
        counts={"created": 1, "changed": 0, "ended": 0, "unchanged": 0, "errors": 1},
        errors=[{"line": 3, "message": "Okänd enhet NOPE"}],
    )
    sign_in(axe_page, cast.hr.user)
    for path in (f"/people/import/{pending.pk}/mapping/", f"/people/import/{failed.pk}/"):
        axe_page.goto(path)
        assert run_axe(axe_page) == [], path
