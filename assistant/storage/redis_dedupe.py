"""Cross-replica delivery dedupe in Redis: SET NX with a TTL longer than Slack's retry window."""

from __future__ import annotations

import redis.asyncio as aioredis


class RedisDedupe:
    def __init__(self, url: str, ttl_s: int = 3600, *, prefix: str = "frontline") -> None:
        self._client = aioredis.Redis.from_url(url, socket_timeout=2)
        self._ttl = ttl_s
        self._prefix = prefix

    async def first(self, key: str) -> bool:
        return bool(
            await self._client.set(f"{self._prefix}:delivery:{key}", b"1", nx=True, ex=self._ttl)
        )
