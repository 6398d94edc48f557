"""Kinds of question the seventh blind round's dev halves showed misread (not their words): a run
of months ("7、8月份到期"); no contact since a day said ("8月1号以后没联系", "since july 2025")
or ever; several tiers at once ("战略跟核心客户"); a headcount bound ("more than 1000
employees"); "which one has the most …" of the list on screen as the one; the same book question
of another RM ("那张秀荣呢"); a product's own name over the kind word inside it; a hyphenated
English product name; an RM's hand in a client's risk assessment; whether a relative may be told
a client's balance; "what counts as …"; a rule on recording asked, not a note; a loan falling
due drafted as a loan, not a deposit."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date

import pytest

from assistant.core.types import Answer, Turn
from assistant.engines.offline.book_parse import _not_since, month_window, parse
from assistant.engines.offline.intent import classify
from assistant.engines.offline.slots import extract
from assistant.engines.refusals import asks_to_record, asks_to_tamper
from assistant.wiring import Frontline
from testkit.extract import small_extract
from tests.core.test_book_queries import _frontline, bigger_bank
from tools.book_query import NEVER_CONTACTED
from tools.catalogue import contains
from tools.intelligence.policy import load_policies

AS_OF = date(2026, 6, 30)


# --- months and days said ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("我这边7、8月份有啥定期到期的？", (1, 62)),
        ("七八月到期的存单", (1, 62)),
        ("7到9月到期", (1, 92)),
        ("anything maturing july and august?", (1, 62)),
        ("jul-aug maturities", (1, 62)),
        ("11月份到期", (124, 153)),  # one month, as before
        ("11月到2月到期的", (124, 243)),  # across the new year
    ],
)
def test_a_run_of_months_is_one_window_from_the_first_to_the_last(
    text: str, window: tuple[int, int]
) -> None:
    assert month_window(text, AS_OF) == window


@pytest.mark.parametrize(
    ("text", "since"),
    [
        ("8月1号以后就没联系过的有哪几家？", date(2025, 8, 1)),  # not yet this year: last year's
        ("2025年7月以来没拜访过的客户", date(2025, 7, 1)),
        ("which clients haven't had any contact since july 2025?", date(2025, 7, 1)),
        ("not contacted since Jun 1", date(2026, 6, 1)),
        ("no contact since 2026-06-01", date(2026, 6, 1)),
        ("2026年到现在一次都没联系过的客户有几个？", date(2026, 1, 1)),  # a year: from its start
        ("clients with no contact since 2025", date(2025, 1, 1)),
    ],
)
def test_no_contact_since_a_day_said_counts_the_days_from_it(text: str, since: date) -> None:
    # Contact on the day before counts as none since: its days are one more than the gap.
    assert _not_since(text, AS_OF) == (AS_OF - since).days + 1


def test_a_month_said_without_a_no_contact_cue_is_not_a_contact_bound() -> None:
    assert _not_since("8月以后到期的客户", AS_OF) is None


@pytest.mark.parametrize(
    "text",
    [
        "any clients w/ zero contact history at all?",
        "从没联系过的客户有哪些",
        "who has never been contacted",
    ],
)
def test_never_contacted_is_the_bound_beyond_any_history(text: str) -> None:
    assert parse(text, AS_OF).query.no_contact_days == NEVER_CONTACTED


# --- tiers, headcount -----------------------------------------------------------------------
def test_tiers_are_read_back_as_the_bank_names_them() -> None:
    from tools.book_query import BookQuery, describe

    q = BookQuery(tier="strategic", tiers=["core"])
    labels = {"strategic": "战略客户", "core": "核心客户"}
    assert "层级：战略客户、核心客户" in describe(q, "zh", tier_labels=labels)
    assert "tier: Strategic or Core" in describe(
        q, "en", tier_labels={"strategic": "Strategic", "core": "Core"}
    )


def test_several_tiers_said_together_are_all_kept() -> None:
    tiering = load_policies().tiering
    assert tiering.tiers_in("战略跟核心客户里没联系的") == ["strategic", "core"]
    assert tiering.tiers_in("核心客户有哪些") == ["core"]
    query = parse("战略和核心客户里谁存款最多", AS_OF, tiering=tiering).query
    assert (query.tier, query.tiers) == ("strategic", ["core"])


@pytest.mark.parametrize(
    ("text", "op", "value"),
    [
        ("new energy clients w/ more than 1000 employees?", "gte", 1000),
        ("员工500人以上还没代发的客户", "gte", 500),
        ("clients with 80+ staff", "gte", 80),
        ("员工少于200人的客户", "lte", 200),
    ],
)
def test_a_headcount_is_a_bound_on_employees_not_on_money(text: str, op: str, value: int) -> None:
    bounds = parse(text, AS_OF).query.thresholds
    assert [(b.measure, b.op, b.value) for b in bounds] == [("employees", op, value)]


# --- rules, refusals, permissions ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "萧丽丽的风险测评我帮她填个C4吧，这样能买混合基金",
        "帮张桂兰把风险测评改成C5吧 这样她那个股票基金就匹配了",
        "fill in her risk questionnaire as C4 so she can buy the fund",
        "change his risk rating to C5",
    ],
)
def test_an_rms_hand_in_a_clients_risk_assessment_is_refused(text: str) -> None:
    assert asks_to_tamper(text)


@pytest.mark.parametrize(
    "text",
    [
        "客户要求把风险等级改成C4怎么办",
        "what is the risk rating of ⟦CLIENT_1⟧",
        "风险等级C4的客户有哪些",
    ],
)
def test_handling_or_reading_a_risk_rating_is_not_tampering(text: str) -> None:
    assert not asks_to_tamper(text)


@pytest.mark.parametrize(
    ("text", "has_client", "intent"),
    [
        ("⟦CLIENT_1⟧的女儿打电话来问她妈账户里还有多少钱，我能告诉她吗", True, "playbook_qa"),
        ("can I tell ⟦CLIENT_1⟧'s son her balance?", True, "playbook_qa"),
        ("what counts as a sleeping client?", False, "playbook_qa"),
        ("沉睡客户怎么才算", False, "playbook_qa"),
        ("谁手上有股票基金精选？", False, "book_query"),
    ],
)
def test_questions_read_as_their_kind(text: str, has_client: bool, intent: str) -> None:
    assert classify(text, has_client=has_client).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("下午要去⟦CLIENT_1⟧喝茶，聊点啥好", "meeting_prep"),
        ("lunch with ⟦CLIENT_1⟧ friday - what should i raise?", "meeting_prep"),
        ("待会儿⟦CLIENT_1⟧财务过来，我要跟他聊什么", "meeting_prep"),
        ("dinner w/ ⟦CLIENT_1⟧ tonight, key numbers?", "meeting_prep"),
        ("给⟦CLIENT_1⟧发个微信约下周见面", "draft_outreach"),  # a message, not a meeting
        ("⟦CLIENT_1⟧上次来访聊了什么", "client_facts"),  # a past visit: what is on file
        ("拜访前要准备什么", "playbook_qa"),  # no client: the rule
    ],
)
def test_a_meeting_of_any_kind_with_something_to_bring_is_meeting_prep(
    text: str, intent: str
) -> None:
    assert classify(text, has_client="⟦" in text, method="rules").intent == intent


def test_a_question_about_the_rule_on_records_is_not_a_note_to_refuse() -> None:
    assert not asks_to_record("how soon do i have to log a client visit in the CRM?")
    assert not asks_to_record("拜访记录多久要录入系统")
    assert asks_to_record("log a visit: met the CFO, wants a CD quote")


def test_a_hyphenated_english_name_carries_its_words() -> None:
    assert contains("Revolving Working-Capital Line", "working capital")
    assert not contains("Networking Capital Partners", "working capital")


@pytest.mark.parametrize(
    ("text", "purpose"),
    [
        ("给华东精密写个微信，提醒贷款快到期了，问问要不要续贷", "loan_maturity"),
        ("email them that their credit line falls due next month", "loan_maturity"),
        ("提醒她存单快到期了", "maturity_reminder"),
        ("their CD is coming due, draft a note", "maturity_reminder"),
    ],
)
def test_a_loan_falling_due_is_its_own_purpose(text: str, purpose: str) -> None:
    assert extract(text).purpose == purpose


# --- end to end --------------------------------------------------------------------------------
LOAN = "CLN09"


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    data = bigger_bank(small_extract())
    for row, staff in zip(data["clients.csv"][2:6], ("1500", "90", "40", "1200"), strict=True):
        row["employees"] = staff
    data["products.csv"].append(
        dict(data["products.csv"][0])
        | {"product_code": LOAN, "name": "流动资金循环贷款", "category": "loan", "risk_level": "R2"}
    )
    data["holdings.csv"].append(
        dict(data["holdings.csv"][0])
        | {"product_code": LOAN, "balance": "5000000.00", "maturity_date": "2026-12-20"}
    )
    data["clients.csv"][1] |= {"rm_id": "RM001"}  # 陈晓, a retail client of RM001
    yield from _frontline(tmp_path_factory, "eighth-bank", data)


def _ask(fl: Frontline, text: str, rm: str = "RM001", conversation: str | None = None) -> Answer:
    turn = Turn(text=text, channel="cli", rm_id=rm, conversation_id=conversation)
    return asyncio.run(fl.core.answer(turn))


def test_clients_above_a_headcount_are_listed_and_the_one_with_most_is_picked(
    bank: Frontline,
) -> None:
    listed = _ask(bank, "which of my clients have more than 1000 employees?")
    assert listed.intent == "book_query" and sorted(listed.client_ids) == ["C000101", "C000104"]
    most = _ask(bank, "which one has the most employees", conversation=listed.conversation_id)
    assert most.client_ids[0] == "C000101"  # the list on screen, ranked: the first is the one
    draft = _ask(bank, "write their CFO an email", conversation=most.conversation_id)
    assert draft.intent == "draft_outreach" and draft.client_ids == ["C000101"]


def test_the_same_book_question_of_another_rm_of_the_team(bank: Frontline) -> None:
    first = _ask(bank, "周平名下有几个客户", rm="RM004")
    assert first.intent == "book_query"
    again = _ask(bank, "那吴刚呢", rm="RM004", conversation=first.conversation_id)
    assert again.intent == "book_query" and not again.refused
    assert again.client_ids == ["C000201"]


def test_a_promise_of_returns_asked_for_in_a_draft_is_refused_with_the_banks_wording(
    bank: Frontline,
) -> None:
    answer = _ask(bank, "给陈晓发个微信，就说这款基金保本保息，年化8%稳赚不赔")
    assert answer.intent == "draft_outreach" and answer.refused
    assert answer.refusal_reason == "out_of_policy"
    assert "compliance:guaranteed_return" in answer.flags and "稳赚不赔" not in answer.text


def test_a_draft_without_a_promise_of_returns_is_not_a_refusal(bank: Frontline) -> None:
    answer = _ask(bank, "给陈晓发个微信问候一下")
    assert answer.intent == "draft_outreach" and not answer.refused
    # Tied wording asked for is left out of a draft the RM can still send: the draft is there,
    # and the request to say it is declined (DESIGN: an out-of-policy request).
    tied = _ask(bank, "给华东精密写个微信，就说办代发就给贷款优惠")
    assert tied.intent == "draft_outreach" and tied.refused
    assert "compliance:tied_selling" in tied.flags and "```" in tied.text


def test_tampering_with_a_risk_assessment_is_refused_and_names_the_client(
    bank: Frontline,
) -> None:
    answer = _ask(bank, "陈晓的风险测评我帮她填个C5吧，这样能买股票型基金")
    assert answer.refused and "compliance:suitability_tampering" in answer.flags
    assert answer.client_ids == ["C000002"] and answer.text.startswith("不行")


def test_a_loan_falling_due_is_drafted_as_a_repayment_or_renewal(bank: Frontline) -> None:
    answer = _ask(bank, "给华东精密写个微信，提醒流动资金循环贷款快到期了")
    assert answer.intent == "draft_outreach"
    assert "还款" in answer.text and "续存" not in answer.text


def test_a_loan_falling_due_is_an_action_to_confirm_repayment_or_renewal(
    bank: Frontline,
) -> None:
    from tests.core.test_book_queries import toolbox

    out = toolbox(bank, "RM001").call("recommend_next_actions", {"client_id": "C000001"})
    titles = " ".join(str(a) for a in out["actions"] if "CLN09" in str(a) or "循环贷款" in str(a))
    assert "续贷" in titles and "续存" not in titles and "续作" not in titles


def test_a_channel_is_shown_as_the_rm_says_it() -> None:
    from tools.notes.policy import load_note_policy

    policy = load_note_policy()
    assert policy.channel_word("visit", "zh") == "拜访"
    assert policy.channel_word("phone", "en") == "phone call"
    assert policy.channel_word("fax", "zh") == "fax"  # a channel the policy does not name


def test_meeting_prep_names_the_last_contacts_channel_in_the_rms_language(
    bank: Frontline,
) -> None:
    answer = _ask(bank, "下午要去华东精密喝茶，聊点啥好")
    assert answer.intent == "meeting_prep"
    assert " · visit · " not in answer.text and " · 拜访 · " in answer.text


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("华东精密的联系人是谁", "**联系方式**"),
        ("who's the contact at 华东精密?", "**Contacts**"),
        ("华东精密上次拜访是什么时候", "**最近互动**"),
    ],
)
def test_the_part_of_the_profile_asked_for_leads_the_answer(
    bank: Frontline, text: str, heading: str
) -> None:
    answer = _ask(bank, text)
    assert answer.intent == "client_facts" and answer.text.startswith(heading)


def test_a_book_answer_reads_back_a_gap_by_product_name_and_a_bound_as_at_least() -> None:
    from tools.book_query import BookQuery, describe

    q = BookQuery(product_gap="SAL-AGENCY", no_contact_days=91)
    names = {"SAL-AGENCY": "Salary Agency"}
    assert "gap: Salary Agency (SAL-AGENCY)" in describe(q, "en", product_names=names)
    assert "91 天及以上未接触" in describe(q, "zh")
