"""Benchmark: the gap analysis at national scale (3,000, 30,000 and 300,000 staff).

Usage (from the project root):  .venv/bin/python bench/gaps.py [--scale 30000] [--sqlite]
Starts its own PostgreSQL on 127.0.0.1 (data in a temporary directory), migrates one
database, and for each scale copies it, generates the staff and their records (bulk COPY),
and times the gap engine (``stegvis.gaps.counts.coverage`` plus the sum per requirement the
page does) for one unit, the largest municipality, the largest region and the whole
installation, each beside the floor: one hand-written SQL statement computing the same
numbers in the same run. Prints ``name: value`` lines, ending with each level's ratio to its
floor; exits non-zero if the engine's numbers differ from the floor's. See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _servers import free_port, postgres

ROOT = Path(__file__).resolve().parent.parent
SCALES = (3000, 30000, 300000)
SQLITE_SCALES = (3000, 30000)


def child_env(tmp: Path, database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "STEGVIS_ENV": "test",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "STEGVIS_VAR_DIR": str(tmp / "var"),
        "DJANGO_SETTINGS_MODULE": "stegvis.settings",
    }


def run_child(env: dict[str, str], *args: str) -> int:
    """One database and scale in a fresh process (Django is set up once per process)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def migrate(env: dict[str, str]) -> None:
    command = [sys.executable, "manage.py", "migrate", "--verbosity", "0"]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, action="append", choices=SCALES)
    parser.add_argument("--sqlite", action="store_true", help="also SQLite (3,000 and 30,000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per level (median)")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE to a file")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database", default="postgresql", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        from _gaps_run import measure

        return measure(args.database, args.scale[0], args.repeat, args.explain)
    scales = args.scale or list(SCALES)
    started = time.perf_counter()
    load = os.getloadavg()[0]
    print(f"machine_load_before: {load:.1f} (1-minute average, {os.cpu_count()} cores)")
    failed = 0
    extra = ["--repeat", str(args.repeat)] + (["--explain"] if args.explain else [])
    with tempfile.TemporaryDirectory(prefix="stegvis-bench-") as name:
        tmp = Path(name)
        port = free_port()
        with postgres(tmp, port) as url:
            migrate(child_env(tmp, url))
            base = f"postgresql://postgres@127.0.0.1:{port}"
            for scale in scales:
                copy = f"stegvis_{scale}"
                _sql(base, f'CREATE DATABASE "{copy}" TEMPLATE stegvis')
                env = child_env(tmp, f"postgres://postgres@127.0.0.1:{port}/{copy}")
                failed |= run_child(env, "--scale", str(scale), *extra)
                _sql(base, f'DROP DATABASE "{copy}"')
        if args.sqlite:
            template = tmp / "template.sqlite3"
            migrate(child_env(tmp, f"sqlite:///{template}"))
            for scale in [s for s in scales if s in SQLITE_SCALES]:
                copy = tmp / f"gaps_{scale}.sqlite3"
                shutil.copy(template, copy)
                env = child_env(tmp, f"sqlite:///{copy}")
                args_sqlite = ["--scale", str(scale), "--database", "sqlite", *extra]
                failed |= run_child(env, *args_sqlite)
                copy.unlink()
    print(f"machine_load_after: {os.getloadavg()[0]:.1f}")
    print(f"total_seconds: {time.perf_counter() - started:.0f}")
    return 1 if failed else 0


def _sql(base: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(statement)


if __name__ == "__main__":
    sys.exit(main())
