"""Errors at the HTTP edge: one JSON shape, ``{"error": {"code": ..., "message": ...}}``.

4xx messages explain what the caller can fix. 5xx bodies say only that something failed and
give a reference; the detail goes to the server log under the same reference.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.errors import (
    ConfigError,
    EntitlementError,
    FrontlineError,
    ImportValidationError,
    NotFoundError,
    UpstreamError,
    UserError,
)

log = logging.getLogger("frontline.api")

# Most specific first: the first matching class decides the status.
_STATUS_BY_ERROR: tuple[tuple[type[FrontlineError], int], ...] = (
    (NotFoundError, 404),
    (ImportValidationError, 422),
    (UserError, 400),
    (EntitlementError, 403),
    (UpstreamError, 503),
    (ConfigError, 500),
)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
}


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


class ApiError(Exception):
    """An error the edge answers with a given status, code and caller-facing message."""

    def __init__(
        self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def error_docs(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` entry for these error statuses: each answers an ``ErrorBody``."""
    return {s: {"model": ErrorBody} for s in statuses}


def error_payload(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_payload(code, message), status_code=status, headers=headers)


async def send_error(
    send: Send,
    status: int,
    code: str,
    message: str,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """Answer with an error from plain ASGI middleware (before any routing happened)."""
    body = json.dumps(error_payload(code, message)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def describe_failure(exc: BaseException) -> tuple[int, str, str]:
    """Status, stable code and caller-safe message for an exception; logs server-side faults."""
    if isinstance(exc, ApiError):
        return exc.status, exc.code, exc.message
    status = 500
    if isinstance(exc, FrontlineError):
        status = next((s for cls, s in _STATUS_BY_ERROR if isinstance(exc, cls)), 500)
        if status < 500:
            return status, exc.code, str(exc) or exc.code
    code = exc.code if isinstance(exc, FrontlineError) else "internal_error"
    ref = uuid.uuid4().hex[:12]
    log.error("request failed [ref %s]", ref, exc_info=exc)
    if status == 503:
        return status, code, f"A service Frontline depends on is unavailable. Reference: {ref}."
    return status, code, f"Something went wrong on our side. Reference: {ref}."


def _validation_message(exc: ValidationError | RequestValidationError) -> tuple[int, str, str]:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return 400, "malformed_json", "The request body is not valid JSON."
    first = errors[0] if errors else {}
    loc = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
    if loc == "message" and first.get("type") == "string_too_short":
        return 422, "empty_message", "The message is empty."
    return 422, "invalid_request", f"{loc}: {first.get('msg', 'invalid value')}"


def validation_error(exc: ValidationError | RequestValidationError) -> ApiError:
    return ApiError(*_validation_message(exc))


def install_error_handlers(app: FastAPI) -> None:
    """Translate every error raised inside routing into the JSON error shape."""

    async def on_api_error(_: Request, exc: Exception) -> JSONResponse:
        status, code, message = describe_failure(exc)
        headers = exc.headers if isinstance(exc, ApiError) else None
        return error_response(status, code, message, headers)

    async def on_validation(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return error_response(*_validation_message(exc))

    async def on_http(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        message = exc.detail if isinstance(exc.detail, str) and exc.status_code < 500 else code
        return error_response(exc.status_code, code, message, exc.headers)

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(FrontlineError, on_api_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)


class CatchAllMiddleware:
    """Turn any unhandled exception into a generic 500 JSON body (detail logged, not sent)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started:  # too late for an error body; the server closes the connection
                raise
            status, code, message = describe_failure(exc)
            await send_error(send, status, code, message)
