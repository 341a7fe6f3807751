"""The gap report as an XLSX workbook (openpyxl), formula-safe like every other export.

Sheets: the requirements, the child areas, each child area per requirement, the trend, and
for a unit or a municipality who lacks what (names: the export is then written to the audit
trail by the view).
"""

from __future__ import annotations

import datetime
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from stegvis.people.hr_import.report import neutralise

from .report import Figures, GapReport

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)


def _row(sheet, values, *, bold: bool = False) -> None:
    safe = [
        v if v is None or isinstance(v, int | float | datetime.date) else neutralise(str(v))
        for v in values
    ]
    sheet.append(safe)
    if bold:
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD


def _figure_headers() -> list[str]:
    return [
        _("Needed"),
        _("Have it"),
        _("Covered"),
        _("Coverage (%)"),
        _("Shortfall"),
        _("Expiring"),
        _("In progress"),
        _("Applies to (people)"),
    ]


def _figures(f: Figures) -> list:
    return [
        f.needed,
        f.held,
        f.covered,
        f.coverage,
        f.shortfall,
        f.expiring,
        f.in_progress,
        f.applicable,
    ]


def _widths(sheet, first: int = 34) -> None:
    sheet.column_dimensions["A"].width = first
    for letter in "BCDEFGHIJK":
        sheet.column_dimensions[letter].width = 14


def report_xlsx(
    report: GapReport,
    *,
    name: str,
    trend: list,
    lacking: list[tuple[str, str, str, str]] | None,
    exported_by: str,
    exported_at: datetime.datetime,
) -> bytes:
    """``lacking``: (name, unit or job titles, competence, state) rows, or None (no names)."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Requirements")[:31]
    _row(sheet, [_("Gap analysis: %(area)s") % {"area": name}], bold=True)
    _row(sheet, [_("As of"), report.on])
    stamp = timezone.localtime(exported_at).replace(tzinfo=None, microsecond=0)
    _row(sheet, [_("Exported by"), exported_by, stamp])
    _row(sheet, [])
    heads = [_("Competence"), _("Applies to"), _("Criticality"), _("Reason"), _("Source")]
    _row(sheet, heads + _figure_headers(), bold=True)
    for line in report.requirements:
        _row(
            sheet,
            [
                line.title,
                line.applies_to_label,
                line.criticality_label,
                ", ".join(line.reasons),
                ", ".join(line.sources),
                *_figures(line.figures),
            ],
        )
    _row(sheet, [_("All requirements"), "", "", "", "", *_figures(report.total)], bold=True)
    _widths(sheet)
    if report.children:
        titles = {line.key: line.title for line in report.requirements}
        areas = book.create_sheet(_("Areas")[:31])
        _row(areas, [_("Area"), *_figure_headers(), _("High criticality: shortfall")], bold=True)
        for child in report.children:
            _row(areas, [child.name, *_figures(child.figures), child.high.shortfall])
        _widths(areas)
        detail = book.create_sheet(_("Areas and requirements")[:31])
        _row(detail, [_("Area"), _("Competence"), *_figure_headers()], bold=True)
        for child in report.children:
            for key, figures in child.by_requirement.items():
                _row(detail, [child.name, titles[key], *_figures(figures)])
        _widths(detail, 28)
    if trend:
        sheet = book.create_sheet(_("Trend")[:31])
        _row(
            sheet,
            [
                _("Month"),
                _("As of"),
                _("Needed"),
                _("Shortfall"),
                _("Coverage (%)"),
                _("High criticality: coverage (%)"),
            ],
            bold=True,
        )
        for p in trend:
            _row(
                sheet,
                [f"{p.month:%Y-%m}", p.as_of, p.needed, p.shortfall, p.coverage, p.high_coverage],
            )
        _widths(sheet, 12)
    if lacking is not None:
        sheet = book.create_sheet(_("Who lacks what")[:31])
        _row(sheet, [_("Name"), _("Where"), _("Competence"), _("State")], bold=True)
        for line in lacking:
            _row(sheet, list(line))
        _widths(sheet, 28)
        sheet.column_dimensions["B"].width = 28
        sheet.column_dimensions["C"].width = 34
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
