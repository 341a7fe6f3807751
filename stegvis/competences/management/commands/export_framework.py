"""``manage.py export_framework FRAMEWORK_ID --format moodle|case [--output FILE]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from stegvis.competences.interop.exporting import FORMATS, export_file
from stegvis.competences.models import Framework


def default_base_url() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in {"*", ""} and not h.startswith(".")]
    return f"https://{hosts[0]}" if hosts else "http://localhost:8000"


class Command(BaseCommand):
    help = "Export a framework version as Moodle competency-framework CSV or a CASE 1.1 package."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("framework_id", type=int)
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("--output", metavar="FILE", help="default: standard output")
        parser.add_argument(
            "--base-url", metavar="URL", help="for CASE URIs; default: the first allowed host"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            framework = Framework.objects.get(pk=options["framework_id"])
        except Framework.DoesNotExist as exc:
            raise CommandError(f"There is no framework with id {options['framework_id']}.") from exc
        exported = export_file(
            framework, format=options["format"], base_url=options["base_url"] or default_base_url()
        )
        if options["output"]:
            Path(options["output"]).write_bytes(exported.content)
            self.stderr.write(f"Wrote {framework} to {options['output']}.")
        else:
            self.stdout.write(exported.content.decode("utf-8"), ending="")
