"""Operational routes: liveness, readiness and Prometheus metrics."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from integrations.api.metrics import ApiMetrics

Readiness = Callable[[], Awaitable[dict[str, bool]]]
log = logging.getLogger("frontline.api")


def ops_router(metrics: ApiMetrics, readiness: Readiness | None, timeout_s: float) -> APIRouter:
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
    async def prometheus() -> Response:
        """Prometheus exposition of this app's metrics."""
        body, content_type = metrics.render()
        return Response(body, media_type=content_type)

    return router


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
