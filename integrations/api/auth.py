"""Who is calling: a bearer token from ``settings.api_tokens`` names the RM."""

from __future__ import annotations

import hmac
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from fastapi import Request
from fastapi.security import HTTPAuthorizationCredentials

from integrations.api.errors import ApiError
from integrations.api.ratelimit import RateLimiter

CLIENT_HEADER = "x-frontline-client"


@dataclass(frozen=True)
class Caller:
    rm_id: str
    channel: Literal["api", "widget"]


class BearerAuth:
    """Maps bearer tokens to RM ids. Unknown or missing tokens get 401 + WWW-Authenticate."""

    def __init__(self, tokens: Mapping[str, str]) -> None:
        self._tokens = [(t.encode(), rm) for t, rm in tokens.items()]

    def rm_for(self, token: str) -> str | None:
        # Compare against every token in constant time: no early exit reveals a prefix match.
        given = token.encode()
        found = None
        for known, rm_id in self._tokens:
            if hmac.compare_digest(known, given):
                found = rm_id
        return found

    def caller(self, request: Request, credentials: HTTPAuthorizationCredentials | None) -> Caller:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise ApiError(
                401,
                "unauthorized",
                "A bearer token is required.",
                {"WWW-Authenticate": 'Bearer realm="frontline"'},
            )
        rm_id = self.rm_for(credentials.credentials.strip())
        if rm_id is None:
            raise ApiError(
                401,
                "invalid_token",
                "The bearer token is not valid.",
                {"WWW-Authenticate": 'Bearer realm="frontline", error="invalid_token"'},
            )
        client = request.headers.get(CLIENT_HEADER, "").strip().lower()
        return Caller(rm_id=rm_id, channel="widget" if client == "widget" else "api")


async def enforce_rate_limit(limiter: RateLimiter, caller: Caller) -> None:
    decision = await limiter.hit(caller.rm_id)
    if not decision.allowed:
        seconds = max(1, math.ceil(decision.retry_after_s))
        raise ApiError(
            429,
            "rate_limited",
            f"Too many requests; retry in {seconds} s.",
            {"Retry-After": str(seconds)},
        )
