"""Operational routes: liveness, readiness and Prometheus metrics.

``/metrics`` tells an attacker what the server does and how busy it is: it answers a caller
with the metrics token (``FRONTLINE_METRICS_TOKEN``) or, when none is set, a loopback caller
only (a scraper beside the process)."""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from integrations.api.metrics import ApiMetrics

Readiness = Callable[[], Awaitable[dict[str, bool]]]
log = logging.getLogger("frontline.api")


def ops_router(
    metrics: ApiMetrics,
    readiness: Readiness | None,
    timeout_s: float,
    metrics_token: str | None = None,
) -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @router.get("/readyz", responses={503: {"description": "A dependency is not ready."}})
    async def readyz() -> JSONResponse:
        """Every dependency answers; 503 with the per-check results when one does not."""
        checks = await _run_checks(readiness, timeout_s)
        return JSONResponse(checks, status_code=200 if all(checks.values()) else 503)

    @router.get("/metrics", response_class=Response)
    async def prometheus(request: Request) -> Response:
        """Prometheus exposition of this app's metrics."""
        if not _may_scrape(request, metrics_token):
            return JSONResponse(
                {"error": {"code": "forbidden", "message": "Metrics need the metrics token."}},
                status_code=403,
            )
        body, content_type = metrics.render()
        return Response(body, media_type=content_type)

    return router


def _may_scrape(request: Request, token: str | None) -> bool:
    if token is not None:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token)
    return is_loopback(request.client.host if request.client else "")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


async def _run_checks(readiness: Readiness | None, timeout_s: float) -> dict[str, bool]:
    if readiness is None:
        return {}
    try:
        return {
            name: bool(ok) for name, ok in (await asyncio.wait_for(readiness(), timeout_s)).items()
        }
    except Exception:
        log.exception("readiness check failed")
        return {"readiness": False}
