"""Saving the mapping, storing a preview on the report, and the error report as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.organisations.models import Municipality

from ..import_models import ImportMapping, ImportReport
from ..models import JobTitle
from .columns import FIELDS
from .plan import ImportPlan

#: At most this many errors are kept on a report (a junk file could have one per line).
MAX_STORED_ERRORS = 5000
MAX_LISTED = 500
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def mapping_for(municipality: Municipality, name: str = "") -> ImportMapping | None:
    return ImportMapping.objects.filter(municipality=municipality, name=name).first()


@transaction.atomic
def mapping_save(
    *,
    actor: Any,
    municipality: Municipality,
    columns: Mapping[str, str],
    name: str = "",
    delimiter: str = "",
    encoding: str = "",
    full_export: bool = True,
    default_job_title: JobTitle | None = None,
) -> ImportMapping:
    """Create or replace the municipality's saved mapping (our field → the file's header)."""
    unknown = sorted(set(columns) - set(FIELDS))
    if unknown:
        raise ValidationError(_("Unknown import fields: %(names)s") % {"names": ", ".join(unknown)})
    if delimiter not in ("", ";", ",", "\t"):
        raise ValidationError(_("The delimiter must be ; , or a tab."))
    if default_job_title is not None and default_job_title.region_id != municipality.region_id:
        raise ValidationError(_("The job title belongs to another region."))
    mapping, _created = ImportMapping.objects.update_or_create(
        municipality=municipality,
        name=name,
        defaults={
            "columns": {field: header for field, header in columns.items() if header},
            "delimiter": delimiter,
            "encoding": encoding,
            "full_export": full_export,
            "default_job_title": default_job_title,
            "updated_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    log_action(
        "people.import.mapping_saved",
        actor=actor,
        target=mapping,
        message=gettext_noop("HR import mapping saved"),
        data={"columns": mapping.columns, "full_export": full_export},
    )
    return mapping


def record_plan(report: ImportReport, plan: ImportPlan) -> ImportReport:
    """Store a plan's counts and errors on the report: a preview (dry run), or a refusal."""
    report.rows_total = report.rows_done = plan.total_rows
    report.encoding, report.delimiter = plan.encoding, plan.delimiter
    report.counts = plan.counts()
    report.errors = [
        {"line": problem.line, "message": problem.message}
        for problem in plan.problems[:MAX_STORED_ERRORS]
    ]
    report.changes = {
        "create": [
            _change(c) for c in (plan.persons_create + plan.employments_create)[:MAX_LISTED]
        ],
        "change": [
            _change(c) for c in (plan.persons_change + plan.employments_change)[:MAX_LISTED]
        ],
        "end": [_change(c) for c in plan.employments_end[:MAX_LISTED]],
    }
    report.status = ImportReport.Status.FAILED if plan.has_errors else ImportReport.Status.PREVIEWED
    report.dry_run = True
    report.finished_at = timezone.now()
    report.save()
    return report


def _change(change) -> dict:
    """What the preview page lists for one change: the line, who or what, and changed fields.
    Identity numbers never appear: the diff names that field without its values."""
    fields = sorted(change.diff)
    return {"line": change.line, "label": change.label, "fields": fields}


def neutralise(value: object) -> str:
    """A cell a spreadsheet will not run as a formula: ``=cmd|...`` becomes ``'=cmd|...``."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def error_report_csv(report: ImportReport) -> str:
    """The report's errors as CSV (`;`-separated, with a BOM so Excel reads UTF-8).

    Every cell that starts with = + - @ (or a tab or carriage return) gets a leading single
    quote, so a hostile cell copied from the upload cannot run as a spreadsheet formula.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(_("Line")), neutralise(_("Message"))])
    for error in report.errors:
        writer.writerow([neutralise(error.get("line", "")), neutralise(error.get("message", ""))])
    return out.getvalue()
