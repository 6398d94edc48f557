"""An open complaint is a signal (#18): due on its own due date, high once overdue, its action
the resolution (never a sale); in the profile's signals, the RM's book asked for clients with
open complaints, and the brief — on the package's demo bank with one complaint planted."""

from __future__ import annotations

import asyncio

import pytest

from assistant.core.types import Turn
from assistant.wiring import Frontline
from tests.contact.conftest import RM
from tools.entitlement import resolve_caller
from tools.toolbox import Toolbox

pytestmark = pytest.mark.slow  # the package's demo bank


def test_the_open_complaint_is_a_signal_due_on_its_own_date(fl: Frontline) -> None:
    complaining = fl.complaining  # type: ignore[attr-defined]
    tb = Toolbox(fl.tool_services(), resolve_caller(fl.bank, RM), "conv-complaint", "zh")
    signals = tb.call("get_client_signals", {"client_id": complaining})["signals"]
    (found,) = [s for s in signals if s["kind"] == "complaint"]
    assert found["due_date"] == "2026-11-04" and "服务效率" in found["detail"]
    actions = tb.call("recommend_next_actions", {"client_id": complaining})["actions"]
    assert any("投诉" in a["title"] and a["due_date"] == "2026-11-04" for a in actions)


def test_the_book_asked_for_open_complaints_lists_the_client(fl: Frontline) -> None:
    answer = asyncio.run(
        fl.core.answer(Turn(text="我名下有未结投诉的客户吗", channel="api", rm_id=RM))
    )
    assert answer.intent == "book_query" and answer.client_ids == [fl.complaining], answer.text  # type: ignore[attr-defined]
    assert "未结投诉" in answer.text


def test_a_rule_question_about_complaints_is_not_a_book_filter() -> None:
    from assistant.engines.offline.slots import signal_of

    assert signal_of("客户投诉多少天内要办结") is None
    assert signal_of("clients with open complaints") == "complaint"
