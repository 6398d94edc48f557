"""check_compliance's report and sanitize: a sanitised text never carries the violation; only
suitability, which wording cannot fix, is still reported."""

from __future__ import annotations

import pytest

from tools.compliance import (
    ComplianceContext,
    ComplianceReport,
    Remedy,
    RuleRegistry,
    check_compliance,
    default_registry,
    sanitize,
)
from tools.compliance.rules.risk_free_language import RiskFreeLanguageRule

WEALTH_C1 = ComplianceContext(
    product_codes=("RWM01",),
    product_risk_levels={"RWM01": "R2"},
    product_categories={"RWM01": "wealth"},
    client_risk_appetite="C1",
    channel="wechat",
)
FUND = ComplianceContext(
    product_codes=("RFD01",),
    product_risk_levels={"RFD01": "R4"},
    product_categories={"RFD01": "fund"},
)

DIRTY = [
    ("zh", "您好！这款理财保证年化5%，稳赚不赔。起购1万元。", FUND, "保证年化5%"),
    ("zh", "零风险，最后一天，手慢无！欢迎咨询。", ComplianceContext(), "零风险"),
    ("zh", "有事打我电话13912345678。祝好。", ComplianceContext(), "13912345678"),
    (
        "en",
        "Hi! Guaranteed 5% return, risk-free. Act now before it's gone. Call me.",
        FUND,
        "Guaranteed 5%",
    ),
    ("en", "Dear client,\n- It can't lose.\n- Minimum 1,000 CNY.\nRegards", FUND, "can't lose"),
]


def test_when_text_is_clean_then_report_is_ok_and_has_no_flags():
    report = check_compliance("您的定期存款将于下月到期。", language="zh")
    assert report.ok and report.flags == [] and report.findings == ()


def test_when_rules_fire_then_flags_are_prefixed_distinct_and_sorted():
    report = check_compliance("稳赚！保本！零风险！", language="zh", context=FUND)
    assert report.flags == [
        "compliance:guaranteed_return",
        "compliance:missing_risk_disclosure",
        "compliance:risk_free_language",
    ]


def test_when_phrase_matches_then_finding_locates_span_and_explains_in_language():
    text = "This fund is risk-free."
    (finding,) = check_compliance(text, language="en").findings
    assert text[finding.start : finding.end] == finding.matched == "risk-free"
    assert finding.flag == "compliance:risk_free_language"
    assert "risk" in finding.explanation and finding.suggestion
    (zh,) = check_compliance(
        "这款基金零风险。理财非存款，产品有风险，投资须谨慎。", language="zh"
    ).findings
    assert "风险" in zh.explanation and zh.suggestion


def test_when_full_width_text_is_checked_then_spans_index_the_original():
    text = "保证年化５％！"
    (finding,) = check_compliance(text, language="zh").findings
    assert text[finding.start : finding.end] == "保证年化５％"


@pytest.mark.parametrize(("language", "text", "context", "violation"), DIRTY)
def test_when_sanitized_then_violation_is_gone_and_recheck_is_clean(
    language, text, context, violation
):
    report = check_compliance(text, language=language, context=context)
    cleaned = sanitize(text, report, language)
    assert violation not in cleaned
    assert check_compliance(cleaned, language=language, context=context).ok


def test_when_sanitized_then_clean_sentences_survive():
    text = "您好！这款理财保证年化5%，稳赚不赔。起购1万元。"
    cleaned = sanitize(text, check_compliance(text, language="zh", context=FUND), "zh")
    assert cleaned.startswith("您好！起购1万元。")


def test_when_disclosure_is_missing_then_sanitize_appends_it():
    text = "推荐您了解混合型基金。"
    cleaned = sanitize(text, check_compliance(text, language="zh", context=FUND), "zh")
    assert cleaned == "推荐您了解混合型基金。基金有风险，投资须谨慎；基金过往业绩不代表其未来表现。"


def test_when_removed_sentence_carried_the_disclosure_then_sanitize_restores_one():
    text = "推荐混合型基金。稳赚不赔，投资须谨慎。"
    report = check_compliance(text, language="zh", context=FUND)
    assert "compliance:missing_risk_disclosure" not in report.flags
    cleaned = sanitize(text, report, "zh")
    assert "稳赚" not in cleaned and check_compliance(cleaned, language="zh", context=FUND).ok


def test_when_product_exceeds_appetite_then_suitability_survives_sanitize():
    text = "推荐您了解稳健理财。保证收益。"
    report = check_compliance(text, language="zh", context=WEALTH_C1)
    (mismatch,) = [f for f in report.findings if f.code == "suitability_mismatch"]
    assert mismatch.remedy is Remedy.REPORT and mismatch.matched == "RWM01"
    again = check_compliance(sanitize(text, report, "zh"), language="zh", context=WEALTH_C1)
    assert again.flags == ["compliance:suitability_mismatch"]
    assert again.only("suitability_mismatch")


def test_when_sms_needs_disclosure_then_the_short_form_is_used():
    context = WEALTH_C1.model_copy(update={"channel": "sms", "client_risk_appetite": None})
    cleaned = sanitize(
        "稳健理财现可办理。",
        check_compliance("稳健理财现可办理。", language="zh", context=context),
        "zh",
    )
    assert cleaned == "稳健理财现可办理。理财非存款，产品有风险，投资须谨慎。"


def test_when_report_is_serialised_then_flags_and_findings_round_trip():
    report = check_compliance("零风险。", language="zh")
    data = report.model_dump(mode="json")
    assert data["flags"] == ["compliance:risk_free_language"]
    assert data["findings"][0]["flag"] == "compliance:risk_free_language"
    assert ComplianceReport.model_validate(data).findings == report.findings


def test_when_registry_is_default_then_every_rule_is_listed_once():
    assert sorted(default_registry().codes) == [
        "acting_for_client",
        "client_credentials",
        "coercion",
        "full_identifier",
        "guaranteed_return",
        "id_document_by_chat",
        "insured_investment",
        "missing_risk_disclosure",
        "off_board_rate",
        "pressure_selling",
        "product_as_deposit",
        "risk_free_language",
        "shelter_claim",
        "skipped_safeguard",
        "speculative_hedging",
        "suitability_mismatch",
        "superlative_claim",
        "tied_selling",
    ]


def test_when_rule_is_registered_twice_then_registry_refuses():
    with pytest.raises(ValueError, match="already registered"):
        RuleRegistry([RiskFreeLanguageRule(), RiskFreeLanguageRule()])


def test_when_custom_registry_is_given_then_only_its_rules_run():
    registry = RuleRegistry([RiskFreeLanguageRule()])
    report = check_compliance("零风险，稳赚！", language="zh", registry=registry)
    assert report.flags == ["compliance:risk_free_language"]
