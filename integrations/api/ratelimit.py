"""Per-caller rate limiting behind a small interface.

Three implementations of ``RateLimiter``:

- ``InMemoryRateLimiter``: a token bucket per key in this process. Right for one process
  (the SQLite default); with several replicas each would grant the full budget.
- ``RedisRateLimiter``: the same token bucket, kept in Redis and updated by one Lua script,
  so every replica spends from one budget.
- ``DatabaseRateLimiter``: a fixed window per key in the application database (one atomic
  upsert a request) for replicas that share PostgreSQL but run without Redis. A window holds
  ``burst`` requests and lasts ``burst / rate`` — the same average rate and burst as the
  bucket, coarser at window edges.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from assistant.storage.ratelimits import RateCounters

log = logging.getLogger("frontline.ratelimit")


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


# Token bucket in one round trip: Redis runs the script atomically, so replicas never race.
# Redis's own clock (TIME) keeps replicas with skewed clocks consistent; floats go back as
# strings because Lua numbers are truncated to integers on the way out.
_BUCKET_LUA = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or burst
local ts = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = (1 - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 1)
return {allowed, tostring(retry)}
"""


class RedisRateLimiter:
    """The token bucket of ``InMemoryRateLimiter``, shared by every replica through Redis.

    If Redis cannot be reached the request is let through (and logged): the limiter protects
    capacity, and refusing every caller while Redis restarts would be the worse outage.
    """

    def __init__(
        self,
        client: Any,
        rate_per_minute: float = 30,
        burst: int = 10,
        *,
        prefix: str = "frontline",
    ) -> None:
        if rate_per_minute <= 0 or burst < 1:
            raise ValueError("rate_per_minute must be > 0 and burst >= 1")
        self._client = client  # a redis.asyncio.Redis
        self._script = client.register_script(_BUCKET_LUA)
        self._rate_per_s = rate_per_minute / 60.0
        self._burst = burst
        self._prefix = prefix

    @classmethod
    def from_url(
        cls, url: str, rate_per_minute: float = 30, burst: int = 10, *, prefix: str = "frontline"
    ) -> RedisRateLimiter:
        import redis.asyncio as aioredis

        client = aioredis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        return cls(client, rate_per_minute, burst, prefix=prefix)

    async def hit(self, key: str) -> RateDecision:
        try:
            allowed, retry = await self._script(
                keys=[f"{self._prefix}:ratelimit:{key}"], args=[self._rate_per_s, self._burst]
            )
        except Exception as exc:  # redis errors of every kind: fail open, loudly
            log.warning("rate limiter: Redis unavailable (%s); request allowed", type(exc).__name__)
            return RateDecision(allowed=True)
        return RateDecision(allowed=bool(int(allowed)), retry_after_s=float(retry))


class DatabaseRateLimiter:
    """Fixed windows counted in the application database; correct across replicas, slower
    than Redis (one short transaction a request)."""

    def __init__(self, counters: RateCounters, burst: int = 10) -> None:
        self._counters = counters
        self._burst = burst

    @classmethod
    def build(
        cls, sessions: Any, rate_per_minute: float = 30, burst: int = 10
    ) -> DatabaseRateLimiter:
        from assistant.storage.ratelimits import RateCounters

        if rate_per_minute <= 0 or burst < 1:
            raise ValueError("rate_per_minute must be > 0 and burst >= 1")
        return cls(RateCounters(sessions, window_s=burst * 60.0 / rate_per_minute), burst)

    async def hit(self, key: str) -> RateDecision:
        hits, left_s = await asyncio.to_thread(self._counters.hit, key)
        if hits <= self._burst:
            return RateDecision(allowed=True)
        return RateDecision(allowed=False, retry_after_s=max(left_s, 0.0))
