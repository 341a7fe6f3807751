"""``manage.py development_tick``: plan activities follow registrations; plan reminders go out.

Idempotent; run it every few minutes from cron, e.g.
``*/10 * * * * cd /srv/stegvis && .venv/bin/python manage.py development_tick``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stegvis.development.reminders import run


class Command(BaseCommand):
    help = (
        "Update plan activities from course registrations and queue the follow-up and "
        "overdue-activity reminders of development plans."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(str(run()))
