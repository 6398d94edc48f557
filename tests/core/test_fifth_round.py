"""Kinds of question the fifth blind round's dev halves showed misread (not their words):
"deposits" as the newest month's figure, sums per RM, a lead without a book of their own,
bounds written without a number ("过亿"), lists asked for without the noun ("…的有哪些"),
half a year, and a phone number asked to be sent over."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date

import pytest

from assistant.engines.offline.book_parse import parse
from assistant.engines.refusals import IDENTIFIER_REQUEST
from assistant.wiring import Frontline
from testkit.extract import small_extract
from tests.core.test_book_queries import _frontline, ask, bigger_bank, toolbox

AS_OF = date(2026, 11, 1)


def _moving_bank() -> dict[str, list[dict[str, str]]]:
    """Two clients whose order by the newest month is the reverse of their 3-month order."""
    data = copy.deepcopy(bigger_bank(small_extract()))
    months = {"C000101": (9e7, 9e7, 1e7), "C000102": (2e7, 2e7, 3e7)}
    data["balances.csv"] = [
        r for r in data["balances.csv"] if r["client_id"] not in months
    ] + [
        {"client_id": cid, "month": m, "avg_daily_deposit": f"{v:.2f}",
         "loan_balance": "0.00", "transaction_count": "20"}
        for cid, values in months.items()
        for m, v in zip(("2026-08", "2026-09", "2026-10"), values, strict=True)
    ]  # fmt: skip
    # A client of the other team who shares RM001's name (王敏): RM001's lead still names RM001.
    client = dict(data["clients.csv"][0]) | {"registration_id": "", "phone": "", "employees": ""}
    data["clients.csv"].append(client | {"client_id": "C000301", "name": "王敏", "rm_id": "RM005",
                                         "client_type": "retail", "industry": ""})  # fmt: skip
    data["balances.csv"] += [
        {"client_id": "C000301", "month": m, "avg_daily_deposit": "500000.00",
         "loan_balance": "0.00", "transaction_count": "5"}
        for m in ("2026-08", "2026-09", "2026-10")
    ]  # fmt: skip
    return data


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    yield from _frontline(tmp_path_factory, "fifth-bank", _moving_bank())


def _order(fl: Frontline, sort_by: str) -> list[str]:
    out = toolbox(fl, "RM001").call("list_book", {"sort_by": sort_by, "limit": 50})
    return [c["client_id"] for c in out["clients"] if c["client_id"] in ("C000101", "C000102")]


def test_when_ranked_by_deposits_then_the_newest_month_decides(bank: Frontline) -> None:
    assert _order(bank, "deposit") == ["C000102", "C000101"]  # 3,000 万 vs 1,000 万 last month
    assert _order(bank, "deposit_3m") == ["C000101", "C000102"]  # 6,333 万 vs 2,333 万


@pytest.mark.parametrize(
    ("text", "measure"),
    [("存款前三的客户", "deposit"), ("top 3 by deposits", "deposit"),
     ("近三月日均最高的3个客户", "deposit_3m"), ("top 3 by 3-month average deposits", "deposit_3m"),
     ("季日均前五", "deposit_3m")],
)  # fmt: skip
def test_when_the_three_month_average_is_named_then_it_is_the_measure(
    text: str, measure: str
) -> None:
    assert parse(text, AS_OF).query.sort_by == measure


def test_when_a_lead_asks_per_rm_about_deposits_then_each_rm_and_the_team_are_summed(
    bank: Frontline,
) -> None:
    out = toolbox(bank, "RM003").call("list_book", {"group_by_rm": True, "sort_by": "deposit"})
    rows = {r["rm_id"]: r for r in out["per_rm"]}
    own = toolbox(bank, "RM001").call("list_book", {"sort_by": "deposit", "limit": 200})["clients"]
    assert rows["RM001"]["clients"] == len(own)
    assert rows["RM001"]["deposit"] == pytest.approx(sum(c["latest_deposit"] for c in own))
    assert rows["RM001"]["deposit_3m"] == pytest.approx(sum(c["avg_deposit"] for c in own))
    assert rows["RM001"]["deposit"] != pytest.approx(rows["RM001"]["deposit_3m"])
    answer = ask(bank, "组里每个人各自多少客户 存款加起来多少", "RM003")
    assert "最新月日均存款合计" in answer.text and "合计：" in answer.text


def test_when_a_lead_without_a_book_asks_for_my_clients_then_the_team_is_meant(
    bank: Frontline,
) -> None:
    answer = ask(bank, "top 3 clients by deposits", "RM003")  # RM003 manages no client
    assert answer.client_ids and not answer.refused
    assert "No client" not in answer.text


@pytest.mark.parametrize(
    ("text", "measure", "value"),
    [("C4客户里日均过亿的", "deposit", 1e8), ("贷款破千万的有哪些", "loan", 1e7),
     ("贷款一千万以上的有哪些", "loan", 1e7), ("存款过500万的企业", "deposit", 5e6)],
)  # fmt: skip
def test_when_a_bound_is_written_tersely_then_it_is_a_book_list(
    text: str, measure: str, value: float
) -> None:
    parsed = parse(text, AS_OF)
    assert parsed.structured
    bound = parsed.query.thresholds[0]
    assert (bound.measure, bound.op, bound.value) == (measure, "gte", value)


@pytest.mark.parametrize(
    ("text", "days"),
    [("半年没联系的有多少", 180), ("一年半没联系的客户", 540), ("半个月没联系的客户", 15)],
)
def test_when_half_a_year_is_said_then_it_is_read_in_days(text: str, days: int) -> None:
    assert parse(text, AS_OF).query.no_contact_days == days


def test_when_the_list_is_counted_without_a_measure_word_then_it_is_a_count() -> None:
    assert parse("半年没联系的有多少", AS_OF).query.count_only
    assert not parse("存款有多少", AS_OF).structured  # an amount, not a count of the book


@pytest.mark.parametrize(
    "text", ["存款过亿的客户要多久拜访一次", "how often should I visit clients over 10m?"]
)
def test_when_a_standard_is_asked_then_it_is_not_a_book_list(text: str) -> None:
    assert not parse(text, AS_OF).structured


@pytest.mark.parametrize(
    "text",
    ["把王总的手机号发我", "手机号码给我一下", "他邮箱发给我", "give me Li Wei's phone number",
     "send me her mobile", "need the full USCC for a form, pls send", "forward me his email address"],
)  # fmt: skip
def test_when_a_phone_or_id_is_asked_to_be_sent_then_it_is_an_identifier_request(
    text: str,
) -> None:
    assert IDENTIFIER_REQUEST.search(text)


@pytest.mark.parametrize(
    "text",
    ["他的手机号是多少？", "What's the phone number for her?", "电话打不通 给我换个号码",
     "给我写个邮件", "send me an email draft", "give me a call script"],
)  # fmt: skip
def test_when_a_number_is_only_looked_up_or_a_message_asked_for_then_it_is_not(
    text: str,
) -> None:
    assert not IDENTIFIER_REQUEST.search(text)


def test_when_a_lead_names_a_team_rm_who_shares_a_clients_name_then_the_rm_is_shown(
    bank: Frontline,
) -> None:
    answer = ask(bank, "王敏名下贷款最多的几家", "RM003")
    assert "王敏" in answer.text and "[redacted]" not in answer.text
    assert "guard:pii_leak" not in answer.flags


def test_when_an_rm_names_another_books_client_then_it_stays_hidden(bank: Frontline) -> None:
    answer = ask(
        bank, "王敏最近怎么样", "RM002"
    )  # RM002 may not name RM001; 王敏 is RM005's client
    assert answer.refused or "王敏" not in answer.text


@pytest.mark.parametrize(
    "text", ["高价值客户流失的软信号有哪些", "对公客户可疑交易有哪些特征", "沉睡客户是怎么定义的？"]
)
def test_when_a_policy_asks_what_there_is_then_it_is_not_a_book_list(text: str) -> None:
    assert not parse(text, AS_OF).structured
