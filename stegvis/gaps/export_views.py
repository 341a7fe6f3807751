"""Exports of the gap report: XLSX (with who lacks what, for a unit or a municipality) and PDF
(aggregates only). An export with names is written to the audit trail."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET

from stegvis.core.audit import log_action
from stegvis.organisations.permissions import capability_required

from .areas import ANALYSE, as_of, place_for
from .charts import coverage_bars, trend_lines
from .counts import coverage
from .export_pdf import report_pdf
from .export_xlsx import XLSX_TYPE, report_xlsx
from .lacking import municipality_lacking, unit_lacking
from .report import build_report
from .snapshots import trend
from .views import TREND_MONTHS, bar_words

FORMATS = {"xlsx": XLSX_TYPE, "pdf": "application/pdf"}
LEVELS = ("unit", "municipality", "region")
ALL_PEOPLE = 1_000_000


def _lacking_rows(place, rows, on) -> list[tuple[str, str, str, str]] | None:
    if place.area.level == "unit":
        return [
            (name, titles, lack.column.title, cell.words)
            for lack in unit_lacking(place.obj, on)
            for name, titles, cell in lack.people
        ]
    if place.area.level == "municipality":
        _page, people = municipality_lacking(rows, on, 1, per_page=ALL_PEOPLE)
        return [(p.name, p.unit, title, state) for p in people for title, state in p.lacks]
    return None


def _export(request, level: str, pk: int | None, format: str):
    if format not in FORMATS:
        raise Http404
    place = place_for(request.user, level, pk)
    on, _chosen = as_of(request)
    rows = coverage(place.area, on)
    report = build_report(place.area, on, rows)
    points = trend(place.area, on, TREND_MONTHS)
    who = getattr(request.user, "display_name", "") or str(request.user)
    now = timezone.now()
    if format == "xlsx":
        lacking = _lacking_rows(place, rows, on)
        content = report_xlsx(
            report,
            name=place.name,
            trend=points,
            lacking=lacking,
            exported_by=who,
            exported_at=now,
        )
        if lacking is not None:
            log_action(
                "gaps.report.exported",
                actor=request.user,
                target=place.obj,
                message=gettext_noop(
                    "Gap analysis with names exported as %(format)s (as of %(on)s)"
                ),
                data={"format": "XLSX", "on": on.isoformat(), "lines": len(lacking)},
            )
    else:
        context = {
            "place": place,
            "report": report,
            "on": on,
            "bars": coverage_bars(report.requirements, bar_words),
            "trend": points,
            "trend_chart": trend_lines(points),
        }
        content = report_pdf(context, exported_by=who, exported_at=now)
    name = f"{slugify(place.name) or 'gaps'}-{on.isoformat()}.{format}"
    response = HttpResponse(content, content_type=FORMATS[format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@capability_required(ANALYSE)
def export(request, level: str, pk: int, format: str):
    if level not in LEVELS:
        raise Http404
    return _export(request, level, pk, format)


@require_GET
@capability_required(ANALYSE)
def installation_export(request, format: str):
    return _export(request, "installation", None, format)
