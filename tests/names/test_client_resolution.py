"""Through the real core, over a bank of another convention: ids in the bank's shape, names
as RMs say them, contacts for their clients, the asker's own book first — and an id outside
the book answered exactly like an id of no client."""

from __future__ import annotations

import asyncio
import re

import pytest

from assistant.core.types import Answer, Turn
from assistant.engines.offline.phrases import PHRASES


def ask(fl, text: str, rm: str = "EMP0101") -> Answer:
    return asyncio.run(fl.core.answer(Turn(text=text, channel="cli", rm_id=rm)))


def seen(answer: Answer) -> dict:
    """What the RM (and the audit) can tell from an answer, with the id asked about blanked."""
    return {
        "text": answer.text,
        "intent": answer.intent,
        "refused": answer.refused,
        "refusal_reason": answer.refusal_reason,
        "client_ids": answer.client_ids,
        "flags": answer.flags,
        "citations": [c.doc_id for c in answer.citations],
        "tools": [
            (c.name, c.ok, re.sub(r"KH-\d{4}", "<id>", str(c.args))) for c in answer.tool_calls
        ],
    }


@pytest.mark.parametrize(
    ("foreign", "unknown", "template"),
    [
        ("KH-0049", "KH-9999", "{} 最近存款怎么样？"),
        ("kh0049", "kh9999", "{} 最近存款怎么样？"),
        ("KH 0049", "KH 9999", "How should I serve {}?"),
        ("KH-0045", "KH-0099", "帮我给{}写一条微信"),
    ],
)
def test_when_an_id_is_outside_the_book_then_the_answer_is_that_of_an_id_of_no_client(
    other_bank, foreign, unknown, template
) -> None:
    a = ask(other_bank, template.format(foreign))
    b = ask(other_bank, template.format(unknown))
    assert a.refused and a.refusal_reason == "not_entitled" and a.client_ids == []
    assert seen(a) == seen(b)


@pytest.mark.parametrize("written", ["KH-0042", "kh0042", "KH 0042", "Kh-0042"])
def test_when_an_own_id_is_written_any_way_then_that_client_is_served(other_bank, written) -> None:
    answer = ask(other_bank, f"{written} 最近存款怎么样？")
    assert not answer.refused and answer.client_ids == ["KH-0042"]
    assert "get_client_profile" in [c.name for c in answer.tool_calls]


@pytest.mark.parametrize(
    ("question", "client"),
    [
        ("东升机械最近存款怎么样？", "KH-0042"),
        ("How should I serve Dongsheng Jixie?", "KH-0042"),
        ("Draft an email to Dongsheng Machinery about a visit", "KH-0042"),
        ("How should I serve Northwind?", "KH-0043"),
        ("What products does Northwind Freight hold?", "KH-0043"),
        ("call script for 王建国 at 东升", "KH-0042"),
        ("东升的王建国想开通代发", "KH-0042"),
        ("东升 的 王建国想开通代发", "KH-0042"),
        ("我的客户王建国想开通代发", "KH-0042"),  # 王建国 is also another book's contact
        ("佳禾传媒最近存款怎么样？", "KH-0044"),  # another book has a 佳禾传媒 too
        ("Jiahe Media 的存款怎么样？", "KH-0044"),
        ("下午去见康益医疗张总，该聊什么？", "KH-0050"),
        ("北风货运最近存款怎么样？", "KH-0043"),  # the bank's own alias
        ("How should I serve NW Freight?", "KH-0043"),
    ],
)
def test_when_a_client_is_named_as_rms_say_it_then_that_client_is_answered(
    other_bank, question, client
) -> None:
    answer = ask(other_bank, question)
    assert not answer.refused, answer.text
    assert answer.client_ids == [client], answer.text


def test_when_a_short_name_fits_several_own_clients_then_only_own_ones_are_offered(
    other_bank,
) -> None:
    answer = ask(other_bank, "我该怎么服务华东精密？")
    assert not answer.refused and answer.text.startswith(PHRASES["ambiguous"]["zh"])
    assert "KH-0046" in answer.text and "KH-0047" in answer.text
    assert "KH-0048" not in answer.text and "仪器" not in answer.text


def test_when_a_name_is_only_another_books_then_it_is_refused(other_bank) -> None:
    answer = ask(other_bank, "蓝鲸星河最近存款怎么样？")
    assert answer.refused and answer.client_ids == []


def test_when_asking_for_help_or_which_client_then_no_demo_id_is_shown(other_bank) -> None:
    for question in ("你能做什么？", "What can you do?", "帮我起草一条微信"):
        text = ask(other_bank, question).text
        assert "C000123" not in text and "RM001" not in text


@pytest.mark.parametrize(
    ("foreign", "made_up", "template"),
    [
        ("蓝鲸星河航天材料有限公司", "青岛远洋重工有限公司", "{}最近存款怎么样？"),
        ("蓝鲸航材", "青岛远洋重工有限公司", "{}怎么服务？"),  # another book's alias
        ("Global Trading Ltd", "Silverline Harbour Cranes Ltd.", "How should I serve {}?"),
    ],
)
def test_when_a_company_is_made_up_then_the_answer_is_that_of_another_books_client(
    other_bank, foreign, made_up, template
) -> None:
    a = ask(other_bank, template.format(foreign))
    b = ask(other_bank, template.format(made_up))
    assert a.refused and a.refusal_reason == "not_entitled" and a.client_ids == []
    assert seen(a) == seen(b)


def test_when_an_everyday_short_head_names_the_askers_own_client_then_it_is_served(
    other_bank,
) -> None:
    own = ask(other_bank, "东升怎么样了？")
    assert not own.refused and own.client_ids == ["KH-0042"]
    # For an RM without such a client it is an everyday word: no client, and no refusal that
    # would tell another book holds one.
    # (This bank embeds by hashing: what else the words are taken for is not the point here.)
    other = ask(other_bank, "东升怎么样了？", rm="EMP0102")
    assert other.refusal_reason != "not_entitled" and other.client_ids == []


@pytest.mark.parametrize(
    ("reply", "meant"),
    [
        ("不是电子那家", "KH-0046"),
        ("不是机械那家，电子那家", "KH-0047"),
        ("the machinery one, not the electronics one", "KH-0046"),
        ("not the machinery one", "KH-0047"),
    ],
)
def test_when_a_reply_to_which_one_rules_one_out_then_the_other_is_meant(
    other_bank, reply: str, meant: str
) -> None:
    first = ask(other_bank, "我该怎么服务华东精密？")
    turn = Turn(text=reply, channel="cli", rm_id="EMP0101", conversation_id=first.conversation_id)
    answer = asyncio.run(other_bank.core.answer(turn))
    assert answer.client_ids[:1] == [meant], answer.text[:120]
