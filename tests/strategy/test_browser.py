"""In the browser: the plan page and its edit form pass axe-core (WCAG 2.1 A/AA), hold under the
site's Content-Security-Policy, save through the form, and fit a 320 px screen."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stegvis.strategy.models import StrategyPlan
from tests.browser_fixtures import run_axe
from tests.course_factories import CourseFactory
from tests.strategy.helpers import days, meeting, plan

pytestmark = pytest.mark.browser
NARROW = {"width": 320, "height": 640}


def _scenario(cast) -> StrategyPlan:
    CourseFactory(region=cast.region, title="Demens ABC")
    meeting(unit=cast.solgarden, held_on=days(-340))
    meeting(municipality=cast.uddevalla, held_on=days(-100), committee="Centrala samverkan")
    return plan(cast.solgarden, timezone.localdate().year)


def _overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_plan_page_and_edit_form_have_no_wcag_violations(cast, axe_page, sign_in):
    found = _scenario(cast)
    sign_in(axe_page, cast.manager.user)
    axe_page.goto(f"/strategy/plans/{found.pk}/")
    assert run_axe(axe_page) == []
    axe_page.goto(f"/strategy/plans/{found.pk}/edit/")
    assert run_axe(axe_page) == []
    axe_page.goto("/strategy/")
    assert run_axe(axe_page) == []


def test_the_edit_form_saves_under_the_sites_csp_and_fits_320_px(cast, page, sign_in):
    found = _scenario(cast)
    cast.manager.preferred_language = "en"
    cast.manager.save(update_fields=["preferred_language"])
    sign_in(page, cast.manager.user)
    page.set_viewport_size(NARROW)
    page.goto(f"/strategy/plans/{found.pk}/edit/")
    assert _overflow(page) <= 0, "the edit form scrolls sideways at 320 px"
    page.get_by_label("Tasks ahead").fill("Fler brukare med demens.")
    page.get_by_label("Demens ABC").check()
    page.get_by_label("Line 3: what for").fill("Handledning")
    page.get_by_label("Line 3: amount (SEK)").fill("3000")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The plan was saved.")).to_be_visible()
    expect(page.get_by_text("23,500.50 SEK")).to_be_visible()
    assert _overflow(page) <= 0, "the plan page scrolls sideways at 320 px"
    page.get_by_role("button", name="Adopt the plan").click()
    expect(page.get_by_text("The plan is adopted.")).to_be_visible()
    assert page.csp_errors == []
    found.refresh_from_db()
    assert found.is_adopted and found.courses.get().title == "Demens ABC"
