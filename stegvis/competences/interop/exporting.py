"""Export a framework version as a file: Moodle competency-framework CSV or a CASE 1.1 package."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.text import slugify

from stegvis.competences.models import Framework

from .case import export_case_json
from .moodle import export_moodle

FORMATS = ("moodle", "case")


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    file_name: str
    content_type: str


def export_file(framework: Framework, *, format: str, base_url: str = "") -> ExportFile:
    """The framework version in ``format`` ("moodle" or "case"; CASE needs ``base_url``,
    e.g. ``request.build_absolute_uri("/")``, to build its URIs)."""
    stem = f"{slugify(framework.code or framework.title) or 'framework'}-v{framework.version}"
    if format == "moodle":
        text = export_moodle(framework)
        return ExportFile(text.encode("utf-8"), f"{stem}.csv", "text/csv; charset=utf-8")
    if format == "case":
        if not base_url:
            raise ValueError("a CASE export needs base_url for its URIs")
        text = export_case_json(framework, base_url=base_url)
        return ExportFile(text.encode("utf-8"), f"{stem}.json", "application/json")
    raise ValueError(f"unknown format {format!r}; use one of {FORMATS}")


def export_response(framework: Framework, *, format: str, base_url: str = "") -> HttpResponse:
    """An HTTP download of the framework version (Content-Disposition: attachment)."""
    exported = export_file(framework, format=format, base_url=base_url)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.file_name}"'
    return response
