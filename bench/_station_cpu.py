"""CPU seconds used by a process and its descendants, read from /proc (Linux only).

On a shared 2-core machine, requests/s and latency move with whatever else runs; the CPU time
the server's processes spend per request does not. bench/station.py reports both.
"""

from __future__ import annotations

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # the fields after "pid (comm)"


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit() and (fields := _stat(int(entry.name))):
            tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU of ``root`` and every live descendant (children that ended are
    counted in their parent's cutime/cstime once waited for)."""
    tree, total, todo = _children(), 0.0, [root]
    while todo:
        pid = todo.pop()
        fields = _stat(pid)
        if fields:
            utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
            total += (utime + stime + cutime + cstime) / TICKS
        todo += tree.get(pid, [])
    return total


def postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "postmaster.pid").read_text().split()[0])
