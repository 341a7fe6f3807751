"""Sustained load for bench/station.py: N keep-alive clients, each sending its next request as
soon as the last is answered (a closed loop), until a fixed number of requests is answered or
a time limit runs out. Requests are built and answers read with bench/_burst.py.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field

from _burst import read_answer


@dataclass
class Load:
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    failures: list[tuple[int, bytes]] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    def ms(self, quantile: float) -> float:
        if len(self.latencies) < 2:
            return (self.latencies or [0.0])[0] * 1000
        cuts = statistics.quantiles(sorted(self.latencies), n=100, method="inclusive")
        return cuts[round(quantile * 100) - 1] * 1000


async def _client(port: int, data: bytes, load: Load, budget: list[int], deadline: float):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while budget[0] > 0 and time.perf_counter() < deadline:
            budget[0] -= 1
            started = time.perf_counter()
            writer.write(data)
            await writer.drain()
            answer = await read_answer(reader)
            load.latencies.append(time.perf_counter() - started)
            if answer.status != 200:
                load.failures.append((answer.status, answer.body[:300]))
            if answer.headers.get("connection", "").lower() == "close":
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
    finally:
        writer.close()


async def _run(port: int, requests: list[bytes], clients: int, total: int, limit: float) -> Load:
    load = Load()
    budget = [total]
    started = time.perf_counter()
    await asyncio.gather(
        *(
            _client(port, requests[n % len(requests)], load, budget, started + limit)
            for n in range(clients)
        )
    )
    load.seconds = time.perf_counter() - started
    return load


def run(port: int, requests: list[bytes], *, clients: int, total: int, limit: float) -> Load:
    """Answer ``total`` requests with ``clients`` concurrent connections (client ``n`` sends
    ``requests[n % len(requests)]`` again and again), or stop after ``limit`` seconds."""
    return asyncio.run(_run(port, requests, clients, total, limit))
