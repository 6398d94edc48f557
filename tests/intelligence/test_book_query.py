"""Book rows and the filter/rank query team leads and RMs ask through ``list_book``."""

from __future__ import annotations

from datetime import timedelta

import pytest

from assistant.errors import UserError
from tests.intelligence.factory import (
    AS_OF,
    catalog,
    days_before,
    holding,
    interaction,
    make_client,
    policies,
)
from tools.intelligence.book import BookAnalyzer, BookRow, query

RECENT = [interaction(days_before(3))]


def book() -> list[BookRow]:
    datas = [
        make_client(
            client_id="A", deposits=[15e6] * 3 + [11e6] * 3, interactions=RECENT
        ),  # key, churn
        make_client(
            client_id="B",
            industry="外贸",
            deposits=[60e6] * 6,
            interactions=RECENT,
            holdings=[holding("CDEP02", 8e6, maturity=AS_OF + timedelta(days=20))],
        ),  # core, maturity
        make_client(
            client_id="C",
            client_type="retail",
            deposits=[400e3] * 3 + [600e3] * 3,
            interactions=RECENT,
            holdings=[holding("RCD01", 300e3, maturity=AS_OF + timedelta(days=80))],
        ),  # wealth, growth
        make_client(
            client_id="D", deposits=[3e6] * 6, employees=300, interactions=RECENT
        ),  # basic, payroll gap
    ]
    return BookAnalyzer(policies(), catalog()).analyze(datas, AS_OF)


def ids(rows: list[BookRow]) -> list[str]:
    return [r.client_id for r in rows]


def test_when_book_analyzed_then_one_row_per_client_with_tier_signals_and_maturity() -> None:
    rows = {r.client_id: r for r in book()}
    assert [rows[c].tier for c in "ABCD"] == ["key", "core", "wealth", "basic"]
    assert rows["A"].signals == ("deposit_churn",) and rows["A"].trend_ratio == pytest.approx(
        11 / 15 - 1
    )
    assert (
        rows["B"].next_maturity == AS_OF + timedelta(days=20)
        and rows["B"].next_maturity_product == "CDEP02"
    )
    assert rows["C"].value == 600e3 + 300e3  # retail value is AUM
    assert rows["D"].gaps == ("CPAY01",)


FILTERS = [
    ("by_tier", {"tier": "key"}, ["A"]),
    ("by_signal", {"signal": "deposit_churn"}, ["A"]),
    ("by_product_gap", {"product_gap": "CPAY01"}, ["D"]),
    ("any_product_gap", {"product_gap": True}, ["D"]),
    ("maturity_within_30_days", {"maturity_within_days": 30}, ["B"]),
    ("maturity_within_90_days", {"maturity_within_days": 90}, ["B", "C"]),
    ("by_client_type", {"client_type": "retail"}, ["C"]),
    ("by_industry", {"industry": "外贸"}, ["B"]),
    ("filters_combine", {"client_type": "corporate", "maturity_within_days": 90}, ["B"]),
    ("nothing_matches", {"tier": "strategic"}, []),
]


@pytest.mark.parametrize(("case", "filters", "expected"), FILTERS, ids=[c[0] for c in FILTERS])
def test_when_filtered_then_only_matching_clients(
    case: str, filters: dict, expected: list[str]
) -> None:
    assert sorted(ids(query(book(), **filters))) == expected


SORTS = [
    ("value_largest_first", "value", ["B", "A", "D", "C"]),
    ("trend_steepest_decline_first", "trend", ["A", "B", "D", "C"]),
    ("maturity_soonest_first", "maturity", ["B", "C", "A", "D"]),
    ("urgency_nearest_deadline_first", "urgency", ["A", "B", "C", "D"]),
]


@pytest.mark.parametrize(("case", "sort_by", "expected"), SORTS, ids=[c[0] for c in SORTS])
def test_when_sorted_then_ranked_by_that_key(case: str, sort_by: str, expected: list[str]) -> None:
    assert ids(query(book(), sort_by=sort_by)) == expected  # type: ignore[arg-type]


def test_when_limit_given_then_top_n_only() -> None:
    assert ids(query(book(), sort_by="value", limit=2)) == ["B", "A"]
    assert ids(BookAnalyzer.query(book(), sort_by="value", limit=1)) == ["B"]


def test_when_sort_key_unknown_then_user_error() -> None:
    with pytest.raises(UserError, match="sort_by"):
        query(book(), sort_by="alphabetical")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("deposits", "halved"),
    [
        ([8e6] * 4 + [3e6] * 2, True),  # fell two months ago: the average is down 42% so far
        ([8e6] * 3 + [4e6] * 3, True),  # a quarter at half the one before
        ([8e6] * 5 + [6e6], False),
    ],
)
def test_when_deposits_halved_within_the_quarter_then_a_halving_bound_finds_them(
    deposits, halved
) -> None:
    from tools.book_query import BookQuery, Threshold
    from tools.intelligence.book_select import Resolved, select

    data = make_client(client_id="H", deposits=deposits, interactions=RECENT)
    rows = BookAnalyzer(policies(), catalog()).analyze([data], AS_OF)
    bound = Threshold(measure="deposit_change", op="lte", value=-0.5)
    assert ids(select(rows, BookQuery(thresholds=[bound]), Resolved())) == (["H"] if halved else [])
