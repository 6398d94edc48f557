"""Whether a marketing message may go to a client now, by the contact policy: consent and
opt-out (clients.csv / contacts.csv), a contact already made today, the month's cap on the
channel, and quiet hours. Each reason held is said in both languages with the figures behind
it; a service message (the policy's ``service_purposes``) is never held."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from tools.bank.records import ClientRecord, ComplaintRecord, ContactRecord, InteractionRecord
from tools.contact.policy import ContactPolicy

ALL = "all"
_CHANNEL_ZH = {"sms": "短信", "wechat": "微信", "email": "邮件", "call": "电话"}


@dataclass(frozen=True)
class Hold:
    """One reason a marketing message is held back. ``until_later`` is True for quiet hours:
    the message may go later the same or the next day; every other hold stands."""

    code: str  # no_consent | opted_out | open_complaint | contacted_today | monthly_cap | quiet_hours | risk_watch
    zh: str
    en: str
    until_later: bool = False

    def said(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


Said = ClientRecord | ContactRecord


def opted_out(*who: Said | None) -> frozenset[str]:
    """The channels the client (or the contact addressed) refused marketing on (``all``: every
    channel)."""
    raw = ";".join(str(w.attributes.get("opt_out_channels") or "") for w in who if w)
    return frozenset(c for c in raw.split(";") if c)


def consented(*who: Said | None) -> bool:
    """Marketing consent as the extract gives it; no consent column is no refusal (the bank's
    CRM decides what it exports)."""
    return all(w.attributes.get("marketing_consent") is not False for w in who if w)


def open_complaints(
    policy: ContactPolicy, complaints: Iterable[ComplaintRecord]
) -> list[ComplaintRecord]:
    """The complaints still open by the policy's closed statuses, as the extract orders them."""
    return [c for c in complaints if policy.is_open(c.status)]


def month_contacts(
    policy: ContactPolicy, seen: Iterable[InteractionRecord], channel: str, day: date
) -> int:
    """Contacts on the draft ``channel`` in ``day``'s calendar month (every one counts: the
    extract does not mark which were marketing)."""
    counted = set(policy.counts_as(channel))
    return sum(
        1
        for i in seen
        if i.channel in counted and (i.date.year, i.date.month) == (day.year, day.month)
    )


def holds(
    policy: ContactPolicy,
    client: ClientRecord,
    interactions: Iterable[InteractionRecord],
    *,
    contact: ContactRecord | None = None,
    complaints: Iterable[ComplaintRecord] = (),
    purpose: str,
    channel: str,
    at: datetime,
    is_working_day: Callable[[date], bool],
    planned: bool = False,
) -> list[Hold]:
    """Every reason the message may not go now; empty for a service message or none."""
    if not policy.is_marketing(purpose):
        return []
    out: list[Hold] = []
    zh_channel = _CHANNEL_ZH.get(channel, channel)
    if not consented(client, contact):
        out.append(
            Hold(
                "no_consent",
                "客户未同意接收营销信息（营销拒收），任何渠道都不发营销内容",
                "The client has not consented to marketing: no marketing on any channel",
            )
        )
    elif (refused := opted_out(client, contact)) and (ALL in refused or channel in refused):
        out.append(
            Hold(
                "opted_out",
                f"客户已退订{zh_channel}营销（营销拒收），该渠道不发营销内容",
                f"The client opted out of marketing by {channel}",
            )
        )
    day = at.date()
    if policy.complaint_pause and (open_ := open_complaints(policy, complaints)):
        c = open_[-1]
        out.append(
            Hold(
                "open_complaint",
                f"客户有未结投诉（{c.category}，{c.date.isoformat()} 受理，{c.due_date.isoformat()} 前办结），"
                "投诉处理期间暂停营销",
                f"The client has an open complaint ({c.category}, received {c.date.isoformat()}, "
                f"due {c.due_date.isoformat()}): marketing pauses until it is resolved",
            )
        )
    seen = list(interactions)
    if policy.same_day and any(i.date == day for i in seen):
        out.append(
            Hold(
                "contacted_today",
                f"今天（{day.isoformat()}）已联系过该客户，同一天不再发营销内容",
                f"The client was already contacted today ({day.isoformat()}); no marketing the same day",
            )
        )
    cap = policy.monthly_caps.get(channel)  # type: ignore[call-overload]
    if cap is not None:
        used = month_contacts(policy, seen, channel, day)
        if used >= cap:
            out.append(
                Hold(
                    "monthly_cap",
                    f"本月已{zh_channel}联系 {used} 次，营销类{zh_channel}每月不超过 {cap} 次",
                    f"Already {used} {channel} contacts this month; marketing by {channel} is "
                    f"capped at {cap} a month",
                )
            )
    windows = policy.quiet_hours.working_day if is_working_day(day) else policy.quiet_hours.rest_day
    quiet = next((w for w in windows if w.holds(at.time())), None)
    if quiet is not None:
        kind_zh, kind_en = (
            ("工作日", "working day") if is_working_day(day) else ("休息日", "rest day")
        )
        out.append(
            Hold(
                "quiet_hours",
                f"{'计划发送时间' if planned else '现在'}（{at:%m-%d %H:%M}）是{kind_zh}免打扰时段 "
                f"{quiet.said()}，营销消息请在 {quiet.end:%H:%M} 后再发"
                if planned
                else f"现在（{at:%H:%M}）是{kind_zh}免打扰时段 {quiet.said()}，营销消息请在 {quiet.end:%H:%M} 后再发",
                f"{at:%m-%d %H:%M}, when you plan to send it, is inside the {kind_en} quiet hours "
                f"{quiet.said()}: send it after {quiet.end:%H:%M}"
                if planned
                else f"It is {at:%H:%M}, inside the {kind_en} quiet hours {quiet.said()}: send it after "
                f"{quiet.end:%H:%M}",
                until_later=True,
            )
        )
    return out
