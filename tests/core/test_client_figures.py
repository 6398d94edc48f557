"""The figure a client question names is answered first, exactly: the latest month to the
yuan, a trend as its months and direction, "any transactions?" as yes or no."""

from __future__ import annotations

import pytest

from assistant.engines.offline.figures import asked, lead


def _profile(deposits: list[float], loans: list[float] | None = None, txns=None) -> dict:
    n = len(deposits)
    loans = loans or [0.0] * n
    txns = txns if txns is not None else [5] * n
    months = [
        {
            "month": f"2026-{i + 1:02d}",
            "avg_daily_deposit": d,
            "loan_balance": loans[i],
            "transaction_count": txns[i],
        }
        for i, d in enumerate(deposits)
    ]
    return {"months": months, "metrics": {"avg_deposit_3m": sum(deposits[-3:]) / 3}}


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        ("⟦CLIENT_1⟧ 贷款余额还有多少", ["loan"]),
        ("what's the loan balance on ⟦CLIENT_1⟧?", ["loan"]),
        ("⟦CLIENT_1⟧ 目前日均多少", ["deposit"]),
        ("⟦CLIENT_1⟧ avg daily balance right now", ["deposit"]),
        ("⟦CLIENT_1⟧ 近半年存款走势", ["trend"]),
        ("how have ⟦CLIENT_1⟧'s deposits moved over the past 4 months", ["trend"]),
        ("⟦CLIENT_1⟧ 这阵子有没有动账", ["transactions"]),
        ("⟦CLIENT_1⟧ 持有哪些产品", []),
        ("⟦CLIENT_1⟧ 的风险偏好是什么", []),
        ("any maturities coming up for them?", ["maturity"]),
        ("她那笔定期几号到期", ["maturity"]),
        ("⟦CLIENT_1⟧ 到期余额多少", ["maturity"]),
        ("when does anything of ⟦CLIENT_1⟧'s fall due?", ["maturity"]),
    ],
)
def test_when_a_question_names_a_figure_then_it_is_recognised(question, figures) -> None:
    assert asked(question) == figures


def test_when_the_loan_is_asked_then_the_latest_month_is_given_to_the_fen() -> None:
    profile = _profile([1e6, 1e6, 1e6], loans=[9_000_000, 8_800_000, 8_765_432.1])
    zh = "\n".join(lead("⟦CLIENT_1⟧ 贷款多少", profile, "zh"))
    en = "\n".join(lead("loan balance for ⟦CLIENT_1⟧?", profile, "en"))
    assert "876.54 万元" in zh and "8,765,432.10 元" in zh and "2026-03" in zh
    assert "CNY 8,765,432.10" in en


def test_when_deposits_now_are_asked_then_the_latest_month_leads_not_the_average() -> None:
    profile = _profile([3_000_000, 3_000_000, 1_234_567])
    line = lead("⟦CLIENT_1⟧ 现在日均存款多少", profile, "zh")[0]
    assert "123.46 万元（1,234,567 元）" in line and "近三月日均" in line


@pytest.mark.parametrize(
    ("deposits", "zh_word", "en_word"),
    [
        ([600_000, 590_000, 500_000, 420_000, 380_000, 330_000], "下降", "down"),
        ([300_000, 320_000, 380_000, 420_000, 500_000, 610_000], "上升", "up"),
        ([500_000, 505_000, 498_000, 502_000, 501_000, 503_000], "基本持平", "flat"),
    ],
)
def test_when_a_trend_is_asked_then_its_direction_and_months_are_shown(
    deposits, zh_word, en_word
) -> None:
    profile = _profile([900_000] * 6 + deposits)
    zh = lead("⟦CLIENT_1⟧ 近6个月存款趋势", profile, "zh")
    en = lead("⟦CLIENT_1⟧ deposits trend last 6 months", profile, "en")
    assert zh_word in zh[0] and en_word in en[0]
    assert "2026-07" in zh[0] and "2026-12" in zh[0]  # exactly the six months asked
    assert "2026-06" not in "\n".join(zh)


def test_when_no_transaction_was_made_then_the_answer_says_none_and_for_how_long() -> None:
    profile = _profile([90_000] * 6, txns=[4, 1, 0, 0, 0, 0])
    zh = lead("⟦CLIENT_1⟧ 最近有交易吗", profile, "zh")[0]
    en = lead("any transactions on ⟦CLIENT_1⟧ lately?", profile, "en")[0]
    assert zh.startswith("- 没有交易") and "连续 4 个月" in zh
    assert en.startswith("- No transactions")


def test_when_transactions_were_made_then_they_are_counted() -> None:
    profile = _profile([90_000] * 4, txns=[9, 3, 2, 6])
    assert "11 笔" in lead("⟦CLIENT_1⟧ 最近有交易吗", profile, "zh")[0]


def test_when_nothing_specific_is_asked_then_there_is_no_lead() -> None:
    assert lead("⟦CLIENT_1⟧ 的情况", _profile([1.0] * 3), "zh") == []


@pytest.mark.parametrize(
    ("deposits", "shown"),
    [
        ([2_000_000, 2_000_000, 2_000_000, 2_100_000, 2_000_000, 500_000], True),  # fell last month
        ([2_000_000, 2_000_000, 2_000_000, 2_050_000, 1_950_000, 2_000_000], False),  # steady
    ],
)
def test_when_the_latest_month_departs_from_the_average_then_the_snapshot_shows_it(
    deposits, shown
) -> None:
    from tests.intelligence.factory import make_client
    from tools.insights import _latest_apart
    from tools.intelligence.metrics import compute_metrics

    m = compute_metrics(make_client(deposits=deposits), {}, ())
    assert bool(_latest_apart(m, True)) is shown
    assert ("50 万" in _latest_apart(m, True)) is shown


def test_when_a_holding_has_an_amount_then_it_is_shown_in_full() -> None:
    from assistant.engines.offline.client_facts import _holdings

    profile = {
        "holdings": [
            {
                "product": "单位定期存款",
                "product_code": "TD-1",
                "risk_level": "R1",
                "balance": 1_044_500.0,
                "maturity_date": "2026-11-06",
            },
            {
                "product": "单位活期存款",
                "product_code": "CA-1",
                "risk_level": "R1",
                "balance": 88_000.0,
                "maturity_date": None,
            },
        ]
    }
    zh = _holdings(profile, "zh")
    assert "2026-11-06" in zh[0] and "1,044,500 元" in zh[0]
    assert "88,000 元" in zh[1] and "到期" not in zh[1]  # no maturity: the amount alone
    assert "CNY 1,044,500" in _holdings(profile, "en")[0]


def _holding(code: str, maturity: str | None, balance: float = 0.0) -> dict:
    return {"product_code": code, "product": f"产品{code}", "maturity_date": maturity,
            "balance": balance}  # fmt: skip


def test_when_maturities_are_asked_then_what_is_still_to_mature_comes_soonest_first() -> None:
    profile = _profile([1e6, 1e6, 1e6]) | {
        "as_of": "2026-07-01",
        "holdings": [
            _holding("TD3", "2027-02-01", 300_000),
            _holding("PAST", "2026-06-30", 1),  # matured before the extract's day
            _holding("CD1", "2026-07-09", 1_250_000),
            _holding("DDA", None),
        ],
    }
    zh = lead("她有什么快到期的", profile, "zh")
    assert [line.split("：")[0] for line in zh] == ["- 2026-07-09 到期", "- 2027-02-01 到期"]
    assert "（1,250,000 元）" in zh[0] and "CD1" in zh[0]
    en = lead("any maturities coming up?", profile, "en")
    assert en[0].startswith("- Matures 2026-07-09") and "CNY 1,250,000" in en[0]
    # A product the question names says its own date: no second line about it.
    assert lead("她那笔CD1几号到期", profile, "zh", product_named=True) == []


def test_when_nothing_is_still_to_mature_then_the_answer_says_so() -> None:
    profile = _profile([1e6]) | {"as_of": "2026-07-01", "holdings": [_holding("DDA", None)]}
    assert lead("有到期的吗", profile, "zh") == ["- 没有待到期的持仓"]
    assert lead("anything maturing?", profile, "en") == ["- Nothing they hold is due to mature"]


@pytest.mark.parametrize(
    ("said", "last", "meant"),
    [
        ("第一个多少钱", {"maturity_within_days": 14}, "第一个多少钱 到期"),
        (
            "how much is the second one?",
            {"sort_by": "days_to_maturity"},
            "how much is the second one? maturing",
        ),
        ("第一个多少钱", {"sort_by": "loan_balance"}, None),  # a loan ranking: its own figures
        ("第一个存款多少", {"maturity_within_days": 30}, None),  # the words name the figure
        ("第二个联系人是谁", {"maturity_within_days": 30}, None),
    ],
)
def test_when_an_amount_is_asked_of_a_client_picked_from_a_maturity_list_then_it_is_what_matures(
    said: str, last: dict, meant: str | None
) -> None:
    from assistant.engines.offline.followup import _of_list

    assert _of_list(said, last) == meant
