"""A conversation keeps its context on every channel: the assistant's own "which one?", a
partial reply ("电子那家"), a pronoun ("他们") and an edit of the last draft ("改成邮件") resolve
over the HTTP API, in a Slack thread and in a Teams chat, on the real core and the demo bank.
The state lives in the conversation store (ids only), so each turn could reach another replica."""

from __future__ import annotations

import httpx

from assistant.core.types import Answer
from integrations.api import create_app
from testkit.recording import Recording
from tests.conftest import make_settings
from tests.slack.harness import slack_thread
from tests.teams.harness import FakeBotService, make_token, signed_teams_app
from tests.teams.harness import load as load_activity

CHAIN = ["华东精密最近怎么样", "电子那家", "帮他们写个微信", "改成邮件"]
ASKED, PICKED = {"C000029", "C000103"}, "C000103"  # 华东精密机械 / 华东精密电子


def assert_context_kept(answers: list[Answer]) -> None:
    asked, picked, drafted, edited = answers
    assert set(asked.client_ids) == ASKED and asked.intent == "serve_client"
    assert picked.client_ids == [PICKED] and picked.intent == "serve_client"
    assert drafted.client_ids == [PICKED] and drafted.intent == "draft_outreach"
    assert "wechat" in drafted.text
    assert edited.client_ids == [PICKED] and edited.intent == "draft_outreach"
    assert "email" in edited.text
    assert len({a.conversation_id for a in answers}) == 1


async def test_when_a_chain_is_sent_over_the_api_then_each_turn_keeps_the_context(
    demo, tmp_path
) -> None:
    fl, _ = demo
    settings = make_settings(tmp_path / "home", api_tokens="tok-rm001:RM001")
    app = create_app(fl.core, settings)
    answers: list[Answer] = []
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as http:
        for text in CHAIN:
            body = {"message": text}
            if answers:
                body["conversation_id"] = answers[0].conversation_id
            resp = await http.post(
                "/v1/chat", json=body, headers={"Authorization": "Bearer tok-rm001"}
            )
            assert resp.status_code == 200
            answers.append(Answer.model_validate(resp.json()))
    assert_context_kept(answers)


async def test_when_a_chain_continues_in_a_slack_thread_then_each_turn_keeps_the_context(
    demo, tmp_path
) -> None:
    fl, _ = demo
    core = Recording(fl.core)
    user = fl.bank.get_rm("RM001").slack_user_id
    async with slack_thread(core, tmp_path / "home", CHAIN, user=user) as api:
        assert len(api.calls("chat.update")) == len(CHAIN)
    assert_context_kept(core.answers)


async def test_when_a_chain_continues_in_a_teams_chat_then_each_turn_keeps_the_context(
    demo, tmp_path
) -> None:
    fl, _ = demo
    bot = FakeBotService()
    bot.server.start()
    try:
        core = Recording(fl.core)
        app, _, _ = signed_teams_app(core, tmp_path / "home", bot)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://t"
        ) as http:
            for n, text in enumerate(CHAIN):
                activity = load_activity("personal_message.json", f"{bot.server.url}/teams/")
                activity.update(text=text, id=f"{activity['id']}{n}")
                # A chat of its own: what other tests said in the recorded chat is not in view.
                activity["conversation"]["id"] += ":followups"
                activity["from"]["aadObjectId"] = fl.bank.get_rm("RM001").teams_aad_id
                token = make_token(service_url=activity["serviceUrl"])
                resp = await http.post(
                    "/api/messages", json=activity, headers={"Authorization": f"Bearer {token}"}
                )
                assert resp.status_code < 300
        assert_context_kept(core.answers)
    finally:
        bot.server.stop()


# After a list: a superlative over it, a place in English, then a draft for the one a measure
# picks — truth from the list's own order and the extract, not from the engine.
PICK_CHAIN = [
    "我名下日均存款最高的5个客户",
    "存款最少的那家",
    "the one in Suzhou",
    "the one with the most loans - draft an email to them",
    "最大的那个",
]


async def chat(fl, home, chain: list[str]) -> list[Answer]:
    """One conversation over the HTTP API, as RM001."""
    app = create_app(fl.core, make_settings(home, api_tokens="tok-rm001:RM001"))
    answers: list[Answer] = []
    auth = {"Authorization": "Bearer tok-rm001"}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as http:
        for text in chain:
            body = {"message": text}
            if answers:
                body["conversation_id"] = answers[0].conversation_id
            resp = await http.post("/v1/chat", json=body, headers=auth)
            assert resp.status_code == 200
            answers.append(Answer.model_validate(resp.json()))
    return answers


def assert_picks(fl, answers: list[Answer]) -> None:
    listed = answers[0].client_ids
    data = {d.client.client_id: d for d in fl.bank.client_data(listed)}
    in_suzhou = [c for c in listed if "苏州" in (data[c].client.address or "")]
    most_loans = max(listed, key=lambda c: data[c].balances[-1].loan_balance)
    assert len(listed) == 5 and len(in_suzhou) == 1
    smallest, suzhou, drafted, biggest = answers[1:]
    assert smallest.client_ids == [listed[-1]]  # the list is ranked by deposits, largest first
    assert suzhou.client_ids == in_suzhou
    assert drafted.client_ids == [most_loans] and drafted.intent == "draft_outreach"
    assert "email" in drafted.text
    assert biggest.client_ids == [listed[0]]


async def test_when_a_list_is_followed_by_superlatives_and_places_then_each_picks_from_it(
    demo, tmp_path
) -> None:
    fl, _ = demo
    assert_picks(fl, await chat(fl, tmp_path / "home", PICK_CHAIN))


async def test_when_the_picks_continue_in_a_slack_thread_then_they_pick_the_same(
    demo, tmp_path
) -> None:
    fl, _ = demo
    core = Recording(fl.core)
    user = fl.bank.get_rm("RM001").slack_user_id
    async with slack_thread(core, tmp_path / "home", PICK_CHAIN, user=user):
        pass
    assert_picks(fl, core.answers)


# Edits of the last draft: each one changes the text the way it says, and keeps the client.
EDIT_CHAIN = [
    "给上海星旭生物写个微信",
    "简短点",
    "正式一点",
    "加上到期日",
    "改成邮件",
    "in English",
]


def body_of(answer: Answer) -> str:
    return answer.text.split("```")[1]


async def test_when_the_last_draft_is_edited_then_each_edit_visibly_changes_it(
    demo, tmp_path
) -> None:
    fl, _ = demo
    answers = await chat(fl, tmp_path / "home", EDIT_CHAIN)
    dated, email = answers[3], answers[4]
    client = answers[0].client_ids
    assert len(client) == 1 and all(a.client_ids == client for a in answers)
    assert all(a.intent == "draft_outreach" for a in answers)
    data = fl.bank.client_data(client)[0]
    maturity = min(str(h.maturity_date) for h in data.holdings if h.maturity_date)
    bodies = [body_of(a) for a in answers]
    assert len(bodies[1]) < len(bodies[0])  # shorter is shorter
    assert len(set(bodies[:3])) == 3  # formal is neither the first nor the short one
    assert bodies[3].count(maturity) > bodies[2].count(maturity)  # the date line was added
    assert "wechat" in dated.text and "email" in email.text
    assert maturity in bodies[4]  # the added line stays when the channel changes
    assert "Subject" in bodies[5] and not any(
        "\u4e00" <= ch <= "\u9fff" for ch in bodies[5].split("\n")[0]
    )


async def test_when_which_one_is_answered_then_the_question_first_asked_is_answered(
    demo, tmp_path
) -> None:
    """ "华东精密的理财呢" → "which one?" → "电子那家": the answer about wealth products of the one
    picked leads, not a profile read off the reply's own words."""
    fl, _ = demo
    asked, picked = await chat(fl, tmp_path / "home", ["华东精密有理财吗", "电子那家"])
    assert set(asked.client_ids) == ASKED
    assert picked.client_ids == [PICKED] and picked.intent == "client_facts"
    assert picked.text.startswith("- 理财："), picked.text[:200]
