"""In the browser: the plan page passes axe-core (WCAG 2.1 A/AA) wide and at 320 px, holds
under the site's Content-Security-Policy, filters with htmx and opens a course in place."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import run_axe
from tests.regionplan.helpers import cached_scenario, offering, person, planned, waiting

pytestmark = pytest.mark.browser


def _scenario(cast):
    s = cached_scenario(cast)
    waiting(offering(s["course"], seats=0), person(cast.ekbacken, "Vera"))
    planned(person(cast.solgarden, "Pia"), cast.solgarden, course=s["course"])
    return s


def test_plan_page_has_no_wcag_violations(cast, axe_page, sign_in):
    s = _scenario(cast)
    sign_in(axe_page, cast.coordinator.user)
    axe_page.goto(f"/region-plan/{s['plan'].pk}/")
    assert run_axe(axe_page) == []
    axe_page.set_viewport_size({"width": 320, "height": 800})
    axe_page.locator("details.regionplan-course summary").first.click()
    expect(axe_page.locator(".regionplan-course__body table")).to_be_visible()
    assert run_axe(axe_page) == []
    width = axe_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the page scrolls sideways at 320 px ({width} px)"
    axe_page.goto(f"/region-plan/{s['plan'].pk}/proposals/new/?course={s['course'].pk}")
    assert run_axe(axe_page) == []


def test_plan_page_under_the_sites_csp(cast, page, sign_in):
    s = _scenario(cast)
    cast.coordinator.preferred_language = "en"
    cast.coordinator.save(update_fields=["preferred_language"])
    sign_in(page, cast.coordinator.user)
    page.goto(f"/region-plan/{s['plan'].pk}/")
    expect(page.locator("svg .regionplan-bar")).to_have_count(3)
    page.get_by_label("Municipality").select_option(label="Vänersborg")
    expect(page).to_have_url(f"{page.url.split('?')[0]}?area=&municipality={cast.vanersborg.pk}")
    expect(page.locator("table.regionplan-table caption")).to_contain_text("in Vänersborg")
    page.locator("details.regionplan-course summary").first.click()
    expect(page.locator(".regionplan-course__body table tbody tr")).to_have_count(2)
    assert page.csp_errors == []
