"""Kinds of wording the thirty-first round's dev halves showed misread, checked on phrasings
written here (not the round's), both ways: a product to be bought once the loan is granted; a
client's figures for a counterparty; "咋定义的"; a note's deadline moved by "…前"; "what can I
offer" beside the word cash; how to take it up with the client; where to come in; a structured
deposit's top tier said to be certain."""

from __future__ import annotations

import re

import pytest

from assistant.engines.offline.capture import BY_DAY
from assistant.engines.offline.followup import MY_FEW
from assistant.engines.offline.intent import classify
from assistant.engines.offline.playbook_qa import DEFINITION_ASKED
from assistant.engines.refusals import asks_to_hand_over
from tests.support.conduct import request_codes


@pytest.mark.parametrize(
    ("said", "tied"),
    [
        ("授信批下来以后得买我们两份对公理财", True),
        ("按揭放下来就要配一份年金险", True),
        ("贷款批下来要先开结算账户", False),
        ("贷款批下来了，给客户发个放款通知", False),
    ],
)
def test_a_product_bought_once_the_credit_is_granted_is_tied(said: str, tied: bool) -> None:
    assert ("tied_selling" in request_codes(said)) is tied


@pytest.mark.parametrize(
    ("said", "promised"),
    [
        ("跟客户说这期结构性存款肯定能拿到最高档收益", True),
        ("tell them the structured deposit will 稳拿顶格收益", True),
        ("结构性存款最高档收益是多少", False),
        ("客户问能不能拿到最高档收益，我该怎么回答", False),
    ],
)
def test_the_top_tier_of_a_structured_deposit_said_to_be_certain(said: str, promised: bool) -> None:
    assert ("guaranteed_return" in request_codes(said)) is promised


@pytest.mark.parametrize(
    ("said", "handed"),
    [
        ("⟦CLIENT_1⟧的合作方想了解下他们在我行的贷款 你整理个表发给对方", True),
        ("上游供应商要看看⟦CLIENT_2⟧的资信和存款，帮我弄一份给他们", True),
        ("供应商想了解一下我们的代发产品 发给他们吗？", False),
        ("⟦CLIENT_1⟧的供应商也想在我行开户，怎么对接", False),
    ],
)
def test_a_clients_figures_for_a_counterparty_are_a_hand_over(said: str, handed: bool) -> None:
    assert asks_to_hand_over(said) is handed


@pytest.mark.parametrize(
    ("said", "defined"),
    [("大额资金流出是咋认定的", True), ("休眠户咋算的", True), ("咋联系这个客户", False)],
)
def test_what_a_signal_means_asked_colloquially(said: str, defined: bool) -> None:
    assert bool(DEFINITION_ASKED.search(said)) is defined


@pytest.mark.parametrize(
    ("said", "by"),
    [("不对 应该是月底前", True), ("改成周五之前吧", True), ("make it by Thursday", True),
     ("改成电话", False), ("前天去的", False)],
)  # fmt: skip
def test_a_day_with_before_moves_a_notes_deadline(said: str, by: bool) -> None:
    assert bool(BY_DAY.search(said)) is by


@pytest.mark.parametrize(
    ("said", "intent"),
    [
        ("⟦CLIENT_1⟧ - what could we offer? tons of cash idle", "serve_client"),
        ("can I give ⟦CLIENT_1⟧ a cash gift for the new year?", "playbook_qa"),
        ("碰到这种情况我应该怎么跟她解释", "serve_client"),
        ("how should I approach her about it", "serve_client"),
        ("⟦CLIENT_1⟧这种规模的企业 公司业务从哪里入手", "serve_client"),
    ],
)
def test_what_to_offer_and_how_to_take_it_up_are_serve_questions(said: str, intent: str) -> None:
    got = classify(said, has_client="⟦CLIENT_" in said, follow_up_client=True, method="rules")
    assert got.intent == intent


@pytest.mark.parametrize(
    ("said", "mine"),
    [("那我自己的几个呢", True), ("我自己那些是谁", True), ("and mine?", True),
     ("我自己也不清楚", False), ("mine is the wealth team", False)],
)  # fmt: skip
def test_a_leads_own_few_of_the_table(said: str, mine: bool) -> None:
    assert bool(MY_FEW.search(said)) is mine


def test_the_regexes_carry_no_backspace() -> None:
    for pattern in (BY_DAY, MY_FEW, DEFINITION_ASKED):
        assert "\x08" not in pattern.pattern and re.compile(pattern.pattern)
