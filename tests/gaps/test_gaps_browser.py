"""In the browser: the area page and the statistics page pass axe-core (WCAG 2.1 A/AA) at
desktop width and at 320 px, and hold under the site's own Content-Security-Policy."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from stegvis.gaps.snapshots import take_snapshots
from tests.browser_fixtures import run_axe
from tests.gaps.test_report import with_bjorken

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 320])
def test_area_and_statistics_pages_have_no_wcag_violations(cast, axe_page, sign_in, width):
    with_bjorken(cast)
    take_snapshots(months=3)
    axe_page.set_viewport_size({"width": width, "height": 800})
    sign_in(axe_page, cast.hr.user)
    for path in (
        f"/gaps/municipalities/{cast.uddevalla.pk}/",
        f"/gaps/units/{cast.solgarden.pk}/lacking/",
        "/gaps/statistics/",
    ):
        axe_page.goto(path)
        assert run_axe(axe_page) == [], path
        overflow = axe_page.evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        assert not overflow, f"{path} scrolls sideways at {width} px"


def test_area_page_under_the_sites_csp(cast, page, sign_in):
    with_bjorken(cast)
    take_snapshots(months=2)
    cast.hr.preferred_language = "en"
    cast.hr.save(update_fields=["preferred_language"])
    sign_in(page, cast.hr.user)
    page.goto(f"/gaps/municipalities/{cast.uddevalla.pk}/")
    expect(page.locator("svg.gaps-chart__svg .gaps-bar")).to_have_count(4)
    expect(page.locator("svg.gaps-chart__svg polyline.gaps-line--all")).to_have_count(1)
    page.get_by_role("link", name="Solgården").click()
    expect(page.locator("h1")).to_have_text("Gap analysis: Solgården")
    page.get_by_label("As of date").fill("2025-01-31")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".message--warning")).to_contain_text("2025-01-31")
    with page.expect_download() as download:
        page.get_by_text("Download as Excel (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert page.csp_errors == []
