"""``record_action_outcome``: the RM's word on a suggested next best action — done, not now
(with a reason from the bank's outcome policy), or taken back.

Every channel comes through here (chat, the LLM agent, the brief's buttons, the widget's
links, ``POST /v1/actions/{key}/outcome``), so entitlement, masking and the audit are the
same for all of them (``tools.outcomes.service``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from tools.note_tools import restore_for_bank
from tools.outcomes.keys import ActionRef, action_kind, parse_key
from tools.outcomes.service import OutcomeService
from tools.toolbox import Toolbox, ToolError, ToolSpec


class OutcomeArgs(BaseModel):
    action_key: str | None = Field(
        default=None,
        max_length=256,
        description="The action's key, as recommend_next_actions, list_book or the brief gave it",
    )
    client_id: str | None = Field(
        default=None,
        description="Without a key: the client whose action it is (their top open action, or "
        "the one of `kind`)",
    )
    kind: str | None = Field(
        default=None,
        max_length=64,
        description="Without a key: the signal or action kind (maturity, deposit_churn, "
        "service_cadence ...) when the client has several open actions",
    )
    outcome: Literal["done", "not_now", "undo"] = Field(
        description="done: the RM did it (closes the signal); not_now: put off for the reason's "
        "days; undo: take back the RM's last outcome of this action"
    )
    reason: str | None = Field(
        default=None,
        max_length=200,
        description="not_now: a reason code of the bank's outcome policy, or the RM's words "
        "for it ('client travelling')",
    )
    note: str | None = Field(
        default=None, max_length=500, description="The RM's own words about it (masked)"
    )


def service(tb: Toolbox) -> OutcomeService:
    svc = tb.services.outcomes
    if svc is None:
        raise ToolError("action outcomes are not recorded here")
    return svc


def client_actions(tb: Toolbox, client_id: str) -> list[tuple[ActionRef, Any]]:
    """The client's next best actions with their refs, best first (open or not)."""
    svc = service(tb)
    data = tb.client_data(client_id)
    day = svc.today()
    cid = data.client.client_id
    return [
        (svc.ref(cid, action_kind(a.signal_kind, a.kind), a, day), a)
        for a in tb.insight(data).actions
    ]


def open_actions(tb: Toolbox, client_id: str) -> list[tuple[ActionRef, Any]]:
    """The client's actions no outcome closes or hides today, best first."""
    found = client_actions(tb, client_id)
    if not found:
        return []
    book = service(tb).book([found[0][0].client_id])
    return [(ref, a) for ref, a in found if book.is_open(ref.key)]


def _kinds(a: Any) -> set[str]:
    return {a.kind, a.signal_kind} - {None}


def _target(tb: Toolbox, args: OutcomeArgs) -> ActionRef | dict:
    """The action meant, or the answer that asks which one."""
    if args.action_key:
        return parse_key(args.action_key)
    if not args.client_id:
        raise ToolError("name the action: its action_key, or the client_id (and kind)")
    tb.caller.require(args.client_id)
    service(tb).require_own(tb.caller, args.client_id)  # a lead reads the client, acts not
    if args.outcome == "undo":
        return _standing(tb, args)
    found = open_actions(tb, args.client_id)
    if args.kind:
        found = [(r, a) for r, a in found if args.kind in _kinds(a)]
    if not found:
        return {"status": "no_open_action", "client_id": args.client_id}
    return found[0][0]  # the top open action: the one every view shows first


def _standing(tb: Toolbox, args: OutcomeArgs) -> ActionRef | dict:
    """Undo by client: the RM's latest standing outcome for the client (of ``kind``)."""
    svc = service(tb)
    book = svc.book([args.client_id or ""])
    mine = [
        o
        for o in book.latest.values()
        if o.rm_id == tb.caller.rm_id and (not args.kind or o.kind == args.kind)
    ]
    if not mine:
        return {"status": "nothing_to_undo", "client_id": args.client_id}
    last = max(mine, key=lambda o: (o.day, o.outcome_id))
    return parse_key(last.action_key)


def record_action_outcome(tb: Toolbox, args: OutcomeArgs) -> dict:
    svc = service(tb)
    target = _target(tb, args)
    if isinstance(target, dict):
        return target
    ref = target
    base = {"action_key": ref.key, "client_id": ref.client_id, "kind": ref.kind}
    tb.touch(ref.client_id)
    if args.outcome == "undo":
        undone = svc.undo(tb.caller, ref, channel=_channel(tb))
        return base | {"status": "undone" if undone else "nothing_to_undo"}
    reason = None
    if args.outcome == "not_now":
        reason = svc.policy.reason_in(args.reason or "") if args.reason else None
        if reason is None:
            svc.require_own(tb.caller, ref.client_id)  # a foreign action is refused first
            return base | {"status": "needs_reason", "reasons": reasons(svc, tb.language)}
    masked: list[str] = []
    note = restore_for_bank(tb, args.note, masked)
    saved = svc.record(tb.caller, ref, args.outcome, channel=_channel(tb), reason=reason, note=note)
    label = svc.policy.reason(reason)
    return base | {
        "status": "recorded",
        "outcome": saved.outcome,
        "reason": reason,
        "reason_label": label.label(tb.language) if label else None,
        "hidden_until": saved.hide_until.isoformat() if saved.hide_until else None,
        "masked_identifiers": sorted(set(masked)),
    }


def reasons(svc: OutcomeService, language: str) -> list[dict]:
    return [
        {"code": code, "label": r.label(language), "hide_days": r.hide_days}
        for code, r in svc.policy.reasons.items()
    ]


def _channel(tb: Toolbox) -> str:
    return tb.channel


SPEC = ToolSpec(
    "record_action_outcome",
    OutcomeArgs,
    "Record what the RM did about a suggested next best action: 'done' (closes its signal: "
    "the brief, recommend_next_actions and list_book stop showing it), 'not_now' with a reason "
    "(hidden for the bank's number of days for that reason), or 'undo'. Name the action by "
    "the action_key the brief, recommend_next_actions or list_book gave, or by client_id (and "
    "kind). status 'needs_reason': ask the RM which of the listed reasons applies; "
    "'no_open_action': the client has none to mark. Only actions of the RM's own book.",
    record_action_outcome,
)
