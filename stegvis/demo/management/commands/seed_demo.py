"""``manage.py seed_demo``: fill an empty database with the deterministic demo organisation."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from stegvis.demo.courses import seed_courses
from stegvis.demo.development import seed_development
from stegvis.demo.funding import seed_funding
from stegvis.demo.gaps import seed_gaps
from stegvis.demo.generate import (
    DEFAULT_EMPLOYEES,
    DEFAULT_PASSWORD,
    DEFAULT_SEED,
    DemoDataExists,
    generate,
)
from stegvis.demo.journeys import seed_journeys
from stegvis.demo.regionplan import seed_regionplan
from stegvis.demo.strategy import seed_strategy


class Command(BaseCommand):
    help = (
        "Create the demo data: Fyrbodal's 14 municipalities and Randers, units, staff, role "
        "assignments and the documented demo logins. The same seed and size give the same rows."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--employees",
            type=int,
            default=DEFAULT_EMPLOYEES,
            help=f"number of employees to generate (default {DEFAULT_EMPLOYEES})",
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
        )
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help="password of every demo login (default %(default)s)",
        )
        parser.add_argument(
            "--reset", action="store_true", help="delete the existing demo data first"
        )

    def handle(self, *args, employees, seed, password, reset, **options):
        if settings.STEGVIS_ENV == "production":
            raise CommandError("seed_demo invents people and may reset regions: not in production.")
        if employees < 0:
            raise CommandError("--employees must be zero or more")
        started = time.monotonic()
        try:
            with transaction.atomic():
                summary = generate(employees=employees, seed=seed, password=password, reset=reset)
                courses = seed_courses(seed=seed)
                journeys = seed_journeys()
                development = seed_development(seed=seed)
                strategy = seed_strategy(seed=seed)
                funding = seed_funding(seed=seed)
                gaps = seed_gaps()
                regionplan = seed_regionplan()
        except DemoDataExists as exc:
            raise CommandError(f"{exc} Use --reset to replace the demo data.") from exc
        lines = summary.lines()
        logins = next(i for i, line in enumerate(lines) if line.startswith("Demo logins"))
        seeded = [
            *courses.lines(),
            *journeys.lines(),
            *development.lines(),
            *strategy.lines(),
            *regionplan.lines(),
            *funding.lines(),
            *gaps.lines(),
        ]
        for line in [*lines[:logins], *seeded, *lines[logins:]]:
            self.stdout.write(line)
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
