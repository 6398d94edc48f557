"""Security headers on every response; a strict CSP on the demo page."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEMO_PAGE_CSP = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"

# Paths other sites are meant to embed: the widget script is loaded cross-origin.
EMBEDDABLE_PATHS = frozenset({"/widget.js"})


def headers_for(path: str) -> dict[str, str]:
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }
    if path in EMBEDDABLE_PATHS:
        headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    else:
        headers["X-Frame-Options"] = "DENY"
    if path in ("/", "/dashboard"):  # pages of this origin's own scripts and styles only
        headers["Content-Security-Policy"] = DEMO_PAGE_CSP
        headers["Referrer-Policy"] = "no-referrer"
    elif path.startswith("/v1/"):
        headers["Content-Security-Policy"] = API_CSP
    return headers


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = headers_for(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
