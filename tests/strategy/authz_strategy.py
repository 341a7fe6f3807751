"""Authorization rows for the strategy plans and committee records
(tests/test_authorization_matrix.py).

Writers hold PLAN_STRATEGY over the unit: Solgården's manager and Uddevalla's HR. Readers add
the auditor of Uddevalla (adopted plans, every committee record). Coordinators and
administrators (region-wide) and everyone else get 404.
"""

from django.core.files.base import ContentFile

from tests.strategy.helpers import SECTIONS, meeting, plan
from tests.test_authorization_matrix import Case, roles

WRITERS = roles("manager", "hr")
READERS = roles("manager", "hr", "auditor")


def _adopted(cast):
    if not hasattr(cast, "_strategy_adopted"):
        cast._strategy_adopted = plan(cast.solgarden, 2025, adopted=True)
    return {"pk": cast._strategy_adopted.pk}


def _draft(cast):
    if not hasattr(cast, "_strategy_draft"):
        cast._strategy_draft = plan(cast.solgarden, 2026, **SECTIONS)
    return {"pk": cast._strategy_draft.pk}


def _meeting(cast):
    if not hasattr(cast, "_strategy_meeting"):
        found = meeting(unit=cast.solgarden)
        found.minutes_file.save("protokoll.pdf", ContentFile(b"%PDF-1.4"), save=True)
        cast._strategy_meeting = found
    return {"pk": cast._strategy_meeting.pk}


def _solgarden(cast):
    return {"pk": cast.solgarden.pk}


def _solgarden_unit(cast):
    return {"unit_pk": cast.solgarden.pk}


def _uddevalla(cast):
    return {"pk": cast.uddevalla.pk}


CASES = {
    "strategy:index": Case(roles("manager", "hr", "hr_other", "auditor")),
    "strategy:unit": Case(READERS, _solgarden),
    "strategy:plan_start": Case(WRITERS, _solgarden_unit),
    "strategy:plan": Case(READERS, _adopted),
    "strategy:plan_edit": Case(WRITERS, _draft),
    "strategy:plan_adopt": Case(WRITERS, _draft, "post", 302),
    "strategy:plan_pdf": Case(READERS, _adopted),
    "strategy:meeting_add_unit": Case(WRITERS, _solgarden_unit),
    "strategy:municipality_meetings": Case(roles("hr", "auditor"), _uddevalla),
    "strategy:meeting_add_municipality": Case(roles("hr"), _uddevalla),
    "strategy:meeting": Case(READERS, _meeting),
    "strategy:meeting_edit": Case(WRITERS, _meeting),
    "strategy:meeting_minutes": Case(READERS, _meeting),
}
