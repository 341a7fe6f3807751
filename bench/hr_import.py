"""Benchmark: import a 100,000-row HR export, then import it again (nothing changes).

Usage (from the project root):  .venv/bin/python bench/hr_import.py [--rows N] [--postgres]
Prints ``name: value`` lines. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_PORT = "54339"
UNITS = 200
TITLES = ("underskoterska", "vardbitrade", "stodassistent", "sjukskoterska", "boendestodjare")


def pnr(birth: datetime.date, serial: int) -> str:
    digits = birth.strftime("%y%m%d") + f"{serial:03d}"
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"{birth:%Y%m%d}-{serial:03d}{(10 - total % 10) % 10}"


def export_csv(rows: int) -> bytes:
    """A deterministic Heroma-like export: `;`-separated, UTF-8 with BOM, one row a person."""
    rng = random.Random(42)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            "Anställningsnummer",
            "Personnummer",
            "Förnamn",
            "Efternamn",
            "E-post",
            "Mobil",
            "Enhetskod",
            "Befattning",
            "Sysselsättningsgrad",
            "Startdatum",
            "Slutdatum",
            "Anställningsform",
            "Anställnings-ID",
        ]
    )
    first = ("Åsa", "Björn", "Märta", "Örjan", "Anna", "Karin", "Lars", "Fatima", "Ali", "Eva")
    last = ("Öberg", "Lindqvist", "Svensson", "Nilsson", "Åkesson", "Holm", "Berg", "Yilmaz")
    for n in range(rows):
        birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=n % 15000)
        start = datetime.date(2010, 1, 1) + datetime.timedelta(days=rng.randrange(5000))
        writer.writerow(
            [
                str(100000 + n),
                pnr(birth, n // 15000),
                rng.choice(first),
                rng.choice(last),
                f"p{n}@example.org",
                f"+4670{n:07d}",
                f"U{n % UNITS:03d}",
                rng.choice(TITLES),
                rng.choice(("100", "75 %", "0,5", "80")),
                start.strftime("%Y%m%d"),
                "" if n % 10 else (start + datetime.timedelta(days=400)).isoformat(),
                rng.choice(("Tillsvidare", "Visstid")),
                f"A{n}",
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@contextlib.contextmanager
def postgres(tmp: Path) -> Iterator[str]:
    env = {**os.environ, "PGPORT": PG_PORT, "PGDATA_DIR": str(tmp / "pgdata")}
    subprocess.run([str(ROOT / "scripts/pg.sh"), "start"], check=True, env=env)
    try:
        import psycopg

        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{PG_PORT}/postgres", autocommit=True
        ) as conn:
            conn.execute("CREATE DATABASE stegvis")
        yield f"postgres://postgres@127.0.0.1:{PG_PORT}/stegvis"
    finally:
        subprocess.run([str(ROOT / "scripts/pg.sh"), "stop"], check=False, env=env)


def setup_django(tmp: Path, database_url: str | None) -> None:
    os.environ.update(STEGVIS_ENV="test", STEGVIS_VAR_DIR=str(tmp / "var"), DEBUG="false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stegvis.settings")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def organisation():
    from stegvis.organisations.models import Municipality, OperatingArea, Region, Unit
    from stegvis.people.models import JobTitle

    region = Region.objects.create(name="Bench", slug="bench")
    municipality = Municipality.objects.create(region=region, name="Benchby", code="9999")
    area = OperatingArea.objects.create(municipality=municipality, kind="elder_care", name="VoO")
    Unit.objects.bulk_create(
        Unit(
            municipality=municipality,
            operating_area=area,
            name=f"Enhet {n}",
            kind="care_home",
            source_key=f"U{n:03d}",
        )
        for n in range(UNITS)
    )
    JobTitle.objects.bulk_create(
        JobTitle(region=region, code=code, name=code.title()) for code in TITLES
    )
    return municipality


def timed_import(data: bytes, municipality) -> tuple[float, dict[str, int]]:
    from stegvis.people.hr_import import apply_import, plan_import, read_upload, suggest_mapping
    from stegvis.people.models import ImportReport

    started = time.perf_counter()
    sheet = read_upload(data, "bench.csv")
    plan = plan_import(sheet, suggest_mapping(sheet.headers), municipality)
    assert not plan.problems, plan.problems[:5]
    report = ImportReport.objects.create(municipality=municipality, file_name="bench.csv")
    counts = apply_import(plan, actor=None, municipality=municipality, report=report)
    return time.perf_counter() - started, counts


def floor(data: bytes, municipality) -> float:
    """A plain csv.reader pass plus a bulk_create of as many bare rows, rolled back."""
    from django.db import transaction

    from stegvis.people.models import Person

    started = time.perf_counter()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))[1:]
    with transaction.atomic():
        Person.objects.bulk_create(
            (
                Person(region_id=municipality.region_id, first_name=r[2], last_name=r[3])
                for r in rows
            ),
            batch_size=1000,
        )
        transaction.set_rollback(True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stegvis-bench-") as name:
        tmp = Path(name)
        os.chmod(tmp, 0o755)  # the postgres user must reach its data directory
        with postgres(tmp) if args.postgres else contextlib.nullcontext(None) as url:
            setup_django(tmp, url)
            run(args.rows, "postgresql" if args.postgres else "sqlite")


def run(rows: int, database: str) -> None:
    municipality = organisation()
    data = export_csv(rows)
    floor_seconds = floor(data, municipality)
    import_seconds, counts = timed_import(data, municipality)
    reimport_seconds, again = timed_import(data, municipality)
    assert again["created"] == again["changed"] == again["ended"] == 0, again
    print(f"database: {database}")
    print(f"rows: {rows}")
    print(f"file_bytes: {len(data)}")
    print(f"created: {counts['created']}")
    print(f"import_seconds: {import_seconds:.1f}")
    print(f"reimport_seconds: {reimport_seconds:.1f}")
    print(f"reimport_unchanged: {again['unchanged']}")
    print(f"floor_seconds: {floor_seconds:.1f}")
    print(f"import_ratio_to_floor: {import_seconds / floor_seconds:.1f}")
    print(f"reimport_ratio_to_floor: {reimport_seconds / floor_seconds:.1f}")


if __name__ == "__main__":
    main()
