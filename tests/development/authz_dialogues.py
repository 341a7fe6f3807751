"""Authorization rows for the yearly dialogue pages, and the small scenario the dialogue tests
share: the employee's booked dialogue with Solgården's manager, and a group dialogue (GRUS).
"""

from __future__ import annotations

from django.utils import timezone

from tests.development.test_dialogues_scenario import book, solgarden_staff
from tests.test_authorization_matrix import EVERYONE, Case, roles


def _scenario(cast) -> dict:
    if not hasattr(cast, "_dialogue_scenario"):
        cast._dialogue_scenario = {
            "individual": book(cast),
            "group": book(cast, [cast.employee, solgarden_staff(cast)], kind="group", days=8),
        }
    return cast._dialogue_scenario


def _dialogue(name):
    return lambda cast: {"pk": _scenario(cast)[name].pk}


def _solgarden_year(cast):
    return {"unit_pk": cast.solgarden.pk, "year": timezone.localdate().year}


MANAGER = roles("manager")
# The participant, their manager (who holds it) and HR of Uddevalla (reads the notes that are
# not confidential). Not HR of Vänersborg, not the administrator, not the colleague.
DIALOGUE_READERS = roles("employee", "manager", "hr")

CASES = {
    "development:rounds": Case(MANAGER),
    "development:round": Case(MANAGER, _solgarden_year),
    "development:book": Case(MANAGER, _solgarden_year),
    "development:book_series": Case(MANAGER, _solgarden_year),
    "development:my_dialogues": Case(EVERYONE),
    "development:dialogue": Case(DIALOGUE_READERS, _dialogue("individual")),
    "development:dialogue_edit": Case(MANAGER, _dialogue("individual")),
    "development:dialogue_cancel": Case(MANAGER, _dialogue("individual"), "post", 302),
    "development:dialogue_held": Case(MANAGER, _dialogue("individual"), "post", 302),
    "development:note_add": Case(MANAGER, _dialogue("individual"), "post", 302),
    "development:prepare": Case(roles("employee", "manager"), _dialogue("individual")),
    "development:wants_individual": Case(roles("employee"), _dialogue("group"), "post", 302),
    "development:dialogue_ical": Case(roles("employee", "manager"), _dialogue("individual")),
    # HR keeps the municipality's questions and retention rules; a manager reads plans of a
    # unit only and gets 404.
    "development:questions": Case(roles("hr", "hr_other")),
    "development:retention": Case(roles("hr", "hr_other")),
}
