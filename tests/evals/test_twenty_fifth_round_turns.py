"""Kinds of turn the twenty-fifth blind round's dev halves showed misread, checked on both banks
with clients, staff and figures read from each bank's own data."""

from __future__ import annotations

import re

import pytest
from pypinyin import lazy_pinyin

from assistant.wiring import Frontline
from tests.support.turns import ask, books, plain_rms
from tools.intelligence.fmt import money_zh
from tools.names.forms import company_forms

BANKS = ["demo_frontline", "harbour_frontline"]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
@pytest.mark.parametrize(
    ("question", "channel_words"),
    [("发短信有啥要求", ("短信",)), ("what are the rules for emailing a client", ("mail", "邮件"))],
)
def test_a_channels_rules_are_answered_by_the_banks_template_for_it(
    bank: str, question: str, channel_words: tuple[str, ...], request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    answer = ask(fl, question, plain_rms(fl)[0])
    assert answer.intent == "playbook_qa" and answer.citations, answer.text[:300]
    first = answer.citations[0]
    heading = f"{first.title} {first.section}".lower()
    assert any(w in heading for w in channel_words), (heading, answer.text[:400])


def _weak_head(fl: Frontline) -> tuple[str, str, str] | None:
    """(RM, client id, head) for a corporate client whose short Chinese head is also an everyday
    word (named by it only beside a person or a role) and is the head of no other client."""
    heads: dict[str, set[str]] = {}
    owners: dict[str, str] = {}
    for rm, d in books(fl):
        for f in company_forms(d.client.name):
            if not f.strong and not f.text.isascii():
                heads.setdefault(f.text, set()).add(d.client.client_id)
                owners[d.client.client_id] = rm
    for head, ids in sorted(heads.items()):
        if len(ids) == 1:
            (cid,) = ids
            return owners[cid], cid, head
    return None


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_clients_short_head_before_a_role_names_the_client_in_a_note(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    found = _weak_head(fl)
    assert found, "each bank has a client named by an everyday word"
    rm, cid, head = found
    zh = ask(fl, f"记一下 {head}的财务总监说想要一份贴现报价", rm, f"head-zh-{bank}")
    assert zh.intent == "capture_note" and zh.client_ids == [cid], zh.text[:300]
    en = ask(fl, f"note that {head}'s CFO wants a discounting quote", rm, f"head-en-{bank}")
    assert en.intent == "capture_note" and en.client_ids == [cid], en.text[:300]


def _homophone_typo(fl: Frontline) -> tuple[str, str, str] | None:
    """(RM, client id, the client's four-character form with one character swapped for another
    the bank's own names spell the same in pinyin): a typo an input method offers."""
    chars: dict[str, set[str]] = {}
    for c in fl.bank.get_clients(sorted(fl.bank.client_ids_of(plain_rms(fl)))):
        for ch in c.name:
            if "\u4e00" <= ch <= "\u9fff":
                chars.setdefault(lazy_pinyin(ch)[0], set()).add(ch)
    for rm, d in books(fl):
        forms = [f.text for f in company_forms(d.client.name) if f.strong and len(f.text) == 4]
        for form in forms:
            if not all("\u4e00" <= ch <= "\u9fff" for ch in form):
                continue
            for i, ch in enumerate(form):
                if others := sorted(chars.get(lazy_pinyin(ch)[0], set()) - {ch}):
                    return rm, d.client.client_id, form[:i] + others[0] + form[i + 1 :]
    return None


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_client_typed_with_a_homophone_is_found_and_masked(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    found = _homophone_typo(fl)
    assert found, "each bank has a four-character name form with a homophone in its data"
    rm, cid, typed = found
    masked = fl.privacy.mask(f"{typed}最近存款怎么样", rm_id=rm, conversation_id="homophone")
    assert typed not in masked.text, masked.text
    answer = ask(fl, f"{typed}最近存款怎么样", rm)
    assert cid in answer.client_ids and not answer.refused, answer.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_no_homophone_or_head_before_a_role_is_read_as_a_client_in_the_banks_playbooks(
    bank: str, request: pytest.FixtureRequest
) -> None:
    """Text that names no client (the bank's own playbooks) gives the sound match nothing."""
    fl = request.getfixturevalue(bank)
    names = fl.privacy.dictionary
    lines = [
        ln
        for chunk in fl.retriever.corpus().by_id.values()
        for ln in chunk.document.splitlines()
        if ln.strip()
    ]
    assert lines
    hits = [(ln, h) for ln in lines for h in names._homophone_hits(ln, [])]
    assert not hits, hits[:3]
    # nor does a role said after a word ("客户的财务总监", "公司的负责人"): no client's head there
    roles = [(ln, h) for ln in lines for h in names._weak_before_roles(ln, ln.lower())]
    assert not roles, roles[:3]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_list_split_per_rm_keeps_the_list_and_names_its_clients(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    lead = next(r for r in fl.bank.all_rms() if r.role == "team_lead")
    chat = f"split-{bank}"
    listed = ask(fl, "我们组有流失预警的客户都列出来", lead.rm_id, chat)
    assert listed.intent == "book_query" and listed.client_ids, listed.text[:300]
    split = ask(fl, "按客户经理分一下", lead.rm_id, chat)
    assert split.intent == "book_query", split.text[:300]
    assert set(split.client_ids) == set(listed.client_ids), split.text[:500]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_the_head_of_a_ranking_by_headcount_is_said_with_its_headcount(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = max(
        plain_rms(fl),
        key=lambda r: sum(
            1 for c in fl.bank.get_clients(sorted(fl.bank.client_ids_of([r]))) if c.employees
        ),
    )
    clients = [c for c in fl.bank.get_clients(sorted(fl.bank.client_ids_of([rm]))) if c.employees]
    most = max(c.employees or 0 for c in clients)
    answer = ask(fl, "我客户里员工最多的是哪家", rm)
    assert answer.intent == "book_query" and answer.client_ids, answer.text[:300]
    head = next(c for c in clients if c.client_id == answer.client_ids[0])
    assert head.employees == most, answer.text[:300]
    assert f"员工人数 {most}" in answer.text.split("\n")[2], answer.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_how_to_serve_a_graded_client_says_the_grade_and_the_levels_it_allows(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm, data = next(
        (rm, d)
        for rm, d in books(fl)
        if d.client.client_type == "retail" and re.search(r"[1-5]", d.client.risk_appetite or "")
    )
    grade = data.client.risk_appetite or ""
    level = re.search(r"[1-5]", grade)
    assert level
    answer = ask(fl, f"{data.client.name}怎么维护比较好", rm)
    assert answer.intent == "serve_client", answer.text[:300]
    assert f"R{level.group(0)}" in answer.text and grade in answer.text


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_product_introduced_in_a_draft_says_the_amount_it_starts_from(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    products = fl.bank.products()
    rm, data, product = next(
        (rm, d, p)
        for rm, d in books(fl)
        if d.client.client_type == "retail"
        for p in products.values()
        if p.segment in ("retail", "both")
        and p.risk_level == "R1"
        and (p.min_amount or 0) >= 10_000
        and p.product_code not in {h.product_code for h in d.holdings}
    )
    answer = ask(fl, f"给{data.client.name}写条微信推荐一下{product.name}", rm)
    assert answer.intent == "draft_outreach" and not answer.refused, answer.text[:300]
    assert money_zh(product.min_amount or 0) in answer.text, answer.text[:400]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_payroll_call_script_is_sized_by_the_headcount_on_file(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    kinds = set(fl.insights.policy.signals.product_gap.payroll_categories)
    payroll = next(p for p in fl.bank.products().values() if p.category in kinds)
    rm, data = next(
        (rm, d)
        for rm, d in books(fl)
        if d.client.client_type == "corporate"
        and d.client.employees
        and payroll.product_code not in {h.product_code for h in d.holdings}
    )
    answer = ask(fl, f"给{data.client.name}写个{payroll.name}的电话话术", rm)
    assert answer.intent == "draft_outreach" and not answer.refused, answer.text[:300]
    assert str(data.client.employees) in answer.text, answer.text[:600]
