"""Referrals between departments (公私联动): ``refer_client`` hands the caller's own client (or
one of its contacts) to another side of the bank with the client's consent; ``list_referrals``
shows what the caller sent (status only) and what was sent to them (who, the need, by when);
``update_referral`` is the receiver's word on one. The desk (``assistant.referrals``) routes,
records, tells the receiver and raises late ones; these tools mask what they return."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from tools.toolbox import Toolbox, ToolError, ToolSpec


class ReferArgs(BaseModel):
    client_id: str = Field(description="The caller's own client the referral is about")
    to: str = Field(
        max_length=64,
        description="Where it goes: a target of the bank's referral policy (e.g. "
        "private_banking, retail_wealth, corporate) or a colleague's RM id",
    )
    consent: str = Field(
        max_length=16,
        description="How the client agreed to be referred: verbal, written or app; 'none' when "
        "they have not (the referral is then refused: consent comes first)",
    )
    need: str = Field(default="", max_length=500, description="What the client needs, briefly")
    contact_title: str | None = Field(
        default=None,
        max_length=64,
        description="The client's contact being referred, by title (财务总监), when not the "
        "client itself",
    )


class ListReferralsArgs(BaseModel):
    direction: Literal["sent", "received", "both"] = "both"
    open_only: bool = Field(default=False, description="Only those still awaiting an outcome")


class UpdateReferralArgs(BaseModel):
    referral_id: str = Field(max_length=16, description="The referral's id (R + 8 characters)")
    status: Literal["contacted", "won", "lost", "declined"] = Field(
        description="contacted: first contact made; won / lost: the outcome; declined: not "
        "for the receiving side"
    )


def desk(tb: Toolbox) -> Any:
    found = getattr(tb.services, "referrals", None)
    if found is None:
        raise ToolError("referrals are not kept here")
    return found


def _target(tb: Toolbox, said: str) -> tuple[str | None, str | None]:
    """(policy target, RM id) from what the caller or the model wrote."""
    policy = desk(tb).policy
    key = said.strip()
    if key in policy.targets:
        return key, None
    if (named := policy.target_in(key)) is not None:
        return named, None
    if tb.services.bank.get_rm(key.upper()) is not None:
        return None, key.upper()
    return key, None  # unknown: the desk says which targets exist


def refer_client(tb: Toolbox, args: ReferArgs) -> dict:
    data = tb.client_data(args.client_id)  # the caller's own client, or a refusal
    cid = data.client.client_id
    target, to_rm = _target(tb, args.to)
    referral, receiver = desk(tb).create(
        tb.caller,
        cid,
        target=target,
        to_rm=to_rm,
        consent=args.consent.strip().lower(),
        need=args.need,
        scope=tb.conversation_id,
        contact_title=args.contact_title,
        channel=tb.channel,
    )
    policy = desk(tb).policy
    return {
        "referral_id": referral.referral_id,
        "client": tb.client_token(cid),
        "client_id": cid,
        "contact_title": referral.contact_title,
        "to": desk(tb).rm_label(receiver.rm_id),
        "side": policy.label(referral.target, tb.language) if target else None,
        "due": referral.due.isoformat(),
        "deadline_working_days": policy.deadline_working_days,
        "consent": referral.consent,
        "notified": desk(tb).notifier is not None,
        "playbook": policy.playbook,
    }


def list_referrals(tb: Toolbox, args: ListReferralsArgs) -> dict:
    from assistant.referrals import status_label, summary_of

    found = desk(tb)
    out: dict[str, Any] = {}
    if args.direction in ("sent", "both"):
        sent = [r for r in found.sent(tb.caller) if r.open or not args.open_only]
        out["sent"] = [
            summary_of(r, tb.language, found.rm_label)
            | {"client": tb.client_token(r.client_id) if tb.caller.may_read(r.client_id) else ""}
            for r in sent
        ]
    if args.direction in ("received", "both"):
        got = found.received(tb.caller, open_only=args.open_only)
        out["received"] = [_received(tb, found, r, status_label) for r in got]
    return out


def _received(tb: Toolbox, found: Any, r: Any, status_label: Any) -> dict:
    """One referral sent to the caller (or, for a lead, to their team): the client and contact
    by token, the need re-masked in the caller's conversation."""
    need = found.need_for_reader(r)
    masked_need = (
        tb.services.privacy.mask(
            need, rm_id=tb.caller.rm_id, conversation_id=tb.conversation_id
        ).text
        if need
        else ""
    )
    contact = found.contact_name(r)
    return {
        "referral_id": r.referral_id,
        "from": found.rm_label(r.from_rm),
        "to": found.rm_label(r.to_rm),
        "client": tb.client_token(r.client_id),
        "contact_title": r.contact_title,
        "contact": tb.token(contact, "PERSON", r.client_id) if contact else None,
        "need": masked_need,
        "consent": r.consent,
        "status": r.status,
        "status_label": status_label(r.status, tb.language),
        "day": r.day.isoformat(),
        "due": r.due.isoformat(),
        "late": r.escalated_at is not None,
    }


def update_referral(tb: Toolbox, args: UpdateReferralArgs) -> dict:
    from assistant.referrals import status_label

    moved = desk(tb).update(tb.caller, args.referral_id.strip().upper(), args.status)
    return {
        "referral_id": moved.referral_id,
        "status": moved.status,
        "status_label": status_label(moved.status, tb.language),
        "on_time": moved.on_time(),
        "due": moved.due.isoformat(),
    }


SPECS = [
    ToolSpec(
        "refer_client",
        ReferArgs,
        "Refer the caller's own client (or one of its contacts, by title) to another side of the "
        "bank (公私联动: private banking, retail wealth, corporate — the bank's referral policy) or "
        "to a colleague by RM id, with the client's consent (required: verbal, written or app). "
        "Routed to a receiving RM, who is told and must make first contact within the policy's "
        "working days; a late one goes to their team lead.",
        refer_client,
    ),
    ToolSpec(
        "list_referrals",
        ListReferralsArgs,
        "The referrals the caller sent (where each stands: status, receiver, deadline) and those "
        "sent to them (client, contact, need, deadline); a team lead also sees their team's.",
        list_referrals,
    ),
    ToolSpec(
        "update_referral",
        UpdateReferralArgs,
        "The receiver's word on a referral sent to them: contacted (first contact made), won, "
        "lost or declined. Only the receiver or their team lead may.",
        update_referral,
    ),
]
