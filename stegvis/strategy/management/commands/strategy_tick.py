"""``manage.py strategy_tick``: reminders of the joint committee's yearly discussion of
strategic competence development (a month before it is due, and when it is overdue).

Idempotent; run it every few minutes from cron beside ``courses_tick`` and ``development_tick``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stegvis.strategy.reminders import run


class Command(BaseCommand):
    help = (
        "Queue the reminders to managers and HR when a unit's joint committee is due, or "
        "overdue, to discuss strategic competence development."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(str(run()))
