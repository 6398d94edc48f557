""" "Tell ⟦client⟧ X" is a message to that client whose words the RM dictated: X is checked
against the conduct rules before anything is drafted. A promised return, "no risk" or a loan
made conditional on buying a product leads with the refusal, cited; a product above the
client's risk appetite is not pitched; a yes/no question in the same turn is answered first.
Phrasings are written here; clients and products come from each bank's own data, on both
banks (their own playbooks, real retrieval)."""

from __future__ import annotations

import asyncio

import pytest

from assistant.core.types import Answer, Turn
from assistant.wiring import Frontline

BANKS = ["demo_frontline", "harbour_frontline"]
CREDIT_OR_CARD = ("loan", "credit", "card", "mortgage")


def ask(fl: Frontline, text: str, rm: str) -> Answer:
    return asyncio.run(fl.core.answer(Turn(text=text, channel="cli", rm_id=rm)))


def _investments(fl: Frontline) -> list:
    """Retail products a client buys as an investment (R2 and above, no credit or card)."""
    return sorted(
        (
            p
            for p in fl.bank.products().values()
            if p.segment in ("retail", "both")
            and p.risk_level >= "R2"
            and not any(word in p.category for word in CREDIT_OR_CARD)
        ),
        key=lambda p: p.risk_level,
    )


def _client(fl: Frontline, fits):  # type: ignore[no-untyped-def]
    """An RM and a retail client of their book, named once in it, for whom ``fits`` holds."""
    return next(
        (rm.rm_id, c)
        for rm in fl.bank.all_rms()
        for book in [fl.bank.get_clients(fl.bank.client_ids_of([rm.rm_id]))]
        for c in book
        if c.client_type == "retail"
        and c.risk_appetite
        and fits(int(c.risk_appetite[1]))
        and sum(1 for o in book if o.name == c.name) == 1
    )


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
@pytest.mark.parametrize(
    ("said", "flag", "lead"),
    [
        ("跟{client}说{product}保证年化4%，帮我写条微信", "guaranteed_return", "不能这样说"),
        ("tell {client} the {product} has zero risk, write it up", "risk_free_language", None),
        ("告诉{client}，按揭要批下来得先买30万{product}", "tied_selling", "不能这样说"),
    ],
)
def test_when_the_rm_dictates_a_forbidden_claim_then_the_draft_leads_with_the_refusal(
    bank: str, said: str, flag: str, lead: str | None, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    product = _investments(fl)[0]
    rm, client = _client(fl, lambda c: c >= int(product.risk_level[1]))
    answer = ask(fl, said.format(client=client.name, product=product.name), rm)
    assert answer.intent == "draft_outreach" and client.client_id in answer.client_ids
    assert answer.text.startswith(lead or "I can't write that"), answer.text[:120]
    assert f"compliance:{flag}" in answer.flags
    assert answer.citations and "```" in answer.text  # cited, and a compliant draft follows
    draft = answer.text.split("```")[1]
    assert "4%" not in draft and "zero risk" not in draft.lower()
    if flag == "tied_selling":  # the product made the condition is not what the draft offers
        assert product.name not in draft


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_when_a_dictated_promise_comes_with_may_they_buy_then_both_are_answered(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    riskiest = _investments(fl)[-1]
    level = int(riskiest.risk_level[1])
    rm, client = _client(fl, lambda c: c < level)
    grade = client.risk_appetite
    answer = ask(fl, f"跟{client.name}说{riskiest.name}稳赚不赔，她{grade}能买吧？", rm)
    assert answer.text.startswith("不可以"), answer.text[:120]  # the yes/no first
    assert "不能这样说" in answer.text  # and the promise refused
    assert {"compliance:guaranteed_return", "compliance:suitability_mismatch"} <= set(answer.flags)
    assert "```" not in answer.text  # a product the client may not buy is not pitched

    mildest = _investments(fl)[0]
    rm, client = _client(fl, lambda c: c >= int(mildest.risk_level[1]))
    text = f"tell {client.name} the {mildest.name} can't lose money. is she ok to buy it?"
    answer = ask(fl, text, rm)
    assert answer.text.startswith(("Yes", "可以")), answer.text[:120]
    assert any(no in answer.text for no in ("I can't write that", "不能这样说"))
    assert "```" in answer.text


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_when_the_rm_asks_whether_a_claim_may_be_said_then_no_draft_is_written(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    product = _investments(fl)[0]
    rm, client = _client(fl, lambda c: True)
    answer = ask(fl, f"能跟{client.name}说{product.name}保本吗", rm)
    assert answer.intent != "draft_outreach"


RELATIVE_ASKS = [
    ("客户女儿打电话来问她妈妈的存款余额，我能告诉她吗", "不可以"),
    ("can I tell the client's son his dad's balance?", "No"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("question", "no"), RELATIVE_ASKS)
def test_when_a_relative_asks_of_no_named_client_then_the_third_party_rule_says_no(
    question: str, no: str, demo_frontline: Frontline
) -> None:
    answer = ask(demo_frontline, question, "RM001")
    assert answer.intent == "playbook_qa" and answer.text.startswith(no), answer.text[:120]
    assert answer.citations[0].doc_id.startswith("compliance/personal-information-protection")


@pytest.mark.slow
@pytest.mark.parametrize(("question", "no"), RELATIVE_ASKS)
def test_when_the_banks_playbooks_have_no_third_party_rule_then_no_verdict_is_put_on_another(
    question: str, no: str, harbour_frontline: Frontline
) -> None:
    rm = next(r.rm_id for r in harbour_frontline.bank.all_rms() if r.role == "rm")
    answer = ask(harbour_frontline, question, rm)
    assert answer.intent == "playbook_qa"
    assert not answer.text.startswith(("不可以", "No —", "可以", "Yes")), answer.text[:120]
    assert answer.text.startswith(("行内手册中没有找到", "The bank's playbooks have no")), (
        answer.text[:120]
    )
