"""``contact_allowance``: how many marketing contacts a client may still get this month on each
channel, and whether one may go now (or at a time the RM names) — the contact policy's answer
to "这个月还能给她打几个营销电话", read from the same rules ``draft_outreach`` obeys."""

from __future__ import annotations

from datetime import datetime, time
from typing import Literal

from pydantic import BaseModel, Field

from tools.contact.check import month_contacts
from tools.contact.policy import CHANNELS
from tools.content_tools import contact_holds, contact_policy, sent_contacts
from tools.toolbox import Toolbox

Channel = Literal["wechat", "sms", "email", "call"]


class ContactAllowanceArgs(BaseModel):
    client_id: str
    channel: Channel | None = Field(default=None, description="One channel; unset: every channel")
    at: datetime | None = Field(
        default=None,
        description="When the message would go (the bank's local time); unset: now",
    )


def contact_allowance(tb: Toolbox, args: ContactAllowanceArgs) -> dict:
    data = tb.client_data(args.client_id)
    policy = contact_policy(tb)
    at = args.at or (
        tb.services.now() if tb.services.now else datetime.combine(tb.services.as_of, time(10))
    )
    seen = [*data.interactions, *sent_contacts(tb, data, policy)]
    primary = next((p for p in data.contacts if p.is_primary), None)
    rows = []
    for channel in [args.channel] if args.channel else list(CHANNELS):
        held = contact_holds(tb, data, primary, "product_intro", channel, at=at)
        cap = policy.monthly_caps.get(channel)
        used = month_contacts(policy, seen, channel, at.date())
        rows.append(
            {
                "channel": channel,
                "cap": cap,
                "used": used,
                "left": max(cap - used, 0) if cap is not None else None,
                "held": [h.said(tb.language) for h in held if not h.until_later],
                "held_codes": [h.code for h in held if not h.until_later],
                "quiet": next((h.said(tb.language) for h in held if h.until_later), None),
            }
        )
    return {
        "client_id": data.client.client_id,
        "month": at.strftime("%Y-%m"),
        "at": at.strftime("%Y-%m-%d %H:%M"),
        "channels": rows,
        "service_purposes": sorted(policy.service_purposes),
    }
