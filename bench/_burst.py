"""A small HTTP/1.1 load client on asyncio streams: many keep-alive connections, one burst.

Every connection is opened and warmed with one request first; then all connections send their
burst request at the same moment and the client waits for every answer. Only the standard
library is used, so the benchmark adds no dependency.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float = 0.0


@dataclass
class Burst:
    answers: list[Answer] = field(default_factory=list)
    seconds: float = 0.0
    metered: tuple[float, ...] = ()  # what ``meter`` counted during the burst alone

    def latency_ms(self, quantile: float) -> float:
        times = sorted(a.seconds for a in self.answers)
        if quantile >= 1:
            return times[-1] * 1000
        return (
            statistics.quantiles(times, n=100, method="inclusive")[round(quantile * 100) - 1] * 1000
        )


def request(
    method: str, path: str, *, cookies: dict[str, str], headers: dict[str, str], body: bytes = b""
) -> bytes:
    """The bytes of one HTTP/1.1 request (keep-alive)."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    if cookies:
        lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if method != "GET":
        lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def read_answer(reader: asyncio.StreamReader) -> Answer:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            body += chunk[:-2]
    else:
        body = await reader.readexactly(int(headers.get("content-length", "0")))
    return Answer(int(status_line.split()[1]), headers, body)


async def _connect(port: int, warmup: bytes):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(warmup)
    await writer.drain()
    warm = await read_answer(reader)
    if warm.status != 200:
        writer.close()
        raise RuntimeError(f"warm-up answered {warm.status}: {warm.body[:200]!r}")
    return reader, writer


async def _exchange(reader, writer, data: bytes) -> Answer:
    started = time.perf_counter()
    writer.write(data)
    await writer.drain()
    answer = await read_answer(reader)
    answer.seconds = time.perf_counter() - started
    return answer


async def _burst(
    port: int, warmup: bytes, requests: list[bytes], meter: Callable[[], tuple[float, ...]]
) -> Burst:
    opened = await asyncio.gather(
        *(_connect(port, warmup) for _ in requests), return_exceptions=True
    )
    streams = [s for s in opened if not isinstance(s, BaseException)]
    try:
        failed = [s for s in opened if isinstance(s, BaseException)]
        if failed:
            raise RuntimeError(f"{len(failed)} connections failed to warm up") from failed[0]
        await asyncio.sleep(0.2)  # let the server settle after the warm-up
        before = meter()
        started = time.perf_counter()
        answers = await asyncio.gather(
            *(_exchange(r, w, data) for (r, w), data in zip(streams, requests, strict=True))
        )
        seconds = time.perf_counter() - started
        metered = tuple(b - a for a, b in zip(before, meter(), strict=True))
        return Burst(list(answers), seconds, metered)
    finally:
        for _reader, writer in streams:
            writer.close()


def fire(
    port: int,
    warmup: bytes,
    requests: list[bytes],
    meter: Callable[[], tuple[float, ...]] = tuple,
) -> Burst:
    """Open one connection per request, warm each with ``warmup``, then send all at once.

    ``meter`` (e.g. CPU seconds used so far by the servers) is read right before the first
    request is sent and after the last answer: ``Burst.metered`` is the difference, the
    connections' warm-up requests left out.
    """
    return asyncio.run(_burst(port, warmup, requests, meter))


def send(port: int, data: bytes, timeout: float = 30) -> Answer:
    """One request on its own connection (blocking; for use from a thread)."""

    async def _send() -> Answer:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            return await asyncio.wait_for(_exchange(reader, writer, data), timeout)
        finally:
            writer.close()

    return asyncio.run(_send())
