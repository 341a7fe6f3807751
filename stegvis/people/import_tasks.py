"""Background work for the HR file import: preview (dry run) and apply, with progress.

Tasks take ids, load what they need and call the import engine. Reading and planning run
outside any transaction, so the progress they store is seen by the page polling the report;
the writing itself is one transaction (all or nothing).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.tasks import task
from django.utils import timezone

from .hr_import.apply import apply_import
from .hr_import.plan import ImportPlan, plan_import
from .hr_import.reading import read_upload
from .hr_import.report import mapping_for, record_plan
from .import_models import ImportReport

PROGRESS_EVERY = 1000


def stored_file_name(report: ImportReport) -> str:
    return f"hr-imports/{report.pk}.upload"


def _plan(report: ImportReport) -> ImportPlan:
    mapping = mapping_for(report.municipality)
    with default_storage.open(stored_file_name(report), "rb") as stored:
        data = stored.read()
    sheet = read_upload(
        data,
        report.file_name,
        delimiter=mapping.delimiter if mapping else "",
        encoding=mapping.encoding if mapping else "",
    )
    report.status = ImportReport.Status.RUNNING
    report.rows_total, report.rows_done = len(sheet.rows), 0
    report.save(update_fields=["status", "rows_total", "rows_done"])

    def progress(done: int, total: int) -> None:
        ImportReport.objects.filter(pk=report.pk).update(rows_done=done, rows_total=total)

    return plan_import(
        sheet,
        mapping or {},
        report.municipality,
        full_export=mapping.full_export if mapping else True,
        progress=progress,
    )


@task()
def preview_import(*, report_id: int) -> str:
    report = ImportReport.objects.select_related("municipality").get(pk=report_id)
    record_plan(report, _plan(report))
    return report.status


@task()
def apply_hr_import(*, report_id: int, actor_id: int) -> str:
    report = ImportReport.objects.select_related("municipality").get(pk=report_id)
    actor = get_user_model().objects.filter(pk=actor_id).first()
    plan = _plan(report)
    try:
        apply_import(plan, actor=actor, municipality=report.municipality, report=report)
    except ValidationError:
        record_plan(report, plan)  # the file changed or now has errors: show them
        report.status = ImportReport.Status.FAILED
        report.finished_at = timezone.now()
        report.save(update_fields=["status", "finished_at"])
    default_storage.delete(stored_file_name(report))
    return report.status
