"""bench/gaps.py: the municipality's gap page through the real HTTP stack (gunicorn,
production settings, a signed-in HR officer with a second factor), at 30,000 staff.

The gap pages (``/gaps/``) are built by another engineer. Until ``gaps:municipality`` exists
on this branch, ``municipality_page`` reports that it was not measured.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

from _burst import request
from _servers import free_port, gunicorn
from _station_data import _session
from _station_load import run
from registration import server_env

ROOT = Path(__file__).resolve().parent.parent


def _hr_session(town: int) -> str:
    """An HR officer of the municipality, with TOTP (HR must have it) and a session."""
    from allauth.mfa.totp.internal.auth import TOTP

    from stegvis.accounts.models import User
    from stegvis.organisations.models import RoleAssignment

    user = User.objects.create(email="hr@gaps.bench.example", display_name="HR", password="!")
    RoleAssignment.objects.create(
        user=user, role="hr", municipality_id=town, valid_from=datetime.date(2020, 1, 1)
    )
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    return _session(user)


def municipality_page(prefix: str, town: int, requests: int = 20) -> dict[str, str]:
    from django.conf import settings
    from django.urls import NoReverseMatch, reverse

    try:
        path = reverse("gaps:municipality", args=[town])
    except NoReverseMatch:
        return {f"{prefix}_municipality_page": "not measured (no gaps:municipality page yet)"}
    session = _hr_session(town)
    tmp = Path(os.environ["STEGVIS_VAR_DIR"]).parent
    env = server_env(tmp, os.environ["DATABASE_URL"])
    # the sessions were signed with this process's keys
    env.update(SECRET_KEY=settings.SECRET_KEY, FIELD_ENCRYPTION_KEY=settings.FIELD_ENCRYPTION_KEY)
    collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"]
    subprocess.run(collect, cwd=ROOT, env=env, check=True)
    port = free_port()
    data = request("GET", path, cookies={"sessionid": session}, headers={"Accept-Language": "sv"})
    with gunicorn(port, workers=2, threads=2, env=env, log=tmp / "gunicorn-gaps.log"):
        run(port, [data], clients=1, total=3, limit=120)  # warm up
        alone = run(port, [data], clients=1, total=requests, limit=300)
    failed = alone.failures[:1]
    return {
        f"{prefix}_municipality_page_p50_ms": f"{alone.ms(0.5):.1f}",
        f"{prefix}_municipality_page_failed": f"{len(alone.failures)} {failed or ''}".strip(),
        f"{prefix}_municipality_page_target": "met (< 200 ms)"
        if alone.ms(0.5) < 200
        else "missed (< 200 ms)",
    }
