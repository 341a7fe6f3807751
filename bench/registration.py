"""Benchmark: 500 people press "Register" on a popular course with 30 seats at the same moment.

Usage (from the project root):  .venv/bin/python bench/registration.py [--workers N --threads N]
Prints ``name: value`` lines and exits non-zero unless exactly 30 got a seat and 470 wait in
line. See bench/README.md.
"""

from __future__ import annotations

import argparse
import base64
import os
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _burst import Burst, fire, request, send
from _servers import ROOT, cpu_seconds, free_port, gunicorn, postgres, postmaster_pid

PEOPLE = 500
SEATS = 30
CSRF = secrets.token_hex(16)  # a 32-character CSRF secret; the header carries the same value
BACKEND = "stegvis.accounts.backends.AuthenticationBackend"


def server_env(tmp: Path, database_url: str) -> dict[str, str]:
    """Production settings (DEBUG off), plain HTTP on 127.0.0.1."""
    return {
        **os.environ,
        "STEGVIS_ENV": "production",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "FIELD_ENCRYPTION_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "false",
        "STEGVIS_VAR_DIR": str(tmp / "var"),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "stegvis.settings",
    }


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_data() -> dict:
    """A region, a municipality with one unit, two offerings with one day and 30 on-site seats
    (one to warm the server up with), and 500 staff with a login and a signed-in session."""
    import datetime

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from stegvis.accounts.models import User
    from stegvis.courses.models import Course, CourseDay, Offering
    from stegvis.organisations.models import Municipality, OperatingArea, Region, Unit
    from stegvis.people.models import Employment, JobTitle, Person

    region = Region.objects.create(name="Bench", slug="bench")
    municipality = Municipality.objects.create(region=region, name="Benchby", code="9999")
    area = OperatingArea.objects.create(municipality=municipality, kind="elder_care", name="VoO")
    unit = Unit.objects.create(
        municipality=municipality, operating_area=area, name="Solrosen", kind="care_home"
    )
    title = JobTitle.objects.create(region=region, code="usk", name="Undersköterska")
    users = User.objects.bulk_create(
        User(email=f"p{n}@bench.example", display_name=f"Person {n}", password="!")
        for n in range(PEOPLE)
    )
    people = Person.objects.bulk_create(
        Person(
            user=user,
            region=region,
            municipality=municipality,
            first_name="Person",
            last_name=str(n),
            email=user.email,
        )
        for n, user in enumerate(users)
    )
    Employment.objects.bulk_create(
        Employment(person=p, unit=unit, job_title=title, start_date=datetime.date(2020, 1, 1))
        for p in people
    )
    course = Course.objects.create(region=region, title="Demensvård steg 1")
    now = timezone.now()
    offerings = []
    for title_text in ("Uppvärmning", "Demensvård steg 1, våren"):
        offering = Offering.objects.create(
            course=course,
            region=region,
            title=title_text,
            seats_on_site=SEATS,
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=20),
            cancel_by=now + datetime.timedelta(days=15),
        )
        start = now + datetime.timedelta(days=30)
        CourseDay.objects.create(
            offering=offering, starts_at=start, ends_at=start + datetime.timedelta(hours=7)
        )
        offerings.append(offering)
    sessions = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = BACKEND
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions.append(session.session_key)
    return {
        "warmup": offerings[0],
        "offering": offerings[1],
        "people": people,
        "sessions": sessions,
    }


def cookies(session_key: str) -> dict[str, str]:
    return {"sessionid": session_key, "csrftoken": CSRF}


HTMX = {"HX-Request": "true", "X-CSRFToken": CSRF}


def post(path: str, session_key: str, body: bytes = b"") -> bytes:
    return request("POST", path, cookies=cookies(session_key), headers=HTMX, body=body)


def get(path: str, session_key: str) -> bytes:
    return request("GET", path, cookies=cookies(session_key), headers={})


def register_burst(port: int, offering_pk: int, sessions: list[str], meter=tuple) -> Burst:
    warm = get("/healthz", sessions[0])
    path = f"/courses/offerings/{offering_pk}/register/"
    return fire(port, warm, [post(path, s, b"mode=on_site") for s in sessions], meter)


def floor_burst(port: int, sessions: list[str], meter=tuple) -> Burst:
    """The same burst against the smallest Django page there is (one SELECT 1)."""
    warm = get("/healthz", sessions[0])
    return fire(port, warm, [get("/healthz", s) for s in sessions], meter)


def promotion(port: int, data: dict) -> tuple[float, float]:
    """Cancel one confirmed seat over HTTP; milliseconds until the first in line holds it
    (watched in the database), and the cancel request's own time."""
    from stegvis.courses.models import Registration

    offering = data["offering"]
    held = offering.registrations.filter(status="confirmed").order_by("queued_at", "id").first()
    first_in_line = (
        offering.registrations.filter(status="waiting").order_by("queued_at", "id").first()
    )
    session = data["sessions"][
        data["people"].index(next(p for p in data["people"] if p.pk == held.person_id))
    ]
    answer: list = []
    started = time.perf_counter()
    sender = threading.Thread(
        target=lambda: answer.append(
            send(port, post(f"/courses/registrations/{held.pk}/cancel/", session))
        )
    )
    sender.start()
    while True:
        status = Registration.objects.filter(pk=first_in_line.pk).values_list("status", flat=True)[
            0
        ]
        if status == "confirmed":
            promoted = time.perf_counter() - started
            break
        if time.perf_counter() - started > 10:
            raise RuntimeError("nobody was promoted within 10 seconds")
        time.sleep(0.001)
    sender.join()
    if not answer or answer[0].status != 200:
        raise RuntimeError(f"cancel failed: {answer}")
    return promoted * 1000, answer[0].seconds * 1000 if answer[0].seconds else 0.0


def warm_up(port: int, data: dict) -> None:
    """Every worker thread meets the register and cancel paths once before the measurement."""
    burst = register_burst(port, data["warmup"].pk, data["sessions"][:100])
    bad = [a.status for a in burst.answers if a.status != 200]
    if bad:
        raise RuntimeError(f"warm-up registrations failed: {bad[:5]}")
    held = data["warmup"].registrations.filter(status="confirmed").first()
    session = data["sessions"][[p.pk for p in data["people"]].index(held.person_id)]
    if send(port, post(f"/courses/registrations/{held.pk}/cancel/", session)).status != 200:
        raise RuntimeError("warm-up cancel failed")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stegvis-bench-") as name:
        tmp = Path(name)
        with postgres(tmp, free_port()) as url:
            env = server_env(tmp, url)
            setup_django(env)
            try:
                return measure(args, env, tmp)
            finally:
                from django.db import connection

                connection.close()


def measure(args, env: dict[str, str], tmp: Path) -> int:
    data = make_data()
    port = free_port()
    with gunicorn(
        port, workers=args.workers, threads=args.threads, env=env, log=tmp / "gunicorn.log"
    ) as server:
        servers = (server.pid, postmaster_pid(tmp))
        warm_up(port, data)
        show("server", f"gunicorn -k gthread, {args.workers} workers x {args.threads} threads")
        show("load_average_before", f"{os.getloadavg()[0]:.2f}")

        def meter() -> tuple[float, float, float]:
            """CPU seconds so far of gunicorn, of PostgreSQL and of this client."""
            return cpu_seconds(servers[0]), cpu_seconds(servers[1]), time.process_time()

        burst = register_burst(port, data["offering"].pk, data["sessions"], meter)
        app, db, client = burst.metered
        ok = check_burst(burst, tally(data["offering"]))
        show("app_cpu_ms_per_request", f"{app / len(burst.answers) * 1000:.1f}")
        show("db_cpu_ms_per_request", f"{db / len(burst.answers) * 1000:.1f}")
        show("client_cpu_ms_per_request", f"{client / len(burst.answers) * 1000:.1f}")
        if not ok:
            return 1
        promotion_ms, cancel_ms = promotion(port, data)
        show("promotion_ms", f"{promotion_ms:.0f}")
        show("cancel_request_ms", f"{cancel_ms:.0f}")
        floor = floor_burst(port, data["sessions"], meter)
        show("floor_burst_seconds", f"{floor.seconds:.2f}")
        app, db, _client = floor.metered
        show("floor_cpu_ms_per_request", f"{(app + db) / len(floor.answers) * 1000:.1f}")
        show("ratio_to_floor", f"{burst.seconds / floor.seconds:.1f}")
    return 0


def show(name: str, value) -> None:
    print(f"{name}: {value}", flush=True)


def tally(offering) -> dict[str, int]:
    from django.db.models import Count

    return dict(offering.registrations.values_list("status").annotate(n=Count("id")).order_by())


def check_burst(burst: Burst, counts: dict) -> bool:
    """Print the burst's figures; exactly 30 seats and 470 in line, as every answer said."""
    failed = [a for a in burst.answers if a.status != 200]
    said_confirmed = sum(b"status--confirmed" in a.body for a in burst.answers)
    said_waiting = sum(b"status--waiting" in a.body for a in burst.answers)
    show("requests", len(burst.answers))
    show("confirmed", counts.get("confirmed", 0))
    show("waitlisted", counts.get("waiting", 0))
    show("failed", len(failed))
    show("burst_seconds", f"{burst.seconds:.2f}")
    show("requests_per_second", f"{len(burst.answers) / burst.seconds:.0f}")
    show("p50_ms", f"{burst.latency_ms(0.5):.0f}")
    show("p95_ms", f"{burst.latency_ms(0.95):.0f}")
    show("max_ms", f"{burst.latency_ms(1):.0f}")
    ok = (
        counts.get("confirmed") == SEATS
        and counts.get("waiting") == PEOPLE - SEATS
        and not failed
        and said_confirmed == SEATS
        and said_waiting == PEOPLE - SEATS
    )
    if not ok:
        print(
            f"error: expected {SEATS} confirmed and {PEOPLE - SEATS} waiting with every answer "
            f"200; the answers said {said_confirmed} confirmed, {said_waiting} waiting",
            file=sys.stderr,
        )
        for answer in failed[:3]:
            print(answer.status, answer.body[:500], file=sys.stderr)
    return ok


if __name__ == "__main__":
    sys.exit(main())
