"""Benchmark: the station house and the competence profile under concurrent load.

Usage (from the project root):  .venv/bin/python bench/station.py [--clients 12 --requests 600]
Starts its own PostgreSQL and gunicorn on 127.0.0.1, generates a municipality (30 units,
1,200 staff, one unit of 40), and measures requests/s, p50 and p95 for: a minimal Django page
(the floor), an employee's competence profile, the team overview and the competence matrix
of the 40-person unit, and HR's station index over the whole municipality. Prints
``name: value`` lines, ending with each page's cost against the floor (the floor's requests/s
divided by the page's). See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _burst import request
from _servers import free_port, gunicorn, postgres
from _station_cpu import postmaster_pid, tree_cpu_seconds
from _station_data import STAFF_PER_UNIT, UNITS, make_data
from _station_load import run
from registration import server_env, setup_django

TARGETS = {"profile": (180, 15.0), "team": (90, None)}  # requests/s at least, p50 ms below


def pages(data: dict) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """Name → (who, [(path, session)]): every client has its own session."""
    unit = data["unit"].pk
    return {
        "floor": ("employee", [("/healthz", s) for s in data["employee"]]),
        "profile": (
            "employee",
            [
                (f"/competences/people/{pk}/", s)
                for pk, s in zip(data["employee_person"], data["employee"], strict=True)
            ],
        ),
        "team": ("manager", [(f"/station/units/{unit}/team/", s) for s in data["manager"]]),
        "matrix": ("manager", [(f"/station/units/{unit}/matrix/", s) for s in data["manager"]]),
        "municipality": ("hr", [("/station/", s) for s in data["hr"]]),
    }


def get(path: str, session: str) -> bytes:
    return request("GET", path, cookies={"sessionid": session}, headers={"Accept-Language": "sv"})


def measure(port: int, targets: list[tuple[str, str]], args, pids: tuple[int, int]) -> dict:
    """The page alone (one client after another: its latency without queueing), then under
    load (``--clients`` at once: throughput, and latency with queueing), with the CPU time
    the server (gunicorn) and the database spent on the loaded run."""
    requests = [get(path, session) for path, session in targets]
    run(port, requests, clients=args.clients, total=args.clients * 4, limit=30)  # warm up
    alone = run(port, requests[:1], clients=1, total=args.alone, limit=args.seconds)
    before = [tree_cpu_seconds(pid) for pid in pids]
    loaded = run(port, requests, clients=args.clients, total=args.requests, limit=args.seconds)
    after = [tree_cpu_seconds(pid) for pid in pids]
    app, db = (1000 * (a - b) / max(loaded.answered, 1) for a, b in zip(after, before, strict=True))
    return {"alone": alone, "loaded": loaded, "app_cpu_ms": app, "db_cpu_ms": db}


def in_process(data: dict, plan: dict) -> dict[str, tuple[float, int]]:
    """Each page once in this process first: it must answer 200, and its SQL queries are
    counted (milliseconds too, for diagnosis)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    result = {}
    for name, (_who, targets) in plan.items():
        path, session = targets[0]
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies["sessionid"] = session
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            status = client.get(path).status_code
            took = (time.perf_counter() - started) * 1000
        if status != 200:
            raise RuntimeError(f"{name}: {path} answered {status} in process")
        result[name] = (took, len(queries))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--clients", type=int, default=12, help="concurrent connections")
    parser.add_argument("--requests", type=int, default=600, help="answered requests per page")
    parser.add_argument("--alone", type=int, default=60, help="requests by a lone client")
    parser.add_argument("--seconds", type=float, default=60, help="time limit per page")
    args = parser.parse_args()
    results: dict[str, dict] = {}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="stegvis-bench-") as name:
        tmp = Path(name)
        with postgres(tmp, free_port()) as url:
            env = server_env(tmp, url)
            setup_django(env)
            from django.core.management import call_command

            call_command("collectstatic", interactive=False, verbosity=0)
            started = time.perf_counter()
            data = make_data(args.clients)
            made = time.perf_counter() - started
            plan = pages(data)
            direct = in_process(data, plan)
            port = free_port()
            with gunicorn(
                port, workers=args.workers, threads=args.threads, env=env, log=tmp / "gunicorn.log"
            ) as server:
                pids = (server.pid, postmaster_pid(tmp / "pgdata"))
                for page, (_who, targets) in plan.items():
                    results[page] = measure(port, targets, args, pids)
            from django.db import connection

            connection.close()
    args.load = (load_before, os.getloadavg()[0])
    return report(args, data, made, direct, results)


def report(args, data: dict, made: float, direct: dict, results: dict) -> int:
    lines = {
        "server": f"gunicorn -k gthread, {args.workers} workers x {args.threads} threads, "
        "PostgreSQL",
        "data": f"{UNITS} units, {data['people']} staff, {data['entries']} record entries, "
        f"{data['registrations']} registrations; team and matrix unit of {STAFF_PER_UNIT}",
        "data_seconds": f"{made:.1f}",
        "machine_load_before_after": f"{args.load[0]:.1f} / {args.load[1]:.1f} (1-minute avg)",
        "clients": args.clients,
    }
    for page, (_ms, queries) in direct.items():
        lines[f"{page}_queries"] = queries
    for page, result in results.items():
        alone, loaded = result["alone"], result["loaded"]
        cpu = result["app_cpu_ms"] + result["db_cpu_ms"]
        lines[f"{page}_alone_p50_ms"] = f"{alone.ms(0.5):.1f}"
        lines[f"{page}_requests"] = loaded.answered
        lines[f"{page}_failed"] = len(alone.failures) + len(loaded.failures)
        lines[f"{page}_requests_per_second"] = f"{loaded.per_second:.0f}"
        lines[f"{page}_p50_ms"] = f"{loaded.ms(0.5):.1f}"
        lines[f"{page}_p95_ms"] = f"{loaded.ms(0.95):.1f}"
        lines[f"{page}_cpu_ms_per_request"] = (
            f"{cpu:.1f} (gunicorn {result['app_cpu_ms']:.1f} + PostgreSQL "
            f"{result['db_cpu_ms']:.1f})"
        )
        lines[f"{page}_capacity_2_cores"] = f"{2000 / cpu:.0f} req/s" if cpu else "-"
    floor = results["floor"]["loaded"]
    for page, (rate, median) in TARGETS.items():
        alone, loaded = results[page]["alone"], results[page]["loaded"]
        met = loaded.per_second >= rate and (median is None or alone.ms(0.5) < median)
        wanted = f">= {rate} req/s" + (f", alone p50 < {median:.0f} ms" if median else "")
        lines[f"{page}_target"] = f"{'met' if met else 'missed'} ({wanted})"
    for page, result in results.items():
        loaded = result["loaded"]
        if page != "floor" and loaded.per_second:
            lines[f"{page}_ratio_to_floor"] = f"{floor.per_second / loaded.per_second:.1f}"
    for key, value in lines.items():
        print(f"{key}: {value}")
    failed = {
        page: (r["alone"].failures + r["loaded"].failures)[:2]
        for page, r in results.items()
        if r["alone"].failures or r["loaded"].failures
    }
    if failed:
        print(f"error: requests failed: {failed}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
