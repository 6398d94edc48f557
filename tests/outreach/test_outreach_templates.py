"""Every channel × purpose × language drafts cleanly, and each channel keeps its shape: SMS
signed, with an opt-out and within its segment budget; e-mail with a subject; calls as a script."""

from __future__ import annotations

from itertools import product

import pytest

from tools.outreach import (
    Channel,
    OutreachRequest,
    ProductRef,
    Purpose,
    TemplateLibrary,
    draft_outreach,
)
from tools.outreach.sms import segments, units

LIBRARY = TemplateLibrary.load()
PRODUCTS = {
    Purpose.MATURITY_REMINDER: ProductRef(
        code="RDEP02",
        name="个人定期存款",
        name_en="Personal Time Deposit",
        risk_level="R1",
        category="deposit",
    ),
    Purpose.PAYROLL_PITCH: ProductRef(
        code="CPAY01",
        name="代发工资",
        name_en="Payroll Service",
        risk_level="R1",
        category="payroll",
    ),
    Purpose.PRODUCT_INTRO: ProductRef(
        code="RWM01",
        name="稳健理财",
        name_en="Conservative Wealth Product",
        risk_level="R2",
        category="wealth",
    ),
}
FACTS = {
    "zh": {
        "maturity_date": "2026-08-15",
        "amount": "50万元",
        "rm_name": "王芳",
        "occasion": "中秋节",
        "complaint_category": "服务效率",
        "complaint_date": "2026-07-20",
        "complaint_due": "2026-07-27",
    },
    "en": {
        "maturity_date": "2026-08-15",
        "amount": "CNY 500,000",
        "rm_name": "Wang Fang",
        "occasion": "the Mid-Autumn Festival",
        "complaint_category": "service delay",
        "complaint_date": "2026-07-20",
        "complaint_due": "2026-07-27",
    },
}
CLEAN_POINTS = {"zh": ["如有需要我可以上门办理"], "en": ["I can visit you if that helps"]}
ALL = list(product(Channel, Purpose, ("zh", "en")))


def request(channel, purpose, language, **kw) -> OutreachRequest:
    base = dict(
        channel=channel,
        language=language,
        purpose=purpose,
        client_token="⟦CLIENT_3⟧",
        client_type="retail",
        tier="私行",
        product=PRODUCTS.get(purpose),
        facts=FACTS[language],
        client_risk_appetite="C3",
        points=CLEAN_POINTS[language],
    )
    return OutreachRequest(**{**base, **kw})


def test_when_library_loads_then_every_combination_has_a_template():
    assert len(LIBRARY) == len(ALL) == 88  # 4 channels × 11 purposes × 2 languages
    assert {t.id for t in LIBRARY} == {f"{c.value}.{p.value}.{lang}" for c, p, lang in ALL}


@pytest.mark.parametrize(("channel", "purpose", "language"), ALL)
def test_when_points_are_clean_then_every_template_drafts_without_findings(
    channel, purpose, language
):
    draft = draft_outreach(request(channel, purpose, language), library=LIBRARY)
    assert draft.findings == [] and draft.unresolved == [] and draft.flags == []
    assert draft.template_id == f"{channel.value}.{purpose.value}.{language}"
    assert "⟦CLIENT_3⟧" in draft.text and "{" not in draft.text
    assert CLEAN_POINTS[language][0] in draft.text
    assert draft.char_count == len(draft.text)


@pytest.mark.parametrize(("channel", "purpose", "language"), ALL)
def test_when_facts_are_missing_then_template_falls_back_without_gaps(channel, purpose, language):
    draft = draft_outreach(
        request(channel, purpose, language, product=None, facts={}, tier=None, points=[]),
        library=LIBRARY,
    )
    assert draft.flags == [] and "{" not in draft.text and "（）" not in draft.text
    assert "()" not in draft.text and "None" not in draft.text


@pytest.mark.parametrize("purpose", list(Purpose))
def test_when_sms_is_chinese_then_it_is_signed_with_opt_out_and_fits_one_segment(purpose):
    draft = draft_outreach(request(Channel.SMS, purpose, "zh", points=[]), library=LIBRARY)
    assert draft.text.startswith("【前线银行】") and draft.text.endswith("拒收请回复R")
    budget = 2 if purpose is Purpose.PRODUCT_INTRO else 1  # the risk disclosure takes a part
    assert draft.segments <= budget
    if budget == 1:
        assert units(draft.text) <= 70


@pytest.mark.parametrize("purpose", list(Purpose))
def test_when_sms_is_english_then_it_stays_gsm_with_opt_out_and_fits_one_segment(purpose):
    draft = draft_outreach(request(Channel.SMS, purpose, "en", points=[]), library=LIBRARY)
    assert draft.text.startswith("[Frontline Bank] ") and draft.text.endswith(
        "Reply STOP to opt out"
    )
    budget = 2 if purpose is Purpose.PRODUCT_INTRO else 1
    assert draft.segments <= budget
    if budget == 1:
        assert units(draft.text) <= 160


def test_when_investment_product_is_pitched_then_disclosure_is_built_in():
    for channel, language in product(Channel, ("zh", "en")):
        draft = draft_outreach(request(channel, Purpose.PRODUCT_INTRO, language), library=LIBRARY)
        assert ("投资须谨慎" in draft.text) or ("investment involves risk" in draft.text), (
            draft.template_id
        )


def test_when_channel_is_email_then_subject_and_body_are_set():
    draft = draft_outreach(request(Channel.EMAIL, Purpose.MATURITY_REMINDER, "zh"), library=LIBRARY)
    assert draft.subject == "个人定期存款到期提醒（2026-08-15）"
    assert draft.body.startswith("尊敬的⟦CLIENT_3⟧：") and draft.body in draft.text
    assert draft.segments is None


def test_when_channel_is_call_then_script_has_every_section():
    draft = draft_outreach(request(Channel.CALL, Purpose.PRODUCT_INTRO, "en"), library=LIBRARY)
    script = draft.call_script
    assert script.opening.startswith("Am I speaking with ⟦CLIENT_3⟧? Hello, this is Wang Fang")
    assert len(script.discovery) >= 2 and script.objections and script.close
    assert any("investment involves risk" in p for p in script.key_points)
    for heading in ("Opening", "Discovery questions", "Key points", "Objection handling", "Close"):
        assert heading in draft.text


def test_when_client_is_corporate_with_contact_then_contact_is_addressed():
    draft = draft_outreach(
        request(
            Channel.WECHAT,
            Purpose.PAYROLL_PITCH,
            "zh",
            client_type="corporate",
            contact_token="⟦PERSON_4⟧",
        ),
        library=LIBRARY,
    )
    assert draft.text.startswith("⟦PERSON_4⟧您好！") and "贵司" in draft.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("中" * 70, 1),
        ("中" * 71, 2),
        ("中" * 134, 2),
        ("中" * 135, 3),
        ("{" * 80, 1),  # GSM extension characters count double
        ("{" * 81, 2),
        ("Dear ⟦CLIENT_3⟧, hello", 1),
    ],
)
def test_when_sms_is_counted_then_segments_follow_gsm_and_ucs2_budgets(text, expected):
    assert segments(text) == expected


# --- the bank profile ----------------------------------------------------------------------
def _sms_for(profile_path) -> str:
    from tools.outreach import OutreachRequest, draft_outreach
    from tools.outreach.bank_profile import load_bank_profile
    from tools.outreach.models import Channel, Purpose

    library = TemplateLibrary.load(load_bank_profile(profile_path))
    request = OutreachRequest(
        channel=Channel.SMS,
        language="zh",
        purpose=Purpose.SERVICE_VISIT,
        client_token="⟦CLIENT_1⟧",
        client_type="retail",
    )
    return draft_outreach(request, library=library).text


def test_drafts_speak_in_the_name_of_the_bank_of_the_profile(tmp_path) -> None:
    profile = tmp_path / "bank.yaml"
    profile.write_text(
        "name: {zh: 东港商业银行, en: Donggang Commercial Bank}\n"
        "sms:\n  zh: {signature: 【东港商业银行】, opt_out: 退订回T}\n"
        "  en: {signature: '[Donggang] ', opt_out: ' Reply T to unsubscribe'}\n",
        encoding="utf-8",
    )
    text = _sms_for(profile)
    assert "【东港商业银行】" in text and "退订回T" in text
    assert "前线银行" not in text and "回复R" not in text
    from tools.outreach.bank_profile import load_bank_profile

    every = list(TemplateLibrary.load(load_bank_profile(profile)))
    assert not any(
        "前线" in f"{t.copy}{t.frame}" or "Frontline" in f"{t.copy}{t.frame}" for t in every
    )


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("name: {zh: 东港}\nsms: {}\n", "need a"),
        ("name: {zh: a, en: b}\nsms:\n  zh: {signature: x}\n", "opt_out"),
        ("name: [unclosed\n", "not valid YAML"),
        (
            "name: {zh: a, en: b}\nsms: {zh: {signature: a, opt_out: b}, en: {signature: a, opt_out: b}}\nlogo: x\n",
            "logo",
        ),
    ],
)
def test_a_broken_bank_profile_is_a_config_error_naming_the_problem(tmp_path, content, words):
    from assistant.errors import ConfigError
    from tools.outreach.bank_profile import load_bank_profile

    path = tmp_path / "bank.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_bank_profile(path)
    assert words in str(err.value) and str(path) in str(err.value)
