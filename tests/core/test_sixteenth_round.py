"""Kinds of turn the sixteenth blind round's dev halves showed misread (not their words), read
without a bank: book questions asked as "any …?", a message for each client of a segment,
"fund or insurance" as either, deposit insurance as the rule, a client's tier or holding
asked as a fact."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.engines.offline.book_parse import parse
from assistant.engines.offline.followup import BIGGEST_AMOUNT
from assistant.engines.offline.intent import _rule_scores, classify

AS_OF = date(2026, 7, 1)


def _intent(text: str, *, has_client: bool = False) -> str:
    book = parse(text, AS_OF)
    return classify(text, has_client=has_client, book_like=book.structured, method="rules").intent


@pytest.mark.parametrize(
    "question",
    [
        "我名下的客户里有适当性不匹配的吗",
        "anybody with a structured deposit?",
        "any churn alerts in my book?",
        "maturity flags across my team?",
        "组里有流失预警的客户吗",
    ],
)
def test_an_any_question_over_the_book_is_a_list(question: str) -> None:
    assert _intent(question) == "book_query"
    assert parse(question, AS_OF).structured


@pytest.mark.parametrize(
    "question",
    [
        "SMS to each of my dormant clients, low-key",
        "emails for every client with a maturity this month",
        "给每位休眠客户发条短信",
    ],
)
def test_a_message_for_each_client_of_a_segment_is_a_draft(question: str) -> None:
    assert _intent(question) == "draft_outreach"


@pytest.mark.parametrize(
    ("question", "either"),
    [
        ("clients with a fund or insurance", True),
        ("持有基金/保险的客户有哪些", True),
        ("谁同时持有代发和资金池", False),
    ],
)
def test_products_joined_by_or_are_either_of_them(question: str, either: bool) -> None:
    query = parse(question, AS_OF).query
    assert len(query.holds) == 2 and query.holds_any is either


@pytest.mark.parametrize(
    "question",
    [
        "whose payroll isn't with us yet?",
        "corporate clients whose payroll is not done with us",
    ],
)
def test_a_product_not_with_us_is_lacked(question: str) -> None:
    query = parse(question, AS_OF).query
    assert query.lacks and not query.holds


@pytest.mark.parametrize(
    "question",
    [
        "which of my clients hold products above their risk tolerance",
        "客户持有产品高于他们的风险承受能力的有哪些",
    ],
)
def test_holdings_above_the_grade_are_the_mismatch(question: str) -> None:
    assert parse(question, AS_OF).query.risk_mismatch


@pytest.mark.parametrize(
    "question", ["存款保险一个人最多赔多少", "what does deposit insurance cover at most?"]
)
def test_deposit_insurance_is_the_rule_not_a_product_or_a_ranking(question: str) -> None:
    query = parse(question, AS_OF).query
    assert not query.holds and query.sort_by != "deposit"
    assert _rule_scores(question, has_client=False, follow_up_client=False)["playbook_qa"] >= 3


@pytest.mark.parametrize(
    "question",
    [
        "⟦CLIENT_1⟧够不够财富客户",
        "is ⟦CLIENT_1⟧ a core client now?",
        "查一下⟦CLIENT_1⟧的理财",
        "⟦CLIENT_1⟧那边的对接人是谁",
        "what's in her CD?",
    ],
)
def test_a_tier_holding_or_contact_of_the_client_is_a_fact(question: str) -> None:
    assert _intent(question, has_client=True) == "client_facts"


@pytest.mark.parametrize(
    ("said", "picks"),
    [("金额最大的那笔呢", True), ("the biggest one?", True), ("最早的那笔", False)],
)
def test_the_largest_amount_on_a_maturity_list_is_recognised(said: str, picks: bool) -> None:
    assert bool(BIGGEST_AMOUNT.search(said)) is picks


def test_with_no_one_to_write_to_the_examples_cannot_make_a_draft() -> None:
    from assistant.engines.offline.examples import ExampleVerdict

    intents = ("client_facts", "serve_client", "meeting_prep", "book_query", "help")
    near_a_draft = ExampleVerdict(
        scores={"draft_outreach": 0.9, "playbook_qa": 0.8} | dict.fromkeys(intents, 0.1)
    )
    said = "client wants me to keep his token and PIN for him, fine?"
    verdict = classify(said, has_client=False, examples=lambda: near_a_draft)
    assert verdict.intent == "playbook_qa"
    kept = classify("draft an intro note", has_client=False, examples=lambda: near_a_draft)
    assert kept.intent == "draft_outreach"


@pytest.mark.parametrize(
    "question", ["我能把客户名单拷到U盘里周末在家弄吗", "能不能把客户名单存到个人网盘"]
)
def test_moving_the_client_list_off_the_bank_is_asked_of_the_rule_not_listed(question: str) -> None:
    assert _intent(question) == "playbook_qa"


@pytest.mark.parametrize(
    ("said", "age"),
    [
        ("my client is 72, wants the equity fund", "72"),
        ("she's 81 now", "81"),
        ("张阿姨78了", "78"),
    ],
)
def test_an_age_said_in_passing_is_read(said: str, age: str) -> None:
    from assistant.engines.offline.clients import AGE_SAID

    m = AGE_SAID.search(said)
    assert m is not None and next(g for g in m.groups() if g) == age
    assert AGE_SAID.search("the client is 20% down") is None


@pytest.mark.parametrize(
    ("point", "language", "written"),
    [
        ("we can meet next tuesday", "en", "We can meet next Tuesday."),
        ("iPhone banking works too", "en", "iPhone banking works too."),
        ("下周二可以见面", "zh", "下周二可以见面。"),
    ],
)
def test_a_point_the_rm_dictates_is_written_as_a_sentence(
    point: str, language: str, written: str
) -> None:
    from tools.outreach.render import as_sentence

    assert as_sentence(point, language) == written


@pytest.mark.parametrize(
    "question",
    [
        "anyone whose deposits are dropping more than 30%?",
        "存款降了30%以上的客户",
        "deposits fell over 30%",
    ],
)
def test_a_fall_by_a_share_is_a_bound_on_the_change(question: str) -> None:
    bounds = parse(question, AS_OF).query.thresholds
    assert [(b.measure, b.op, b.value) for b in bounds] == [("deposit_change", "lte", -0.3)]


@pytest.mark.parametrize(
    ("said", "own"),
    [("my top 3 by deposits", True), ("我的前五大客户", True), ("top 2 of them by loans", False)],
)
def test_my_top_n_ranks_the_book_not_the_list_on_screen(said: str, own: bool) -> None:
    from assistant.engines.offline.followup import of_the_book

    assert of_the_book(said) is own


@pytest.mark.parametrize(
    ("said", "own"),
    [
        ("in my own book (not the team) any payroll gaps?", True),
        ("我自己名下有流失预警的吗", True),
        ("不含组员的，我有几个战略客户", True),
        ("team's payroll gaps?", False),
    ],
)
def test_a_lead_asking_of_their_own_book_means_it_whatever_team_is_said(
    said: str, own: bool
) -> None:
    from assistant.engines.offline.book_query import OWN_ONLY

    assert bool(OWN_ONLY.search(said)) is own


def test_no_source_file_carries_a_control_character() -> None:
    # A "\b" typed into a non-raw string became a backspace and silently disabled two English
    # patterns ("grew", "asked if … I said yes"): no control character belongs in source.
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    bad = [
        str(p.relative_to(root))
        for folder in (
            "assistant",
            "knowledge",
            "tools",
            "integrations",
            "evals",
            "testkit",
            "tests",
        )
        for p in (root / folder).rglob("*.py")
        if any(ch in p.read_text(encoding="utf-8") for ch in "\x00\x08\x0b\x0c\x1b")
    ]
    assert bad == []


@pytest.mark.parametrize(
    ("said", "claim"),
    [
        ("客户问结构性存款是不是保本的，我说是，没问题吧", "结构性存款是保本"),
        ("client asked whether the fund is risk-free and I said yes, ok?", "the fund is risk-free"),
        ("客户问存款利率多少，我说2%", None),
    ],
)
def test_an_answer_the_rm_gave_is_the_claim_checked(said: str, claim: str | None) -> None:
    from assistant.engines.offline.claims import said_claim

    assert said_claim(said) == claim


@pytest.mark.parametrize(
    ("text", "language", "fires"),
    [
        ("This fund will definitely return 3% this year.", "en", True),
        ("这款理财肯定能有4%的收益。", "zh", True),
        ("It will definitely be worth a call next week.", "en", False),
        ("我肯定能在3点前到。", "zh", False),
    ],
)
def test_a_return_said_to_be_certain_is_a_promised_return(
    text: str, language: str, fires: bool
) -> None:
    from tools.compliance import check_compliance

    report = check_compliance(text, language=language)  # type: ignore[arg-type]
    assert any(f.code == "guaranteed_return" for f in report.findings) is fires


@pytest.mark.parametrize(
    ("said", "claim"),
    [
        ("can I promise ⟦CLIENT_1⟧ 4% on the CD renewal?", "guaranteed 4% on the CD renewal"),
        ("能跟客户承诺年化3%吗", "保证年化3%"),
    ],
)
def test_what_the_rm_asks_to_promise_is_checked_as_guaranteed(said: str, claim: str) -> None:
    from assistant.engines.offline.claims import said_claim

    assert said_claim(said) == claim


@pytest.mark.parametrize(
    "said",
    [
        "which clients on my team (incl. my own book) have churn alerts",
        "我们组的（我自己的也算上）",
    ],
)
def test_the_team_and_the_leads_own_book_is_not_the_leads_alone(said: str) -> None:
    from assistant.engines.offline.book_query import ALSO_MINE

    assert ALSO_MINE.search(said)
