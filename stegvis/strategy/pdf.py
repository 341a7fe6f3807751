"""An adopted strategy plan as PDF for the quality audit: A4 portrait, printed by WeasyPrint
(docs/decisions/0007) from a template of its own, with the committee discussions of its year.

The stylesheet is a template too (``strategy/pdf.css``); WeasyPrint is given a URL fetcher that
fetches nothing: the document needs no outside file.
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils import timezone

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
    # Imported here: loading pango costs time, and only the export needs it.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    refuse = URLFetcher(allowed_protocols=())  # no protocol allowed: nothing is fetched
    html = plan_html(plan, exported_by=exported_by, exported_at=exported_at)
    css = CSS(string=render_to_string("strategy/pdf.css"), url_fetcher=refuse)
    return HTML(string=html, url_fetcher=refuse).write_pdf(stylesheets=[css])
