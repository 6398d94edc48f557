"""Disclosures by product type come from the bank's profile, in its conduct playbook's words
(存款 vs 结构性存款 vs 理财), for every bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.compliance import ComplianceContext, disclosed_products, disclosure_for
from tools.outreach.bank_profile import load_bank_profile

ROOT = Path(__file__).resolve().parents[2]
DEMO = load_bank_profile(ROOT / "tools" / "policy" / "bank.yaml")
HARBOUR = load_bank_profile(ROOT / "evals" / "banks" / "harbour" / "bank.yaml")


def context(profile, category: str, risk: str = "R2", channel: str = "wechat") -> ComplianceContext:
    # validated from plain strings, as the tool receives them
    return ComplianceContext.model_validate(
        dict(
            product_codes=("P1",),
            product_risk_levels={"P1": risk},
            product_categories={"P1": category},
            channel=channel,
            disclosures=profile.disclosures,
        )
    )


@pytest.mark.parametrize(
    ("profile", "category", "wanted", "unwanted"),
    [
        (DEMO, "structured_deposit", "结构性存款不同于普通存款", "非存款"),
        (DEMO, "wealth", "理财非存款", "结构性存款"),
        (DEMO, "insurance", "保险产品，不是存款", "理财非存款"),
        (HARBOUR, "managed-investment", "理财非存款", "本产品非存款"),
        (HARBOUR, "mutual-fund", "基金净值", "理财非存款"),
    ],
)
def test_when_one_kind_of_product_then_its_own_disclosure(profile, category, wanted, unwanted):
    sentence = disclosure_for(context(profile, category), "zh")
    assert wanted in sentence and unwanted not in sentence


@pytest.mark.parametrize(
    ("profile", "category"),
    [(DEMO, "loan"), (HARBOUR, "credit-facility"), (HARBOUR, "trade-services")],
)
def test_when_category_is_exempt_then_no_disclosure_is_needed(profile, category):
    assert disclosed_products(context(profile, category)) == []


def test_when_category_is_unknown_then_the_generic_sentence_makes_no_deposit_claim():
    sentence = disclosure_for(context(HARBOUR, "something-new", "R3"), "zh")
    assert sentence == "产品有风险，投资须谨慎。"


def test_when_channel_is_sms_then_the_short_form():
    sentence = disclosure_for(context(DEMO, "structured_deposit", channel="sms"), "zh")
    assert len(sentence) < 30 and "结构性存款" in sentence


def test_where_visits_are_recorded_is_the_banks_word():
    assert DEMO.records_in["zh"] and HARBOUR.records_in["en"]
