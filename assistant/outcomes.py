"""``OutcomeDesk``: "done" / "not now" from a button or a link (Slack, Teams, the widget,
``POST /v1/actions/{key}/outcome``), through the same tool a chat turn uses.

Adapters hand in the RM, the action key and what was pressed; the desk resolves the caller,
masks any free text the RM typed (as a turn's text is masked) and calls
``record_action_outcome`` — entitlement, the bank-layer form of the text and the audit live
in the tool and the outcome service, once for every channel.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Literal, Protocol

from pydantic import BaseModel, Field

from assistant.errors import EntitlementError, UserError
from tools.bank.repository import BankRepository
from tools.entitlement import resolve_caller
from tools.outcomes.service import NOT_YOURS
from tools.toolbox import Refusal, Toolbox, ToolError, ToolServices

Pressed = Literal["done", "not_now", "undo"]


class OutcomeRequest(BaseModel):
    """``POST /v1/actions/{key}/outcome``'s body."""

    outcome: Pressed
    reason: str | None = Field(
        default=None, max_length=64, description="not_now: a reason code from the brief's `reasons`"
    )
    note: str | None = Field(default=None, max_length=500, description="The RM's own words")
    language: Literal["zh", "en"] = "zh"


class OutcomeReply(BaseModel):
    """What was recorded, in the words the channel shows back."""

    status: Literal["recorded", "undone", "nothing_to_undo"]
    action_key: str
    outcome: Pressed
    reason: str | None = None
    reason_label: str | None = None
    hidden_until: str | None = None
    message: str


_SAID = {
    "done": ("已记录：已完成", "Recorded: done"),
    "not_now": ("已记录：暂不（{reason}），{until} 前不再提醒", "Recorded: not now ({reason}), hidden until {until}"),
    "undone": ("已撤销标记", "Outcome undone"),
    "nothing_to_undo": ("没有可撤销的标记", "Nothing to undo"),
}  # fmt: skip


class OutcomeRecorder(Protocol):
    """What a channel's Done / Not-now writes through (``OutcomeDesk``)."""

    async def record(
        self, rm_id: str, key: str, body: OutcomeRequest, channel: str
    ) -> OutcomeReply: ...


class OutcomeDesk:
    def __init__(self, bank: BankRepository, services: Callable[[], ToolServices]) -> None:
        self._bank = bank
        self._services = services

    async def record(
        self, rm_id: str, key: str, body: OutcomeRequest, channel: str
    ) -> OutcomeReply:
        return await asyncio.to_thread(self._record, rm_id, key, body, channel)

    def _record(self, rm_id: str, key: str, body: OutcomeRequest, channel: str) -> OutcomeReply:
        caller = resolve_caller(self._bank, rm_id)
        tb = Toolbox(self._services(), caller, f"outcome:{rm_id}", body.language, channel=channel)
        args: dict = {"action_key": key, "outcome": body.outcome}
        if body.reason:
            args["reason"] = body.reason
        if body.note and body.note.strip():
            args["note"] = tb.mask_text(body.note.strip())
        try:
            result = tb.call("record_action_outcome", args)
        except Refusal:
            raise EntitlementError(NOT_YOURS) from None
        except ToolError as exc:
            raise UserError(str(exc)) from None
        if result["status"] == "needs_reason":
            codes = ", ".join(r["code"] for r in result["reasons"])
            raise UserError(f"not now needs a reason, one of: {codes}")
        return _reply(result, body)


def _reply(result: dict, body: OutcomeRequest) -> OutcomeReply:
    i = 0 if body.language == "zh" else 1
    status = result["status"]
    said = _SAID[body.outcome if status == "recorded" else status]
    message = said[i].format(
        reason=result.get("reason_label") or "", until=result.get("hidden_until") or ""
    )
    return OutcomeReply(
        status=status,
        action_key=result["action_key"],
        outcome=body.outcome,
        reason=result.get("reason"),
        reason_label=result.get("reason_label"),
        hidden_until=result.get("hidden_until"),
        message=message,
    )
