"""The report per grant period: one line per funded registration, totals and what remains,
on the page and as CSV or XLSX for the municipality's accounting.

Lines are read in a fixed number of queries. HR sees its own municipality's lines (also on a
regional grant); the period's granted, used and remaining amounts are for the whole period.
Every export is written to the audit log: personal data leaves the system with it.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max, Min, OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.courses.models import CourseDay
from stegvis.people.hr_import.report import neutralise

from . import rules
from .models import Funding, GrantPeriod
from .selectors import fundings_visible_to


def _day_bound(aggregate) -> Subquery:
    days = (
        CourseDay.objects.filter(offering_id=OuterRef("registration__offering_id"))
        .order_by()
        .values("offering_id")
        .annotate(bound=aggregate("starts_at"))
        .values("bound")
    )
    return Subquery(days[:1])


@dataclass
class PeriodReport:
    period: GrantPeriod
    lines: list[Funding]
    used_all: Decimal
    totals: dict[str, Decimal] = field(default_factory=dict)

    @property
    def remaining(self) -> Decimal:
        return self.period.amount - self.used_all

    @property
    def people(self) -> int:
        return len({line.registration.person_id for line in self.lines})


def period_report(actor, period: GrantPeriod) -> PeriodReport:
    lines = list(
        fundings_visible_to(actor)
        .filter(period=period)
        .select_related(
            "registration__person",
            "registration__offering__course",
            "municipality",
        )
        .annotate(first_day=_day_bound(Min), last_day=_day_bound(Max))
        .order_by("municipality__name", "registration__person__last_name", "first_day", "id")
    )
    totals = {
        name: sum((getattr(line, name) for line in lines), Decimal(0))
        for name in ("paid_hours", "course_fee", "substitute_cost", "amount")
    }
    totals["study_cost"] = sum((line.study_cost for line in lines), Decimal(0))
    return PeriodReport(
        period=period, lines=lines, used_all=rules.used_amount(period), totals=totals
    )


def headers() -> list[str]:
    return [
        _("Name"),
        _("Employee number"),
        _("Municipality"),
        _("Course"),
        _("First course day"),
        _("Last course day"),
        _("Paid study hours"),
        _("Hourly rate"),
        _("Study time cost"),
        _("Course fee"),
        _("Substitute cost"),
        _("Total"),
        _("Recorded"),
    ]


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


def values(line: Funding) -> list:
    r = line.registration
    return [
        r.person.full_name,
        r.person.employee_number,
        str(line.municipality),
        r.offering.display_title,
        _date(line.first_day),
        _date(line.last_day),
        line.paid_hours,
        line.hourly_rate,
        line.study_cost,
        line.course_fee,
        line.substitute_cost,
        line.amount,
        _date(line.recorded_at),
    ]


def total_row(report: PeriodReport) -> list:
    t = report.totals
    return [
        _("Total"),
        "",
        "",
        "",
        None,
        None,
        t["paid_hours"],
        "",
        t["study_cost"],
        t["course_fee"],
        t["substitute_cost"],
        t["amount"],
        None,
    ]


def summary_rows(report: PeriodReport) -> list[list]:
    p = report.period
    return [
        [_("Grant"), p.grant.name],
        [_("Period"), f"{p.label} ({p.starts_on:%Y-%m-%d} – {p.ends_on:%Y-%m-%d})"],
        [_("Amount granted"), p.amount, p.currency],
        [_("Used in the whole period"), report.used_all, p.currency],
        [_("Remaining"), report.remaining, p.currency],
    ]


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")  # Swedish and Danish Excel read a decimal comma
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    return neutralise(value)


def as_csv(report: PeriodReport) -> bytes:
    """UTF-8 with a BOM and ``;`` between cells, as Swedish and Danish Excel open it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers()])
    for line in report.lines:
        writer.writerow([_csv_cell(v) for v in values(line)])
    writer.writerow([_csv_cell(v) for v in total_row(report)])
    writer.writerow([])
    for row in summary_rows(report):
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_cell(value):
    return neutralise(value) if isinstance(value, str) else value


def as_xlsx(report: PeriodReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = (slugify(report.period.label) or "period")[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in report.lines:
        sheet.append([_xlsx_cell(v) for v in values(line)])
    sheet.append([_xlsx_cell(v) for v in total_row(report)])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.append([])
    for row in summary_rows(report):
        sheet.append([_xlsx_cell(v) for v in row])
    for column in ("E", "F", "M"):
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"
    for column in ("G", "H", "I", "J", "K", "L"):
        for cell in sheet[column][1:]:
            cell.number_format = "#,##0.00"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_name(period: GrantPeriod, extension: str) -> str:
    name = slugify(f"{period.grant.name} {period.label}") or "grant-period"
    return f"{name}.{extension}"


def export_report(*, actor, period: GrantPeriod, extension: str) -> tuple[bytes, str]:
    """The period's report as a file, and its name; the export is logged."""
    report = period_report(actor, period)
    content = as_csv(report) if extension == "csv" else as_xlsx(report)
    log_action(
        "funding.report.exported",
        actor=actor,
        target=period.grant,
        message=gettext_noop("Exported the report of %(period)s (%(format)s, %(rows)s lines)"),
        data={"period": period.label, "format": extension, "rows": len(report.lines)},
    )
    return content, file_name(period, extension)
