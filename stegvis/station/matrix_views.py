"""The unit competence matrix: the page, and its XLSX and PDF exports."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import urlencode
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.organisations.selectors import get_unit_for

from .matrix import log_export, unit_matrix
from .matrix_heatmap import heatmap, table_cells
from .matrix_pdf import matrix_pdf
from .matrix_xlsx import XLSX_TYPE, matrix_xlsx

FOLLOW = Capability.FOLLOW_TEAM
FORMATS = {"xlsx": XLSX_TYPE, "pdf": "application/pdf"}


def _as_of(request) -> datetime.date | None:
    """The optional ``?on=YYYY-MM-DD``; anything else means today."""
    try:
        return parse_date(request.GET.get("on") or "")
    except ValueError:  # well formed but impossible, e.g. 2025-02-30
        return None


@require_GET
@capability_required(FOLLOW)
def matrix(request, unit_pk: int):
    unit = get_unit_for(request.user, unit_pk, FOLLOW)
    on = _as_of(request)
    data = unit_matrix(unit, on)
    return render(
        request,
        "station/matrix.html",
        {
            "matrix": data,
            "map": heatmap(data),
            "table_rows": list(zip(data.rows, table_cells(data), strict=True)),
            "as_of": on,
            "on_query": "?" + urlencode({"on": on.isoformat()}) if on else "",
        },
    )


@require_GET
@capability_required(FOLLOW)
def matrix_export(request, unit_pk: int, format: str):
    if format not in FORMATS:
        raise Http404
    unit = get_unit_for(request.user, unit_pk, FOLLOW)
    data = unit_matrix(unit, _as_of(request))
    who = getattr(request.user, "display_name", "") or str(request.user)
    now = timezone.now()
    build = matrix_xlsx if format == "xlsx" else matrix_pdf
    content = build(data, exported_by=who, exported_at=now)
    log_export(actor=request.user, matrix=data, file_format=format)
    name = f"{slugify(unit.name) or 'unit'}-{data.on.isoformat()}.{format}"
    response = HttpResponse(content, content_type=FORMATS[format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
