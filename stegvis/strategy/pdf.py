"""An adopted strategy plan as PDF for the quality audit: A4 portrait, printed by WeasyPrint
(docs/decisions/0007) from a template of its own, with the committee discussions of its year.

The stylesheet is a template too (``strategy/pdf.css``); it is printed by ``core.pdf.write_pdf``,
which fetches nothing: the document needs no outside file.
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from stegvis.core.pdf import write_pdf

from . import selectors
from .models import JointCommitteeMeeting, StrategyPlan


def year_meetings(plan: StrategyPlan) -> list[JointCommitteeMeeting]:
    """The unit's and its municipality's committee meetings held in the plan's year."""
    return list(selectors.meetings_for_unit(plan.unit).filter(held_on__year=plan.year))


def plan_html(plan: StrategyPlan, *, exported_by: str, exported_at: datetime.datetime) -> str:
    context = {
        "plan": plan,
        "unit": plan.unit,
        "meetings": year_meetings(plan),
        "exported_by": exported_by,
        "exported_at": timezone.localtime(exported_at),
    }
    return render_to_string("strategy/pdf.html", context)


def plan_pdf(plan: StrategyPlan, *, exported_by: str, exported_at: datetime.datetime) -> bytes:
    html = plan_html(plan, exported_by=exported_by, exported_at=exported_at)
    return write_pdf(html, render_to_string("strategy/pdf.css"))
