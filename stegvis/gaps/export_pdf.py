"""The gap report as PDF (WeasyPrint): the same charts and tables as the page, no names.

Printed with the matrix's stylesheet and its URL fetcher that fetches nothing, so the
document needs no outside file; see ``station.matrix_pdf``.
"""

from __future__ import annotations

import datetime

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from stegvis.station.matrix_pdf import STYLESHEET
from stegvis.station.matrix_pdf import _no_fetcher as no_fetcher


def report_html(context: dict, *, exported_by: str, exported_at: datetime.datetime) -> str:
    return render_to_string(
        "gaps/pdf/report.html",
        {**context, "exported_by": exported_by, "exported_at": timezone.localtime(exported_at)},
    )


def report_pdf(context: dict, *, exported_by: str, exported_at: datetime.datetime) -> bytes:
    from weasyprint import CSS, HTML  # loading pango costs time; only this export needs it

    refuse = no_fetcher()
    html = report_html(context, exported_by=exported_by, exported_at=exported_at)
    with open(finders.find(STYLESHEET), encoding="utf-8") as stylesheet:
        css = CSS(string=stylesheet.read(), url_fetcher=refuse)
    return HTML(string=html, url_fetcher=refuse).write_pdf(stylesheets=[css])
