"""Pages for the HR file import: upload, map columns (saved per municipality), preview with
every problem by line number, apply in the background with a progress bar, keep the report."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from stegvis.core.http import add_validation_errors
from stegvis.organisations import selectors as org_selectors
from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for

from .hr_import.columns import FIELDS, REQUIRED_FIELDS, mapping_problems, suggest_mapping
from .hr_import.reading import read_upload
from .hr_import.report import error_report_csv, mapping_for, mapping_save
from .import_models import ImportReport
from .import_tasks import apply_hr_import, preview_import, stored_file_name
from .models import JobTitle

MANAGE = Capability.MANAGE_PEOPLE
MAX_UPLOAD = 50 * 1024 * 1024
HEADER_BYTES = 64 * 1024


class UploadForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None)
    file = forms.FileField(label=_("File from the HR system (CSV or XLSX)"))

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = municipalities
        if len(municipalities) == 1:  # an HR officer of one municipality has nothing to choose
            field.empty_label = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload


class MappingForm(forms.Form):
    full_export = forms.BooleanField(
        label=_("The file lists every employment (those missing are ended)"), required=False
    )
    default_job_title = forms.ModelChoiceField(
        label=_("Job title when the file has none"), queryset=None, required=False
    )

    def __init__(self, *args, headers, suggestion, titles, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "–"), *((h, h) for h in headers)]
        for field, label in FIELDS.items():
            self.fields[f"col_{field}"] = forms.ChoiceField(
                label=label, choices=choices, required=False, initial=suggestion.get(field, "")
            )
        self.fields["default_job_title"].queryset = titles
        self.headers = headers

    def columns(self) -> dict[str, str]:
        return {f: self.cleaned_data[f"col_{f}"] for f in FIELDS if self.cleaned_data[f"col_{f}"]}

    def clean(self):
        data = super().clean()
        problems = mapping_problems(
            self.columns(), self.headers, default_job_title=bool(data.get("default_job_title"))
        )
        for problem in problems:
            self.add_error(None, problem)
        return data


def _municipalities(user):
    return org_selectors.municipalities_visible_to(user, MANAGE).order_by("name")


def _report_for(user, pk: int) -> ImportReport:
    scope = scope_for(user, MANAGE)
    return get_object_or_404(
        ImportReport.objects.select_related("municipality", "uploaded_by").filter(
            scope.municipalities_q("municipality__")
        ),
        pk=pk,
    )


@capability_required(MANAGE)
def import_start(request):
    municipalities = _municipalities(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with transaction.atomic():
            report = ImportReport.objects.create(
                municipality=form.cleaned_data["municipality"],
                uploaded_by=request.user,
                file_name=upload.name[:255],
            )
            default_storage.save(stored_file_name(report), ContentFile(upload.read()))
        return redirect("people:import_mapping", report.pk)
    reports = ImportReport.objects.filter(municipality__in=municipalities).select_related(
        "municipality", "uploaded_by"
    )[:20]
    return render(request, "people/import_start.html", {"form": form, "reports": reports})


def _headers(report: ImportReport) -> list[str]:
    with default_storage.open(stored_file_name(report), "rb") as stored:
        head = stored.read(HEADER_BYTES)
    return read_upload(head, report.file_name).headers


@capability_required(MANAGE)
def import_mapping(request, pk: int):
    report = _report_for(request.user, pk)
    if report.status != ImportReport.Status.PENDING:
        return redirect("people:import_report", report.pk)
    headers = _headers(report)
    saved = mapping_for(report.municipality)
    suggestion = suggest_mapping(headers)
    if saved:
        suggestion.update({f: h for f, h in saved.columns.items() if h in headers})
    form = MappingForm(
        request.POST or None,
        headers=headers,
        suggestion=suggestion,
        titles=JobTitle.objects.filter(region_id=report.municipality.region_id).order_by("name"),
        initial={
            "full_export": saved.full_export if saved else True,
            "default_job_title": saved.default_job_title if saved else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            mapping_save(
                actor=request.user,
                municipality=report.municipality,
                columns=form.columns(),
                full_export=form.cleaned_data["full_export"],
                default_job_title=form.cleaned_data["default_job_title"],
                delimiter=saved.delimiter if saved else "",
                encoding=saved.encoding if saved else "",
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            report.status = ImportReport.Status.RUNNING
            report.save(update_fields=["status"])
            transaction.on_commit(lambda: preview_import.enqueue(report_id=report.pk))
            return redirect("people:import_report", report.pk)
    return render(
        request,
        "people/import_mapping.html",
        {
            "form": form,
            "report": report,
            "required": REQUIRED_FIELDS,
            "headers": headers,
        },
    )


@capability_required(MANAGE)
def import_report(request, pk: int):
    report = _report_for(request.user, pk)
    template = "people/import_report.html#status" if request.htmx else "people/import_report.html"
    return render(request, template, {"report": report, "errors": report.errors[:200]})


@require_POST
@capability_required(MANAGE)
def import_apply(request, pk: int):
    report = _report_for(request.user, pk)
    if report.status != ImportReport.Status.PREVIEWED or report.errors:
        return redirect("people:import_report", report.pk)
    report.status = ImportReport.Status.RUNNING
    report.rows_done = 0
    report.save(update_fields=["status", "rows_done"])
    transaction.on_commit(
        lambda: apply_hr_import.enqueue(report_id=report.pk, actor_id=request.user.pk)
    )
    return redirect("people:import_report", report.pk)


@capability_required(MANAGE)
def import_errors_csv(request, pk: int):
    report = _report_for(request.user, pk)
    response = HttpResponse(error_report_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{report.pk}-errors.csv"'
    return response
