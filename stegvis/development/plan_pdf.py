"""A development plan as PDF: A4 portrait, printed by WeasyPrint from a template of its own.

The stylesheet is a template too (``development/plans/pdf.css``), so the PDF needs no static
file; fonts are Noto Sans (å ä ö æ ø), named in the ``@page`` boxes as well. ``core.pdf.write_pdf``
prints it and fetches nothing: the document needs no outside file.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from stegvis.core.pdf import write_pdf

from .models import DevelopmentPlan, PlanActivity, PlanGoal


def goals_of(plan: DevelopmentPlan) -> list[PlanGoal]:
    """The plan's goals with their activities (course, offering, registration) in two queries;
    the plan page uses it too."""
    activities = PlanActivity.objects.select_related(
        "course", "offering__course", "registration"
    ).order_by("due_on", "id")
    return list(
        plan.goals.select_related("item", "ladder_step", "job_title").prefetch_related(
            Prefetch("activities", queryset=activities)
        )
    )


def plan_context(plan: DevelopmentPlan) -> dict:
    previous = plan.previous
    return {
        "plan": plan,
        "person": plan.person,
        "goals": goals_of(plan),
        "previous": previous,
        "previous_goals": goals_of(previous) if previous else [],
    }


def plan_html(plan: DevelopmentPlan, *, exported_by: str, exported_at: datetime.datetime) -> str:
    context = plan_context(plan)
    context.update(exported_by=exported_by, exported_at=timezone.localtime(exported_at))
    return render_to_string("development/plans/pdf.html", context)


def plan_pdf(plan: DevelopmentPlan, *, exported_by: str, exported_at: datetime.datetime) -> bytes:
    """The PDF's bytes."""
    html = plan_html(plan, exported_by=exported_by, exported_at=exported_at)
    return write_pdf(html, render_to_string("development/plans/pdf.css"))
