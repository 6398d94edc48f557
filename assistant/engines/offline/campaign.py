"""A message for each client of a segment larger than a chat answer holds ("给30天内到期的金卡客户
各起草一条微信", "invite my retail clients over 500k AUM to the seminar on the 18th"): the
``draft_campaign`` tool drafts and records it; the answer leads with the counts (drafted, held
back by reason), then a preview, the clients held back, and the CSV/XLSX downloads."""

from __future__ import annotations

import re

from assistant.engines.base import EngineResult
from assistant.engines.offline import compose as c
from assistant.engines.offline.intent import dictated_words
from assistant.engines.offline.phrases import t
from assistant.engines.offline.products import first_code, named_products, said_first
from assistant.engines.offline.request import Request
from tools.book_query import BookQuery

DEFAULT_CHANNEL = "wechat"
_CHANNEL = {
    "zh": {"wechat": "微信", "sms": "短信", "email": "邮件", "call": "电话"},
    "en": {"wechat": "WeChat", "sms": "SMS", "email": "e-mail", "call": "call"},
}
_HELD = {
    "no_consent": ("未同意营销", "no marketing consent"),
    "opted_out": ("已退订该渠道", "opted out of the channel"),
    "open_complaint": ("有未结投诉", "an open complaint"),
    "monthly_cap": ("本月接触已达上限", "monthly cap reached"),
    "contacted_today": ("今天已联系过", "contacted today"),
    "holds_product": ("已持有该产品", "already hold the product"),
    "activity_cap": ("本活动触达已达上限", "activity's contact cap reached"),
    "risk_watch": ("在风险关注名单", "on the risk watch list"),
}


# The event the clients are invited to ("邀请…参加12月18日的财富讲座", "invite … to the
# year-end client event on the 18th by email"): the line every message carries.
_INVITED_ZH = re.compile(
    r"(?:邀请|邀约|请)[^，。？?]{0,30}?(?:参加|出席)(?P<event>[^，。？?]{2,30})"
)
_INVITED_EN = re.compile(
    r"\binvite\b.*?\bto (?P<event>(?:the|our|a|an) .+?)"
    r"(?: (?:by|via|over|on) (?:e-?mail|sms|text|wechat|wecom|phone|call)s?)?\s*[.!?]*\s*$",
    re.I,
)


def invitation(text: str, language: str) -> str | None:
    """The invitation as a line of the message, in the message's language."""
    if m := _INVITED_ZH.search(text):
        return f"诚邀您参加{m['event'].strip()}。"
    if m := _INVITED_EN.search(text):
        return f"You are warmly invited to {m['event'].strip()}."
    return None


def purpose_of(req: Request, query: BookQuery, product: str | None = None) -> str:
    """What the RM asked for, else what the segment is about: a maturity window is a maturity
    notice (a service message), a product offered is its introduction."""
    if req.slots.purpose:
        return req.slots.purpose
    if query.signal == "maturity" or query.maturity_within_days is not None:
        return "maturity_reminder"
    if product:
        return "product_intro"
    return "general"


async def offered_product(req: Request, query: BookQuery) -> str | None:
    """The product the messages offer: one named after an offer word ("各起草一条微信推荐单位
    结构性存款"), else the last draft's; a product the segment is chosen by holding ("代发客户")
    is who they are, not the offer."""
    if offer := OFFER.search(req.text):
        said = req.text[offer.start() :]
        if code := first_code(said_first(await named_products(req.tb, said), said)):
            return code
    return req.slots.product_code if not query.holds else None


# "群发一条短信，介绍代发工资": the product after an offer verb is what the message offers, not who
# the segment is — those who lack it are the segment.
OFFER = re.compile(
    r"介绍|推荐|推一?下|推广|营销|宣传|主推|\b(?:pitch|introduce|promote|offer)\w*\b", re.I
)


def offered_not_held(text: str, query: BookQuery) -> BookQuery:
    """A product named after an offer word ("推荐单位结构性存款给重点客户") is what the message
    offers: the segment is those who do not hold it yet, not those who do."""
    if query.holds and (offer := OFFER.search(text)):
        offered = [w for w in query.holds if text.find(w, offer.start()) >= 0]
        if offered:
            kept = [w for w in query.holds if w not in offered]
            return query.model_copy(update={"holds": kept, "lacks": [*query.lacks, *offered]})
    return query


async def answer(req: Request, query: BookQuery) -> EngineResult:
    """The segment's campaign: ``query`` as ``draft_each.segment_of`` read it (a product after
    an offer word already moved from the held to the lacking, ``offered_not_held``)."""
    lang = req.lang
    zh = lang == "zh"
    invited = invitation(req.text, lang)
    told = req.slots.points or [w for w in [invited or dictated_words(req.text)] if w]
    product = await offered_product(req, query)
    args = {
        "segment": query.model_dump(exclude_defaults=True),
        "channel": req.slots.channel or DEFAULT_CHANNEL,
        "purpose": purpose_of(req, query, product),
        "points": told,
        "language": req.slots.target_language,  # unset: each client's own
    }
    if product:
        args["product_code"] = product
    out = await req.tb.acall("draft_campaign", args)
    channel = _CHANNEL["zh" if zh else "en"].get(out["channel"], out["channel"])
    head = [
        c.heading(t("campaign_head", lang).format(segment=out["segment"])),
        t("campaign_counts", lang).format(
            matched=out["matched"], drafted=out["drafted"], held=out["held"], channel=channel
        ),
    ]
    if out["held_by_reason"]:
        said = [
            f"{_HELD.get(code, (code, code))[0 if zh else 1]} {n}"
            for code, n in sorted(out["held_by_reason"].items(), key=lambda kv: -kv[1])
        ]
        head.append(t("campaign_held_by", lang).format(reasons=("；" if zh else "; ").join(said)))
    if out.get("send_after"):
        head.append(out["send_after"])
    body = [head]
    if out["preview"]:
        body.append([c.heading(t("campaign_preview", lang))])
        body += [[f"### {p['client']}", p["text"]] for p in out["preview"]]
    if out["held_clients"]:
        body.append(
            [c.heading(t("campaign_held", lang))]
            + [f"- {h['client']}：{'；'.join(h['reasons'])}" if zh else
               f"- {h['client']}: {'; '.join(h['reasons'])}" for h in out["held_clients"]]
        )  # fmt: skip
    body.append([t("campaign_export", lang)])
    return EngineResult(
        c.join(body),
        "draft_outreach",
        flags=list(req.tb.flags),
        state={"campaign_id": out["campaign_id"]},
    )
