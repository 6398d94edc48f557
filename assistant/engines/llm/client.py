"""``chat.completions.create`` without the OpenAI SDK's per-call request transformation.

``ChatOpenAI`` already builds a JSON-ready body (plain dicts for messages and tool schemas).
The SDK then walks that whole body again against its typed parameter definitions to apply
aliases and formats that chat completions never use — about 10 ms per call with nine tool
schemas, five calls in a typical serve turn (measured with ``python -m benchmarks.llm_overhead``
and cProfile). It also builds a pydantic object per streamed chunk that LangChain turns straight
back into a dict. :class:`DirectCompletions` posts the body as it is and streams the chunks as
dicts, through the same client: same base URL, key, timeout, retries and error types.

Everything else (``with_raw_response``, ``parse``…) is delegated to the SDK's own resource.
"""

from __future__ import annotations

from typing import Any

import openai
from openai._base_client import make_request_options

_OPTION_KEYS = ("extra_headers", "extra_query", "extra_body", "timeout")


class DirectCompletions:
    """Stands in for ``AsyncOpenAI().chat.completions`` where ``ChatOpenAI`` calls ``create``."""

    def __init__(self, client: openai.AsyncOpenAI) -> None:
        self._client = client
        self._sdk = client.chat.completions

    async def create(self, **params: Any) -> Any:
        options = {key: params.pop(key) for key in _OPTION_KEYS if key in params}
        stream = bool(params.get("stream"))
        return await self._client.post(
            "/chat/completions",
            body=params,
            cast_to=object,  # the parsed JSON as it came: LangChain reads dicts
            options=make_request_options(**options, security={"bearer_auth": True}),
            stream=stream,
            stream_cls=openai.AsyncStream[object],
        )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sdk, name)


def use_direct_completions(model: Any) -> None:
    """Point a ``ChatOpenAI``'s async calls at :class:`DirectCompletions`."""
    if model.root_async_client is not None:
        model.async_client = DirectCompletions(model.root_async_client)
