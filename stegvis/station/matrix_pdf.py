"""The unit competence matrix as PDF: an HTML template of its own, printed by WeasyPrint.

A4 landscape (the template ``station/pdf/matrix.css``), a header with the unit, the date and who
exported it, the coverage table, the legend and the matrix as tables of at most
``COLUMNS_PER_PAGE`` requirements each, so that wide matrices stay readable on paper.
It is printed by ``core.pdf.write_pdf``, which fetches nothing: the document needs no outside
file.
A 40-person unit takes about 1.5 s of CPU to print (text layout in WeasyPrint).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from stegvis.core.pdf import write_pdf

from .matrix import Cell, Column, Matrix

COLUMNS_PER_PAGE = 10
STYLESHEET = "station/pdf/matrix.css"  # a template: it includes core/pdf_base.css
# WeasyPrint reports each step of every document at INFO; the root logger would print them all.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@dataclass
class Part:
    """Some of the matrix's columns, with every row's cells for them."""

    columns: list[Column]
    rows: list[tuple[str, str, list[Cell]]]  # (name, job titles, cells)


def parts(matrix: Matrix, width: int = COLUMNS_PER_PAGE) -> list[Part]:
    if not matrix.rows or not matrix.columns:
        return []
    result = []
    for start in range(0, len(matrix.columns), width):
        result.append(
            Part(
                matrix.columns[start : start + width],
                [
                    (row.person.full_name, ", ".join(row.titles), row.cells[start : start + width])
                    for row in matrix.rows
                ],
            )
        )
    return result


def matrix_html(matrix: Matrix, *, exported_by: str, exported_at: datetime.datetime) -> str:
    return render_to_string(
        "station/pdf/matrix.html",
        {
            "matrix": matrix,
            "parts": parts(matrix),
            "exported_by": exported_by,
            "exported_at": timezone.localtime(exported_at),
        },
    )


def matrix_pdf(matrix: Matrix, *, exported_by: str, exported_at: datetime.datetime) -> bytes:
    """The PDF's bytes."""
    html = matrix_html(matrix, exported_by=exported_by, exported_at=exported_at)
    return write_pdf(html, render_to_string(STYLESHEET))
