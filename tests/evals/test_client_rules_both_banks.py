"""A rule asked about one client is answered for that client, "who manages X" names its RM, and
"how do I keep a note" is help — on the demo bank and on Harbour, on the real core. Slow: both
banks with their playbooks ingested."""

from __future__ import annotations

import pytest

from assistant.core.types import Answer, Turn
from assistant.wiring import Frontline

BANK = {"demo": "demo_frontline", "harbour": "harbour_frontline"}
# (bank, caller, a client of the caller's book by name, its id, a team lead over the caller)
CLIENTS = [
    ("demo", "RM001", "华东精密机械", "C000029", "RM004"),
    ("harbour", "E20452", "东升机械", "KH2015000101", "E20317"),
]


async def ask(fl: Frontline, rm: str, *texts: str) -> list[Answer]:
    answers: list[Answer] = []
    for text in texts:
        cid = answers[-1].conversation_id if answers else None
        turn = Turn(text=text, channel="eval", rm_id=rm, conversation_id=cid, engine="offline")
        answers.append(await fl.core.answer(turn))
    return answers


@pytest.mark.slow
@pytest.mark.parametrize(("bank", "rm", "name", "client_id", "lead"), CLIENTS)
async def test_when_a_rule_is_asked_of_a_named_client_then_its_tier_standard_answers(
    bank: str, rm: str, name: str, client_id: str, lead: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(BANK[bank])
    (answer,) = await ask(fl, rm, f"像{name}这个级别的客户 行里要求多久面访一次")
    assert answer.intent == "serve_client" and answer.client_ids == [client_id]
    first = answer.text.splitlines()[0]
    tier = answer.cards[0].tier
    assert client_id in first and tier and tier in first  # the client's tier, leading
    assert "standards" in answer.citations[0].doc_id  # the tier-standards playbook, first


@pytest.mark.slow
@pytest.mark.parametrize(("bank", "rm", "name", "client_id", "lead"), CLIENTS)
async def test_when_a_pronoun_asks_the_rule_then_the_conversation_s_client_is_answered(
    bank: str, rm: str, name: str, client_id: str, lead: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(BANK[bank])
    _, rule = await ask(
        fl,
        rm,
        f"{name}最近有什么变化",
        "what does the policy say about how often I should see them",
    )
    assert rule.intent == "playbook_qa" and rule.client_ids == [client_id]
    tier = rule.cards[0].tier
    assert client_id in rule.text.splitlines()[0] and tier is not None and tier in rule.text
    assert any("standards" in c.doc_id for c in rule.citations)


@pytest.mark.slow
@pytest.mark.parametrize(("bank", "rm", "name", "client_id", "lead"), CLIENTS)
async def test_when_asked_who_manages_a_client_then_its_rm_is_named(
    bank: str, rm: str, name: str, client_id: str, lead: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(BANK[bank])
    rm_name = fl.bank.get_rm(rm).name
    (own,) = await ask(fl, rm, f"whose client is {name}?")
    assert own.intent == "client_facts" and own.client_ids == [client_id]
    assert rm in own.text.splitlines()[0]
    (team,) = await ask(fl, lead, f"{name}归哪个客户经理管")
    assert team.client_ids == [client_id]
    assert rm_name in team.text.splitlines()[0] and rm in team.text.splitlines()[0]


@pytest.mark.slow
@pytest.mark.parametrize("bank", sorted(BANK))
@pytest.mark.parametrize(
    "text", ["怎么用你记一次客户电话", "how can I record a client visit here?"]
)
async def test_when_asked_how_to_keep_a_note_then_it_is_help(
    bank: str, text: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(BANK[bank])
    rm = next(c[1] for c in CLIENTS if c[0] == bank)
    (answer,) = await ask(fl, rm, text)
    assert answer.intent == "help" and not answer.refused and not answer.client_ids
