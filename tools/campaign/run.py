"""Draft a campaign: the segment (a ``BookQuery`` over the caller's book, a team lead's team
included), then per client the same ``draft_outreach`` a single draft runs — the client's own
facts, the conduct check and the contact policy — in the client's language (clients.csv
``language``) or the caller's.

A campaign is recorded when it is drafted (who, the segment in words, counts, the drafts
masked); its drafted messages count as marketing contacts once it is exported
(``mark_exported``), which is when they go to the bank's messaging platform.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

from assistant.core.types import DocumentLink
from tools.bank.records import CampaignMessage, CampaignRecord
from tools.book_query import BookQuery, describe_segment
from tools.book_tools import matched_ids, product_names, tier_labels
from tools.campaign.export import MEDIA
from tools.content_tools import (
    DraftOutreachArgs,
    Purpose,
    contact_policy,
    draft_outreach,
    primary_contact,
)
from tools.names.staff import resolve
from tools.toolbox import Toolbox, ToolError

# Drafts and held-back clients shown in an answer (all of them are in the export).
PREVIEW = 3
HELD_SHOWN = 10
# A segment larger than this is a mistake more often than a campaign (a whole branch's book):
# refused with the count, so the RM narrows it.
MOST_CLIENTS = 2000

Progress = Callable[[int, int], None]  # (done, total)
HOLDS_PRODUCT = {"zh": "客户已持有该产品，无需再介绍", "en": "The client already holds the product"}


class CampaignArgs(BaseModel):
    """A segment and the message every client of it gets."""

    segment: BookQuery = Field(
        description="Which clients: the same filters as list_book (tier, signal, holds, "
        "maturity window, industry, client type; a team lead may name an RM of the team)"
    )
    channel: Literal["wechat", "sms", "email", "call"] = "wechat"
    purpose: Purpose = "general"
    product_code: str | None = None
    points: list[str] = Field(
        default_factory=list,
        description="What every message says (the event, its date): checked for compliance",
    )
    occasion: str | None = Field(default=None, max_length=40)
    style: Literal["standard", "short", "formal", "casual"] = "standard"
    language: Literal["zh", "en"] | None = Field(
        default=None,
        description="One language for every message; unset: each client's own (the extract's "
        "language column), else the RM's",
    )
    activity: str | None = Field(
        default=None,
        max_length=120,
        description="The activity (活动) this campaign is part of — the event or offer, as the "
        "RM names it ('年终答谢会', 'wealth seminar on the 18th'); the contact policy caps "
        "contacts per activity across channels. Unset: the occasion, the points, or the product",
    )

    def activity_key(self) -> str | None:
        """What makes two campaigns one activity: the name given, else the occasion, else what
        every message says, else the product introduced; case and spacing aside."""
        said = self.activity or self.occasion or "；".join(self.points) or self.product_code
        key = " ".join((said or "").split()).casefold()
        return key[:120] or None


@dataclass
class CampaignRun:
    """What a campaign produced: the record, each client's message, and the first drafts
    whole (for a preview)."""

    record: CampaignRecord
    messages: list[CampaignMessage]
    held_reasons: dict[str, list[str]] = field(default_factory=dict)  # client -> reasons said
    send_after: str | None = None  # quiet hours now: when the drafted messages may go
    flags: list[str] = field(default_factory=list)

    def held_by_code(self) -> dict[str, int]:
        return dict(
            Counter(c for m in self.messages if m.status == "held" for c in m.codes.split(";"))
        )


def run_campaign(tb: Toolbox, args: CampaignArgs, progress: Progress | None = None) -> CampaignRun:
    """Draft the campaign in ``tb``'s conversation (its tokens) and record it."""
    ids = matched_ids(tb, args.segment)  # the caller's book only; another RM's: refused
    if not ids:
        raise ToolError("no client of your book matches this segment")
    if len(ids) > MOST_CLIENTS:
        raise ToolError(
            f"{len(ids)} clients match: narrow the segment (a campaign is at most {MOST_CLIENTS})"
        )
    if args.product_code and args.product_code not in tb.services.products:
        raise ToolError(f"unknown product {args.product_code}")
    tb.prefetch(ids)
    _issue_names(tb, ids)
    pitched = args.product_code if args.purpose == "product_intro" else None
    activity = args.activity_key()
    policy = contact_policy(tb)
    capped = policy.activity_cap if activity and policy.is_marketing(args.purpose) else None
    messages: list[CampaignMessage] = []
    held_reasons: dict[str, list[str]] = {}
    send_after: str | None = None
    flags: list[str] = []
    for n, cid in enumerate(ids, 1):
        language = args.language or _language_of(tb, cid)
        held = _held_before_drafting(tb, cid, language, pitched, activity, capped)
        if held is not None:
            code, reason = held
            held_reasons[cid] = [reason]
            messages.append(CampaignMessage(cid, language, "held", code))
            if progress is not None:
                progress(n, len(ids))
            continue
        draft = draft_outreach(
            tb,
            DraftOutreachArgs(
                client_id=cid,
                channel=args.channel,
                purpose=args.purpose,
                language=language,
                product_code=args.product_code,
                points=args.points,
                style=args.style,
                occasion=args.occasion,
            ),
        )
        if draft.get("held"):
            held_reasons[cid] = draft["held"]
            messages.append(CampaignMessage(cid, language, "held", ";".join(draft["held_codes"])))
        else:
            send_after = send_after or draft.get("send_after")
            flags += [f for f in draft.get("flags", []) if f not in flags]
            messages.append(CampaignMessage(cid, language, "drafted", "", draft["text"]))
        if progress is not None:
            progress(n, len(ids))
    drafted = sum(m.status == "drafted" for m in messages)
    record = CampaignRecord(
        campaign_id="cmp-" + secrets.token_urlsafe(12),
        rm_id=tb.caller.rm_id,
        scope=tb.conversation_id,
        day=tb.services.as_of,
        channel=args.channel,
        purpose=args.purpose,
        product_code=args.product_code,
        query=args.segment.model_dump(mode="json", exclude_defaults=True),
        described=describe_segment(
            args.segment,
            tb.language,
            _rm_name(tb, args.segment.rm),
            tier_labels(tb),
            product_names(tb),
        ),
        drafted=drafted,
        held=len(messages) - drafted,
        created_at=datetime.now(UTC),
        activity=activity,
    )
    tb.services.bank.add_campaign(record, messages)
    return CampaignRun(record, messages, held_reasons, send_after, flags)


def _held_before_drafting(
    tb: Toolbox,
    client_id: str,
    language: str,
    pitched: str | None,
    activity: str | None,
    capped: int | None,
) -> tuple[str, str] | None:
    """(code, reason) when the client is held back before any draft: the product introduced is
    one they hold already, or the activity has reached them as often as the policy allows."""
    if pitched and any(h.product_code == pitched for h in tb.client_data(client_id).holdings):
        return "holds_product", HOLDS_PRODUCT[language]
    if (
        capped is not None
        and activity
        and (reached := tb.activity_sends(client_id, activity)) >= capped
    ):
        if language == "zh":
            return (
                "activity_cap",
                f"本活动已触达该客户 {reached} 次，同一活动全渠道合计不超过 {capped} 次",
            )
        return "activity_cap", (
            f"This activity has reached the client {reached} times; one activity is capped at "
            f"{capped} contacts across channels"
        )
    return None


def _rm_name(tb: Toolbox, said: str | None) -> str | None:
    """The RM a team lead's segment is of, by name (the query may carry the id)."""
    if not said:
        return None
    rm = resolve(said, tb.services.intelligence.rms)
    return rm.name if rm else said


def _issue_names(tb: Toolbox, ids: list[str]) -> None:
    """Every client's name and primary contact tokenised in one vault transaction (one each
    per draft was most of a large campaign's time)."""
    items: list[tuple[str | None, str, str | None]] = []
    for cid in ids:
        data = tb.client_data(cid)
        primary = primary_contact(data)
        items.append((data.client.name, "CLIENT", cid))
        items.append((primary.name if primary else None, "PERSON", cid))
    tb.tokens(items)


def _language_of(tb: Toolbox, client_id: str) -> Literal["zh", "en"]:
    said = tb.client_data(client_id).client.attributes.get("language")
    return "en" if (said or tb.language) == "en" else "zh"


def draft_campaign(tb: Toolbox, args: CampaignArgs) -> dict:
    """The ``draft_campaign`` tool: the campaign drafted and recorded; the counts, the clients
    held back with their reasons, the first drafts, and where to download the rest."""
    run = run_campaign(tb, args)
    drafted = [m for m in run.messages if m.status == "drafted"]
    held = list(run.held_reasons.items())[:HELD_SHOWN]
    named = {m.client_id for m in drafted[:PREVIEW]} | {cid for cid, _ in held}
    # The clients the answer names; the rest are in the export (drafting read every one).
    tb.withdraw({m.client_id for m in run.messages} - named)
    flags = [f for f in run.flags if f not in tb.flags]
    tb.flags.extend(flags)
    campaign_id = run.record.campaign_id
    links = export_links(campaign_id)
    for fmt, url in links.items():
        tb.attach(
            DocumentLink(
                kind="campaign",
                title=f"{'营销活动名单' if tb.language == 'zh' else 'Campaign list'} ({fmt.upper()})",
                url=url,
                media_type=MEDIA[fmt],
            )
        )
    return {
        "campaign_id": campaign_id,
        "segment": run.record.described,
        "channel": run.record.channel,
        "purpose": run.record.purpose,
        "matched": len(run.messages),
        "drafted": run.record.drafted,
        "held": run.record.held,
        "held_by_reason": run.held_by_code(),
        "held_clients": [
            {"client": tb.client_token(cid), "reasons": reasons} for cid, reasons in held
        ],
        "send_after": run.send_after,
        "preview": [
            {"client": tb.client_token(m.client_id), "language": m.language, "text": m.text}
            for m in drafted[:PREVIEW]
        ],
        "export": links,
    }


def export_links(campaign_id: str) -> dict[str, str]:
    """Where the API serves a campaign's file (the caller's bearer token opens it)."""
    return {fmt: f"/v1/campaigns/{campaign_id}.{fmt}" for fmt in MEDIA}
