"""Where a station page's CPU goes: one page of bench/station.py, profiled in process.

Usage (from the project root):
    .venv/bin/python bench/station_profile.py profile            # CPU ms per request, queries
    .venv/bin/python bench/station_profile.py team --profile 40  # and the top 40 functions

Starts a throw-away PostgreSQL with the same data as bench/station.py (production settings),
then requests the page through Django's test client (every middleware, no gunicorn) with the
first simulated user's session. Prints the queries and the CPU time per request (the best and
the median of five rounds: other work on the machine moves the figures less than wall time),
and with ``--profile`` a cProfile listing timed by CPU, not by the clock.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _servers import free_port, postgres
from _station_data import make_data
from registration import server_env, setup_django
from station import pages


def _cpu_ms(client, path: str, rounds: int, per_round: int) -> list[float]:
    results = []
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(per_round):
            client.get(path)
        results.append((time.process_time() - started) * 1000 / per_round)
    return sorted(results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("page", choices=["floor", "profile", "team", "matrix", "municipality"])
    parser.add_argument("--requests", type=int, default=30, help="requests per round")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="top N functions")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stegvis-profile-") as name:
        tmp = Path(name)
        with postgres(tmp, free_port()) as url:
            setup_django(server_env(tmp, url))
            from django.core.management import call_command
            from django.db import connection
            from django.test import Client

            call_command("collectstatic", interactive=False, verbosity=0)
            _who, targets = pages(make_data(1))[args.page]
            path, session = targets[0]
            client = Client(HTTP_HOST="127.0.0.1")
            client.cookies["sessionid"] = session
            for _ in range(3):  # warm: templates, translations, content types
                assert client.get(path).status_code == 200, path
            queries: list[str] = []

            def count(execute, sql, params, many, context):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                client.get(path)
            times = _cpu_ms(client, path, rounds=5, per_round=args.requests)
            print(f"page: {args.page} ({path})")
            print(f"queries: {len(queries)}")
            print(f"cpu_ms_per_request: best {times[0]:.2f}, median {times[2]:.2f}")
            if args.profile:
                profiler = cProfile.Profile(time.process_time)
                profiler.enable()
                for _ in range(args.requests):
                    client.get(path)
                profiler.disable()
                pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.profile)
            connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
