"""Participant lists of an offering: the rows on the page, and the same rows as CSV or XLSX.

Everything is read in a fixed number of queries, whatever the number of participants. Every
export is written to the audit log: personal data leaves the system with it.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.people.hr_import.report import neutralise
from stegvis.people.selectors import current_employments_prefetch

from .models import Offering, Registration
from .services.progress import progress_for
from .services.registration import first_day_start

Status = Registration.Status
_ORDER = {Status.CONFIRMED: 0, Status.OFFERED: 1, Status.WAITING: 2}


@dataclass
class ParticipantRow:
    registration: Registration
    workplace: str
    job_title: str
    position: int | None
    preparation_done: int
    preparation_total: int
    days_present: int
    days_marked: int
    days_total: int

    @property
    def person(self):
        return self.registration.person


def participant_rows(offering: Offering, *, include_ended: bool = False) -> list[ParticipantRow]:
    """Seat holders first, then the waiting list in order, then (optionally) ended ones."""
    registrations = offering.registrations.select_related("person", "municipality")
    if not include_ended:
        registrations = registrations.active()
    registrations = sorted(
        registrations, key=lambda r: (_ORDER.get(r.status, 3), r.queued_at, r.pk)
    )
    prefetch_related_objects([r.person for r in registrations], current_employments_prefetch())
    progress = progress_for(registrations)
    positions: dict[int, int] = {}
    in_line: dict[str, int] = {}
    for r in registrations:
        if r.status == Status.WAITING:
            in_line[r.mode] = in_line.get(r.mode, 0) + 1
            positions[r.pk] = in_line[r.mode]
    rows = []
    for r in registrations:
        jobs = r.person.current_employments
        p = progress[r.pk]
        rows.append(
            ParticipantRow(
                registration=r,
                workplace=", ".join(sorted({e.unit.name for e in jobs})),
                job_title=", ".join(sorted({e.job_title.name for e in jobs})),
                position=positions.get(r.pk),
                preparation_done=p.preparation_done,
                preparation_total=p.preparation_total,
                days_present=p.days_present,
                days_marked=p.days_marked,
                days_total=p.days_total,
            )
        )
    return rows


def headers() -> list[str]:
    return [
        _("Name"),
        _("Email"),
        _("Municipality"),
        _("Workplace"),
        _("Job title"),
        _("Attendance"),
        _("Status"),
        _("Place in line"),
        _("Registered"),
        _("Preparation done"),
        _("Days present"),
    ]


def values(row: ParticipantRow) -> list:
    r = row.registration
    return [
        r.person.full_name,
        r.person.email,
        str(r.municipality or ""),
        row.workplace,
        row.job_title,
        str(r.get_mode_display()),
        str(r.get_status_display()),
        row.position if row.position is not None else "",
        timezone.localtime(r.queued_at).replace(tzinfo=None, microsecond=0),
        f"{row.preparation_done}/{row.preparation_total}",
        f"{row.days_present}/{row.days_total}" if row.days_marked else "",
    ]


def _cell(value):
    if isinstance(value, datetime.datetime):
        return value
    return neutralise(value) if isinstance(value, str) else value


def as_csv(rows: list[ParticipantRow]) -> bytes:
    """UTF-8 with a BOM and ``;`` between cells, as Swedish Excel opens it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers()])
    for row in rows:
        writer.writerow(
            [
                v.strftime("%Y-%m-%d %H:%M") if isinstance(v, datetime.datetime) else _cell(v)
                for v in values(row)
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(rows: list[ParticipantRow], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = (slugify(title) or "participants")[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in values(row)])
    for cell in sheet["I"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_name(offering: Offering, extension: str) -> str:
    """The offering's title and first course day (or today): ``demensvard-2026-03-02.csv``."""
    start = first_day_start(offering)
    day = timezone.localtime(start).date() if start else timezone.localdate()
    return f"{slugify(offering.display_title) or 'offering'}-{day:%Y-%m-%d}.{extension}"


def export_participants(
    *, actor, offering: Offering, extension: str, include_ended: bool = False
) -> tuple[bytes, str]:
    """The participant list as a file, and its name; the export is logged."""
    rows = participant_rows(offering, include_ended=include_ended)
    content = as_csv(rows) if extension == "csv" else as_xlsx(rows, offering.display_title)
    log_action(
        "courses.participants.exported",
        actor=actor,
        target=offering,
        message=gettext_noop("Exported the participant list of %(offering)s (%(format)s)"),
        data={"offering": offering.display_title, "format": extension, "rows": len(rows)},
    )
    return content, file_name(offering, extension)
