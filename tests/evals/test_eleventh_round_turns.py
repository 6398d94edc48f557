"""Kinds of turn the eleventh blind round's dev halves showed misread (not their words), checked
on both banks with clients and figures read from each bank's own data: a bound on annual revenue;
retail and corporate counted at once; a team list that says whose each client is; a list's
clients of one RM and when each was last contacted; the contact met named at the top of a prep."""

from __future__ import annotations

import pytest

from assistant.wiring import Frontline
from tests.support.turns import ask, plain_rms

BANKS = ["demo_frontline", "harbour_frontline"]


def _clients(fl: Frontline, rm: str):  # type: ignore[no-untyped-def]
    return fl.bank.get_clients(sorted(fl.bank.client_ids_of([rm])))


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_bound_on_annual_revenue_lists_exactly_the_clients_above_it(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    # The RM with most clients of a known revenue; the bound leaves at most ten of them.
    rm = max(
        plain_rms(fl), key=lambda r: sum(c.annual_revenue is not None for c in _clients(fl, r))
    )
    revenues = sorted(
        (float(c.annual_revenue), c.client_id)
        for c in _clients(fl, rm)
        if c.annual_revenue is not None
    )
    assert len(revenues) >= 3
    bound, _ = revenues[-min(10, len(revenues) - 1)]
    wan = int(bound // 10_000)
    expected = {cid for value, cid in revenues if value >= wan * 10_000}
    answer = ask(fl, f"年营收{wan}万以上的客户有哪些", rm)
    assert answer.intent == "book_query", answer.text[:200]
    assert set(answer.client_ids) == expected, answer.text[:400]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_retail_and_corporate_counted_at_once(bank: str, request: pytest.FixtureRequest) -> None:
    fl = request.getfixturevalue(bank)
    rm = plain_rms(fl)[0]
    kinds = [c.client_type for c in _clients(fl, rm)]
    answer = ask(fl, "how many retail vs corporate clients do I have?", rm)
    assert answer.intent == "book_query"
    expected = f"{kinds.count('corporate')} corporate, {kinds.count('retail')} retail ({len(kinds)} in all)"
    assert expected in answer.text, answer.text[:200]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_team_list_says_whose_each_client_is_and_narrows_to_one_rm(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    lead = next(r for r in fl.bank.all_rms() if r.role == "team_lead")
    team = {r.rm_id: r.name for r in fl.bank.all_rms() if r.team_id == lead.team_id}
    listed = ask(fl, "组里有贷款的客户有哪些，分别是谁的", lead.rm_id)
    assert listed.intent == "book_query" and listed.client_ids
    owners = {c.client_id: c.rm_id for c in fl.bank.get_clients(listed.client_ids)}
    for cid in listed.client_ids[:5]:
        line = next(x for x in listed.text.splitlines() if f"（{cid}）·" in x)
        assert line.endswith(f"管户 {team[owners[cid]]}"), line
    rm = max(set(owners.values()), key=list(owners.values()).count)
    theirs = ask(fl, f"{team[rm]}那几个最近一次联系都是啥时候", lead.rm_id, listed.conversation_id)
    assert theirs.intent == "book_query"
    with_loans = {
        d.client.client_id
        for d in fl.bank.client_data(sorted(fl.bank.client_ids_of([rm])))
        if d.balances and d.balances[-1].loan_balance
    }
    assert set(theirs.client_ids) <= with_loans, theirs.text[:300]
    assert f"共 {len(with_loans)} 位客户符合条件" in theirs.text, theirs.text[:300]
    assert "距上次接触" in theirs.text


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_prep_names_the_contact_met_at_the_top(bank: str, request: pytest.FixtureRequest) -> None:
    fl = request.getfixturevalue(bank)
    for rm in plain_rms(fl):
        data = fl.bank.client_data(sorted(fl.bank.client_ids_of([rm])))
        for d in data:
            bosses = [p for p in d.contacts if "总" in (p.title or "") and not p.name.isascii()]
            same = [p for p in d.contacts if p.name[:1] == (bosses[0].name[:1] if bosses else "")]
            if d.client.client_type == "corporate" and len(bosses) == 1 and len(same) == 1:
                boss = bosses[0]
                answer = ask(fl, f"明天去{d.client.name}见{boss.name[0]}总，帮我准备一下", rm)
                assert answer.intent == "meeting_prep", answer.text[:200]
                assert f"{boss.name}（{boss.title}）" in answer.text, answer.text[:300]
                return
    raise AssertionError("no corporate client with one contact titled 总 in this bank")
