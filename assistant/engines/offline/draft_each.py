"""Drafts for each of several clients: "给这两家都写个微信提醒" after a list, "前两个各写一条",
"draft one for each of them" — one compliance-checked draft per client, each from that client's
own signals and holdings, in one answer. An edit said next ("改成短信", "shorter") redoes every
one of them, each from its own last draft.

A whole segment (every gold client maturing this month) is a campaign's, not a chat answer's:
at most ``MOST`` drafts are written here, and the answer says how many it left out.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace

from assistant.engines.base import EngineResult
from assistant.engines.offline import book_query, campaign, draft_outreach
from assistant.engines.offline import compose as c
from assistant.engines.offline.followup import SHAPE, THOSE, inherit_draft, ordinal
from assistant.engines.offline.intent import INVITE
from assistant.engines.offline.phrases import t
from assistant.engines.offline.request import Request
from assistant.engines.offline.slots import extract
from tools.book_query import BookQuery, describe_segment
from tools.book_tools import matched_ids, product_names, tier_labels

MOST = 5
EACH_KEY = "each"  # in ``last_draft``: every client's own draft slots, for an edit of them all
# Words that ask for one each ("都", "各", "分别", "每家", "both", "each of them").
EACH = re.compile(
    r"都|各|分别|群发|每(?:一)?[家个位户]|逐(?:个|一)|一一|挨个|"
    r"\b(?:each|both|all of them|them all|every one of them|all (?:two|three|four|five|\d))\b",
    re.I,
)
# "给下个月有存款到期的客户写个短信模板": clients a filter describes, or a template asked for them.
SEGMENT = re.compile(
    r"模板|范本|批量|(?:的|那些|这些)客户|\b(?:template|clients|customers)\b", re.I
)
INVITED = re.compile(INVITE, re.I)
# "他们", "them": the list on screen, when no single client is in view.
THEY = re.compile(r"他们|她们|\b(?:them|they|these clients|those clients)\b", re.I)


async def several(req: Request) -> list[str] | EngineResult:
    """The clients the turn asks a draft for each of; empty when it asks for one (or for none
    the conversation can tell). With no list on screen, a segment the words describe ("给下个月
    到期的那几个客户群发条企微") is read from the book; a segment no client is in is said so,
    not asked back as "which client"."""
    query = await segment_of(req)
    if query is not None:
        ids = await asyncio.to_thread(matched_ids, req.tb, query)
        if not ids:
            segment = describe_segment(
                query, req.lang, None, tier_labels(req.tb), product_names(req.tb)
            )
            return EngineResult(
                f"{t('book_none', req.lang)}（{segment}）"
                if req.lang == "zh"
                else f"{t('book_none', req.lang)} ({segment})",
                "draft_outreach",
            )
        return ids
    return _in_view(req)


async def segment_of(req: Request) -> BookQuery | None:
    """The segment the words describe ("给下个月到期的那几个客户群发条企微"), as a book
    question reads it; None when the turn names its clients or points at the list on screen."""
    named = req.slots.client_ids or req.slots.client_tokens
    filters = req.book.query.model_dump(exclude_defaults=True).keys() - SHAPE
    plural = (
        EACH.search(req.text)
        or THOSE.search(req.text)
        or SEGMENT.search(req.text)
        or INVITED.search(req.text)  # clients invited to an event are each written to
    )
    # "WeCom msgs for each client holding X": "each" over a filter is a segment, asked or not.
    # (not "给这几家各写一封": that is the list on screen, below — when there is one: "给代发
    # 缺口那几家各写一条" with nothing on screen points at the clients the words describe)
    on_screen = len(req.ctx.state.get("last_list") or []) >= 2
    segment = EACH.search(req.text) and not (THOSE.search(req.text) and on_screen)
    if not named and filters and plural and (req.book.structured or segment):
        # The segment as a book question reads it (a product named exactly, not a signal its
        # name spells: "each client holding Haiying Growth").
        args = await book_query.query_args(req)
        if isinstance(args, dict):
            return campaign.offered_not_held(req.text, BookQuery.model_validate(args))
    return None


def _in_view(req: Request) -> list[str]:
    state, text, named = req.ctx.state, req.text, req.slots.client_ids
    edited = (state.get("last_draft") or {}).get(EACH_KEY) or []
    if len(named) >= 2 and named == [d["client_id"] for d in edited]:
        return named  # an edit of the drafts just written ("改成短信")
    if len(named) >= 2:
        return named if EACH.search(text) or len(req.slots.client_tokens) >= 2 else []
    if req.slots.client_tokens:
        return []  # one client named: that one's draft
    shown = list(state.get("last_list") or [])
    one_in_view = len(state.get("client_ids") or []) == 1
    # "the 3rd one - draft them a reminder": "them" is the one the ordinal picks, not the list.
    they = THEY.search(text) and not one_in_view and ordinal(text) is None
    plural = EACH.search(text) or THOSE.search(text) or they
    return shown if len(shown) >= 2 and plural else []


async def answer(req: Request, client_ids: list[str]) -> EngineResult:
    """One draft per client, one after another under the client's name; more than ``MOST``
    clients are a campaign (``campaign.answer``: counts, a preview and the export)."""
    if len(client_ids) > MOST:
        query = await segment_of(req) or BookQuery(among=client_ids)
        return await campaign.answer(req, query)
    edited = {
        d["client_id"]: d for d in (req.ctx.state.get("last_draft") or {}).get(EACH_KEY) or []
    }
    drafts: list[EngineResult] = []
    for cid in client_ids[:MOST]:
        slots = extract(req.text, req.lang)
        slots.language, slots.client_ids = req.slots.language, [cid]
        if cid in edited:  # the edit applies to this client's own last draft
            inherit_draft(slots, req.text, edited[cid])
        profile = await req.tb.acall("get_client_profile", {"client_id": cid})
        one = await draft_outreach.answer(replace(req, slots=slots), profile)
        drafts.append(one)
    left = len(client_ids) - len(drafts)
    head = [c.heading(t("drafts_each", req.lang).format(n=len(drafts)))]
    if left:
        head.append(t("drafts_left_out", req.lang).format(n=left, most=MOST))
    body = [head]
    body += [[f"### {r.cards[0].name}", r.text] for r in drafts]
    each = [r.state["last_draft"] for r in drafts if "last_draft" in r.state]
    refused = any(r.refused for r in drafts)
    return EngineResult(
        c.join(body),
        "draft_outreach",
        cards=[card for r in drafts for card in r.cards],
        flags=list(dict.fromkeys(f for r in drafts for f in r.flags)),
        refused=refused,
        refusal_reason=next((r.refusal_reason for r in drafts if r.refused), None),
        state={
            "last_draft": {**each[0], EACH_KEY: each} if each else {},
            "client_ids": [r.cards[0].client_id for r in drafts],
        },
    )
