"""Test doubles that implement the real interfaces: a fake ``AssistantCore`` and local HTTP
servers (a fake Slack Web API here; the Teams tests reuse ``RecordingServer``) that record the
exact bodies that left the process."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from assistant.core.types import (
    ActionItem,
    Answer,
    AnswerEvent,
    Citation,
    ClientCard,
    Conversation,
    ConversationTurn,
    DeltaEvent,
    Feedback,
    StatusEvent,
    Turn,
)

SECRET_FACT = "存款 1,234 万元"  # client data the tests hunt for in places it must not appear


def scripted_answer(turn: Turn, **overrides: Any) -> Answer:
    """A grounded answer with a client card, an action and a citation."""
    values: dict[str, Any] = dict(
        conversation_id=turn.conversation_id or "conv_new",
        turn_id=turn.turn_id,
        text="**华东精密**是战略客户，建议本周回访。\n- 代发工资\n- 存款到期提醒",
        language="zh",
        engine="offline",
        intent="serve_client",
        client_ids=["C000123"],
        cards=[
            ClientCard(client_id="C000123", name="华东精密", tier="战略客户", facts=[SECRET_FACT])
        ],
        actions=[ActionItem(title="本周回访", reason="存款下月到期", due="2026-07-01")],
        citations=[
            Citation(
                n=1,
                doc_id="tiering/service-standards",
                section="战略客户 > 服务频次",
                score=0.8,
                title="服务标准",
            )
        ],
    )
    values.update(overrides)
    return Answer(**values)


@dataclass
class FakeCore:
    """Implements ``AssistantCore``: scripted answers, a configurable delay, recorded calls."""

    users: dict[tuple[str, str], str] = field(default_factory=dict)  # (channel, user) -> RM
    delay_s: float = 0.0
    answer_factory: Callable[[Turn], Answer] = scripted_answer
    fail: bool = False
    turns: list[Turn] = field(default_factory=list)
    feedback: list[tuple[str, Feedback, str]] = field(default_factory=list)
    replies: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    _seen: set[tuple[str, str]] = field(default_factory=set)
    _answers: dict[tuple[str, str], Answer] = field(default_factory=dict)

    async def answer(self, turn: Turn) -> Answer:
        self.turns.append(turn)
        await asyncio.sleep(self.delay_s)
        if self.fail:
            raise RuntimeError("database password is hunter2")  # must never reach the user
        answer = self.answer_factory(turn)
        self._answers[(answer.conversation_id, answer.turn_id)] = answer
        return answer

    async def stream(self, turn: Turn) -> AsyncIterator[StatusEvent | DeltaEvent | AnswerEvent]:
        yield StatusEvent(text="正在检索服务标准…")
        answer = await self.answer(turn)
        yield DeltaEvent(text=answer.text)
        yield AnswerEvent(answer=answer)

    async def record_feedback(self, rm_id: str, feedback: Feedback, channel: str) -> bool:
        if (feedback.conversation_id, feedback.turn_id) not in self._answers:
            return False
        self.feedback.append((rm_id, feedback, channel))
        return True

    async def conversation(self, rm_id: str, conversation_id: str) -> Conversation | None:
        turns = [
            ConversationTurn(turn_id=a.turn_id, question="", answer=a)
            for (cid, _), a in self._answers.items()
            if cid == conversation_id
        ]
        return (
            Conversation(conversation_id=conversation_id, rm_id=rm_id, channel="slack", turns=turns)
            if turns
            else None
        )

    async def resolve_rm(self, channel: str, channel_user_id: str) -> str | None:
        return self.users.get((channel, channel_user_id))

    async def first_delivery(self, channel: str, key: str) -> bool:
        if (channel, key) in self._seen:
            return False
        self._seen.add((channel, key))
        return True

    async def link_replies(self, channel: str, message_ids: list[str], turn_id: str) -> None:
        conversation = next(c for c, t in self._answers if t == turn_id)
        for message_id in message_ids:
            self.replies.setdefault((channel, message_id), (conversation, turn_id))

    async def turn_of_reply(self, channel: str, message_id: str) -> tuple[str, str] | None:
        return self.replies.get((channel, message_id))


# --- a recording HTTP server on a random port ---------------------------------------------


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any  # parsed JSON, parsed form, or text


Responder = Callable[[Recorded], tuple[int, Any]]


class RecordingServer:
    """A Starlette app under uvicorn in a thread; ``responder`` decides each reply."""

    def __init__(self, responder: Responder) -> None:
        self.responder = responder
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        app = Starlette(
            routes=[Route("/{path:path}", self._handle, methods=["GET", "POST", "PUT", "DELETE"])]
        )
        self._server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    async def _handle(self, request: Request) -> Response:
        raw = (await request.body()).decode("utf-8", "replace")
        content_type = request.headers.get("content-type", "")
        body: Any = raw
        if "json" in content_type and raw:
            body = json.loads(raw)
        elif "form" in content_type:
            body = dict(parse_qsl(raw))
        record = Recorded(request.method, request.url.path, dict(request.headers), body)
        with self._lock:
            self.requests.append(record)
        status, payload = self.responder(record)
        if isinstance(payload, str):
            return Response(payload, status_code=status)
        return JSONResponse(payload, status_code=status)

    def start(self) -> RecordingServer:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("fake server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    @property
    def url(self) -> str:
        port = self._server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def snapshot(self) -> list[Recorded]:
        with self._lock:
            return list(self.requests)


async def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll until the background work the adapter started has produced what we expect."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the adapter")
        await asyncio.sleep(0.02)


# --- the fake Slack Web API -----------------------------------------------------------------

BOT_USER_ID = "UFRONTBOT"


class FakeSlackApi:
    """Answers ``/api/{method}`` like Slack does; ``fail`` maps a method to an error code or 500."""

    def __init__(self) -> None:
        self.fail: dict[str, str | int] = {}
        self._ts = 1700000000.0
        self.server = RecordingServer(self._respond)

    def _respond(self, record: Recorded) -> tuple[int, Any]:
        method = record.path.removeprefix("/api/")
        failure = self.fail.get(method)
        if isinstance(failure, int):
            return failure, "Internal Server Error"
        if failure:
            return 200, {"ok": False, "error": failure}
        if method == "auth.test":
            return 200, {
                "ok": True,
                "user_id": BOT_USER_ID,
                "bot_id": "BFRONT",
                "team_id": "T0001",
                "team": "Bank",
            }
        if method == "conversations.open":
            return 200, {"ok": True, "channel": {"id": "DNEW0001"}}
        if method in ("chat.postMessage", "chat.update"):
            self._ts += 1
            body = record.body if isinstance(record.body, dict) else {}
            return 200, {
                "ok": True,
                "channel": body.get("channel"),
                "ts": body.get("ts") or f"{self._ts:.6f}",
            }
        if method == "chat.postEphemeral":
            return 200, {"ok": True, "message_ts": f"{self._ts:.6f}"}
        return 200, {"ok": True}

    def calls(self, method: str) -> list[dict]:
        return [r.body for r in self.server.snapshot() if r.path == f"/api/{method}"]

    def methods(self) -> list[str]:
        return [
            r.path.removeprefix("/api/")
            for r in self.server.snapshot()
            if r.path != "/api/auth.test"
        ]
