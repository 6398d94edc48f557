"""A local fake OpenAI-compatible server: ``POST /v1/chat/completions`` plays a script of
replies (streamed as SSE chunks with ``delta.tool_calls``, or as one JSON body) and records
every request body, so tests can assert on exactly what left the process.

A script step is a :class:`Reply` or a function of the request body returning one (the fake
"model" reads client tokens and ids from the conversation it was sent, as a real one would).
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from assistant.engines.llm.middleware import unfence
from testkit.servers import BackgroundServer

TOKEN = re.compile(r"⟦[A-Z_]+_\d+⟧")
CLIENT_ID = re.compile(r"\bC\d{6}\b")


@dataclass
class Reply:
    content: str | None = None
    tool_calls: list[tuple[str, dict | str]] = field(
        default_factory=list
    )  # (name, args or raw JSON text)
    status: int = 200
    delay_s: float = 0.0


def say(content: str) -> Reply:
    return Reply(content=content)


def call(name: str, args: dict | str, *more: tuple[str, dict | str]) -> Reply:
    return Reply(tool_calls=[(name, args), *more])


Step = Reply | Callable[[dict], Reply]


@dataclass
class Recorded:
    body: dict
    raw: bytes
    server_s: float = 0.0  # time spent producing the response
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The body as readable text (the SDK escapes non-ASCII, so raw bytes would hide PII)."""
        return json.dumps(self.body, ensure_ascii=False)

    @property
    def messages(self) -> list[dict]:
        return self.body.get("messages", [])


class FakeOpenAI:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._script: list[Step] = []
        self.repeat_last = False
        self._server = BackgroundServer(self.app(), name="fake OpenAI server")

    # --- scripting ------------------------------------------------------------------------
    def play(self, *steps: Step, repeat_last: bool = False) -> FakeOpenAI:
        self._script, self.repeat_last = list(steps), repeat_last
        self.requests = []
        return self

    @property
    def base_url(self) -> str:
        return f"{self._server.url}/v1"

    def _next(self, body: dict) -> Reply:
        if not self._script:
            return Reply(status=500, content="script exhausted")
        step = (
            self._script[0]
            if (self.repeat_last and len(self._script) == 1)
            else self._script.pop(0)
        )
        return step(body) if callable(step) else step

    # --- HTTP -----------------------------------------------------------------------------
    async def _completions(self, request: Request) -> Response:
        started = time.perf_counter()
        raw = await request.body()
        record = Recorded(json.loads(raw), raw, headers=dict(request.headers))
        self.requests.append(record)
        reply = self._next(record.body)
        if reply.delay_s:
            await asyncio.sleep(reply.delay_s)
        if reply.status != 200:
            record.server_s = time.perf_counter() - started
            return JSONResponse(
                {"error": {"message": reply.content or "error", "type": "server_error"}},
                status_code=reply.status,
            )
        model = record.body.get("model", "fake")
        if not record.body.get("stream"):
            record.server_s = time.perf_counter() - started
            return JSONResponse(_completion(reply, model))
        return StreamingResponse(
            self._sse(reply, model, record, started), media_type="text/event-stream"
        )

    async def _sse(
        self, reply: Reply, model: str, record: Recorded, started: float
    ) -> AsyncIterator[bytes]:
        for chunk in _chunks(reply, model):
            yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode()
        yield b"data: [DONE]\n\n"
        record.server_s = time.perf_counter() - started

    def app(self) -> Starlette:
        return Starlette(
            routes=[Route("/v1/chat/completions", self._completions, methods=["POST"])]
        )

    # --- lifecycle ------------------------------------------------------------------------
    def start(self) -> FakeOpenAI:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop(timeout_s=5)


def _args_text(args: dict | str) -> str:
    return args if isinstance(args, str) else json.dumps(args, ensure_ascii=False)


def _completion(reply: Reply, model: str) -> dict:
    message: dict[str, Any] = {"role": "assistant", "content": reply.content}
    if reply.tool_calls:
        message["tool_calls"] = [
            {
                "id": f"call_{uuid.uuid4().hex[:10]}",
                "type": "function",
                "function": {"name": name, "arguments": _args_text(args)},
            }
            for name, args in reply.tool_calls
        ]
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": "tool_calls" if reply.tool_calls else "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunks(reply: Reply, model: str) -> list[dict]:
    cid, created = f"chatcmpl-{uuid.uuid4().hex[:12]}", int(time.time())

    def chunk(delta: dict, finish: str | None = None) -> dict:
        return {
            "id": cid,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }

    out = [chunk({"role": "assistant", "content": ""})]
    text = reply.content or ""
    out += [chunk({"content": text[i : i + 7]}) for i in range(0, len(text), 7)]
    for index, (name, args) in enumerate(reply.tool_calls):
        out.append(
            chunk(
                {
                    "tool_calls": [
                        {
                            "index": index,
                            "id": f"call_{uuid.uuid4().hex[:10]}",
                            "type": "function",
                            "function": {"name": name, "arguments": ""},
                        }
                    ]
                }
            )
        )
        raw = _args_text(args)
        out += [
            chunk({"tool_calls": [{"index": index, "function": {"arguments": raw[i : i + 9]}}]})
            for i in range(0, len(raw), 9)
        ]
    out.append(chunk({}, "tool_calls" if reply.tool_calls else "stop"))
    return out


# --- reading the conversation the fake model was sent ------------------------------------------
def last_user(body: dict) -> str:
    return next(m["content"] for m in reversed(body["messages"]) if m["role"] == "user")


def last_tool(body: dict) -> dict:
    content = next(m["content"] for m in reversed(body["messages"]) if m["role"] == "tool")
    return json.loads(unfence(content))


def client_token(text: str) -> str:
    return next(tok for tok in TOKEN.findall(text) if tok.startswith("⟦CLIENT_"))


def tool_messages(body: dict) -> list[dict]:
    return [m for m in body["messages"] if m["role"] == "tool"]
