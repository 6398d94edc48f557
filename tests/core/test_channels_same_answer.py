"""The same question gives the same Answer whichever channel asks: CLI (the core directly),
the HTTP API, Slack (signed event, real bolt) and Teams (real Agents SDK, JWT-checked) — all
over the real core and the demo bank. Adapters only translate."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from assistant.core.types import Answer, Turn
from integrations.api import create_app
from testkit.recording import Recording
from tests.conftest import make_settings
from tests.slack.harness import slack_dm
from tests.teams.harness import FakeBotService, make_token, signed_teams_app, teams_app
from tests.teams.harness import load as load_activity

QUESTION = "C000029持有哪些产品？"


def essence(answer: Answer) -> tuple:
    return (
        answer.intent,
        answer.language,
        answer.engine,
        answer.client_ids,
        [c.doc_id for c in answer.citations],
        [t.name for t in answer.tool_calls],
        answer.refused,
        answer.text,
    )


@pytest.fixture(scope="module")
def reference(demo) -> Answer:
    fl, _ = demo
    return asyncio.run(fl.core.answer(Turn(text=QUESTION, channel="cli", rm_id="RM001")))


async def test_when_asked_over_the_api_then_the_answer_matches_the_cli(
    demo, reference, tmp_path
) -> None:
    fl, _ = demo
    settings = make_settings(tmp_path / "home", api_tokens="tok-rm001:RM001")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(fl.core, settings)), base_url="http://t"
    ) as http:
        resp = await http.post(
            "/v1/chat", json={"message": QUESTION}, headers={"Authorization": "Bearer tok-rm001"}
        )
    assert resp.status_code == 200
    assert essence(Answer.model_validate(resp.json())) == essence(reference)


async def test_when_asked_in_a_slack_dm_then_the_answer_matches_the_cli(
    demo, reference, tmp_path
) -> None:
    fl, _ = demo
    core = Recording(fl.core)
    user = fl.bank.get_rm("RM001").slack_user_id
    async with slack_dm(core, tmp_path / "home", QUESTION, user=user) as api:
        posted = json.dumps(api.calls("chat.update")[-1], ensure_ascii=False)
    assert essence(core.answers[0]) == essence(reference)
    assert "华东精密机械有限公司" in posted and "get_client_profile" not in posted


async def test_when_asked_in_a_teams_personal_chat_then_the_answer_matches_the_cli(
    demo, reference, tmp_path
) -> None:
    fl, _ = demo
    bot = FakeBotService()
    bot.server.start()
    try:
        core = Recording(fl.core)
        app, auth, settings = signed_teams_app(core, tmp_path / "home", bot)
        activity = load_activity("personal_message.json", f"{bot.server.url}/teams/")
        activity["text"] = QUESTION
        activity["from"]["aadObjectId"] = fl.bank.get_rm("RM001").teams_aad_id
        token = make_token(service_url=activity["serviceUrl"])
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://t"
        ) as http:
            resp = await http.post(
                "/api/messages", json=activity, headers={"Authorization": f"Bearer {token}"}
            )
            assert resp.status_code < 300
            assert essence(core.answers[0]) == essence(reference)
            assert any(
                "华东精密机械有限公司" in json.dumps(m, ensure_ascii=False) for m in bot.messages()
            )
            # Teams' thumbs-down cites only the posted message; another replica (its own app,
            # nothing in memory) receives it and still finds the turn in the database.
            final = bot.messages()[-1]
            invoke = load_activity("submit_action_feedback.json", f"{bot.server.url}/teams/")
            invoke["from"]["aadObjectId"] = activity["from"]["aadObjectId"]
            invoke["replyToId"] = next(
                e["streamId"] for e in final["entities"] if e["type"] == "streaminfo"
            )
            replica = teams_app(fl.core, settings, auth)
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=replica), base_url="http://t"
            ) as other:
                resp = await other.post(
                    "/api/messages", json=invoke, headers={"Authorization": f"Bearer {token}"}
                )
            assert resp.status_code == 200
        # The session's demo bank holds other tests' feedback too (their order is not fixed on
        # two workers): this turn's is the one that must be there, once, from Teams.
        rows = fl.conversations.feedback(rating="down")
        turn = core.answers[0].turn_id
        assert [(f.channel, f.rm_id, t.turn_id) for f, t in rows if t.turn_id == turn] == [
            ("teams", "RM001", turn)
        ]
    finally:
        bot.server.stop()
