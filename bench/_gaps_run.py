"""bench/gaps.py, one database and one scale (run in its own process by ``gaps.py``):
generate, check the floor against the unit matrix and the engine against the floor, time."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CPU_RESOLUTION_MS = 10  # /proc counts the server's CPU in clock ticks (100 a second)
BUDGET_SECONDS = 40  # per level and side: fewer runs when one run is slow (at least 3)


def _setup() -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stegvis.settings")

    django.setup()


def generate(scale: int):
    from _gaps_load import Loader
    from _gaps_people import people
    from _gaps_tree import build
    from django.db import transaction

    loader = Loader()
    with transaction.atomic():
        model = build(loader, scale, seed=scale)
        people(loader, model)
    loader.finish()
    return model, loader.counts


def areas(model) -> dict[str, int | None]:
    """One unit of about 40 staff in the largest municipality, that municipality, the region
    with the most staff, and the whole installation."""
    town = max(model.municipalities, key=lambda pk: model.municipalities[pk][1])
    by_region: dict[int, int] = {}
    for region, staff in model.municipalities.values():
        by_region[region] = by_region.get(region, 0) + staff
    open_units = [u for u in model.units[town] if not u.closed]
    unit = min(open_units, key=lambda u: (abs(u.size - 40), u.pk))
    return {
        "unit": unit.pk,
        "municipality": town,
        "region": max(by_region, key=by_region.get),
        "installation": None,
    }


def cpu_seconds() -> float:
    """CPU time of this process and, on PostgreSQL, of its server process: unlike the wall
    clock, hardly moved by other work on the machine."""
    from django.db import connection

    used = time.process_time()
    if connection.vendor == "postgresql":
        global BACKEND
        if BACKEND is None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                BACKEND = cursor.fetchone()[0]
        fields = Path(f"/proc/{BACKEND}/stat").read_text().rsplit(")", 1)[1].split()
        used += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used


BACKEND = None


def timed(function, *args) -> tuple[float, float, object]:
    """Median wall and CPU milliseconds over up to ``REPEAT`` runs after one warm-up, and the
    result."""
    started = time.perf_counter()
    result = function(*args)
    first = time.perf_counter() - started
    runs = REPEAT if first * REPEAT < BUDGET_SECONDS else 3
    times, cpu = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), cpu_seconds()
        function(*args)
        times.append(time.perf_counter() - started)
        cpu.append(cpu_seconds() - used)
    return 1000 * statistics.median(times), 1000 * statistics.median(cpu), result


REPEAT = 5


def engine_report(level: str, pk: int | None, on):
    """What the page computes: ``stegvis.gaps.report.gap_report`` (the engine's one statement,
    then its sums per requirement and child area, with their names). Timed."""
    from stegvis.gaps.counts import Area
    from stegvis.gaps.report import gap_report

    return gap_report(Area(level, pk), on)


def engine_totals(level: str, pk: int | None, on):
    """``coverage`` summed per requirement id, for the check against the floor (untimed: the
    report sums per competence and kind, which hides which requirement is off)."""
    from stegvis.gaps.counts import Area, coverage

    totals: dict[int, list[int]] = {}
    for row in coverage(Area(level, pk), on):
        found = totals.get(row.requirement_id)
        if found is None:
            found = totals[row.requirement_id] = [0, 0, 0, 0, 0]
        found[0] += row.applicable
        found[1] += row.held
        found[2] += row.expiring
        found[3] += row.in_progress
        found[4] += row.shortfall
    return {pk: tuple(v) for pk, v in totals.items()}


def engine_available() -> bool:
    try:
        import stegvis.gaps.counts  # noqa: F401
    except ImportError:
        return False
    return True


def diff(a: dict, b: dict, limit: int = 3) -> str:
    keys = sorted(set(a) | set(b), key=lambda k: (k is None, k))
    wrong = [(k, a.get(k), b.get(k)) for k in keys if a.get(k) != b.get(k)]
    return f"{len(wrong)} requirements differ, e.g. {wrong[:limit]}"


def measure(database: str, scale: int, repeat: int, explain: bool) -> int:
    global REPEAT
    REPEAT = repeat
    _setup()
    from _gaps_floor import explain as explain_floor
    from _gaps_floor import floor, matrix_totals, nonzero
    from _gaps_model import ON

    prefix = f"{'pg' if database == 'postgresql' else 'sqlite'}_{scale}"
    lines: dict[str, object] = {}
    started = time.perf_counter()
    model, counts = generate(scale)
    lines[f"{prefix}_generate_seconds"] = f"{time.perf_counter() - started:.1f}"
    lines[f"{prefix}_data"] = (
        f"{counts['people_person']} staff, {len(model.regions)} regions, "
        f"{len(model.municipalities)} municipalities, {counts['organisations_unit']} units, "
        f"{counts['people_employment']} employments, {counts['competences_requirement']} "
        f"requirements, {counts['competences_competencerecord']} record entries, "
        f"{counts['courses_registration']} registrations"
    )
    chosen = areas(model)
    town = chosen["municipality"]
    lines[f"{prefix}_municipality_staff"] = model.municipalities[town][1]
    failed = []

    # The floor's rules against the unit matrix, on a handful of units of the municipality.
    open_units = sorted(u.pk for u in model.units[town] if not u.closed)
    sample = open_units[:: max(1, len(open_units) // 6)]
    sample = sorted(set(sample) | {chosen["unit"]})
    expected, got = matrix_totals(sample, ON), {}
    for unit in sample:
        for pk, totals in floor("unit", unit, ON).items():
            got[pk] = tuple(a + b for a, b in zip(got.get(pk, (0,) * 5), totals, strict=True))
    same = nonzero(expected) == nonzero(got)
    lines[f"{prefix}_floor_matches_matrix"] = f"{'yes' if same else 'NO'} ({len(sample)} units)"
    if not same:
        failed.append(f"floor vs matrix: {diff(nonzero(expected), nonzero(got))}")

    has_engine = engine_available()
    for level, pk in chosen.items():
        floor_ms, floor_cpu, floor_totals = timed(floor, level, pk, ON)
        lines[f"{prefix}_{level}_requirements"] = len(nonzero(floor_totals))
        lines[f"{prefix}_{level}_shortfall"] = sum(t[4] for t in floor_totals.values())
        if has_engine:
            engine_ms, engine_cpu, report = timed(engine_report, level, pk, ON)
            lines[f"{prefix}_{level}_engine_ms"] = f"{engine_ms:.1f}"
            lines[f"{prefix}_{level}_engine_cpu_ms"] = f"{engine_cpu:.1f}"
            engine = engine_totals(level, pk, ON)
            if nonzero(engine) != nonzero(floor_totals):
                failed.append(f"{level}: engine vs floor: {diff(nonzero(engine), floor_totals)}")
            t = report.total
            sums = tuple(sum(f[i] for f in floor_totals.values()) for i in range(5))
            if (t.applicable, t.held, t.expiring, t.in_progress, t.shortfall) != sums:
                failed.append(f"{level}: report total {t} vs floor {sums}")
        lines[f"{prefix}_{level}_floor_ms"] = f"{floor_ms:.1f}"
        lines[f"{prefix}_{level}_floor_cpu_ms"] = f"{floor_cpu:.1f}"
        if has_engine:
            if min(engine_cpu, floor_cpu) >= CPU_RESOLUTION_MS * 5:
                lines[f"{prefix}_{level}_cpu_ratio"] = f"{engine_cpu / floor_cpu:.2f}"
            lines[f"{prefix}_{level}_ratio"] = f"{engine_ms / floor_ms:.2f}"
        if explain and database == "postgresql":
            out = ROOT / "var" / f"gaps_explain_{prefix}_{level}.txt"
            out.parent.mkdir(exist_ok=True)
            out.write_text(explain_floor(level, pk, ON))
    if not has_engine:
        lines[f"{prefix}_engine"] = "missing (stegvis.gaps.counts not on this branch)"
    if database == "postgresql" and scale == 30000:
        from _gaps_http import municipality_page

        page = municipality_page(prefix, town)
        lines.update(page)
        if any(k.endswith("_failed") and not v.startswith("0") for k, v in page.items()):
            failed.append(f"municipality page: {page}")
    lines[f"{prefix}_checks"] = "ok" if not failed else "FAILED"
    for key, value in lines.items():
        print(f"{key}: {value}", flush=True)
    for problem in failed:
        print(f"error: {prefix}: {problem}", file=sys.stderr)
    return 1 if failed else 0
