"""The RM's word on a suggested action, in chat: "第一条已完成", "华东精密的到期续作办好了",
"not now for Northwind, client travelling", "撤销".

Which action: an ordinal counts in the last list of actions this conversation showed
(``last_actions``: a client's recommendations, a book list's signals, a team lead's gaps), or
else in today's brief; a named client picks their action among those (of the kind the phrase
names), or their top open one. The write goes through ``record_action_outcome`` like every
other channel's. A "not now" without a reason the bank's policy knows asks for one, and the
next turn's answer completes it (``pending_outcome``).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from datetime import date

from assistant.engines.base import EngineContext, EngineResult
from assistant.engines.offline.followup import EN_ORDINALS, NUM, ZH_NUMBERS
from assistant.engines.offline.phrases import t
from assistant.errors import EntitlementError
from tools.book_query import SIGNAL_WORDS
from tools.client_tools import named_clients
from tools.notes.draft import body
from tools.notes.policy import load_note_policy
from tools.outcomes.policy import OutcomePolicy
from tools.toolbox import Refusal, Toolbox, ToolError

INTENT = "action_outcome"
PENDING = "pending_outcome"  # a "not now" waiting for its reason
LAST = "last_outcome"  # the action this conversation last marked (for "撤销" / "undo")
SHOWN = "last_actions"  # the actions the last list showed, in order
MAX_CHARS = 80  # a mark is a short phrase; a long text is a question or a note
ZH_NTH = re.compile(rf"第\s*{NUM}\s*(条|项|个|件|家)")
EN_NTH = re.compile(
    r"\b(" + "|".join(EN_ORDINALS) + r")\b|#\s*(\d{1,2})\b|\bno\.?\s*(\d{1,2})\b", re.I
)
QUESTION = re.compile(
    r"[?？]\s*$|吗\s*[?？。]?\s*$|\b(did|have|has|is|was)\s+(i|it|they)\b.*\?", re.I
)

SAY = {
    "done": ("已记录：{client}「{what}」已完成，晨报和建议中不再显示。", "Recorded: {what} for {client} is done; it no longer shows in your brief or suggestions."),
    "not_now": ("已记录：{client}「{what}」暂不处理（{reason}），{until} 前不再提醒。", "Recorded: {what} for {client} is put off ({reason}); it is hidden until {until}."),
    "undone": ("已撤销{client}「{what}」的标记，它会重新出现在晨报和建议中。", "Undone: {what} for {client} is back in your brief and suggestions."),
    "nothing_to_undo": ("没有可撤销的标记。", "There is nothing to undo."),
    "needs_reason": ("请说明{client}「{what}」暂不处理的原因（回复序号或原因）：\n{reasons}", "Why not now for {what} ({client})? Reply with a number or the reason:\n{reasons}"),
    "which": ("要标记哪一条？请先查看晨报或某位客户的建议行动，再说“第一条已完成”，或直接说客户名称。", "Which action? Open your brief or a client's suggested actions first, then say \"the first one is done\", or name the client."),
    "no_open": ("{client}目前没有可标记的建议行动。", "{client} has no open suggested action to mark."),
    "which_client": ("您名下有多位匹配的客户：{clients}。请说出客户全称再标记。", "Several clients of your book match: {clients}. Name the client in full to mark it."),
    "refused": ("只能标记您本人名下客户的行动。", "You can only mark actions for clients in your own book."),
    "dropped": ("好的，未做标记。", "OK, nothing was marked."),
}  # fmt: skip


def say(key: str, language: str, **values: str) -> str:
    return SAY[key][0 if language == "zh" else 1].format(**values)


def policy_of(tb: Toolbox) -> OutcomePolicy | None:
    svc = tb.services.outcomes
    return svc.policy if svc is not None else None


def verb(text: str, policy: OutcomePolicy) -> str | None:
    if policy.undo_re.search(text):
        return "undo"
    if policy.not_now_re.search(text):
        return "not_now"
    if policy.done_re.search(text):
        return "done"
    return None


async def handle(ctx: EngineContext) -> EngineResult | None:
    """The turn's answer when it marks an action (or answers the reason asked for)."""
    tb = ctx.toolbox
    policy = policy_of(tb)
    if policy is None or tb.caller.role == "admin":
        return None
    text = ctx.masked_text.strip()
    pending = ctx.state.get(PENDING)
    if pending:
        answered = _reason_reply(text, policy)
        if answered is not None:  # answered in the language the question was asked in
            ctx = replace(ctx, language=pending.get("language") or ctx.language)
            return await _record(ctx, pending, "not_now", answered)
    if len(text) > MAX_CHARS or QUESTION.search(text) or _is_note(tb, text):
        return None
    said = verb(text, policy)
    if said is None:
        return None
    if said == "undo" and not _names_an_action(text):
        last = ctx.state.get(LAST)
        return await _record(ctx, last, "undo", None) if last else None
    target = await _target(ctx, text, policy)
    if target is None:
        return None
    if isinstance(target, EngineResult):
        return target
    reason = policy.reason_in(_after_verb(text, policy)) if said == "not_now" else None
    note = _after_verb(text, policy).strip(" ,，。.;；:：") if said == "not_now" else ""
    return await _record(ctx, target, said, reason, note=note)


def _is_note(tb: Toolbox, text: str) -> bool:
    """ "记一下：…续作办好了" is a note to capture, not a mark."""
    notes = tb.services.notes or load_note_policy()
    return body(text, notes) is not None


def _names_an_action(text: str) -> bool:
    return bool(ZH_NTH.search(text) or EN_NTH.search(text) or "⟦CLIENT_" in text)


def _after_verb(text: str, policy: OutcomePolicy) -> str:
    """What follows "not now" (the reason the RM gave), or the whole text."""
    m = policy.not_now_re.search(text)
    return text[m.end() :] if m else text


def _reason_reply(text: str, policy: OutcomePolicy) -> str | None:
    """The reason code a reply to "why not now?" gives: its number in the list, or its words."""
    said = re.sub(r"[\s。.!！,，]+", "", text)
    if said.isdigit() and 1 <= int(said) <= len(policy.reasons):
        return list(policy.reasons)[int(said) - 1]
    if len(text) > MAX_CHARS:
        return None
    return policy.reason_in(text)


def _nth(text: str) -> int | None:
    if m := ZH_NTH.search(text):
        word = m.group(1)
        return int(word) if word.isdigit() else ZH_NUMBERS.get(word)
    if m := EN_NTH.search(text):
        if m.group(1):
            return EN_ORDINALS[m.group(1).lower()]
        return int(m.group(2) or m.group(3))
    return None


async def _shown(ctx: EngineContext) -> list[dict]:
    """The actions this conversation last showed, else today's brief's, in display order."""
    if ctx.state.get(SHOWN):
        return list(ctx.state[SHOWN])
    brief = ctx.toolbox.services.brief_actions
    if brief is None:
        return []
    tb = ctx.toolbox
    day: date = tb.services.outcomes.today()
    return await asyncio.to_thread(brief, tb.caller.rm_id, day)


async def _target(
    ctx: EngineContext, text: str, policy: OutcomePolicy
) -> dict | EngineResult | None:
    """The action meant: {action_key, client_id, kind} (or a client and kind for the tool to
    pick from), an answer that refuses or asks, or None when the turn is not a mark."""
    n = _nth(text)
    try:
        named = await asyncio.to_thread(named_clients, ctx.toolbox, text)
    except (EntitlementError, Refusal):  # another book's client: the engine's one answer
        return EngineResult(
            t("refuse_foreign", ctx.language),
            INTENT,
            refused=True,
            refusal_reason="not_entitled",
            state={"client_ids": []},
        )
    except ToolError:
        named = None
    if n is None and not named:
        return EngineResult(say("which", ctx.language), INTENT)
    if named and len(named) > 1 and n is None:  # "华东精密": two clients of the book
        tokens = ", ".join(ctx.toolbox.client_token(cid) for cid in named)
        return EngineResult(say("which_client", ctx.language, clients=tokens), INTENT)
    shown = await _shown(ctx)
    kinds = policy.kinds_in(text)
    if named:
        shown = [a for a in shown if a["client_id"] in named]
        if kinds:
            shown = [a for a in shown if a["kind"] in kinds] or shown
    if n is not None:
        return (
            shown[n - 1]
            if 0 < n <= len(shown)
            else EngineResult(say("which", ctx.language), INTENT)
        )
    if shown:
        return shown[0]
    assert named is not None
    return {"client_id": named[0], "kind": next(iter(sorted(kinds)), None)}


async def _record(
    ctx: EngineContext, target: dict, outcome: str, reason: str | None, note: str = ""
) -> EngineResult:
    tb, lang = ctx.toolbox, ctx.language
    args = {k: target.get(k) for k in ("action_key", "client_id", "kind") if target.get(k)}
    if target.get("action_key"):
        args.pop("kind", None)
        args.pop("client_id", None)
    args |= {"outcome": outcome, **({"reason": reason} if reason else {})}
    if note and reason:  # the RM's own words beside the code, kept in the bank data layer
        args["note"] = note[:500]
    try:
        result = await tb.acall("record_action_outcome", args)
    except Refusal:
        return EngineResult(
            say("refused", lang),
            INTENT,
            refused=True,
            refusal_reason="not_entitled",
            state={PENDING: None},
        )
    status = result.get("status")
    client = tb.client_token(result.get("client_id") or target.get("client_id"))
    what = _what(result.get("kind") or target.get("kind"), lang, policy_of(tb))
    mark = {
        "action_key": result.get("action_key"),
        "client_id": result.get("client_id"),
        "kind": result.get("kind"),
    }
    if status == "needs_reason":
        listed = "\n".join(f"{i}. {r['label']}" for i, r in enumerate(result["reasons"], 1))
        text = say("needs_reason", lang, client=client, what=what, reasons=listed)
        return EngineResult(text, INTENT, state={PENDING: mark | {"language": lang}})
    if status == "no_open_action":
        return EngineResult(say("no_open", lang, client=client), INTENT, state={PENDING: None})
    if status == "nothing_to_undo":
        return EngineResult(say("nothing_to_undo", lang), INTENT, state={PENDING: None, LAST: None})
    if status == "undone":
        return EngineResult(
            say("undone", lang, client=client, what=what), INTENT, state={PENDING: None, LAST: None}
        )
    key = "done" if result.get("outcome") == "done" else "not_now"
    text = say(
        key,
        lang,
        client=client,
        what=what,
        reason=result.get("reason_label") or "",
        until=result.get("hidden_until") or "",
    )
    return EngineResult(
        text, INTENT, state={PENDING: None, LAST: mark, "client_ids": [mark["client_id"]]}
    )


def _what(kind: str | None, language: str, policy: OutcomePolicy | None) -> str:
    """The action's kind in the RM's words (the signal's name, else the policy's first word)."""
    if not kind:
        return ""
    i = 0 if language == "zh" else 1
    if kind in SIGNAL_WORDS:
        return SIGNAL_WORDS[kind][i]
    words = policy.kind_words.get(kind) if policy else None
    found = (words.zh if i == 0 else words.en) if words else ()
    return found[0] if found else kind


def forget(result: EngineResult, state: dict) -> None:
    """A turn that is not about the outcome waiting for its reason drops it."""
    if state.get(PENDING) and result.intent != INTENT:
        result.state.setdefault(PENDING, None)
