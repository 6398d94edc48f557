"""Serves ``/widget.js`` and the demo page at ``/``."""

from __future__ import annotations

import hashlib
import html
from pathlib import Path
from string import Template

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

_HERE = Path(__file__).parent
WIDGET_CACHE_CONTROL = "public, max-age=300, must-revalidate"


def widget_router(demo_token: str | None) -> APIRouter:
    """Routes for the widget script and the demo page; the files are read once, here."""
    script = (_HERE / "widget.js").read_bytes()
    etag = '"' + hashlib.sha256(script).hexdigest()[:32] + '"'
    page = _demo_page(demo_token)
    stylesheet = (_HERE / "demo.css").read_bytes()
    router = APIRouter(include_in_schema=False)

    @router.get("/widget.js")
    async def widget_js(request: Request) -> Response:
        headers = {"Cache-Control": WIDGET_CACHE_CONTROL, "ETag": etag}
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(script, media_type="text/javascript; charset=utf-8", headers=headers)

    @router.get("/demo.css")
    async def demo_css() -> Response:
        return Response(
            stylesheet,
            media_type="text/css; charset=utf-8",
            headers={"Cache-Control": WIDGET_CACHE_CONTROL},
        )

    @router.get("/")
    async def demo() -> HTMLResponse:
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    return router


def _demo_page(demo_token: str | None) -> str:
    if demo_token is None:
        return (_HERE / "setup.html").read_text(encoding="utf-8")
    template = Template((_HERE / "demo.html").read_text(encoding="utf-8"))
    return template.substitute(token=html.escape(demo_token, quote=True))
