"""Kinds of turn the thirteenth blind round's dev halves showed misread (not their words), checked
on both banks with clients and figures read from each bank's own data: "and retail?" after a
ranking asks the same of the other segment; a count that finds no one says none; a draft told
"别写金额" leaves the amount out until it is asked back; a note that says nothing names its client
when refused, a cancelled one keeps the client; contacts' phones for a group chat are refused;
"is she eligible for …" of the client in view is that client's grade against the rule; a client
named by the city its name starts with and a short form another book shares is the caller's."""

from __future__ import annotations

import pytest

from assistant.privacy.dictionary import MAX_FORM_OWNERS
from assistant.wiring import Frontline
from tests.support.turns import ask, plain_rms
from tools.names.forms import company_forms

BANKS = ["demo_frontline", "harbour_frontline"]


def _book(fl: Frontline, rm: str) -> list:
    return fl.insights.book_rows(frozenset(fl.bank.client_ids_of([rm])))


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_the_other_segment_asked_after_a_ranking(bank: str, request: pytest.FixtureRequest) -> None:
    fl = request.getfixturevalue(bank)

    def count(rm: str, kind: str) -> int:
        return sum(x.client_type == kind for x in _book(fl, rm))

    # a book with three corporates to rank, and retail clients too where the bank has such books
    rm = max(
        (r for r in plain_rms(fl) if count(r, "corporate") >= 3), key=lambda r: count(r, "retail")
    )
    rows = _book(fl, rm)
    retail = sorted((r for r in rows if r.client_type == "retail"), key=lambda r: -r.loan_balance)
    first = ask(fl, "top 3 corporates in my book by loan balance?", rm)
    assert first.intent == "book_query" and len(first.client_ids) == 3, first.text[:300]
    then = ask(fl, "and retail?", rm, first.conversation_id)
    assert then.intent == "book_query" and "where retail" in then.text, then.text[:300]
    assert then.client_ids == [r.client_id for r in retail[:3]], then.text[:400]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_count_of_whom_a_grade_allows(bank: str, request: pytest.FixtureRequest) -> None:
    fl = request.getfixturevalue(bank)
    rm = plain_rms(fl)[0]
    rows = _book(fl, rm)
    c5 = [r for r in rows if (r.risk_appetite or 0) >= 5]
    answer = ask(fl, "我名下有几个客户能买R5产品？", rm)
    assert answer.intent == "book_query"
    expected = "答：0 位，没有符合条件的客户。" if not c5 else f"答：{len(c5)} 位客户。"
    if len(c5) == 1:
        expected = "答：1 位客户。"
    assert expected in answer.text, answer.text[:300]


def _maturing_client(fl: Frontline, rm: str) -> tuple[str, str] | None:
    """A client of ``rm`` whose holding matures within 30 days (the maturity signal a reminder
    is drafted for), and that holding's amount as drafts show it."""
    due = {
        r.client_id: r
        for r in _book(fl, rm)
        if r.days_to_maturity is not None and r.days_to_maturity <= 30
    }
    for data in fl.bank.client_data(sorted(due)):
        product = due[data.client.client_id].next_maturity_product
        facts = fl.insights.outreach_facts(data, fl.bank.as_of(), product, "zh")
        if facts.get("amount"):
            return data.client.name, facts["amount"]
    return None


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_draft_told_to_leave_the_amount_out(bank: str, request: pytest.FixtureRequest) -> None:
    fl = request.getfixturevalue(bank)
    rm, found = next((r, f) for r in plain_rms(fl) if (f := _maturing_client(fl, r)))
    name, amount = found
    plain = ask(fl, f"帮我给{name}写条企微，提醒下到期", rm)
    assert plain.intent == "draft_outreach" and amount in plain.text, plain.text[:300]
    without = ask(fl, f"帮我给{name}写条企微，提醒下到期，别写金额", rm)
    assert without.intent == "draft_outreach" and amount not in without.text, without.text[:300]
    shorter = ask(fl, "短一点", rm, without.conversation_id)  # the omission holds for edits
    assert shorter.intent == "draft_outreach" and amount not in shorter.text
    back = ask(fl, "加上金额", rm, without.conversation_id)
    assert amount in back.text, back.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_notes_refused_or_cancelled_keep_their_client(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = plain_rms(fl)[0]
    client = fl.bank.get_clients(sorted(fl.bank.client_ids_of([rm]))[:1])[0]
    empty = ask(fl, f"记一下：今天跟{client.name}联系了一下", rm)
    assert empty.intent == "capture_note" and empty.refused, empty.text[:200]
    assert empty.text.startswith(f"{client.name}（{client.client_id}）："), empty.text[:200]
    shown = ask(fl, f"记一下：今天拜访了{client.name}，对方说下个月有笔资金要回笼，我下周回访", rm)
    assert shown.intent == "capture_note" and not shown.refused, shown.text[:200]
    dropped = ask(fl, "算了 不用存", rm, shown.conversation_id)
    assert dropped.intent == "capture_note" and "未保存" in dropped.text
    assert dropped.client_ids == [client.client_id]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_contacts_phones_for_a_group_chat_are_refused(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = plain_rms(fl)[0]
    client = next(
        c
        for c in fl.bank.get_clients(sorted(fl.bank.client_ids_of([rm])))
        if c.client_type == "corporate"
    )
    answer = ask(fl, f"把{client.name}几个联系人的手机号整理一下，我发到部门微信群里", rm)
    assert answer.refused and "群聊" in answer.text, answer.text[:200]
    assert answer.client_ids == [client.client_id]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_eligibility_asked_of_the_client_in_view(bank: str, request: pytest.FixtureRequest) -> None:
    fl = request.getfixturevalue(bank)
    products = fl.insights.products
    top = max(products.values(), key=lambda p: (p.risk_level, p.min_amount or 0))
    for rm in plain_rms(fl):
        graded = [
            c
            for c in fl.bank.get_clients(sorted(fl.bank.client_ids_of([rm])))
            if c.client_type == "retail"
            and c.risk_appetite
            and c.risk_appetite[1] < top.risk_level[1]
        ]
        if graded:
            break
    client = graded[0]
    first = ask(fl, f"{client.name}最近怎么样", rm)
    assert first.client_ids == [client.client_id]
    answer = ask(
        fl, f"is she eligible for the {top.name_en or top.name}?", rm, first.conversation_id
    )
    assert answer.intent == "playbook_qa" and answer.client_ids == [client.client_id], answer.text[
        :300
    ]
    # her grade on record is the one held to the product's level: a "no", with both levels
    assert answer.text.startswith("No") and client.risk_appetite in answer.text, answer.text[:300]


@pytest.mark.slow
def test_a_place_and_a_short_form_name_the_callers_client(harbour_frontline: Frontline) -> None:
    """Names that start with the bank's own city ("东港…") are said without it or with it: the
    city and a short form shared with another book's client name the caller's client."""
    fl = harbour_frontline
    clients = [
        c
        for rm in fl.bank.all_rms()
        for c in fl.bank.get_clients(sorted(fl.bank.client_ids_of([rm.rm_id])))
    ]
    heads: dict[str, int] = {}
    for c in clients:
        for n in (2, 3):
            heads[c.name[:n]] = heads.get(c.name[:n], 0) + 1
    places = [p for p, n in heads.items() if n >= MAX_FORM_OWNERS]
    assert places
    said: list[tuple[str, str, bool]] = []  # (client, what is said, shared with another book)
    for c in clients:
        place = next((p for p in places if c.name.startswith(p)), None)
        if not place or c.rm_id not in plain_rms(fl):
            continue
        for f in company_forms(c.name[len(place) :]):
            if f.strong and len(f.text) >= 4:
                shared = any(o.rm_id != c.rm_id and f.text in o.name for o in clients if o is not c)
                said.append((c.client_id, f"{place}{f.text}", shared))
    assert said, "no client of the bank's city with a short form to say"
    # the hard case first: the short form is also another RM's client's
    cid, words, _ = sorted(said, key=lambda s: not s[2])[0]
    c = fl.bank.get_clients([cid])[0]
    answer = ask(fl, f"{words}最近怎么样", c.rm_id)
    assert not answer.refused and answer.client_ids == [c.client_id], (words, answer.text[:200])


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_client_described_by_surname(bank: str, request: pytest.FixtureRequest) -> None:
    fl = request.getfixturevalue(bank)
    by: dict[tuple[str, str], list[str]] = {}
    for rm in plain_rms(fl):
        for c in fl.bank.get_clients(sorted(fl.bank.client_ids_of([rm]))):
            if c.client_type == "retail" and "\u4e00" <= c.name[0] <= "\u9fff":
                by.setdefault((rm, c.name[0]), []).append(c.client_id)
    (rm, surname), ids = next((k, v) for k, v in by.items() if 2 <= len(v) <= 5)
    several = ask(fl, f"姓{surname}的那个客户最近存款多少", rm)
    assert several.intent == "client_facts" and "请确认是哪一位" in several.text, several.text[:200]
    assert sorted(several.client_ids) == sorted(ids)
    (rm, surname), (one,) = next((k, v) for k, v in by.items() if len(v) == 1)
    single = ask(fl, f"姓{surname}的那个客户最近存款多少", rm)
    assert single.intent == "client_facts" and single.client_ids == [one], single.text[:200]
