"""The brief on the second evaluation bank (its own ids, products, playbooks and policies):
what Harbour's truth says is due is in the brief of the RM whose book it is."""

from __future__ import annotations

import pytest

from tests.brief.conftest import Bank

pytestmark = pytest.mark.slow


def _rms_with(bank: Bank, pattern: str) -> list[str]:
    owner = {c["client_id"]: c["rm_id"] for c in bank.rows("clients")}
    return sorted({owner[c] for c in bank.truth["patterns"][pattern]})


def test_when_an_outflow_was_never_followed_up_then_its_rm_is_told_to_follow_up(
    harbour_bank: Bank,
) -> None:
    """Overdue, or new today: the day a fall showed is the signal's detection day."""
    rms = _rms_with(harbour_bank, "missed_follow_up")
    assert rms
    day = harbour_bank.first_working_day
    for rm_id in rms:
        brief = harbour_bank.fl.briefs.build(rm_id, day, "en")
        chase = {
            i.client_id
            for i in brief.items
            if i.section in ("overdue", "due_today") and i.signal_kind == "deposit_churn"
        }
        expected = set(harbour_bank.truth["patterns"]["missed_follow_up"]) & harbour_bank.book(
            rm_id
        )
        assert expected <= chase, rm_id
        playbooks = {
            i.playbook
            for i in brief.items
            if i.client_id in expected and i.signal_kind == "deposit_churn"
        }
        assert playbooks == {"retention/outflow-response"}  # Harbour's playbook, not the demo's


def test_the_outflow_rule_is_the_banks_own_two_months_on_three(harbour_bank: Bank) -> None:
    """Harbour's playbook compares the last two months with the three before, at half
    (``recent_months: 2``, ``baseline_months: 3`` in its signal policy): the clients the engine
    warns about are exactly those its truth computes from the balances by that rule."""
    insights = harbour_bank.fl.insights
    warned = {
        cid: s
        for cid, data in insights.population.items()
        for s in insights.insight(data, harbour_bank.as_of).signals
        if s.kind == "deposit_churn"
    }
    assert set(warned) == set(harbour_bank.truth["patterns"]["outflow"])
    months: dict[str, list[float]] = {}
    for row in sorted(harbour_bank.rows("balances"), key=lambda r: r["month"]):
        months.setdefault(row["client_id"], []).append(float(row["avg_daily_deposit"]))
    for cid, signal in warned.items():
        series = months[cid]
        assert signal.facts["avg_deposit"] == pytest.approx(sum(series[-2:]) / 2), cid
        assert signal.facts["prev_avg_deposit"] == pytest.approx(sum(series[-5:-2]) / 3), cid
        assert "近两月日均" in signal.detail_zh and "较前三月" in signal.detail_zh


def test_when_a_holding_matures_within_a_week_then_its_rm_sees_it(harbour_bank: Bank) -> None:
    day = harbour_bank.first_working_day
    maturing = set(harbour_bank.truth["patterns"]["maturing_30"])
    checked = 0
    for rm_id in _rms_with(harbour_bank, "maturing_30"):
        book = harbour_bank.book(rm_id)
        expected = maturing & harbour_bank.maturing_within(book, day, 7)
        brief = harbour_bank.fl.briefs.build(rm_id, day, "zh")
        assert {i.client_id for i in brief.items if i.section == "maturing"} == expected, rm_id
        assert {i.client_id for i in brief.items} <= book
        checked += len(expected)
    assert checked, "Harbour plants maturities within a week of its as-of date"


def test_no_full_identifier_in_harbour_briefs(harbour_bank: Bank) -> None:
    day = harbour_bank.first_working_day
    identifiers = harbour_bank.identifiers()
    for rm in harbour_bank.rows("rms"):
        if rm["role"] == "admin":
            continue
        shown = harbour_bank.fl.briefs.build(rm["rm_id"], day, "zh").model_dump_json()
        assert [v for v in identifiers if v in shown] == [], rm["rm_id"]
