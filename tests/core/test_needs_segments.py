"""Tiering by needs (#18, 需求分群): a retail client's life stage and a company's business stage,
from the bank's tiering file — decided at each boundary, never on a figure the extract lacks,
explained in the client's profile, and a filter of the book ("我的退休准备期客户") whose clients
match an age computed here from the extract's own ID numbers. Both banks' files, their own
labels and cut-offs."""

from __future__ import annotations

import asyncio
import csv
from datetime import date

import pytest
from pydantic import ValidationError

from assistant.core.types import Turn
from assistant.engines.offline.book_parse import parse
from tests.core.test_book_queries import toolbox
from tools.intelligence.needs import NeedsPolicy, assign_needs
from tools.intelligence.policy import TieringPolicy, load_policies

DEMO = load_policies().tiering
HARBOUR = load_policies(
    "evals/banks/harbour/tiering.yaml", "evals/banks/harbour/signals.yaml"
).tiering


def _segment(policy: TieringPolicy, client_type: str, **values: float | None) -> str | None:
    found = assign_needs(policy.needs_segments, client_type, values)
    return found.segment if found else None


@pytest.mark.parametrize(
    ("age", "segment"),
    [(34, "young_starter"), (35, "family_growth"), (49, "family_growth"),
     (50, "pre_retirement"), (59, "pre_retirement"), (60, "retired"), (None, None)],
)  # fmt: skip
def test_a_retail_clients_life_stage_turns_at_each_age_the_policy_names(
    age: int | None, segment: str | None
) -> None:
    assert _segment(DEMO, "retail", age=age) == segment


@pytest.mark.parametrize(
    ("values", "segment"),
    [({"deposit_change": -0.31, "revenue": 5e8}, "adjusting"),
     ({"deposit_change": -0.30, "revenue": 5e8}, "mature"),  # -30% is not below -30%
     ({"deposit_change": 0.20, "employees": 10, "revenue": 1e6}, "expanding"),
     ({"deposit_change": 0.0, "employees": 49, "revenue": 29_999_999}, "startup"),
     ({"deposit_change": 0.0, "employees": 50, "revenue": 1e6}, "steady"),
     ({"deposit_change": None, "employees": None, "revenue": None}, "steady")],
)  # fmt: skip
def test_a_companys_business_stage_is_the_first_from_the_top_that_holds(
    values: dict, segment: str
) -> None:
    assert _segment(DEMO, "corporate", **values) == segment


def test_the_explanation_says_the_figures_that_decided_it_and_the_needs() -> None:
    found = assign_needs(DEMO.needs_segments, "retail", {"age": 54.0})
    assert found is not None
    assert found.explanation_zh.startswith("退休准备期（年龄 54 岁）；关注：养老规划")
    assert found.explanation_en.startswith("Pre-retirement (age 54); needs: retirement planning")


def test_the_second_bank_has_its_own_stages_and_cut_offs() -> None:
    assert _segment(HARBOUR, "retail", age=60) == "pre-retiree"  # demo: retired at 60
    assert _segment(HARBOUR, "retail", age=65) == "retiree"
    assert _segment(HARBOUR, "corporate", deposit_change=0.0, employees=120, years_with_bank=8) == (
        "established"
    )
    assert (
        _segment(HARBOUR, "corporate", deposit_change=0.0, employees=120, years_with_bank=7.9)
        is None
    )


@pytest.mark.parametrize(
    "bad",
    [{"retail": [{"segment": "x", "label_zh": "x", "label_en": "x", "needs_zh": "x",
                  "needs_en": "x", "all": [{"metric": "age"}]}]},  # no bound
     {"retail": [{"segment": "x", "label_zh": "x", "label_en": "x", "needs_zh": "x",
                  "needs_en": "x", "all": [], "colour": "red"}]},  # misspelt key
     {"retail": [{"segment": "x", "label_zh": "x", "label_en": "x", "needs_zh": "x",
                  "needs_en": "x", "all": [{"metric": "height", "gte": 1}]}]}],  # no such figure
)  # fmt: skip
def test_a_mistake_in_the_policy_is_refused_when_it_is_loaded(bad: dict) -> None:
    with pytest.raises(ValidationError):
        NeedsPolicy.model_validate(bad)


def test_a_segment_named_like_a_tier_is_refused() -> None:
    raw = DEMO.model_dump(by_alias=True)
    raw["needs_segments"]["retail"][0]["segment"] = "wealth"
    with pytest.raises(ValidationError, match="is a tier's name too"):
        TieringPolicy.model_validate(raw)


def test_a_question_names_a_segment_by_the_banks_labels_and_aliases() -> None:
    as_of = date(2026, 11, 1)
    assert parse("我的退休准备期客户有哪些", as_of, tiering=DEMO).query.needs_segment == (
        "pre_retirement"
    )
    assert parse("list my expanding companies", as_of, tiering=DEMO).query.needs_segment == (
        "expanding"
    )
    assert parse("临退休客群有几个", as_of, tiering=HARBOUR).query.needs_segment == "pre-retiree"
    assert parse("临退休客群有几个", as_of, tiering=DEMO).query.needs_segment is None


def _ages(extract_dir, rm_id: str, on: date) -> dict[str, int]:
    """Each of the RM's retail clients' age, read here from the ID's digits 7–14."""
    out = {}
    with (extract_dir / "clients.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            number = row["registration_id"]
            if row["rm_id"] != rm_id or row["client_type"] != "retail" or len(number) != 18:
                continue
            born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
            out[row["client_id"]] = (
                on.year - born.year - ((on.month, on.day) < (born.month, born.day))
            )
    return out


def test_the_book_filter_lists_exactly_the_clients_of_that_age(demo) -> None:
    fl, _ = demo
    as_of = fl.insights.extract_as_of
    wanted = sorted(
        c for c, a in _ages(fl.settings.home / "demo", "RM007", as_of).items() if 50 <= a < 60
    )
    assert wanted  # the demo bank's RM007 has clients in their fifties
    out = toolbox(fl, "RM007").call(
        "list_book", {"needs_segment": "退休准备期", "limit": 200, "sort_by": "value"}
    )
    assert out["matched"] == len(wanted)
    assert sorted(c["client_id"] for c in out["clients"]) == wanted
    assert "需求分群：退休准备期" in out["query"]


def test_the_profile_and_the_answer_explain_the_segment(demo) -> None:
    fl, _ = demo
    as_of = fl.insights.extract_as_of
    cid, age = next(
        (c, a) for c, a in _ages(fl.settings.home / "demo", "RM007", as_of).items() if 35 <= a < 50
    )
    profile = toolbox(fl, "RM007").call("get_client_profile", {"client_id": cid})
    assert profile["needs_segment"] == "family_growth"
    assert profile["needs_explanation"].startswith(f"家庭成长期（年龄 {age} 岁）")
    answer = asyncio.run(
        fl.core.answer(Turn(text=f"{cid}什么情况", channel="cli", rm_id="RM007", engine="offline"))
    )
    assert f"需求分群：家庭成长期（年龄 {age} 岁）" in answer.text


def test_an_unknown_segment_named_to_the_tool_is_a_clear_error(demo) -> None:
    fl, _ = demo
    with pytest.raises(Exception, match="no needs segment 'astronauts'"):
        toolbox(fl, "RM007").call("list_book", {"needs_segment": "astronauts"})
