"""End to end: an employee assesses herself, her manager confirms it, the profile shows it."""

from tests import factories as f


def test_self_assessment_is_confirmed_by_the_manager(cast, page, sign_in, browser, live_server):
    model = f.competence_model(cast)
    hygiene = model["hygiene"]
    sign_in(page, cast.employee.user)
    page.goto(f"/competences/people/{cast.employee.pk}/records/new/")
    page.select_option("#id_item", str(hygiene.pk))
    page.fill("#id_achieved_on", "2025-05-01")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"**/competences/people/{cast.employee.pk}/")
    assert page.locator(".status--pending").count() >= 1
    assert page.csp_errors == []

    manager = browser.new_context(base_url=live_server.url)
    manager_page = manager.new_page()
    sign_in(manager_page, cast.manager.user)
    manager_page.goto(f"/competences/people/{cast.employee.pk}/")
    confirm = manager_page.locator("form[action$='/confirm/'] button").first
    confirm.click()
    manager_page.wait_for_load_state()
    manager_page.goto(f"/competences/people/{cast.employee.pk}/")
    record = manager_page.locator("table").filter(has_text="Basala hygienrutiner").last
    assert record.locator(".status--met").count() >= 1
    manager.close()
