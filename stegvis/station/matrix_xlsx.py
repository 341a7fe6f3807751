"""The unit competence matrix as an XLSX workbook (openpyxl).

Sheet one holds the matrix (states in words, filled by state) with the coverage rows under it;
sheet two explains the states. Text cells that a spreadsheet could run as a formula are
neutralised, like every other export.
"""

from __future__ import annotations

import datetime
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from stegvis.people.hr_import.report import neutralise

from .matrix import COLOURS, SYMBOLS, CellState, Matrix, explanation

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 5
BOLD = Font(bold=True)


def _argb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


def _fill(state: CellState, *, bold: bool = False) -> tuple[PatternFill, Font]:
    fill, ink = COLOURS[state]
    return PatternFill("solid", fgColor=_argb(fill)), Font(color=_argb(ink), bold=bold)


def _put(sheet, row: int, column: int, value, *, bold: bool = False):
    if not isinstance(value, int | float | datetime.date):
        value = neutralise(value)
    cell = sheet.cell(row=row, column=column, value=value)
    if bold:
        cell.font = BOLD
    return cell


def _matrix_sheet(sheet, matrix: Matrix, exported_by: str, exported_at: datetime.datetime):
    sheet.title = _("Matrix")[:31]
    _put(sheet, 1, 1, _("Competence matrix: %(unit)s") % {"unit": matrix.unit.name}, bold=True)
    _put(sheet, 2, 1, _("As of"))
    sheet.cell(row=2, column=2, value=matrix.on).number_format = "yyyy-mm-dd"
    _put(sheet, 3, 1, _("Exported by"))
    _put(sheet, 3, 2, exported_by)
    stamp = timezone.localtime(exported_at).replace(tzinfo=None, microsecond=0)
    sheet.cell(row=3, column=3, value=stamp).number_format = "yyyy-mm-dd hh:mm"
    _put(sheet, HEADER_ROW, 1, _("Name"), bold=True)
    _put(sheet, HEADER_ROW, 2, _("Job title"), bold=True)
    for j, column in enumerate(matrix.columns, start=3):
        header = _put(sheet, HEADER_ROW, j, column.title, bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(j)].width = 22
    for i, row in enumerate(matrix.rows, start=HEADER_ROW + 1):
        _put(sheet, i, 1, row.person.full_name)
        _put(sheet, i, 2, ", ".join(row.titles))
        for j, cell in enumerate(row.cells, start=3):
            written = _put(sheet, i, j, cell.words)
            written.fill, written.font = _fill(cell.state)
    foot = HEADER_ROW + len(matrix.rows) + 2
    lines = [
        (_("Criticality"), lambda c: c.requirement.get_criticality_display()),
        (_("Target"), lambda c: c.target_text),
        (_("Coverage"), lambda c: c.coverage_text),
        (_("Have it"), lambda c: c.held),
        (_("Needed"), lambda c: c.needed),
        (_("Shortfall"), lambda c: c.shortfall),
        (_("In progress"), lambda c: c.in_progress),
    ]
    for n, (label, value_of) in enumerate(lines):
        _put(sheet, foot + n, 1, label, bold=True)
        for j, column in enumerate(matrix.columns, start=3):
            written = _put(sheet, foot + n, j, value_of(column))
            if label == _("Shortfall") and column.shortfall:
                written.fill, written.font = _fill(CellState.MISSING, bold=True)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 22
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3)


def _states_sheet(sheet) -> None:
    sheet.title = _("States")[:31]
    for j, header in enumerate([_("State"), _("Symbol"), _("Meaning")], start=1):
        _put(sheet, 1, j, header, bold=True)
    for i, state in enumerate(CellState, start=2):
        written = _put(sheet, i, 1, str(state.label))
        written.fill, written.font = _fill(state)
        _put(sheet, i, 2, SYMBOLS[state])
        _put(sheet, i, 3, explanation(state))
    note = len(CellState) + 3
    _put(
        sheet,
        note,
        1,
        _(
            "Coverage counts people who hold the competence (met or expiring) against the "
            "requirement's target: a number or share of the unit's staff, or everyone it "
            "applies to."
        ),
    )
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 8
    sheet.column_dimensions["C"].width = 90


def matrix_xlsx(matrix: Matrix, *, exported_by: str, exported_at: datetime.datetime) -> bytes:
    """The workbook's bytes."""
    book = Workbook()
    _matrix_sheet(book.active, matrix, exported_by, exported_at)
    _states_sheet(book.create_sheet())
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
