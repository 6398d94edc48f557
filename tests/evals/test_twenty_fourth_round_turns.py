"""Kinds of turn the twenty-fourth blind round's dev halves showed misread, checked on both banks
with clients, staff and figures read from each bank's own data: a rate promise added to a draft
by a follow-up, an RM's book asked of by pronoun after "who has the most", the tier's figure at
the head of a meeting prep, and credit that is no suitability mismatch."""

from __future__ import annotations

import pytest

from tests.support.turns import ask, books

BANKS = ["demo_frontline", "harbour_frontline"]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_rate_promise_added_to_a_draft_by_a_follow_up_is_refused(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    as_of = fl.tool_services().as_of
    rm, data = next(
        (rm, d)
        for rm, d in books(fl)
        if any(h.maturity_date and 0 <= (h.maturity_date - as_of).days <= 30 for h in d.holdings)
    )
    chat = f"rate-added-{bank}"
    first = ask(fl, f"{data.client.name}快到期了 发个短信提醒下", rm, chat)
    assert first.intent == "draft_outreach" and not first.refused, first.text[:300]
    added = ask(fl, "再加一句 续存的话我保证给4个点", rm, chat)
    assert added.refused and "compliance:off_board_rate" in added.flags, added.text[:400]
    draft = added.text.split("```")[1] if "```" in added.text else ""
    assert "4个点" not in draft and "更简短" not in added.text, added.text[:600]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_an_rms_book_by_pronoun_after_who_has_the_most_is_that_rms(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    as_of = fl.tool_services().as_of
    standards = fl.insights.policy.tiering.service_standards
    lead = next(r for r in fl.bank.all_rms() if r.role == "team_lead")
    overdue: dict[str, dict[str, int]] = {}
    for r in (r for r in fl.bank.all_rms() if r.team_id == lead.team_id):
        overdue[r.rm_id] = {}
        for d in fl.bank.client_data(sorted(fl.bank.client_ids_of([r.rm_id]))):
            standard = standards.get(fl.insights.insight(d, as_of).tier.tier)
            last = max((i.date for i in d.interactions), default=None)
            days = (as_of - last).days if last else 10**6
            if standard and days > standard.contact_every_days:
                overdue[r.rm_id][d.client.client_id] = days
    top = max(overdue, key=lambda k: len(overdue[k]))
    chat = f"their-book-{bank}"
    ask(fl, "我组里谁的超期未联系客户最多", lead.rm_id, chat)
    theirs = ask(fl, "他名下最久没联系的是哪家", lead.rm_id, chat)
    longest = max(overdue[top], key=lambda c: overdue[top][c])
    assert theirs.client_ids and set(theirs.client_ids) <= set(fl.bank.client_ids_of([top]))
    assert theirs.client_ids[0] == longest, theirs.text[:400]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_meeting_prep_opens_with_the_figure_behind_the_clients_tier(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    as_of = fl.tool_services().as_of
    rm, data = next((rm, d) for rm, d in books(fl) if d.client.client_type == "corporate")
    tier = fl.insights.insight(data, as_of).tier
    reason = tier.explanation_zh.split("：", 1)[-1]
    prep = ask(fl, f"明天见{data.client.name}，帮我准备一下", rm)
    assert prep.intent == "meeting_prep" and reason in prep.text.split("\n\n")[0], prep.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_credit_held_above_a_clients_grade_is_no_suitability_mismatch(
    bank: str, request: pytest.FixtureRequest
) -> None:
    """A risk grade governs what a client invests in: a mortgage or a credit line the bank's
    profile names no investment (its disclosure ``exempt``) is never a mismatch."""
    fl = request.getfixturevalue(bank)
    as_of = fl.tool_services().as_of
    credit = fl.insights.policy.not_investments
    assert credit, "each bank's profile names the categories that are not investments"
    products = fl.bank.products()
    for _, d in books(fl):
        for s in fl.insights.insight(d, as_of).signals:
            if s.kind == "suitability":
                assert products[s.product_code].category not in credit, (d.client.client_id, s)


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_message_about_an_act_against_the_rules_or_a_pitch_past_the_grade_is_declined(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    products = fl.bank.products()
    rm, data, riskiest = next(
        (rm, d, top)
        for rm, d in books(fl)
        if d.client.client_type == "retail"
        and d.client.risk_appetite
        and (
            top := max(
                (p for p in products.values() if p.segment in ("retail", "both")),
                key=lambda p: p.risk_level,
            )
        ).risk_level[1:]
        > d.client.risk_appetite[1:]
    )
    name = data.client.name
    acted = ask(fl, f"{name}把手机银行密码给我了 我直接帮他把理财赎了 你写个消息告诉他一声", rm)
    assert acted.refused and "compliance:client_credentials" in acted.flags, acted.text[:300]
    pitched = ask(fl, f"{name}想多赚点，帮我写条微信推一下{riskiest.name}", rm)
    assert pitched.refused and "```" not in pitched.text, pitched.text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_table_per_rm_says_the_teams_total_and_an_rms_one_client_is_named(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    as_of = fl.tool_services().as_of
    tiering = fl.insights.policy.tiering
    found = None
    for lead in (r for r in fl.bank.all_rms() if r.role == "team_lead"):
        team = [r for r in fl.bank.all_rms() if r.team_id == lead.team_id]
        for tier in (*tiering.corporate, *tiering.retail):
            held = {
                r.rm_id: [
                    d.client.client_id
                    for d in fl.bank.client_data(sorted(fl.bank.client_ids_of([r.rm_id])))
                    if fl.insights.insight(d, as_of).tier.tier == tier.tier
                ]
                for r in team
            }
            ones = [rm for rm, ids in held.items() if len(ids) == 1]
            if ones and sum(len(v) > 0 for v in held.values()) > 1:
                found = (lead, team, tier, held, ones[0])
                break
        if found:
            break
    assert found, "each bank has a team where one RM has a single client of some tier"
    lead, team, tier, held, one = found
    chat = f"per-rm-total-{bank}"
    table = ask(fl, f"团队每个客户经理各有几个{tier.label_zh}", lead.rm_id, chat)
    total = sum(len(v) for v in held.values())
    assert f"全队合计 {total} 位" in table.text, table.text[:500]
    name = next(r.name for r in team if r.rm_id == one)
    named = ask(fl, f"{name}那个是谁", lead.rm_id, chat)
    assert named.client_ids == held[one], named.text[:400]
