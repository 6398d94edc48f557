"""Signal rules: each one's trigger and its near miss, computed on constructed clients."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.intelligence.factory import (
    AS_OF,
    catalog,
    days_before,
    drop,
    holding,
    interaction,
    make_client,
    policies,
)
from tools.intelligence.signals import Signal, detect_signals

BASE = 10_000_000.0


def signals_of(data, kind: str | None = None, as_of: date = AS_OF) -> list[Signal]:
    found = detect_signals(data, catalog(), None, policies(), as_of)
    return [s for s in found if kind is None or s.kind == kind]


def gradual(ratio: float, base: float = BASE, client_type: str = "corporate"):
    return make_client(client_type=client_type, deposits=[base] * 3 + [drop(base, ratio)] * 3)


def sudden(ratio: float, base: float = BASE, client_type: str = "corporate"):
    return make_client(client_type=client_type, deposits=[base] * 5 + [drop(base, ratio)])


def churn_policy():
    return policies().signals.deposit_churn


# ---- deposit churn ---------------------------------------------------------------------------

CHURN = [
    (
        "gradual_just_over_threshold",
        lambda: gradual(churn_policy().gradual_drop_ratio + 0.01),
        "gradual",
    ),
    ("gradual_exactly_at_threshold", lambda: gradual(churn_policy().gradual_drop_ratio), "gradual"),
    (
        "sudden_just_over_threshold",
        lambda: sudden(churn_policy().sudden_drop_ratio + 0.01),
        "sudden",
    ),
    ("retail_gradual", lambda: gradual(0.3, base=200_000, client_type="retail"), "gradual"),
]
NO_CHURN = [
    ("gradual_just_under_threshold", lambda: gradual(churn_policy().gradual_drop_ratio - 0.01)),
    ("sudden_just_under_threshold", lambda: sudden(churn_policy().sudden_drop_ratio - 0.01)),
    ("below_min_amount", lambda: gradual(0.5, base=churn_policy().min_amount["corporate"] - 1)),
    (
        "retail_below_min_amount",
        lambda: gradual(0.5, base=churn_policy().min_amount["retail"] - 1, client_type="retail"),
    ),
    ("steady", lambda: make_client()),
    ("too_little_history", lambda: make_client(deposits=[BASE, BASE * 0.9])),
]


@pytest.mark.parametrize(("case", "build", "pattern"), CHURN, ids=[c[0] for c in CHURN])
def test_when_deposits_drop_past_threshold_then_churn_signal(
    case: str, build, pattern: str
) -> None:
    [signal] = signals_of(build(), "deposit_churn")
    assert signal.facts["pattern"] == pattern
    assert signal.playbook == churn_policy().playbook


@pytest.mark.parametrize(("case", "build"), NO_CHURN, ids=[c[0] for c in NO_CHURN])
def test_when_drop_short_of_threshold_then_no_churn(case: str, build) -> None:
    assert signals_of(build(), "deposit_churn") == []


def test_when_churn_detected_then_due_five_working_days_after_month_closes() -> None:
    [signal] = signals_of(gradual(0.21), "deposit_churn")
    assert signal.detected_on == date(2026, 11, 1)  # the Sunday after October closes
    assert signal.due_date == date(2026, 11, 6)  # Mon..Fri
    assert signal.severity == "medium"
    assert signal.facts["amount_at_risk"] == pytest.approx(BASE * 0.21)


def test_when_sudden_drop_then_high_severity() -> None:
    [signal] = signals_of(sudden(0.5), "deposit_churn")
    assert signal.severity == "high"
    assert "下降 50%" in signal.detail_zh


# ---- maturity --------------------------------------------------------------------------------


def maturing_in(days: int):
    return make_client(
        holdings=[holding("CDEP02", 5_000_000, maturity=AS_OF + timedelta(days=days))]
    )


@pytest.mark.parametrize(
    ("days", "window", "severity", "due"),
    [
        (0, 30, "high", AS_OF),
        (7, 30, "high", AS_OF),
        (30, 30, "high", AS_OF),
        (31, 60, "medium", AS_OF + timedelta(days=1)),
        (60, 60, "medium", AS_OF + timedelta(days=30)),
        (61, 90, "low", AS_OF + timedelta(days=31)),
        (90, 90, "low", AS_OF + timedelta(days=60)),
    ],
)
def test_when_holding_matures_within_windows_then_one_signal_with_window(
    days: int, window: int, severity: str, due: date
) -> None:
    [signal] = signals_of(maturing_in(days), "maturity")
    assert (signal.facts["window_days"], signal.severity, signal.due_date) == (
        window,
        severity,
        due,
    )
    assert signal.product_code == "CDEP02"


@pytest.mark.parametrize("days", [91, 365, -1])
def test_when_maturity_outside_windows_or_past_then_no_signal(days: int) -> None:
    assert signals_of(maturing_in(days), "maturity") == []


def test_when_two_holdings_mature_then_one_signal_each() -> None:
    data = make_client(
        holdings=[
            holding("CDEP02", 1, maturity=AS_OF + timedelta(days=10)),
            holding("CDEP03", 1, maturity=AS_OF + timedelta(days=50)),
        ]
    )
    assert sorted(s.product_code or "" for s in signals_of(data, "maturity")) == [
        "CDEP02",
        "CDEP03",
    ]


# ---- dormancy --------------------------------------------------------------------------------


def idle(months: int, total: int = 8, interactions=()):
    return make_client(
        deposits=[BASE] * total,
        transactions=[9] * (total - months) + [0] * months,
        interactions=list(interactions),
    )


DORMANCY = [
    ("idle_six_months_never_contacted", idle(6), True),
    (
        "idle_six_months_contacted_long_ago",
        idle(6, interactions=[interaction(days_before(200))]),
        True,
    ),
    ("idle_but_contacted_recently", idle(6, interactions=[interaction(days_before(10))]), False),
    ("idle_five_months", idle(5), False),
    ("active", make_client(), False),
]


@pytest.mark.parametrize(("case", "data", "dormant"), DORMANCY, ids=[c[0] for c in DORMANCY])
def test_when_idle_and_uncontacted_then_dormant(case: str, data, dormant: bool) -> None:
    assert bool(signals_of(data, "dormancy")) is dormant


def test_when_idle_longer_than_threshold_then_detected_when_streak_reached_it() -> None:
    [signal] = signals_of(idle(8), "dormancy")
    assert signal.detected_on == date(2026, 9, 1)  # six idle months complete at the end of August
    assert signal.due_date == date(2026, 9, 15)  # 10 working days


# ---- growth ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("ratio", "grows"), [(0.31, True), (0.30, True), (0.29, False)])
def test_when_deposits_grow_past_ratio_then_growth_signal(ratio: float, grows: bool) -> None:
    data = make_client(deposits=[BASE] * 3 + [BASE * (1 + ratio)] * 3)
    assert bool(signals_of(data, "growth")) is grows


def test_when_growth_from_a_tiny_base_then_no_signal() -> None:
    assert signals_of(make_client(deposits=[100] * 3 + [1_000] * 3), "growth") == []


# ---- suitability -----------------------------------------------------------------------------

SUITABILITY = [
    ("c3_holding_r3_is_fine", "retail", "C3", "RWM02", False),
    ("c2_holding_r5_is_mismatch", "retail", "C2", "RFD02", True),
    ("c1_holding_r2_is_mismatch", "retail", "C1", "RWM01", True),
    ("corporate_c2_holding_r4_is_mismatch", "corporate", "C2", "CFX02", True),
    ("unassessed_client_not_flagged", "retail", None, "RFD02", False),
]


@pytest.mark.parametrize(
    ("case", "client_type", "appetite", "code", "mismatch"),
    SUITABILITY,
    ids=[c[0] for c in SUITABILITY],
)
def test_when_product_risk_above_appetite_then_mismatch(
    case: str, client_type: str, appetite, code: str, mismatch: bool
) -> None:
    data = make_client(
        client_type=client_type, risk_appetite=appetite, holdings=[holding(code, 100_000)]
    )
    found = signals_of(data, "suitability")
    assert bool(found) is mismatch
    if mismatch:
        assert found[0].severity == "high" and found[0].product_code == code
        assert found[0].due_date == date(2026, 11, 4)  # 3 working days after Sunday 1 Nov


# ---- ordering --------------------------------------------------------------------------------


def test_when_several_signals_then_most_severe_first() -> None:
    data = make_client(
        client_type="retail",
        risk_appetite="C2",
        deposits=[200_000] * 3 + [300_000] * 3,
        holdings=[
            holding("RFD02", 10_000),
            holding("RCD01", 200_000, maturity=AS_OF + timedelta(days=45)),
        ],
    )
    assert [s.kind for s in signals_of(data)] == ["suitability", "maturity", "growth"]
