"""Untrusted RM points: violations are removed and flagged, identifiers never pass through, and
a suitability mismatch is reported rather than hidden."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from tools.compliance import check_compliance
from tools.outreach import Channel, OutreachRequest, ProductRef, Purpose, draft_outreach

WEALTH = ProductRef(
    code="RWM01",
    name="稳健理财",
    name_en="Conservative Wealth Product",
    risk_level="R2",
    category="wealth",
)
FUND = ProductRef(
    code="RFD02", name="股票型基金", name_en="Equity Fund", risk_level="R5", category="fund"
)
RAW_IDENTIFIERS = re.compile(r"1[3-9]\d{9}|\d{17}[\dX]|\d{16,19}")


def request(channel=Channel.WECHAT, language="zh", **kw) -> OutreachRequest:
    base = dict(
        channel=channel,
        language=language,
        purpose=Purpose.PRODUCT_INTRO,
        client_token="⟦CLIENT_3⟧",
        product=WEALTH,
        facts={"rm_name": "王芳"},
        client_risk_appetite="C3",
    )
    return OutreachRequest(**{**base, **kw})


@pytest.mark.parametrize("channel", list(Channel))
def test_when_points_promise_returns_then_draft_is_clean_and_flags_record_the_removal(channel):
    draft = draft_outreach(request(channel, points=["保证年化5%，稳赚不赔", "起购金额1万元"]))
    assert "稳赚" not in draft.text and "保证年化" not in draft.text
    assert "起购金额1万元" in draft.text
    assert draft.flags == ["compliance:guaranteed_return"]
    assert {f.matched for f in draft.findings} == {"保证年化5%", "稳赚不赔"}
    assert draft.unresolved == []
    context_free = check_compliance(draft.text, language="zh")
    assert context_free.ok


@pytest.mark.parametrize(
    ("language", "point", "flag"),
    [
        ("en", "Guaranteed 5% return, you can't lose", "compliance:guaranteed_return"),
        ("en", "Act now before it's gone", "compliance:pressure_selling"),
        ("zh", "零风险，放心买", "compliance:risk_free_language"),
        ("zh", "今天最后一天，手慢无", "compliance:pressure_selling"),
    ],
)
def test_when_point_violates_then_it_is_dropped_and_flagged(language, point, flag):
    draft = draft_outreach(request(Channel.WECHAT, language, points=[point]))
    assert flag in draft.flags and point.rstrip("。.") not in draft.text


@pytest.mark.parametrize("channel", list(Channel))
@pytest.mark.parametrize(
    "point",
    ["有事打我手机13912345678", "客户身份证11010519491231002X已核实", "卡号6222021234567890128"],
)
def test_when_point_carries_full_identifier_then_it_never_reaches_the_draft(channel, point):
    draft = draft_outreach(request(channel, points=[point]))
    assert "compliance:full_identifier" in draft.flags
    assert not RAW_IDENTIFIERS.search(draft.text.replace("2026", ""))


def test_when_fact_carries_identifier_then_it_is_removed_too():
    draft = draft_outreach(request(Channel.CALL, facts={"rm_name": "13912345678"}))
    assert "13912345678" not in draft.text
    assert "compliance:full_identifier" in draft.flags


def test_when_product_exceeds_appetite_then_mismatch_is_reported_not_hidden():
    draft = draft_outreach(request(product=FUND, client_risk_appetite="C2"))
    assert draft.flags == ["compliance:suitability_mismatch"]
    (mismatch,) = draft.unresolved
    assert mismatch.code == "suitability_mismatch" and "R5" in mismatch.explanation


def test_when_point_mentions_investment_without_product_then_disclosure_is_added_and_flagged():
    draft = draft_outreach(
        request(purpose=Purpose.GENERAL, product=None, points=["也可以了解一下我行的基金"])
    )
    assert "compliance:missing_risk_disclosure" in draft.flags
    assert "投资须谨慎" in draft.text and draft.unresolved == []


def test_when_draft_is_made_then_only_given_tokens_appear():
    draft = draft_outreach(
        request(client_type="corporate", contact_token="⟦PERSON_4⟧", points=["详情见附件"])
    )
    assert set(re.findall(r"⟦[A-Z_]+_\d+⟧", draft.text)) <= {"⟦CLIENT_3⟧", "⟦PERSON_4⟧"}


@pytest.mark.parametrize("value", ["张三", "13912345678", "CLIENT_3", "⟦client_3⟧"])
def test_when_client_reference_is_not_a_token_then_request_is_rejected(value):
    with pytest.raises(ValidationError, match="privacy tokens"):
        request(client_token=value)


def test_when_sms_points_overflow_then_segments_are_counted():
    draft = draft_outreach(
        request(
            Channel.SMS,
            purpose=Purpose.GENERAL,
            product=None,
            points=["请留意我行网点营业时间调整通知"] * 3,
        )
    )
    assert draft.segments == 2 and draft.text.endswith("拒收请回复R")
