"""Suggested seat quotas: the on-site seats shared out in proportion to each municipality's
demand (largest remainder), never more than a municipality asks for, never more than there are."""

from __future__ import annotations


def suggest_quotas(demand: dict[int, int], seats: int) -> dict[int, int]:
    """Seats per municipality id. When the seats cover all the demand, each municipality gets
    what it asks for and the rest stays open to all; otherwise the seats are shared out by
    the largest-remainder method, ties going to the municipality with the larger demand."""
    asking = {m: n for m, n in demand.items() if n > 0}
    total = sum(asking.values())
    if seats <= 0 or not total:
        return {}
    if total <= seats:
        return dict(asking)
    shares = {m: seats * n / total for m, n in asking.items()}
    quotas = {m: int(share) for m, share in shares.items()}
    left = seats - sum(quotas.values())
    order = sorted(asking, key=lambda m: (-(shares[m] - quotas[m]), -asking[m], m))
    for m in order[:left]:
        quotas[m] += 1
    return {m: n for m, n in quotas.items() if n}
