"""Chat, streaming, conversations and feedback through the real ASGI app."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from assistant.config import Settings
from assistant.errors import (
    EntitlementError,
    FrontlineError,
    NotFoundError,
    UpstreamError,
    UserError,
)
from integrations.api import create_app
from testkit.fake_core import SECRET_DETAIL, FakeCore
from tests.api.conftest import RM2_TOKEN, auth, make_client, parse_sse
from tests.api.fakes import api_core, failing_core


async def test_chat_returns_the_answer_object(client: httpx.AsyncClient, core: FakeCore) -> None:
    response = await client.post(
        "/v1/chat", json={"message": "serve 华东精密", "language": "zh"}, headers=auth()
    )
    assert response.status_code == 200
    answer = response.json()
    assert {
        "conversation_id",
        "turn_id",
        "text",
        "language",
        "engine",
        "intent",
        "citations",
        "tool_calls",
        "client_ids",
        "refused",
        "refusal_reason",
        "flags",
        "latency_ms",
        "cards",
        "actions",
    } <= answer.keys()
    assert answer["citations"][0] == {
        "n": 1,
        "doc_id": "products/payroll",
        "section": "代发工资 > 方案设计",
        "score": 0.83,
        "title": "Payroll services playbook",
        "effective_date": "2026-01-01",
        "stale": False,
    }
    assert (core.turns[-1].text, core.turns[-1].language) == ("serve 华东精密", "zh")


async def test_message_is_trimmed_before_it_reaches_the_core(
    client: httpx.AsyncClient, core: FakeCore
) -> None:
    await client.post("/v1/chat", json={"message": "  hi \n"}, headers=auth())
    assert core.turns[-1].text == "hi"


async def test_conversation_id_continues_the_conversation(
    client: httpx.AsyncClient, core: FakeCore
) -> None:
    first = (await client.post("/v1/chat", json={"message": "one"}, headers=auth())).json()
    body = {"message": "two", "conversation_id": first["conversation_id"]}
    second = (await client.post("/v1/chat", json=body, headers=auth())).json()
    assert second["conversation_id"] == first["conversation_id"]
    assert core.turns[-1].conversation_id == first["conversation_id"]


async def test_stream_sends_status_then_deltas_then_answer(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/chat/stream", json={"message": "hi"}, headers=auth())
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(response.text)
    names = [name for name, _ in events]
    assert names[0] == "status"
    assert names[-1] == "answer"
    assert set(names[1:-1]) == {"delta"} and len(names) >= 4
    answer = json.loads(events[-1][1])
    assert (
        "".join(json.loads(data)["text"] for name, data in events if name == "delta")
        == answer["text"]
    )


async def test_when_core_fails_mid_stream_then_error_event_with_stable_code_and_no_detail(
    api_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    async with make_client(create_app(failing_core(), api_settings)) as c:
        response = await c.post("/v1/chat/stream", json={"message": "hi"}, headers=auth())
    events = parse_sse(response.text)
    assert [n for n, _ in events][:2] == ["status", "delta"]
    assert events[-1][0] == "error" and "answer" not in [n for n, _ in events]
    error = json.loads(events[-1][1])["error"]
    assert error["code"] == "internal_error"
    assert "hunter2" not in response.text and "CoreBroke" not in response.text
    assert SECRET_DETAIL in caplog.text  # logged server-side, under the reference given out
    assert error["message"].split("Reference: ")[1].rstrip(".") in caplog.text


async def test_when_core_fails_then_500_body_is_generic(
    api_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    async with make_client(create_app(failing_core(), api_settings)) as c:
        response = await c.post("/v1/chat", json={"message": "hi"}, headers=auth())
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    for leak in ("hunter2", "db-internal", "Traceback", "CoreBroke", "fake_core"):
        assert leak not in response.text
    assert SECRET_DETAIL in caplog.text


@pytest.mark.parametrize(
    ("error", "status", "code", "shows_message"),
    [
        (NotFoundError("no such thing"), 404, "not_found", True),
        (UserError("bad question"), 400, "bad_request", True),
        (EntitlementError("not your client"), 403, "forbidden", True),
        (UpstreamError(f"chroma down {SECRET_DETAIL}"), 503, "upstream_error", False),
        (FrontlineError(f"odd {SECRET_DETAIL}"), 500, "frontline_error", False),
    ],
)
async def test_frontline_errors_map_by_class_and_code(
    api_settings: Settings, error: FrontlineError, status: int, code: str, shows_message: bool
) -> None:
    async with make_client(create_app(api_core(lookup_error=error), api_settings)) as c:
        response = await c.get("/v1/conversations/c1", headers=auth())
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert (str(error) in response.text) is shows_message
    assert "hunter2" not in response.text


async def test_conversation_is_visible_to_its_owner_only(client: httpx.AsyncClient) -> None:
    answer = (await client.post("/v1/chat", json={"message": "mine"}, headers=auth())).json()
    path = f"/v1/conversations/{answer['conversation_id']}"
    own = await client.get(path, headers=auth())
    assert own.status_code == 200
    assert own.json()["rm_id"] == "RM001"
    assert [t["question"] for t in own.json()["turns"]] == ["mine"]
    other = await client.get(path, headers=auth(RM2_TOKEN))
    assert other.status_code == 404
    assert other.json()["error"]["code"] == "not_found"
    assert (await client.get(path, headers=auth(RM2_TOKEN))).text == (
        await client.get("/v1/conversations/conv_never_existed", headers=auth(RM2_TOKEN))
    ).text


async def test_feedback_is_recorded_by_the_core(client: httpx.AsyncClient, core: FakeCore) -> None:
    answer = (await client.post("/v1/chat", json={"message": "q"}, headers=auth())).json()
    body = {
        "conversation_id": answer["conversation_id"],
        "turn_id": answer["turn_id"],
        "rating": "down",
        "comment": "missed the maturity date",
    }
    response = await client.post(
        "/v1/feedback", json=body, headers=auth(**{"X-Frontline-Client": "widget"})
    )
    assert response.status_code == 204 and response.content == b""
    rm_id, feedback, channel = core.feedback[-1]
    assert (rm_id, feedback.rating, feedback.comment, channel) == (
        "RM001",
        "down",
        "missed the maturity date",
        "widget",
    )


async def test_feedback_on_unknown_or_foreign_turn_is_404(
    client: httpx.AsyncClient, core: FakeCore
) -> None:
    answer = (await client.post("/v1/chat", json={"message": "q"}, headers=auth())).json()
    unknown = {"conversation_id": answer["conversation_id"], "turn_id": "turn_nope", "rating": "up"}
    foreign = {
        "conversation_id": answer["conversation_id"],
        "turn_id": answer["turn_id"],
        "rating": "up",
    }
    assert (await client.post("/v1/feedback", json=unknown, headers=auth())).status_code == 404
    assert (
        await client.post("/v1/feedback", json=foreign, headers=auth(RM2_TOKEN))
    ).status_code == 404
    assert core.feedback == []


@pytest.mark.parametrize(
    "body",
    [
        {"conversation_id": "c", "turn_id": "t", "rating": "meh"},
        {"conversation_id": "c", "rating": "up"},
        {"conversation_id": "c", "turn_id": "t", "rating": "up", "comment": "x" * 2001},
    ],
)
async def test_feedback_with_wrong_shape_is_422(client: httpx.AsyncClient, body: dict) -> None:
    response = await client.post("/v1/feedback", json=body, headers=auth())
    assert response.status_code == 422
