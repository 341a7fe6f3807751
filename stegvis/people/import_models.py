"""The HR file import: a municipality's saved column mapping and the report of each upload.

Imported at the bottom of ``models.py`` so Django finds them as models of the people app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stegvis.organisations.models import Municipality


class ImportMapping(models.Model):
    """Which column of a municipality's HR export holds which of our fields, plus options.

    ``columns`` maps our field name (see ``hr_import.columns.FIELDS``) to the file's header.
    Empty ``delimiter``/``encoding`` mean: detect from the file.
    """

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="import_mappings",
    )
    name = models.CharField(_("name"), max_length=100, blank=True, default="")
    columns = models.JSONField(_("columns"), default=dict, blank=True)
    delimiter = models.CharField(_("delimiter"), max_length=1, blank=True, default="")
    encoding = models.CharField(_("character encoding"), max_length=20, blank=True, default="")
    full_export = models.BooleanField(
        _("full export"),
        default=True,
        help_text=_("The file lists every employment: those missing from it are ended."),
    )
    default_job_title = models.ForeignKey(
        "people.JobTitle",
        verbose_name=_("default job title"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Used when the file has no job title for a row."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("import mapping")
        verbose_name_plural = _("import mappings")
        ordering = ["municipality", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="import_mapping_name_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.name or _('HR import')}"


class ImportReport(models.Model):
    """One uploaded file: its preview or its import, progress, counts and per-line errors.

    ``errors`` is a list of ``{"line": int, "message": str}``; identity numbers are masked in
    messages. ``counts`` holds created/changed/ended/unchanged/errors (and a per-kind split).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        PREVIEWED = "previewed", _("Previewed")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="import_reports",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PENDING, db_index=True
    )
    dry_run = models.BooleanField(_("dry run"), default=False)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    encoding = models.CharField(_("character encoding"), max_length=20, blank=True, default="")
    delimiter = models.CharField(_("delimiter"), max_length=1, blank=True, default="")
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    changes = models.JSONField(
        _("changes"),
        default=dict,
        blank=True,
        help_text=_("What the preview found: the first rows to create, change and end."),
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import report")
        verbose_name_plural = _("import reports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def progress_percent(self) -> int:
        return round(100 * self.rows_done / self.rows_total) if self.rows_total else 0
