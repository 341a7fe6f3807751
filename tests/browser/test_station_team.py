"""In the browser: the manager filters and sorts the team with htmx, registers two people,
and the station house's pages pass axe-core (WCAG 2.1 A/AA) under the site's own CSP."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser_fixtures import run_axe
from tests.course_factories import CourseDayFactory, CourseFactory, OfferingFactory, at
from tests.station.querycounts_team import grow_team

ROWS = "#team-table tbody tr"


def _team_path(cast) -> str:
    return f"/station/units/{cast.solgarden.pk}/team/"


def test_manager_filters_sorts_and_registers_with_htmx(cast, page, sign_in):
    grow_team(cast, 2)  # two people with an expired competence; Anna lacks basic competence
    offering = OfferingFactory(course=CourseFactory(region=cast.region, title="Lyftteknik"))
    CourseDayFactory(offering=offering, starts_at=at(30, 9), ends_at=at(30, 16))
    sign_in(page, cast.manager.user)
    page.goto(_team_path(cast))
    expect(page.locator(ROWS)).to_have_count(4)

    with page.expect_response(lambda r: "/team/?" in r.url and r.request.method == "GET"):
        page.check("#id_attention")
    expect(page.locator(ROWS)).to_have_count(3)  # the manager herself needs no attention
    assert "attention=on" in page.url  # the filtered view has its own address
    assert page.locator("#team-table tbody tr .team-flag").count() == 3

    with page.expect_response(lambda r: "sort=expiring" in r.url):
        page.select_option("#id_sort", "expiring")
    first = page.locator(f"{ROWS} th a").first
    expect(first).not_to_have_text("Lindqvist, Anna")  # Anna has no expiry date: last

    picks = page.locator(f"{ROWS} .team-pick")
    picks.nth(0).check()
    picks.nth(1).check()
    page.select_option("#team-offering", str(offering.pk))
    with page.expect_response(lambda r: "/team/register/" in r.url):
        page.locator("#team-register button[type=submit]").click()
    expect(page.locator(".team-results li")).to_have_count(2)
    expect(page.locator(".team-results li.message--error")).to_have_count(0)
    expect(page.locator(ROWS)).to_have_count(3)  # the filter still holds after registering
    assert page.csp_errors == []


def test_station_pages_have_no_wcag_violations(cast, axe_page, sign_in):
    grow_team(cast, 2)
    sign_in(axe_page, cast.manager.user)
    for path in (
        "/station/",
        _team_path(cast),
        _team_path(cast) + "?attention=on&sort=progress",
        "/station/materials/",
    ):
        axe_page.goto(path)
        assert run_axe(axe_page) == [], path
    axe_page.set_viewport_size({"width": 375, "height": 800})  # the table stacks into cards
    axe_page.goto(_team_path(cast))
    assert run_axe(axe_page) == []


def test_hr_station_house_has_no_wcag_violations(cast, axe_page, sign_in):
    sign_in(axe_page, cast.hr.user)
    axe_page.goto("/station/?q=a")
    assert run_axe(axe_page) == []
