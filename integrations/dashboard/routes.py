"""Serves ``/dashboard`` (the page), ``/dashboard.js`` and ``/dashboard.css``: no external
asset, a strict CSP (``integrations.api.security``). The content comes from
``GET /v1/dashboard`` with the reader's token, rendered on the server."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

_HERE = Path(__file__).parent
CACHE = "public, max-age=300, must-revalidate"


def dashboard_router() -> APIRouter:
    page = (_HERE / "dashboard.html").read_text(encoding="utf-8")
    script = (_HERE / "dashboard.js").read_bytes()
    style = (_HERE / "dashboard.css").read_bytes()
    router = APIRouter(include_in_schema=False)

    @router.get("/dashboard")
    async def dashboard() -> HTMLResponse:
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    @router.get("/dashboard.js")
    async def dashboard_js() -> Response:
        return Response(
            script, media_type="text/javascript; charset=utf-8", headers={"Cache-Control": CACHE}
        )

    @router.get("/dashboard.css")
    async def dashboard_css() -> Response:
        return Response(
            style, media_type="text/css; charset=utf-8", headers={"Cache-Control": CACHE}
        )

    return router
