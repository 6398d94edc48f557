"""The contact policy in chat, on the demo bank with consent columns added to its extract: a
marketing draft to a client who refused marketing is held back (not written, the reason and the
playbook said, refused), an opt-out holds only its channel, and a service message to the same
client is written."""

from __future__ import annotations

import asyncio

import pytest

from assistant.core.types import Answer, Turn
from assistant.wiring import Frontline
from tests.contact.conftest import NO_SMS, REFUSED, RM

pytestmark = pytest.mark.slow  # imports the full demo bank with its playbooks


def ask(fl: Frontline, text: str) -> Answer:
    return asyncio.run(fl.core.answer(Turn(text=text, channel="api", rm_id=RM)))


def _name(fl: Frontline, client_id: str) -> str:
    (client,) = fl.bank.get_clients([client_id])
    return client.name


def test_a_pitch_to_a_client_who_refused_marketing_is_held_and_said_why(fl: Frontline) -> None:
    answer = ask(fl, f"给{_name(fl, REFUSED)}写条微信介绍一下代发工资")
    assert answer.refused and "contact:no_consent" in answer.flags, answer.text
    assert "营销拒收" in answer.text and "```" not in answer.text  # no message written
    assert any("omni-channel-cadence" in c.doc_id for c in answer.citations)
    assert answer.client_ids == [REFUSED]


def test_a_service_message_to_the_same_client_is_written(fl: Frontline) -> None:
    answer = ask(fl, f"给{_name(fl, REFUSED)}写条微信，提醒存款到期续存")
    assert not answer.refused and "```" in answer.text, answer.text
    assert not any(f.startswith("contact:") for f in answer.flags)


def test_an_opt_out_holds_its_channel_only(fl: Frontline) -> None:
    name = _name(fl, NO_SMS)
    # a product it does not hold: a pitch (its own CD maturing would be a service notice)
    by_sms = ask(fl, f"给{name}发条短信推一下对公理财")
    by_wechat = ask(fl, f"给{name}发条微信推一下对公理财")
    assert by_sms.refused and "contact:opted_out" in by_sms.flags, by_sms.text
    assert not by_wechat.refused and "```" in by_wechat.text, by_wechat.text
    notice = ask(fl, f"给{name}发条短信提醒大额存单到期")  # service: an opt-out does not hold it
    assert not notice.refused and "```" in notice.text, notice.text


def test_a_client_with_an_open_complaint_gets_no_pitch_until_it_is_resolved(fl: Frontline) -> None:
    client_id = fl.complaining  # type: ignore[attr-defined]
    answer = ask(fl, f"给{_name(fl, client_id)}写个微信推一下对公理财")
    assert answer.refused and "contact:open_complaint" in answer.flags, answer.text
    assert "未结投诉" in answer.text and "2026-11-04" in answer.text


def test_the_clients_experience_is_in_the_profile_and_the_plan(fl: Frontline) -> None:
    """The last survey (its comment masked like a note) and the open complaint, in a facts
    answer and in "how should I serve"."""
    name = _name(fl, fl.complaining)  # type: ignore[attr-defined]
    for question in (f"{name}最近怎么样", f"我该怎么服务{name}"):
        answer = ask(fl, question)
        assert "最近满意度 6/10（2026-10-12" in answer.text, answer.text
        assert "未结投诉：服务效率" in answer.text and "暂停营销" in answer.text
        assert "13812345678" not in answer.text  # the comment's number, masked
