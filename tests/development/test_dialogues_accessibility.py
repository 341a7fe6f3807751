"""axe-core scans of the dialogue pages in headless Chromium: no WCAG 2.1 A/AA violations."""

from __future__ import annotations

import pytest
from django.utils import timezone

from stegvis.development.services import preparations
from tests.browser_fixtures import run_axe
from tests.development.test_dialogues_scenario import book, solgarden_staff

pytestmark = pytest.mark.browser


def _scenario(cast) -> dict:
    other = solgarden_staff(cast, "Sara")
    dialogue = book(cast)
    group = book(cast, [cast.employee, other], kind="group", days=9)
    preparations.preparation_save(
        actor=cast.employee.user,
        dialogue=dialogue,
        person=cast.employee,
        role="employee",
        answers={"Hur har det senaste året varit i ditt arbete?": "Bra"},
        assessment={"item:x": {"label": "Demensvård", "reason": "", "level": "2", "note": ""}},
        submit=True,
    )
    preparations.note_add(
        actor=cast.manager.user, dialogue=dialogue, person=cast.employee, text="En anteckning"
    )
    return {"dialogue": dialogue, "group": group}


def _year():
    return timezone.localdate().year


PAGES = [
    ("manager", lambda c, s: "/development/units/"),
    ("manager", lambda c, s: f"/development/units/{c.solgarden.pk}/{_year()}/"),
    ("manager", lambda c, s: f"/development/units/{c.solgarden.pk}/{_year()}/book/"),
    ("manager", lambda c, s: f"/development/units/{c.solgarden.pk}/{_year()}/series/"),
    ("manager", lambda c, s: f"/development/dialogues/{s['dialogue'].pk}/"),
    ("manager", lambda c, s: f"/development/dialogues/{s['dialogue'].pk}/prepare/"),
    ("manager", lambda c, s: f"/development/dialogues/{s['dialogue'].pk}/edit/"),
    ("employee", lambda c, s: "/development/dialogues/mine/"),
    ("employee", lambda c, s: f"/development/dialogues/{s['group'].pk}/"),
    ("employee", lambda c, s: f"/development/dialogues/{s['dialogue'].pk}/prepare/"),
    ("hr", lambda c, s: f"/development/dialogues/{s['dialogue'].pk}/"),
    ("hr", lambda c, s: "/development/questions/"),
    ("hr", lambda c, s: "/development/retention/"),
]


@pytest.mark.parametrize("who, path", PAGES, ids=[f"{w}:{i}" for i, (w, _p) in enumerate(PAGES)])
def test_dialogue_page_has_no_wcag_violations(who, path, cast, axe_page, sign_in):
    scenario = _scenario(cast)
    sign_in(axe_page, getattr(cast, who).user)
    response = axe_page.goto(path(cast, scenario))
    assert response.status == 200
    assert run_axe(axe_page) == []
