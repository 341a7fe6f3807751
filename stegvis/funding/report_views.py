"""The report per grant period, on the page and as CSV or XLSX (every export is audited)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from stegvis.organisations.permissions import capability_required

from . import report as reports
from . import selectors

MANAGE = selectors.MANAGE


@capability_required(MANAGE)
def report(request, pk: int):
    period = selectors.get_period_for(request.user, pk)
    return render(
        request,
        "funding/report.html",
        {
            "report": reports.period_report(request.user, period),
            "period": period,
            "may_manage": selectors.may_manage(request.user, period.grant),
        },
    )


@capability_required(MANAGE)
def report_export(request, pk: int, format: str):
    if format not in reports.FORMATS:
        raise Http404
    period = selectors.get_period_for(request.user, pk)
    content, name = reports.export_report(actor=request.user, period=period, extension=format)
    response = HttpResponse(content, content_type=reports.FORMATS[format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
