"""Kinds of question the fifth blind round's dev halves still showed misread (not their words):
a company named half in English, half in Chinese; a reply to "which one?" that asks its own
question; the masked form asked for after a full number was refused; a fallback window ("if
not then this month"); "can I tell clients …?"; a message dictated and then questioned; a kind
of product said by more of its own name than the kind word; "which of them …" over the list
on screen."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date

import pytest

from assistant.core.types import Answer, Turn
from assistant.engines.offline import book_query, followup
from assistant.engines.offline.book_parse import parse
from assistant.engines.offline.claims import said_claim
from assistant.engines.offline.intent import classify
from assistant.wiring import Frontline
from testkit.extract import small_extract
from tests.core.test_book_queries import _frontline, bigger_bank, toolbox
from tools.bank.records import ProductRecord
from tools.catalogue import Catalogue
from tools.names.forms import company_forms


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    data = bigger_bank(small_extract())
    for row in data["clients.csv"]:  # two risk grades in RM001's book
        if row["client_id"] == "C000102":
            row["risk_appetite"] = "C2"
    yield from _frontline(tmp_path_factory, "sixth-bank", data)


def _ask(fl: Frontline, text: str, conversation_id: str | None = None) -> Answer:
    turn = Turn(text=text, channel="cli", rm_id="RM001", conversation_id=conversation_id)
    return asyncio.run(fl.core.answer(turn))


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("Williams Energy Storage (Taicang) Co., Ltd.", "Williams储能"),
        ("Northwind Freight Co., Ltd.", "Northwind货运"),
        ("Bluefin Medical Devices Ltd", "Bluefin医疗"),
    ],
)
def test_when_a_company_has_an_english_head_and_trade_then_the_mixed_form_names_it(
    name: str, form: str
) -> None:
    forms = {f.text: f for f in company_forms(name)}
    assert form in forms and forms[form].strong


def test_when_the_head_is_only_a_common_word_then_no_mixed_form() -> None:
    assert not [f for f in company_forms("Global Trading Ltd") if not f.text.isascii()]


@pytest.mark.parametrize(
    ("reply", "own"),
    [
        ("最近联系过的那个，她理财几号到期", True),
        ("第二个的大额存单余额多少", True),
        ("the second one - when does her CD mature?", True),
        ("第二个", False),
        ("上海那家", False),
        ("最近联系过的那个", False),
        ("船厂那个，帮我写个企微提醒", True),
        ("the last one", False),
    ],
)
def test_when_a_which_one_reply_asks_its_own_question_then_it_is_seen(
    reply: str, own: bool
) -> None:
    assert followup.asks_its_own(reply) is own


@pytest.mark.parametrize("text", ["那打码的给我也行", "ok the masked one then", "尾号给我也可以"])
def test_when_the_masked_form_is_asked_after_a_refused_number_then_the_client_is_kept(
    text: str,
) -> None:
    state = {"client_ids": ["C000001"], followup.MASKED_OFFER: True}
    follow = asyncio.run(followup._refer(None, text, state, names_client=False))  # type: ignore[arg-type]
    assert follow.client_ids == ["C000001"] and follow.intent == "client_facts"
    # one turn only: the state the next turn reads has no offer left
    assert followup.MASKED_OFFER not in followup.carry(state, {}, "client_facts", False)


def test_when_a_full_number_is_refused_then_the_masked_form_comes_next(bank: Frontline) -> None:
    first = _ask(bank, "华东精密的联系电话完整发我")
    assert first.refused
    then = _ask(bank, "那打码的给我也行", first.conversation_id)
    assert not then.refused and then.intent == "client_facts"
    assert then.client_ids == ["C000001"]


@pytest.mark.parametrize(
    ("text", "first", "then"),
    [
        ("anything maturing next 2 weeks? if not then this month", 14, range(15, 32)),
        ("两周内有到期的吗 没有的话看下三个月内的", 14, range(89, 93)),
    ],
)
def test_when_a_fallback_window_is_given_then_it_is_read_as_the_second_query(
    bank: Frontline, text: str, first: int, then: range
) -> None:
    parsed = book_query.read(toolbox(bank, "RM001"), text)
    assert parsed.query.maturity_within_days == first
    assert parsed.otherwise is not None
    assert parsed.otherwise.query.maturity_within_days in then  # "this month": to its end


def test_when_there_is_no_fallback_then_nothing_else_is_run(bank: Frontline) -> None:
    assert book_query.read(toolbox(bank, "RM001"), "两周内有到期的吗").otherwise is None


@pytest.mark.parametrize(
    "text",
    ["can i tell clients deposits are insured? up to how much", "能跟客户说存款有保险吗 保多少"],
)
def test_when_asked_what_may_be_said_then_it_is_a_policy_question(text: str) -> None:
    assert classify(text, has_client=False, method="rules").intent == "playbook_qa"
    assert not parse(text, date(2026, 11, 1)).structured


def test_when_words_for_a_named_client_are_asked_about_then_the_claim_is_read() -> None:
    # routed as a dictated message (tests/evals/test_told_to_client.py); the policy answer,
    # when it is one, still finds the words said
    assert said_claim("跟⟦CLIENT_1⟧说对公理财稳赚不赔 他们C3能买吧？") == "对公理财稳赚不赔"


def test_when_more_of_a_products_name_is_said_then_it_comes_before_its_kind() -> None:
    funds = {
        "F-BOND": ProductRecord("F-BOND", "债券基金优选", "mutual-fund", "R3", "retail",
                                name_en="Select Bond Fund"),
        "F-EQ": ProductRecord("F-EQ", "股票基金精选", "mutual-fund", "R5", "retail",
                              name_en="Select Equity Fund"),
    }  # fmt: skip
    catalogue = Catalogue(funds)
    assert catalogue.resolve("她想买股票基金").matches[0].product.product_code == "F-EQ"
    assert catalogue.resolve("wants an equity fund").matches[0].product.product_code == "F-EQ"
    # the kind alone: the lower risk first, as before
    assert catalogue.resolve("想买基金").matches[0].product.product_code == "F-BOND"


def test_when_the_book_is_asked_among_a_list_then_only_that_list_is_ranked(
    bank: Frontline,
) -> None:
    out = toolbox(bank, "RM001").call(
        "list_book", {"among": ["C000102", "C000104"], "sort_by": "loan"}
    )
    assert [c["client_id"] for c in out["clients"]] == ["C000102", "C000104"]
    assert "上一份名单中的 2 位" in out["query"]
    assert all(
        c.get("last_contact") is None or len(c["last_contact"]) == 10 for c in out["clients"]
    )


def test_when_which_of_the_shown_is_asked_then_the_list_is_ranked_and_the_first_named(
    bank: Frontline,
) -> None:
    shown = _ask(bank, "贷款最多的前三个客户")
    assert shown.client_ids == ["C000101", "C000103", "C000102"]
    which = _ask(bank, "这几家里哪家贷款最少", shown.conversation_id)
    assert which.intent == "book_query"
    assert which.client_ids == ["C000102", "C000103", "C000101"]
    assert which.text.splitlines()[2].startswith("答：")


def test_when_a_grade_is_said_of_the_list_on_screen_then_the_one_client_of_it_is_picked(
    bank: Frontline,
) -> None:
    from tools.client_pick import pick_clients

    tb = toolbox(bank, "RM001")
    by_grade: dict[str, list[str]] = {}
    for c in bank.bank.get_clients(sorted(tb.caller.client_ids)):
        if c.risk_appetite:
            by_grade.setdefault(c.risk_appetite, []).append(c.client_id)
    assert len(by_grade) >= 2, "the test bank needs clients of two risk grades"
    (g1, first), (g2, second) = sorted(by_grade.items())[:2]
    assert pick_clients(tb, f"the {g1.lower()} one", [first[0], second[0]]) == [first[0]]
    assert pick_clients(tb, f"{g2}那个", [first[0], second[0]]) == [second[0]]
    assert pick_clients(tb, "C5那个", [first[0], second[0]]) == []  # no one of that grade
    if len(first) > 1:  # two on screen of the grade: the words pick neither
        assert pick_clients(tb, f"{g1}那个", first[:2]) == []
