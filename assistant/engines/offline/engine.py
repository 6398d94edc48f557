"""The offline engine: classify, extract slots, hand the turn to its intent's module.

Each intent lives in its own module (``serve_client``, ``draft_outreach``, ``client_facts``,
``book_query``, ``playbook_qa``); this one only decides which, applies the policy refusals,
and turns an entitlement refusal or a failing tool into an answer.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

from assistant.engines.base import Emit, EngineContext, EngineResult
from assistant.engines.failures import tool_failure
from assistant.engines.offline import book_query, clients, followup, playbook_qa
from assistant.engines.offline.intent import IntentResult, classify
from assistant.engines.offline.phrases import t
from assistant.engines.offline.request import Handler, Request
from assistant.engines.offline.slots import Slots, extract
from assistant.engines.refusals import policy_refusal
from tools.client_tools import client_ids_in, mentioned_clients
from tools.intelligence.policy import PlaybookMap, load_playbook_map
from tools.toolbox import Refusal, ToolError

HANDLERS: dict[str, Handler] = {
    "playbook_qa": playbook_qa.answer,
    "book_query": book_query.answer,
    "serve_client": clients.answer,
    "client_facts": clients.answer,
    "draft_outreach": clients.answer,
}
FIXED = ("help", "out_of_scope")  # answered by a fixed sentence, no tool


class OfflineEngine:
    name = "offline"

    def __init__(self, playbooks: PlaybookMap | None = None) -> None:
        self.playbooks = playbooks or load_playbook_map()

    async def run(self, ctx: EngineContext, emit: Emit) -> EngineResult:
        slots = extract(ctx.masked_text, ctx.language)
        slots.language = ctx.language
        slots.client_ids = client_ids_in(ctx.toolbox, ctx.masked_text)
        follow = await followup.resolve(ctx.toolbox, ctx.masked_text, ctx.state, slots)
        has_client = await _names_a_client(ctx, slots)
        verdict = _continued(ctx, follow, has_client)
        result = _early_answer(ctx, verdict, has_client)
        if result is None:
            result = await _dispatch(Request(ctx, slots, verdict.intent, emit, self.playbooks))
        result.state = followup.carry(ctx.state, result.state, result.intent, result.refused)
        return result


def _continued(ctx: EngineContext, follow: followup.FollowUp, has_client: bool) -> IntentResult:
    """The classifier's intent, unless the turn continues the conversation: an edit of the last
    draft, or words ("那理财呢？", "上海那家") that name no intent of their own."""
    verdict = classify(
        ctx.masked_text,
        has_client=has_client,
        follow_up_client=bool(ctx.state.get("client_ids")),
    )
    if follow.intent:
        return replace(verdict, intent=follow.intent)
    if follow.default_intent:
        own = classify(ctx.masked_text, has_client=False, follow_up_client=True).intent
        if own in followup.NO_INTENT_OF_ITS_OWN:
            return replace(verdict, intent=follow.default_intent)
    return verdict


async def _names_a_client(ctx: EngineContext, slots: Slots) -> bool:
    if slots.client_tokens or slots.client_ids:
        return True
    own, foreign = await asyncio.to_thread(mentioned_clients, ctx.toolbox, ctx.masked_text)
    return bool(own or foreign)


def _early_answer(
    ctx: EngineContext, verdict: IntentResult, has_client: bool
) -> EngineResult | None:
    """Policy refusals, the fixed answers, and an admin asking for client data."""
    lang, intent = ctx.language, verdict.intent
    refusal = policy_refusal(verdict, lang, full_id_intent="client_facts" if has_client else None)
    if refusal is not None:
        return refusal
    if intent in FIXED:
        out = intent == "out_of_scope"
        return EngineResult(
            t(intent, lang), intent, refused=out, refusal_reason="out_of_scope" if out else None
        )
    if ctx.toolbox.caller.role == "admin" and intent != "playbook_qa":
        return EngineResult(
            t("refuse_admin", lang), intent, refused=True, refusal_reason="not_entitled"
        )
    return None


def no_such_client(intent: str, language: str) -> EngineResult:
    """One answer for a client of another book and a client of no book (DESIGN §4.6)."""
    return EngineResult(
        t("refuse_foreign", language),
        intent,
        refused=True,
        refusal_reason="not_entitled",
        state={"client_ids": []},
    )


async def _dispatch(req: Request) -> EngineResult:
    try:
        return await HANDLERS[req.intent](req)
    except Refusal:
        return no_such_client(req.intent, req.lang)
    except ToolError as exc:
        return tool_failure(req.tb, req.intent, req.lang, exc)
