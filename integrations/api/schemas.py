"""Request bodies of the HTTP API, and how they are read off the wire.

Bodies are parsed here rather than by FastAPI's body injection so that the checks run in the
order a caller expects: who you are (401), how fast (429), what you sent (415, 400, 422).
"""

from __future__ import annotations

import email.message
import json
from typing import Any, Literal, TypeVar

from fastapi import Request
from pydantic import BaseModel, Field, ValidationError

from integrations.api.errors import ApiError, validation_error

M = TypeVar("M", bound=BaseModel)


class ChatRequest(BaseModel):
    message: str = Field(
        min_length=1, description="The RM's question (at most 4,000 characters by default)."
    )
    conversation_id: str | None = Field(
        default=None,
        max_length=128,
        description="Continue this conversation; null starts a new one.",
    )
    language: Literal["zh", "en"] | None = Field(
        default=None, description="Answer language; null detects it."
    )


def json_body_spec(model: type[BaseModel]) -> dict[str, Any]:
    """OpenAPI ``requestBody`` for a route that reads its body with ``read_json``."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def _is_json(content_type: str | None) -> bool:
    if not content_type:
        return False
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


async def read_json(request: Request, model: type[M]) -> M:
    """The request body as ``model``: 415 for a non-JSON type, 400 for bad JSON, 422 for a
    body of the wrong shape."""
    if not _is_json(request.headers.get("content-type")):
        raise ApiError(415, "unsupported_media_type", "Send the body as application/json.")
    raw = await request.body()
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ApiError(400, "malformed_json", "The request body is not valid JSON.") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc) from None


def checked_message(body: ChatRequest, max_chars: int) -> str:
    text = body.message.strip()
    if not text:
        raise ApiError(422, "empty_message", "The message is empty.")
    if len(text) > max_chars:
        raise ApiError(
            422, "message_too_long", f"The message is longer than {max_chars} characters."
        )
    return text
