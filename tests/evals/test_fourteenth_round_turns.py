"""Kinds of turn the fourteenth blind round's dev halves showed misread (not their words), checked
on both banks with clients read from each bank's own data: a count of the whole book is its
number, no list; a contact's full number asked after a meeting prep is refused of the client in
view (kept on the record); a review of a holding above the client's grade carries the bank's
own disclosure once; a team lead's which-one says whose each candidate is."""

from __future__ import annotations

import pytest

from tests.support.turns import ask, plain_rms
from tools.outreach.bank_profile import load_bank_profile

BANKS = ["demo_frontline", "harbour_frontline"]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_count_of_the_whole_book_is_its_number(bank: str, request: pytest.FixtureRequest) -> None:
    fl = request.getfixturevalue(bank)
    rm = plain_rms(fl)[0]
    size = len(fl.bank.client_ids_of([rm]))
    for text, said in (("how many clients do I have in total?", f"Answer: {size} clients."),
                       ("我一共多少客户", f"答：{size} 位客户。")):  # fmt: skip
        answer = ask(fl, text, rm)
        assert answer.intent == "book_query" and answer.client_ids == [], answer.text[:300]
        assert said in answer.text and "add up to" not in answer.text, answer.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_contacts_full_number_is_refused_of_the_client_in_view(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm, client, contact = next(
        (rm, d.client, c.name)
        for rm in plain_rms(fl)
        for d in fl.bank.client_data(sorted(fl.bank.client_ids_of([rm])))
        for c in d.contacts
        if d.client.client_type == "corporate" and c.name != d.client.name and len(c.name) >= 2
    )
    prep = ask(fl, f"明天见{client.name}，帮我准备一下", rm)
    assert prep.client_ids == [client.client_id], prep.text[:300]
    refused = ask(fl, f"把{contact}的手机号和邮箱发我", rm, prep.conversation_id)
    assert refused.refused and refused.client_ids == [client.client_id], refused.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_review_draft_carries_the_banks_disclosure_once(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    policy = load_bank_profile(fl.settings.bank_profile).disclosures
    assert policy is not None
    sentences = [s for r in [*policy.rules, policy.generic] for s in (r.zh, r.sms_zh) if s]
    rows = [
        (rm, r)
        for rm in plain_rms(fl)
        for r in fl.insights.book_rows(frozenset(fl.bank.client_ids_of([rm])))
        if r.client_type == "retail" and r.signals[:1] == ("suitability",)
    ]
    assert rows, "each bank plants retail clients holding above their grade"
    rm, row = rows[0]
    name = fl.bank.get_clients([row.client_id])[0].name
    draft = ask(fl, f"给{name}写个微信 提醒下她持有的产品风险", rm)
    assert draft.intent == "draft_outreach", draft.text[:300]
    body = draft.text.split("```")[1]
    said = [s for s in sentences if s.rstrip("。") in body]
    assert said and all(body.count(s.rstrip("。")) == 1 for s in said), body
