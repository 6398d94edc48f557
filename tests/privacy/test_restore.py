"""Masking and the outgoing edge: own, foreign and fabricated tokens, display forms, the
final scan."""

from __future__ import annotations

import pytest

from assistant.privacy.display import display_form
from assistant.privacy.entities import Entity
from assistant.privacy.restore import FOREIGN_TOKEN, PII_LEAK, UNKNOWN_TOKEN

SCOPE = {"rm_id": "RM001", "conversation_id": "conv-1"}
MINE = {"C001", "C002"}


def test_when_question_masked_then_no_raw_pii_remains_and_clients_attached(layer):
    question = "张建国（身份证110101199003074477，电话13812345678）想了解华远软件科技的授信"
    masked = layer.mask(question, **SCOPE)
    assert masked.text == "⟦CLIENT_1⟧（身份证⟦ID_1⟧，电话⟦PHONE_1⟧）想了解⟦CLIENT_2⟧的授信"
    assert masked.client_ids == {"C001", "C002"}


def test_when_same_name_in_later_turn_then_same_token(layer):
    first = layer.mask("王晓明的电话", **SCOPE)
    later = layer.mask("再联系王晓明", **SCOPE)
    assert first.entities[0].token == later.entities[0].token == "⟦PERSON_1⟧"


def test_when_short_and_full_company_name_then_one_token_restoring_full_name(layer):
    masked = layer.mask("上海华远软件科技有限公司，也就是华远软件科技", **SCOPE)
    assert masked.text == "⟦CLIENT_1⟧，也就是⟦CLIENT_1⟧"
    restored = layer.restore(masked.text, entitled_client_ids=MINE, **SCOPE)
    assert restored.text == "上海华远软件科技有限公司，也就是上海华远软件科技有限公司"


@pytest.mark.parametrize(
    ("value", "kind", "client_id", "shown"),
    [
        ("张建国", Entity.CLIENT, "C002", "张建国"),
        ("13812345678", Entity.PHONE, "C002", "138****5678"),
        ("6222021234567890128", Entity.CARD, "C002", "6222 **** **** 0128"),
        ("31050161393600000123", Entity.ACCOUNT, None, "3105 **** **** 0123"),
        ("110101199003074477", Entity.ID, "C002", "110***********4477"),
        ("91310000MA1FL4XQ3A", Entity.USCC, "C001", "9131**********XQ3A"),
        ("zjg@example.com", Entity.EMAIL, None, "z***@example.com"),
        ("上海市浦东新区世纪大道100号", Entity.ADDRESS, None, "上海市"),
        ("浙江省杭州市西湖区文三路478号", Entity.ADDRESS, None, "杭州市"),
    ],
)
def test_when_own_token_restored_then_display_form(layer, value, kind, client_id, shown):
    token = layer.token_for(value, kind, client_id=client_id, **SCOPE)
    restored = layer.restore(f"结果：{token}。", entitled_client_ids=MINE, **SCOPE)
    assert (restored.text, restored.flags) == (f"结果：{shown}。", [])


def test_when_foreign_client_token_then_redacted_and_flagged(layer):
    token = layer.token_for("欧阳娜娜", Entity.PERSON, client_id="C003", **SCOPE)
    restored = layer.restore(f"请联系{token}", entitled_client_ids=MINE, **SCOPE)
    assert restored.text == "请联系[redacted]"
    assert restored.flags == [FOREIGN_TOKEN]
    assert restored.events[0].as_dict() == {
        "flag": FOREIGN_TOKEN,
        "entity_type": "PERSON",
        "token": token,
        "client_id": "C003",
    }


def test_when_foreign_clients_phone_token_then_redacted(layer):
    token = layer.token_for("13900001111", Entity.PHONE, client_id="C003", **SCOPE)
    assert layer.restore(token, entitled_client_ids=MINE, **SCOPE).text == "[redacted]"


@pytest.mark.parametrize(
    "fabricated",
    ["⟦CLIENT_7⟧", "⟦PHONE_42⟧"],
)
def test_when_token_never_issued_then_redacted_and_flagged(layer, fabricated):
    restored = layer.restore(f"见{fabricated}", entitled_client_ids=MINE, **SCOPE)
    assert (restored.text, restored.flags) == ("见[redacted]", [UNKNOWN_TOKEN])


def test_when_token_issued_in_another_conversation_then_unknown(layer):
    token = layer.token_for("张建国", Entity.CLIENT, client_id="C002", **SCOPE)
    restored = layer.restore(
        token, entitled_client_ids=MINE, rm_id="RM001", conversation_id="other"
    )
    assert restored.flags == [UNKNOWN_TOKEN]


def test_when_unknown_person_from_rms_own_text_then_restored(layer):
    masked = layer.mask("李娜昨天来过", **SCOPE)
    restored = layer.restore(masked.text, entitled_client_ids=MINE, **SCOPE)
    assert restored.text == "李娜昨天来过"


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("身份证110101199003074477", "身份证[redacted]"),
        ("代码91310000MA1FL4XQ3A", "代码[redacted]"),
        ("卡号6222021234567890128", "卡号[redacted]"),
        ("拨打13812345678", "拨打[redacted]"),
        ("写信给zjg@example.com即可", "写信给[redacted]即可"),
        ("欧阳娜娜是Stephen Williams Trading Ltd的联系人", "[redacted]是[redacted]的联系人"),
    ],
)
def test_when_raw_pii_slips_into_answer_then_final_scan_redacts(layer, answer, expected):
    text, flags = layer.scan_outgoing(answer, MINE)
    assert (text, flags) == (expected, [PII_LEAK])


def test_when_answer_holds_entitled_names_and_display_forms_then_scan_keeps_them(layer):
    answer = (
        "张建国（138****5678，110***********4477）与上海华远软件科技有限公司，存款12,345,678.00元"
    )
    assert layer.scan_outgoing(answer, MINE) == (answer, [])


def test_when_restore_runs_then_final_scan_included(layer):
    token = layer.token_for("张建国", Entity.CLIENT, client_id="C002", **SCOPE)
    restored = layer.restore(f"{token}的手机13812345678", entitled_client_ids=MINE, **SCOPE)
    assert (restored.text, restored.flags) == ("张建国的手机[redacted]", [PII_LEAK])


@pytest.mark.parametrize(
    ("kind", "value", "shown"),
    [
        (Entity.PHONE, "02168881234", "021****1234"),
        (Entity.EMAIL, "a@b.cn", "a***@b.cn"),
        (Entity.ADDRESS, "12 Main Street, Springfield, IL 62704", "Springfield"),
    ],
)
def test_display_forms(kind, value, shown):
    assert display_form(kind, value) == shown


def test_when_texts_found_clean_then_not_analysed_again_until_names_change(layer, monkeypatch):
    calls: list[str] = []
    analyze = layer.analyzer.analyze
    monkeypatch.setattr(
        layer.analyzer, "analyze", lambda text, **kw: calls.append(text) or analyze(text, **kw)
    )
    passage = "核心客户每月至少面访一次，季度复盘代发方案。"
    assert layer.all_clean([passage, "⟦CLIENT_1⟧ 日均存款 5,230 万"])
    assert layer.all_clean([passage]) and len(calls) == 1  # remembered
    assert not layer.all_clean([passage, "联系电话 13912345678"])
    assert not layer.all_clean(["联系电话 13912345678"])  # PII is never remembered as clean
    assert len(calls) == 3
    from assistant.privacy import masker

    # An import may add a client whose name is in text that was clean: analysed again.
    monkeypatch.setattr(masker.NameDictionary, "from_repository", lambda bank: layer.dictionary)
    layer.refresh_dictionary(bank=None)
    assert layer.all_clean([passage]) and len(calls) == 4
