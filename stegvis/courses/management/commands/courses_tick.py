"""``manage.py courses_tick``: expire unanswered offers and send course reminders.

Idempotent; run it every few minutes from cron, e.g.
``*/10 * * * * cd /srv/stegvis && .venv/bin/python manage.py courses_tick``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stegvis.courses.reminders import run


class Command(BaseCommand):
    help = "Expire unanswered seat offers and queue course-day and preparation reminders."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(str(run()))
