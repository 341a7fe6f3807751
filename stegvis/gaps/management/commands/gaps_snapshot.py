"""Take the gap analysis's monthly snapshots (the trend): daily from cron, or to backfill."""

from django.core.management.base import BaseCommand, CommandError

from stegvis.gaps.snapshots import take_snapshots


class Command(BaseCommand):
    help = (
        "Snapshot the gap analysis: the current month as of today, and each of the last "
        "--months months that has no snapshot yet as of its last day. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months", type=int, default=12, help="how many months back (default %(default)s)"
        )
        parser.add_argument(
            "--refresh", action="store_true", help="take earlier months again even if taken"
        )

    def handle(self, *args, months, refresh, **options):
        if months < 1:
            raise CommandError("--months must be 1 or more")
        for month, as_of, rows in take_snapshots(months=months, refresh=refresh):
            self.stdout.write(f"{month:%Y-%m}: {rows} rows as of {as_of.isoformat()}")
