"""Kinds of turn the twenty-sixth blind round's dev halves showed misread, checked on both banks
with clients, staff and figures read from each bank's own data."""

from __future__ import annotations

import pytest

from assistant.wiring import Frontline
from tests.support.turns import ask, book_rows, books, plain_rms

BANKS = ["demo_frontline", "harbour_frontline"]


def _maturing_rm(fl: Frontline) -> tuple[str, set[str], set[str]]:
    """An RM with more holdings maturing within 60 days than within 30, and both sets."""
    for rm in plain_rms(fl):
        rows = book_rows(fl, rm)
        month = {r.client_id for r in rows if any(d <= 30 for d, _ in r.maturities)}
        two = {r.client_id for r in rows if any(d <= 60 for d, _ in r.maturities)}
        if month and two - month:
            return rm, month, two
    raise AssertionError("each bank has an RM with maturities in both windows")


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_window_said_alone_after_a_list_swaps_the_lists_window(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm, month, two = _maturing_rm(fl)
    first = ask(fl, "我名下30天内到期的有哪些", rm, f"win-{bank}")
    assert set(first.client_ids) == month, first.text[:300]
    then = ask(fl, "60天呢", rm, f"win-{bank}")
    assert then.intent == "book_query" and "60" in then.text, then.text[:300]
    assert set(then.client_ids) == set(sorted(two)[:20]) or set(then.client_ids) <= two
    assert set(then.client_ids) > month or len(then.client_ids) == 20


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_rules_aspect_asked_of_another_segment_stays_a_rule_question(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = plain_rms(fl)[0]
    ask(fl, "存款流失预警啥条件触发的", rm, f"rule-{bank}")
    then = ask(fl, "那零售客户起点多少", rm, f"rule-{bank}")
    assert then.intent == "playbook_qa" and then.citations, then.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_told_to_give_family_a_clients_balance_is_declined_asked_is_answered(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm, data = next((rm, d) for rm, d in books(fl) if d.client.client_type == "retail")
    name = data.client.name
    told = ask(fl, f"{name}老婆打电话来问她老公账户里还有多少钱，帮我回她一下", rm)
    asked = ask(fl, f"{name}老婆打电话来问账户里还有多少钱，我能告诉她吗", rm)
    assert told.intent == asked.intent == "playbook_qa", told.text[:300]
    if told.text.startswith(("不可以", "No")):  # a bank with the rule declines the instruction
        assert told.refused and not asked.refused
    assert not any(f"{h.balance:,.2f}" in told.text for h in data.holdings if h.balance)


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_who_heads_a_ranking_is_the_next_turns_she(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = next(
        rm
        for rm in plain_rms(fl)
        if sum("deposit_churn" in r.signals for r in book_rows(fl, rm)) >= 2
    )
    head = ask(fl, "谁存款掉得最厉害", rm, f"head-{bank}")
    assert head.intent == "book_query" and head.client_ids, head.text[:300]
    then = ask(fl, "她上次联系是啥时候", rm, f"head-{bank}")
    assert then.client_ids == head.client_ids[:1], then.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_contact_named_by_role_is_the_draft_s_addressee(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm, data, gm = next(
        (rm, d, p)
        for rm, d in books(fl)
        for p in d.contacts
        if "总经理" in p.title
        and not p.is_primary
        and sum("总经理" in q.title for q in d.contacts) == 1
    )
    answer = ask(fl, f"给{data.client.name}的总经理写个微信问候一下", rm)
    assert answer.intent == "draft_outreach" and gm.name in answer.text, answer.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_better_rate_offered_on_the_spot_is_answered_no_with_the_approval_rule(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    answer = ask(
        fl,
        "can I offer a better deposit rate on the spot to stop a client leaving?",
        plain_rms(fl)[0],
    )
    assert answer.intent == "playbook_qa", answer.text[:300]
    assert answer.text.startswith("No") and "approval" in answer.text.split("\n")[0], answer.text[
        :300
    ]


@pytest.mark.slow
def test_the_known_words_are_the_playbooks_and_the_models_whole_words(
    demo_frontline: Frontline,
) -> None:
    words = demo_frontline.retriever.words()
    assert "better" in words and "weather" in words  # ordinary English, held whole by the model
    assert "strategic" in words  # the playbooks' own
    assert "stratgic" not in words and "payrol" not in words  # slips, cut into pieces


@pytest.mark.slow
def test_told_to_send_a_business_party_a_clients_balances_is_declined_where_no_rule_says(
    harbour_frontline: Frontline,
) -> None:
    rm, data = next(
        (rm, d) for rm, d in books(harbour_frontline) if d.client.client_type == "corporate"
    )
    name = data.client.name
    told = ask(
        harbour_frontline,
        f"{name}'s supplier wants to verify their balances — send them the numbers",
        rm,
    )
    asked = ask(
        harbour_frontline, f"{name}'s supplier wants to verify their balances, can I tell them?", rm
    )
    assert told.intent == asked.intent == "playbook_qa", told.text[:300]
    assert told.refused and not asked.refused
