"""``manage.py import_framework FILE --format moodle|case --region SLUG|--municipality CODE``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from stegvis.competences.interop.importing import (
    FORMATS,
    Preview,
    framework_import,
    guess_format,
    parse_file,
    preview_import,
)
from stegvis.competences.models import Framework
from stegvis.organisations.models import Municipality, Region


class Command(BaseCommand):
    help = (
        "Import a competence framework from a Moodle competency-framework CSV or a CASE JSON "
        "package. Prints what would be created, changed and kept; writes only without --dry-run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", choices=sorted(FORMATS), help="default: from the suffix")
        owner = parser.add_mutually_exclusive_group()
        owner.add_argument("--region", metavar="SLUG")
        owner.add_argument("--municipality", metavar="CODE")
        parser.add_argument(
            "--into", type=int, metavar="FRAMEWORK_ID", help="add a new version to this framework"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and preview only")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        fmt = options["format"] or guess_format(path.name)
        if fmt is None:
            raise CommandError("Give --format moodle or --format case.")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        into = self._framework(options["into"])
        owner = self._owner(options, into)
        plan = parse_file(data, format=fmt, file_name=path.name)
        preview = preview_import(plan, into=into)
        self._show(preview)
        if not preview.ok:
            raise CommandError(f"{len(preview.errors)} error(s): nothing was imported.")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
            return
        try:
            framework = framework_import(actor=None, plan=plan, owner=owner, into=into)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Imported {framework} (id {framework.pk})."))

    def _framework(self, pk: int | None) -> Framework | None:
        if pk is None:
            return None
        try:
            return Framework.objects.get(pk=pk)
        except Framework.DoesNotExist as exc:
            raise CommandError(f"There is no framework with id {pk}.") from exc

    def _owner(self, options: dict[str, Any], into: Framework | None) -> Any:
        try:
            if options["region"]:
                return Region.objects.get(slug=options["region"])
            if options["municipality"]:
                return Municipality.objects.get(code=options["municipality"])
        except (Region.DoesNotExist, Municipality.DoesNotExist) as exc:
            raise CommandError(f"No such owner: {exc}") from exc
        if into is not None:
            return into.owner
        raise CommandError("Give --region SLUG or --municipality CODE (the framework's owner).")

    def _show(self, preview: Preview) -> None:
        if preview.base is None:
            self.stdout.write(f"New framework: {preview.title}")
        else:
            self.stdout.write(
                f"New version {preview.version} of {preview.base.title} "
                f"(after version {preview.base.version}): {preview.title}"
            )
        if preview.ok:
            self.stdout.write(
                f"Items: {len(preview.created)} new, {len(preview.changed)} changed, "
                f"{len(preview.unchanged)} unchanged, {len(preview.removed)} not in the file"
            )
        for sign, changes in (("+", preview.created), ("~", preview.changed)):
            for change in changes:
                label = f"{change.code} {change.title}".strip()
                detail = f" ({', '.join(change.fields)})" if change.fields else ""
                self.stdout.write(f"  {sign} {label}{detail}")
        for change in preview.removed:
            self.stdout.write(f"  - {change.code} {change.title}".rstrip())
        for note in preview.notes:
            self.stdout.write(f"Note: {note}")
        for error in preview.errors:
            self.stderr.write(f"Error: {error}")
