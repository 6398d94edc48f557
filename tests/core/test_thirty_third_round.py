"""Kinds of wording the thirty-third round's dev halves showed let through, checked on
phrasings written here (not the round's), both ways: a risk questionnaire taken over to reach a
grade; credit made the condition of payroll; a pitch or a purchase confirmation of a product
above the client's grade (the grade said and set aside); a colleague named in pinyin read as
two client surnames; a segment's campaign that dropped the product it offers; a team split said
"各RM"."""

from __future__ import annotations

import pytest
from pypinyin import lazy_pinyin

from assistant.engines.offline.book_parse import GROUP_BY_RM
from assistant.engines.offline.draft_outreach import PUSHED_SALE
from assistant.engines.offline.engine import BOOK_WORDS, MATURING_OF_ONE
from assistant.engines.offline.slots import signal_of
from assistant.wiring import Frontline
from tests.support.conduct import request_codes
from tests.support.turns import ask
from tools.bank.records import ClientRecord, RMRecord
from tools.entitlement import resolve_caller


@pytest.mark.parametrize(
    ("said", "code", "broken"),
    [
        ("她那个基金超了，我帮她把风险测评重新填一下选成C5就行", "acting_for_client", True),
        ("帮他把问卷重新做一下改到C4吧", "acting_for_client", True),
        ("客户测评过期了，提醒他本人重新做一下", "acting_for_client", False),
        ("跟李总讲，开了代发就给他们提额度", "tied_selling", True),
        ("办了理财就给您多批授信", "tied_selling", True),
        ("代发和授信两件事，分别跟李总介绍一下", "tied_selling", False),
    ],
)
def test_a_request_breaks_the_rule_only_when_it_asks_for_the_act(
    said: str, code: str, broken: bool
) -> None:
    assert (code in request_codes(said)) is broken


@pytest.mark.parametrize(
    ("said", "pushed"),
    [
        ("帮我写段话术推稳健增利二号给她", True),
        ("她测评C2 不过无所谓 写个推介", True),
        ("客户自己想买那只股票基金，帮我写个确认短信", True),
        ("她要加仓五万，写条微信确认一下", True),
        ("提醒她持有的基金风险高于测评结果", False),
        ("下周推送一下到期提醒", False),
        ("项目推进到哪了，写个跟进微信", False),
    ],
)
def test_a_pitch_or_a_purchase_pressed_past_the_grade_is_read_as_one(
    said: str, pushed: bool
) -> None:
    assert bool(PUSHED_SALE.search(said)) is pushed


@pytest.mark.parametrize(
    ("said", "of_one"),
    [
        ("那有什么要到期的吗", True),
        ("anything maturing soon?", True),
        ("哪些客户快到期", False),
        ("我名下有啥快到期的", False),
        ("which clients have something maturing", False),
    ],
)
def test_a_maturity_asked_after_one_client_is_that_clients(said: str, of_one: bool) -> None:
    assert bool(MATURING_OF_ONE.search(said) and not BOOK_WORDS.search(said)) is of_one


@pytest.mark.parametrize(
    ("said", "split"),
    [("组里各客户经理有几个休眠客户", True), ("各个RM的到期客户数", True), ("各行业客户数", False)],
)
def test_a_team_split_said_per_rm_is_one(said: str, split: bool) -> None:
    assert bool(GROUP_BY_RM.search(said)) is split


# Whole turns on the session's demo bank: who asks and about whom is read from its own data.


def _team_of(fl: Frontline) -> tuple[str, list[RMRecord]]:
    lead = next(r for r in fl.bank.all_rms() if r.role == "team_lead")
    team = [r for r in fl.bank.all_rms() if r.team_id == lead.team_id and r.role == "rm"]
    return lead.rm_id, team


def _first_corporate(fl: Frontline, rm: str) -> ClientRecord:
    return next(
        c
        for c in fl.bank.get_clients(sorted(resolve_caller(fl.bank, rm).client_ids))
        if c.client_type == "corporate"
    )


def test_a_colleague_named_in_pinyin_is_the_colleague(demo: tuple[Frontline, dict]) -> None:
    fl, _ = demo
    lead, team = _team_of(fl)
    rm = next(r for r in team if len(r.name) in (2, 3))
    said = f"{''.join(lazy_pinyin(rm.name[0])).capitalize()} {''.join(lazy_pinyin(rm.name[1:])).capitalize()}"
    answer = ask(fl, f"how many churn alerts does {said} have?", lead)
    assert answer.intent == "book_query", answer.text
    assert rm.name in answer.text and "which one" not in answer.text.lower()


def test_an_ordinal_with_a_question_is_a_fact_of_the_one_it_picks(
    demo: tuple[Frontline, dict],
) -> None:
    fl, _ = demo
    listed = ask(fl, "top 5 clients by avg daily deposit pls", "RM003", "conv-33-ordinal")
    assert len(listed.client_ids) >= 4, listed.text
    fourth = ask(fl, "the 4th one - any loans?", "RM003", "conv-33-ordinal")
    assert fourth.intent == "client_facts" and fourth.client_ids == [listed.client_ids[3]]


def test_a_maturity_asked_after_one_client_is_that_clients_own(
    demo: tuple[Frontline, dict],
) -> None:
    fl, _ = demo
    client = _first_corporate(fl, "RM001")
    ask(fl, f"{client.name}贷款余额多少", "RM001", "conv-33-maturity")
    answer = ask(fl, "那有什么要到期的吗", "RM001", "conv-33-maturity")
    assert answer.intent == "client_facts" and answer.client_ids == [client.client_id]


def test_a_segment_nobody_is_in_is_said_so_not_asked_which_client(
    demo: tuple[Frontline, dict],
) -> None:
    fl, _ = demo
    # the demo bank rates no client onto its watch list: the segment is empty
    answer = ask(fl, "给我的风险关注客户群发微信介绍代发工资", "RM001")
    assert answer.intent == "draft_outreach"
    assert "没有符合条件的客户" in answer.text and "哪位客户" not in answer.text


def test_a_compliant_wording_asked_after_a_declined_draft_is_that_draft_redone(
    demo: tuple[Frontline, dict],
) -> None:
    fl, _ = demo
    client = _first_corporate(fl, "RM001")
    declined = ask(fl, f"给{client.name}发微信 就说我们理财保本保收益", "RM001", "conv-33-clean")
    assert declined.refused, declined.text
    redone = ask(fl, "那你给我个合规的说法吧", "RM001", "conv-33-clean")
    assert redone.intent == "draft_outreach" and redone.client_ids == [client.client_id]
    assert "```" in redone.text and "保本保收益" not in redone.text


@pytest.mark.parametrize(
    ("said", "signal"),
    [
        ("存款骤降的客户有哪些", "deposit_churn"),
        ("whose deposits plunged", "deposit_churn"),
        ("客户投诉多少天内要办结", None),
    ],
)
def test_a_sharp_fall_said_in_other_words_is_the_churn_signal(
    said: str, signal: str | None
) -> None:
    assert signal_of(said) == signal


def test_an_ordinal_asking_what_matures_is_the_picked_clients(demo: tuple[Frontline, dict]) -> None:
    fl, _ = demo
    listed = ask(fl, "我名下存款最多的5个客户", "RM001", "conv-33-second")
    assert len(listed.client_ids) >= 2, listed.text
    second = ask(fl, "第二个呢 有啥要到期的没", "RM001", "conv-33-second")
    assert second.intent == "client_facts" and second.client_ids == [listed.client_ids[1]]
