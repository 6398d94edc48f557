"""Per-caller rate limiting behind a small interface.

The in-memory token bucket suits a single process; a shared store (Redis) can implement the
same ``RateLimiter`` protocol when the API runs as several replicas.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    retry_after_s: float = 0.0


class RateLimiter(Protocol):
    async def hit(self, key: str) -> RateDecision:
        """Spend one request for ``key``; say whether it may proceed and, if not, when to retry."""
        ...


@dataclass
class _Bucket:
    tokens: float
    updated: float


class InMemoryRateLimiter:
    """Token bucket per key: ``burst`` requests at once, refilled at ``rate_per_minute``."""

    def __init__(
        self,
        rate_per_minute: float = 30,
        burst: int = 10,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        if rate_per_minute <= 0 or burst < 1:
            raise ValueError("rate_per_minute must be > 0 and burst >= 1")
        self._refill_per_s = rate_per_minute / 60.0
        self._burst = float(burst)
        self._clock = clock
        self._max_keys = max_keys
        self._buckets: dict[str, _Bucket] = {}

    async def hit(self, key: str) -> RateDecision:
        # No await between read and write: atomic on the event loop without a lock.
        now = self._clock()
        bucket = self._buckets.get(key) or self._new_bucket(key, now)
        bucket.tokens = min(
            self._burst, bucket.tokens + (now - bucket.updated) * self._refill_per_s
        )
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return RateDecision(allowed=True)
        return RateDecision(allowed=False, retry_after_s=(1 - bucket.tokens) / self._refill_per_s)

    def _new_bucket(self, key: str, now: float) -> _Bucket:
        if len(self._buckets) >= self._max_keys:
            self._forget_full_buckets(now)
        bucket = self._buckets[key] = _Bucket(tokens=self._burst, updated=now)
        return bucket

    def _forget_full_buckets(self, now: float) -> None:
        """Drop callers whose bucket has refilled: forgetting them changes no decision."""
        full_after = self._burst / self._refill_per_s
        idle = [k for k, b in self._buckets.items() if now - b.updated >= full_after]
        for key in idle:
            del self._buckets[key]
