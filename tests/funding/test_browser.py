"""In the browser: the grant page and the funding form pass axe-core (WCAG 2.1 A/AA), work under
the site's own Content-Security-Policy, and fit a 320 px wide screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from stegvis.funding.models import Funding
from tests.browser_fixtures import run_axe
from tests.funding.scenario import fund, scenario

pytestmark = pytest.mark.browser


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_grant_page_and_report_have_no_wcag_violations(cast, axe_page, sign_in):
    s = scenario(cast)
    fund(cast.hr.user, s["employee_seat"], s["lyftet_period"])
    sign_in(axe_page, cast.hr.user)
    for path in (
        "/funding/",
        f"/funding/grants/{s['lyftet'].pk}/",
        f"/funding/periods/{s['lyftet_period'].pk}/report/",
    ):
        axe_page.goto(path)
        assert run_axe(axe_page) == [], path
        axe_page.set_viewport_size({"width": 320, "height": 800})
        assert _fits(axe_page), path
        axe_page.set_viewport_size({"width": 1280, "height": 800})


def test_funding_form_has_no_wcag_violations_also_with_an_error(cast, axe_page, sign_in):
    s = scenario(cast)
    sign_in(axe_page, cast.hr.user)
    axe_page.goto(f"/funding/registrations/{s['employee_seat'].pk}/")
    assert run_axe(axe_page) == []
    axe_page.set_viewport_size({"width": 320, "height": 800})
    assert _fits(axe_page)
    axe_page.locator("#id_period").select_option(str(s["lyftet_period"].pk))
    axe_page.locator("#id_course_fee").fill("500")  # Äldreomsorgslyftet pays no course fees
    axe_page.locator("button[type=submit].button--primary").click()
    expect(axe_page.locator(".form-errors")).to_be_visible()
    assert run_axe(axe_page) == []


def test_recording_funding_in_the_browser(cast, page, sign_in):
    s = scenario(cast)
    cast.hr.preferred_language = "en"
    cast.hr.save(update_fields=["preferred_language"])
    sign_in(page, cast.hr.user)
    page.goto(f"/funding/offerings/{s['offering'].pk}/")
    page.get_by_role("link", name="Record funding: Anna Lindqvist").click()
    expect(page.locator("#id_paid_hours")).to_have_value("14.00")
    page.get_by_label("Grant and period").select_option(str(s["lyftet_period"].pk))
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("The funding was recorded.")).to_be_visible()
    assert page.url.endswith(f"/funding/offerings/{s['offering'].pk}/")
    assert Funding.objects.get().amount == 3500
    assert page.csp_errors == []
