"""``manage.py dialogue_retention``: delete or anonymise dialogue notes and preparations older
than each municipality's retention rule, and record the run.

Idempotent; run it daily from cron, e.g.
``30 2 * * * cd /srv/stegvis && .venv/bin/python manage.py dialogue_retention``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from stegvis.development.services.retention import apply_retention
from stegvis.organisations.models import Municipality


class Command(BaseCommand):
    help = (
        "Delete or anonymise development-dialogue notes and preparations older than the "
        "municipality's retention rule."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what would be removed; change nothing and record no run.",
        )
        parser.add_argument(
            "--municipality", help="Only this municipality (its official code, e.g. 1485)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = None
        if options["municipality"]:
            municipality = Municipality.objects.filter(code=options["municipality"]).first()
            if municipality is None:
                raise CommandError(f"No municipality with code {options['municipality']}.")
        results = apply_retention(dry_run=options["dry_run"], municipality=municipality)
        verb = "would be" if options["dry_run"] else "were"
        for result in results:
            self.stdout.write(
                f"{result.municipality}: {result.affected} {result.document_type} from before "
                f"{result.older_than} {verb} {result.action}d"
            )
        if not results:
            self.stdout.write("No retention rules are set.")
