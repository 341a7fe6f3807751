"""End to end: an employee finds a course, registers in place, and works through the checklist."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from stegvis.courses.models import Registration, TaskCompletion
from stegvis.courses.services import registration as reg
from tests.browser_fixtures import run_axe
from tests.course_factories import (
    CourseDayFactory,
    CourseFactory,
    OfferingFactory,
    at,
    course_scenario,
)

NARROW = {"width": 320, "height": 640}


def _employee_in_english(cast):
    cast.employee.preferred_language = "en"
    cast.employee.save(update_fields=["preferred_language"])
    return cast.employee.user


def _other_offering(cast):
    offering = OfferingFactory(course=CourseFactory(region=cast.region, title="Munhälsa"))
    CourseDayFactory(offering=offering, starts_at=at(40, 9), ends_at=at(40, 16))
    return offering


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_employee_filters_registers_and_ticks_a_task_without_reloads(cast, page, sign_in):
    scenario = course_scenario(cast)
    offering = scenario["offering"]
    _other_offering(cast)
    sign_in(page, _employee_in_english(cast))

    page.goto("/courses/?phase=")
    expect(page.locator("#catalogue-count")).to_have_text("2 offerings")
    page.evaluate("window.__marker = 1")
    page.get_by_label("Search").fill("demens")
    expect(page.locator("#catalogue-count")).to_have_text("1 offering")
    expect(page.locator(".offering-card__title")).to_have_text("Demensvård steg 1")
    assert page.evaluate("window.__marker") == 1  # the results were swapped in place
    assert "q=demens" in page.url  # and the address can be shared or bookmarked

    page.get_by_role("link", name="Demensvård steg 1").click()
    page.wait_for_url(f"**/courses/offerings/{offering.pk}/")
    page.evaluate("window.__marker = 2")
    box = page.locator(f"#registration-{offering.pk}")
    box.get_by_role("button", name="Register").click()
    expect(page.locator(f"#registration-{offering.pk}")).to_contain_text("You have a seat.")
    assert page.evaluate("window.__marker") == 2  # registered without a page load
    registration = Registration.objects.get(offering=offering, person=cast.employee)
    assert registration.status == Registration.Status.CONFIRMED

    page.goto("/courses/mine/")
    coming = page.locator("section[aria-labelledby=mine-coming]")
    expect(coming).to_contain_text("Demensvård steg 1")
    expect(coming).to_contain_text("Preparation: 0 of 1 done")

    coming.get_by_role("link", name="Demensvård steg 1", exact=True).click()
    page.wait_for_url(f"**/courses/registrations/{registration.pk}/")
    page.evaluate("window.__marker = 3")
    task = scenario["preparation"]
    page.get_by_label(task.title).check()
    expect(page.locator(f"#task-{task.pk}")).to_have_class("task task--done")
    expect(page.locator("#registration-progress")).to_contain_text("1 of 1 done")
    assert page.evaluate("window.__marker") == 3
    assert TaskCompletion.objects.filter(registration=registration, task=task).exists()
    assert page.get_by_label(task.title).is_checked()
    page.get_by_label(task.title).uncheck()
    expect(page.locator(f"#task-{task.pk}")).to_have_class("task")
    assert not TaskCompletion.objects.filter(registration=registration).exists()
    assert page.csp_errors == []


def test_catalogue_and_my_courses_fit_a_320_px_screen(cast, page, sign_in):
    scenario = course_scenario(cast, attendance="hybrid", seats_digital=10)
    reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    _other_offering(cast)
    sign_in(page, _employee_in_english(cast))
    page.set_viewport_size(NARROW)
    for path in (
        "/courses/",
        "/courses/mine/",
        f"/courses/offerings/{scenario['offering'].pk}/",
        f"/courses/registrations/{scenario['offering'].registrations.get().pk}/",
    ):
        page.goto(path)
        assert _overflow(page) <= 0, f"{path} scrolls sideways at 320 px"
    assert page.csp_errors == []


def test_ticking_works_without_javascript(cast, browser, live_server, sign_in):
    scenario = course_scenario(cast)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, _employee_in_english(cast))
    page.goto(f"/courses/registrations/{registration.pk}/")
    task = scenario["preparation"]
    row = page.locator(f"#task-{task.pk}")
    row.get_by_label(task.title).check()
    row.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/courses/registrations/{registration.pk}/#task-{task.pk}")
    assert page.locator(f"#task-{task.pk}").get_attribute("class") == "task task--done"
    context.close()


PAGES = [
    lambda s: "/courses/",
    lambda s: "/courses/?phase=&free=on&q=demens",
    lambda s: f"/courses/{s['course'].pk}/",
    lambda s: f"/courses/offerings/{s['offering'].pk}/",
    lambda s: f"/courses/offerings/{s['waiting_on'].pk}/",
    lambda s: "/courses/mine/",
    lambda s: f"/courses/registrations/{s['registration'].pk}/",
    lambda s: f"/courses/registrations/{s['registration'].pk}/transfer/?q=ka",
]


@pytest.mark.parametrize("path", PAGES, ids=[str(i) for i in range(len(PAGES))])
@pytest.mark.parametrize("language", ["en", "sv"])
def test_participant_pages_have_no_wcag_violations(path, language, cast, axe_page, sign_in):
    scenario = course_scenario(cast, attendance="hybrid", seats_digital=10)
    scenario["preparation"].goals.add(scenario["goal"])
    scenario["registration"] = reg.register(
        actor=None, offering=scenario["offering"], person=cast.employee
    )
    waiting_on = _other_offering(cast)
    waiting_on.seats_on_site = 1
    waiting_on.save()
    reg.register(actor=None, offering=waiting_on, person=cast.colleague)
    reg.register(actor=None, offering=waiting_on, person=cast.employee)
    scenario["waiting_on"] = waiting_on
    cast.employee.preferred_language = language
    cast.employee.save(update_fields=["preferred_language"])
    sign_in(axe_page, cast.employee.user)
    axe_page.goto(path(scenario))
    assert run_axe(axe_page) == []


def test_the_managers_view_of_a_registration_has_no_wcag_violations(cast, axe_page, sign_in):
    scenario = course_scenario(cast)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    sign_in(axe_page, cast.manager.user)
    axe_page.goto(f"/courses/registrations/{registration.pk}/")
    assert run_axe(axe_page) == []
