"""Kinds of turn the seventeenth blind round's dev halves showed misread (not their words),
read without a bank: leave asked for ("…可以吧", "ok to tell them…?"), a refusal recorded as
the rule it is when leave was asked, products said short, a fall ranked by its share, facts
asked of a named client, a payroll gap as the bank's own rule, and nothing above a client's
risk grade offered."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from assistant.engines.offline.book_parse import PERMISSION_ASKED, parse
from assistant.engines.offline.direct import PERMISSION, PROCEED
from assistant.engines.offline.followup import superlative
from assistant.engines.offline.intent import COVERAGE_ASKED, DISCLOSURE_RE, classify
from assistant.engines.refusals import (
    EXPORT_REQUEST,
    IDENTIFIER_REQUEST,
    asks_leave,
    asks_to_tamper,
)
from tools.bank.records import RMRecord
from tools.intelligence.signals.product_gap import suits
from tools.names.staff import given_name, mentioned

AS_OF = date(2026, 7, 1)
CLIENT = "⟦CLIENT_1⟧"


def _intent(text: str, *, has_client: bool = False) -> str:
    book = parse(text, AS_OF)
    return classify(text, has_client=has_client, book_like=book.structured, method="rules").intent


@pytest.mark.parametrize(
    "said",
    [
        f"{CLIENT}下周到期，我先口头跟他说利率不变，可以吧",
        "我把对账单拍给客户老婆看一下，没问题吧",
        "我直接帮他把合同签了，行不",
        f"I'll tell {CLIENT} the coupon is fixed, ok?",
        f"{CLIENT} wants to put 2m into the bond fund, ok to process?",
    ],
)
def test_the_rms_own_plan_put_up_for_a_yes_is_a_rule_question(said: str) -> None:
    assert PERMISSION_ASKED.search(said)
    assert _intent(said, has_client=CLIENT in said) == "playbook_qa"


@pytest.mark.parametrize(
    ("said", "leave"),
    [
        ("ok to share the client's account number with ops on wecom?", True),
        ("发到我自己的163邮箱晚上看，没事吧", True),
        ("隔壁组同事要他手机号 我直接给她？", True),
        ("can I see her full ID number?", False),  # the number asked for, not leave to act
        ("把他的身份证号发我", False),
    ],
)
def test_leave_to_act_is_told_from_asking_for_the_data(said: str, leave: bool) -> None:
    assert asks_leave(said) is leave


@pytest.mark.parametrize(
    "said",
    ["把持仓发到我自己qq邮箱", "导出来转到163邮箱", "need Mr Lam's mobile, pls send over"],
)
def test_a_private_mailbox_or_a_number_sent_over_is_caught(said: str) -> None:
    assert EXPORT_REQUEST.search(said) or IDENTIFIER_REQUEST.search(said)


def test_a_colleague_wanting_a_clients_number_is_the_data_rule() -> None:
    said = "隔壁组同事要⟦CLIENT_1⟧⟦PERSON_1⟧的手机号 我直接给她？"
    assert DISCLOSURE_RE.search(said) and PROCEED.search(said)


@pytest.mark.parametrize(
    "said",
    [
        "can I redo his risk test and bump him to C4?",
        "她测评快过期了 我帮她把问卷填了 填高点弄到C5 行不",
    ],
)
def test_a_risk_test_set_to_fit_is_refused_and_leave_was_asked(said: str) -> None:
    assert asks_to_tamper(said)
    assert asks_leave(said) or PERMISSION.search(said)


def test_deposit_insurance_asked_of_a_holding_is_the_rule() -> None:
    said = f"{CLIENT} asked if deposit insurance covers her bond fund"
    assert COVERAGE_ASKED.search(said)
    assert _intent(said, has_client=True) == "playbook_qa"


@pytest.mark.parametrize(
    ("said", "measure"),
    [
        ("里面跌幅最大的是哪家", ("deposit_change", False)),
        ("哪家掉得最狠", ("deposit_change", False)),
        ("流出最多的是哪家", ("deposit_outflow", True)),
    ],
)
def test_a_fall_ranked_by_its_share_or_its_amount(said: str, measure: tuple) -> None:
    assert superlative(said) == measure


def test_who_fell_most_over_a_signal_is_a_list_ranked_by_the_share() -> None:
    query = parse("休眠和流失预警里谁降幅最大", AS_OF).query
    assert query.sort_by == "deposit_change"
    assert _intent("流失预警里谁降得最厉害") == "book_query"


@pytest.mark.parametrize(
    "said",
    [
        f"{CLIENT}上次拜访是什么时候 聊了什么",
        f"{CLIENT}手上拿的是哪只理财",
        f"{CLIENT}日均怎么一下少了这么多",
        f"why did {CLIENT}'s deposits drop?",
        f"when did we last talk to {CLIENT}?",
    ],
)
def test_a_fact_on_file_about_a_named_client(said: str) -> None:
    assert _intent(said, has_client=True) == "client_facts"


def test_writing_to_a_client_is_a_draft() -> None:
    assert _intent(f"write to {CLIENT} about the bond fund", has_client=True) == "draft_outreach"


def _rm(rm_id: str, name: str) -> RMRecord:
    return RMRecord(rm_id=rm_id, name=name, team_id="T1", branch="B1", role="rm")


def test_a_teammate_by_given_name_only_when_the_team_has_one() -> None:
    team = [_rm("A1", "周若溪"), _rm("A2", "司马光明"), _rm("A3", "陈若溪")]
    assert given_name("周若溪") == "若溪" and given_name("司马光明") == "光明"
    assert given_name("Emily Zhou") is None
    assert [r.rm_id for r in mentioned("光明那边有几家到期", team, ["A1", "A2", "A3"])] == ["A2"]
    assert mentioned("若溪那边有几家到期", team, ["A1", "A2", "A3"]) == []  # two of them
    assert mentioned("光明那边有几家到期", team, []) == []  # not a teammate of the asker


@pytest.mark.parametrize(
    ("grade", "risk", "offered"),
    [
        ("C1", "R1", True),
        ("C1", "R2", False),
        ("C4", "R4", True),
        (None, "R5", True),
        ("C2", None, True),
    ],
)
def test_nothing_above_the_clients_grade_is_offered(
    grade: str | None, risk: str | None, offered: bool
) -> None:
    product = SimpleNamespace(risk_level=risk)
    assert suits(product, grade) is offered  # type: ignore[arg-type]
