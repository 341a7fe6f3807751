"""In the browser: the matrix page passes axe-core (WCAG 2.1 A/AA), holds under the site's
own Content-Security-Policy, and its table opens from the heatmap."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import run_axe
from tests.station.test_matrix import scenario

pytestmark = pytest.mark.browser


def _path(cast) -> str:
    return f"/station/units/{cast.solgarden.pk}/matrix/"


def test_matrix_page_has_no_wcag_violations(cast, axe_page, sign_in):
    scenario(cast)
    sign_in(axe_page, cast.manager.user)
    axe_page.goto(_path(cast))
    assert run_axe(axe_page) == []
    axe_page.locator("details.matrix-details summary").click()  # the table, open
    assert run_axe(axe_page) == []


def test_matrix_page_under_the_sites_csp(cast, page, sign_in):
    scenario(cast)
    cast.manager.preferred_language = "en"
    cast.manager.save(update_fields=["preferred_language"])
    sign_in(page, cast.manager.user)
    page.goto(_path(cast))
    expect(page.locator("svg.matrix-heatmap__svg .matrix-cell")).to_have_count(12)
    table = page.locator("table.matrix-table")
    expect(table).to_be_hidden()
    page.get_by_text("Show the matrix as a table").click()
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(3)
    with page.expect_download() as download:
        page.get_by_text("Download as Excel (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert page.csp_errors == []
