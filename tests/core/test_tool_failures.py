"""A tool that fails mid-turn never reaches a user as a traceback: the core answers with one
clear sentence (flag ``engine:tool_error``), and every channel shows that answer — the CLI,
the HTTP API, Slack, Teams and the eval runner — over the real core and the demo bank."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from assistant import cli
from assistant.core.types import Turn
from evals.runner import run_eval
from integrations.api import create_app
from tests.conftest import make_settings
from tests.slack.harness import slack_dm
from tests.teams.harness import FakeBotService, make_token, signed_teams_app
from tests.teams.harness import load as load_activity
from tools.toolbox import ToolError, registry

QUESTION = "C000029持有哪些产品？"
NOTICE = "这次没能完成"  # the start of the tool_failed sentence
FAILING_TOOL = "get_client_profile"


def _broken(_tb, _args):
    raise ToolError("unknown product XYZ99")  # what a catalogue the engine did not expect did


@pytest.fixture
def broken_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry()[FAILING_TOOL], "run", _broken)


def shows_notice(text: str) -> bool:
    return NOTICE in text and "Traceback" not in text and "XYZ99" not in text


def test_when_a_tool_fails_then_the_core_answers_with_a_notice(demo, broken_tool) -> None:
    fl, _ = demo
    answer = asyncio.run(fl.core.answer(Turn(text=QUESTION, channel="cli", rm_id="RM001")))
    assert shows_notice(answer.text) and "engine:tool_error" in answer.flags
    assert answer.intent == "client_facts" and FAILING_TOOL in answer.text


def test_when_a_tool_fails_then_frontline_ask_prints_the_notice(
    demo, broken_tool, monkeypatch: pytest.MonkeyPatch
) -> None:
    fl, _ = demo
    monkeypatch.setattr(cli, "_frontline", lambda *a, **k: fl)
    result = CliRunner().invoke(cli.app, ["ask", QUESTION, "--as", "RM001"])
    assert result.exit_code == 0 and result.exception is None
    assert shows_notice(result.output)


def test_when_a_tool_error_escapes_the_core_then_the_cli_prints_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def app() -> None:
        raise ToolError("unknown product XYZ99")

    monkeypatch.setattr(cli, "app", app)
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    err = capsys.readouterr().err
    assert exit_.value.code == 1 and err.count("\n") == 1 and "Traceback" not in err


async def test_when_a_tool_fails_then_the_api_answers_200_with_the_notice(
    demo, broken_tool, tmp_path: Path
) -> None:
    fl, _ = demo
    settings = make_settings(tmp_path / "home", api_tokens="tok-rm001:RM001")
    transport = httpx.ASGITransport(app=create_app(fl.core, settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        resp = await http.post(
            "/v1/chat", json={"message": QUESTION}, headers={"Authorization": "Bearer tok-rm001"}
        )
    assert resp.status_code == 200 and shows_notice(resp.json()["text"])


async def test_when_a_tool_fails_then_slack_shows_the_notice(
    demo, broken_tool, tmp_path: Path
) -> None:
    fl, _ = demo
    user = fl.bank.get_rm("RM001").slack_user_id
    async with slack_dm(fl.core, tmp_path / "home", QUESTION, user=user) as api:
        assert shows_notice(json.dumps(api.calls("chat.update")[-1], ensure_ascii=False))


async def test_when_a_tool_fails_then_teams_shows_the_notice(
    demo, broken_tool, tmp_path: Path
) -> None:
    fl, _ = demo
    bot = FakeBotService()
    bot.server.start()
    try:
        app, _, _ = signed_teams_app(fl.core, tmp_path / "home", bot)
        activity = load_activity("personal_message.json", f"{bot.server.url}/teams/")
        activity["text"] = QUESTION
        # A fresh activity id: the shared demo bank's dedupe has seen the fixture's own.
        activity["id"] = f"tool-failure-{time.time_ns()}"
        activity["from"]["aadObjectId"] = fl.bank.get_rm("RM001").teams_aad_id
        token = make_token(service_url=activity["serviceUrl"])
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            resp = await http.post(
                "/api/messages", json=activity, headers={"Authorization": f"Bearer {token}"}
            )
        assert resp.status_code < 300
        assert shows_notice(json.dumps(bot.messages(), ensure_ascii=False))
    finally:
        bot.server.stop()


def test_when_a_tool_fails_then_the_eval_case_is_answered_not_errored(
    demo, broken_tool, tmp_path: Path
) -> None:
    fl, _ = demo
    dataset = tmp_path / "one.jsonl"
    case = {"id": "broken-1", "as_rm": "RM001", "question": QUESTION, "expect": {}}
    dataset.write_text(json.dumps(case, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = run_eval(fl, dataset, tmp_path / "out", engine="offline", progress=False)
    record = json.loads((tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8"))
    assert record.get("error") is None and shows_notice(record["answer"]["text"])
    assert summary.metrics["errored_unexpected"] == 0
