"""A tier as the RM names it, from the bank's own tiering policy: its labels and the values of
its extract's tier column, in Chinese and English — never a list fitted to one bank."""

from __future__ import annotations

import pytest

from evals.banks.harbour import TIERING_POLICY
from tools.intelligence.policy import load_policies

DEMO = load_policies().tiering
HARBOUR = load_policies(tiering_path=TIERING_POLICY).tiering


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("我的战略客户有哪些", "strategic"),
        ("list my core clients", "core"),
        ("which key accounts are losing deposits", "key"),
        ("私行客户名单", "private"),
        ("my Private Banking clients", "private"),
        ("贵宾客户里谁没买理财", "affluent"),
        ("the key question is deposits", None),
        ("核心问题是存款", None),
        # an English word beside Chinese, no space: still a whole word
        ("我的PB客户有哪些", "private"),
        ("key客户有几个", "key"),
        ("keyboard客户", None),
    ],
)
def test_when_the_demo_bank_names_a_tier_then_its_policy_reads_it(text: str, tier: str) -> None:
    assert DEMO.tier_in(text) == tier


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("我这边支行级的客户有哪些", "sub-branch"),
        ("我的总行级客户有几个", "head-office"),
        ("分行级客户名单", "branch"),
        ("which of my sub-branch clients matured", "sub-branch"),
        ("head office tier clients over 50m", "head-office"),
        ("branch clients with loans", "branch"),
        ("my gold clients", "gold"),
        ("铂金客户", "platinum"),
        ("what are the branch opening hours", None),
        ("give her a gold card", None),
    ],
)
def test_when_another_bank_names_its_own_tier_then_its_policy_reads_it(
    text: str, tier: str
) -> None:
    assert HARBOUR.tier_in(text) == tier


def test_when_a_tier_is_named_then_the_demo_labels_are_not_read_on_another_bank() -> None:
    assert HARBOUR.tier_in("我的战略客户有哪些") is None
