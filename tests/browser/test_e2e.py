"""End to end in headless Chromium: log in, switch language, a manager sees only their staff."""

import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from tests import factories as f

START_PAGE = re.compile(r"^https?://[^/]+/$")


def _log_in(page, email, password=f.PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.locator("main").get_by_role("button", name="Logga in").click()


def test_employee_logs_in_and_switches_language_which_is_remembered(cast, page):
    _log_in(page, cast.employee.email)
    page.wait_for_url(START_PAGE)
    assert page.locator("h1").inner_text() == "Välkommen, Anna"
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt språk").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Welcome, Anna"
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="My profile").first.click()
    assert page.get_by_role("heading", name="My profile").is_visible()
    # A new browser (no cookies) still gets English after logging in: it is saved on the person.
    page.context.clear_cookies()
    _log_in(page, cast.employee.email)
    page.wait_for_url(START_PAGE)
    assert page.locator("h1").inner_text() == "Welcome, Anna"
    assert page.csp_errors == []


def test_hr_logs_in_with_a_totp_code(cast, page):
    _log_in(page, cast.hr.email)
    page.wait_for_url("**/2fa/authenticate/")
    code = format_hotp_value(hotp_value(f.TOTP_SECRET, int(time.time()) // 30))
    page.get_by_label("Kod från din autentiseringsapp").fill(code)
    page.locator("main").get_by_role("button", name="Logga in").click()
    page.wait_for_url(START_PAGE)
    assert "Hanna" in page.locator("h1").inner_text()


def test_a_manager_sees_only_their_units_staff(cast, page, sign_in):
    sign_in(page, cast.manager.user)
    page.goto("/people/")
    rows = page.locator("#staff-rows tbody tr")
    names = rows.all_inner_texts()
    assert any("Lindqvist, Anna" in n for n in names)
    assert not any("Holm" in n for n in names)  # colleague in another unit
    assert not any("Jensen" in n for n in names)  # another region
    # Searching filters the list in place (htmx), without a full page load.
    page.evaluate("window.__marker = 1")
    page.get_by_label("Sök på namn eller e-post").fill("Berg")
    expect(page.locator("#staff-rows tbody tr")).to_have_count(1)
    assert page.evaluate("window.__marker") == 1
    assert "Berg, Maria" in page.locator("#staff-rows tbody tr").inner_text()
    # The colleague's page answers like a missing one.
    response = page.goto(f"/people/{cast.colleague.pk}/")
    assert response.status == 404
    assert page.csp_errors == []


def test_pages_fit_a_phone_screen(cast, page, sign_in):
    sign_in(page, cast.manager.user)
    page.set_viewport_size({"width": 360, "height": 740})
    for path in (
        "/",
        "/people/",
        f"/people/{cast.employee.pk}/",
        f"/organisation/units/{cast.solgarden.pk}/",
    ):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"


def test_keyboard_users_can_skip_to_the_content(cast, page, sign_in):
    sign_in(page, cast.employee.user)
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
