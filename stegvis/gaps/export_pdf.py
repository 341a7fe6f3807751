"""The gap report as PDF (WeasyPrint): the same charts and tables as the page, no names.

Printed with the matrix's stylesheet (``station/pdf/matrix.css``) by ``core.pdf.write_pdf``,
which fetches nothing: the document needs no outside file.
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from stegvis.core.pdf import write_pdf
from stegvis.station.matrix_pdf import STYLESHEET


def report_html(context: dict, *, exported_by: str, exported_at: datetime.datetime) -> str:
    return render_to_string(
        "gaps/pdf/report.html",
        {**context, "exported_by": exported_by, "exported_at": timezone.localtime(exported_at)},
    )


def report_pdf(context: dict, *, exported_by: str, exported_at: datetime.datetime) -> bytes:
    html = report_html(context, exported_by=exported_by, exported_at=exported_at)
    return write_pdf(html, render_to_string(STYLESHEET))
