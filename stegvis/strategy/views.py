"""The overview pages: the units in scope with this year's plan and the committee status, and
one unit's plans and committee record. Who reads what is in ``rules``; outside it, 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from . import committee, selectors
from .rules import may_read_anything, may_write_unit, write_scope


def _year(request) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= 2100 else today.year


@login_required
def index(request):
    if not may_read_anything(request.user):
        raise Http404
    year = _year(request)
    rows = selectors.index_rows(request.user, year)
    counts = {state: 0 for state in committee.State}
    for row in rows:
        counts[row.status.state] += 1
    writes = write_scope(request.user)
    municipalities = selectors.municipalities_readable(request.user).order_by("name")
    return render(
        request,
        "strategy/index.html",
        {
            "rows": rows,
            "year": year,
            "years": [year - 1, year + 1],
            "overdue": counts[committee.State.OVERDUE] + counts[committee.State.NONE],
            "due": counts[committee.State.DUE],
            "adopted": sum(1 for row in rows if row.plan and row.plan.is_adopted),
            "municipalities": municipalities,
            "writes_any": not writes.is_empty,
            "notice_days": committee.notice_days(),
        },
    )


@login_required
def unit_page(request, pk: int):
    unit = selectors.get_unit_for_reading(request.user, pk)
    writable = may_write_unit(request.user, unit)
    plans = selectors.with_details(
        selectors.plans_readable(request.user).filter(unit=unit)
    ).order_by("-year")
    return render(
        request,
        "strategy/unit.html",
        {
            "unit": unit,
            "plans": plans,
            "writable": writable,
            "status": committee.status_of(unit),
            "meetings": selectors.meetings_for_unit(unit),
            "notice_days": committee.notice_days(),
        },
    )
