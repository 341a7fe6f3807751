"""Throw-away servers for benchmarks: a PostgreSQL and a gunicorn, each on a free local port.

Both are started inside the benchmark's temporary directory and stopped when the ``with``
block ends, also when the run fails.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def postgres(tmp: Path, port: int) -> Iterator[str]:
    """A PostgreSQL server (scripts/pg.sh) with its data in ``tmp``; yields a DATABASE_URL."""
    env = {**os.environ, "PGPORT": str(port), "PGDATA_DIR": str(tmp / "pgdata")}
    os.chmod(tmp, 0o755)  # the postgres user must reach its data directory
    subprocess.run([str(ROOT / "scripts/pg.sh"), "start"], check=True, env=env)
    try:
        import psycopg

        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{port}/postgres", autocommit=True
        ) as conn:
            conn.execute("CREATE DATABASE stegvis")
        yield f"postgres://postgres@127.0.0.1:{port}/stegvis"
    finally:
        subprocess.run([str(ROOT / "scripts/pg.sh"), "stop"], check=False, env=env)


def _answers(port: int, path: str) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
            )
            return conn.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


@contextlib.contextmanager
def gunicorn(
    port: int,
    *,
    workers: int,
    threads: int,
    env: dict[str, str],
    log: Path,
    app: str = "stegvis.wsgi:application",
) -> Iterator[subprocess.Popen]:
    """``gunicorn -k gthread`` serving ``app`` on 127.0.0.1:``port`` until the block ends."""
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        app,
        "--bind",
        f"127.0.0.1:{port}",
        "--worker-class",
        "gthread",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--backlog",
        "2048",
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
        "--no-control-socket",  # gunicorn 27 would otherwise share ~/.gunicorn/gunicorn.ctl
    ]
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 30
        while not _answers(port, "/healthz"):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {log}:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
        yield server
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)  # graceful: the arbiter stops its workers
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _children(pid: int) -> list[int]:
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        kids += [int(k) for k in task.read_text().split()]
    return kids


def cpu_seconds(*roots: int) -> float:
    """User + system CPU seconds used so far by ``roots`` and all their descendants (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0, list(roots)
    while todo:
        pid = todo.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            todo += _children(pid)
        except OSError:  # it ended meanwhile
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def postmaster_pid(tmp: Path) -> int:
    return int((tmp / "pgdata" / "postmaster.pid").read_text().split()[0])
