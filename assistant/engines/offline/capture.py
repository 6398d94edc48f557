"""Capturing what happened: "记一下：今天拜访了…" / "note that I called …" becomes a draft the RM
confirms ("是" saves it, "不" drops it, "改成电话" edits it) before anything is written.

The pending draft lives in the conversation's state under ``pending_note``: ids, dates and
masked text only (tokens, never the values the RM typed). Saving goes through the
``save_interaction`` tool, the one place a token becomes a value again, in the bank data layer.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace

from assistant.engines.base import EngineContext, EngineResult
from assistant.engines.offline import capture_text as w
from assistant.engines.offline import compose as c
from assistant.engines.offline import followup
from assistant.engines.offline.claims import breach_lead
from assistant.engines.offline.playbooks import find, lookup
from tools.client_tools import mentioned_clients
from tools.intelligence.policy import PlaybookMap
from tools.notes.dates import DATE_WORDS, due_by, happened_on
from tools.notes.draft import NoteDraft, body, channel_of
from tools.notes.policy import NotePolicy, load_note_policy
from tools.toolbox import Refusal, Toolbox, ToolError

INTENT = "capture_note"
CREDENTIALS = "client_credentials"  # the conduct rule a note holding a client's password breaks
SECRET_WORDS = re.compile(
    r"密码|验证码|动态码|口令|U盾|ukey|⟦SECRET_\d+⟧|\b(?:password|passcode|pin|otp|security (?:key|code))\b",
    re.I,
)
STATE_KEY = "pending_note"
WHICH_KEY = "pending_capture"  # a note waiting for the RM to say which client it is about
EMPTY_KEY = "empty_note"  # a note turned down as empty, waiting for what was said
# A reply to "what was discussed?" is a statement; a question or a request is a new turn.
ASKS = re.compile(
    r"[?？]|吗\s*$|呢\s*$|多少|什么|谁|哪|怎么|如何|能不能|可以.{0,6}吗|帮我|给我|写(一|个|封|条)|起草|"
    r"^\s*(what|how|when|who|which|why|can|could|should|would|do|does|did|is|are|will|any)\b|"
    r"\b(draft|write|show me|list|prep)\b",
    re.I,
)
EDIT = re.compile(
    r"改成|改为|换成|应该是|其实是|是.{0,4}不是|\b(change|make it|actually|it was|should be)\b",
    re.I,
)
NEXT_STEP = re.compile(r"(?:下一步|\bnext step)\s*(?:是|改成|改为|is|:|：)\s*(.+)$", re.I)
# What is left of "加上下次联系时间 11月16号" once the date is out: the next step it names.
ADDING = re.compile(
    r"^(?:加上|加个|添加|补充|补上|\b(?:add|set|the)\b)\s*|(?:时间|日期|\b(?:date|on|to|for|as)\b)\s*$",
    re.I,
)
# A day said with "before" ("下周三前", "by Friday"): the deadline, whatever word edits it.
BY_DAY = re.compile(r"(?:之前|以前|前)\s*[了吧。.!！]?\s*$|\bby\b", re.I)
DEADLINE_ONLY = re.compile(r"截止|期限|到期日|\b(?:the\s+)?(?:due|deadline)\b|\bto\b", re.I)
EDGE_CHARS = " ：:，,。.的为是到"
SAID = re.compile(r"(?:要点|客户说|\bthey said|\bclient said)\s*(?:是|改成|:|：)\s*(.+)$", re.I)


def policy_of(tb: Toolbox) -> NotePolicy:
    return tb.services.notes or load_note_policy()


async def handle(ctx: EngineContext, playbooks: PlaybookMap) -> EngineResult | None:
    """The turn's answer when it captures, confirms, drops or edits a note; None otherwise."""
    result = await _handle(ctx, playbooks)
    if result is not None:
        result.state.setdefault(WHICH_KEY, None)  # a which-client question lasts one turn
        result.state.setdefault(EMPTY_KEY, None)  # so does "what was discussed?"
    return result


async def _handle(ctx: EngineContext, playbooks: PlaybookMap) -> EngineResult | None:
    policy = policy_of(ctx.toolbox)
    pending = ctx.state.get(STATE_KEY)
    text = ctx.masked_text
    if pending:
        draft = NoteDraft.model_validate(pending["draft"])
        # "yes" to a Chinese draft is answered in Chinese: the draft's language, not the word's.
        ctx = replace(ctx, language=pending.get("language") or ctx.language)
        if policy.is_reply(text, policy.confirm):
            return await _save(ctx, draft, playbooks)
        if policy.is_reply(text, policy.cancel):
            ctx.toolbox.touch(draft.client_id)  # the turn was about this client's note
            return EngineResult(w.say("dropped", ctx.language), INTENT, state={STATE_KEY: None})
        if (edited := _edited(ctx, draft, policy)) is not None:
            return await _shown(ctx, edited)
    waiting = ctx.state.get(WHICH_KEY)
    if waiting and body(text, policy) is None:
        picked = await _picked(ctx, waiting["candidates"])
        if picked:  # "第一个" / "the electronics one": the note waiting for its client
            ctx = replace(ctx, masked_text=waiting["text"], language=waiting["language"])
            return await _capture(ctx, playbooks, client_id=picked)
    empty = ctx.state.get(EMPTY_KEY)
    if empty and body(text, policy) is None and not ASKS.search(text):
        # "log a call with Hughes" → "what was discussed?" → "he wants to move the fund…":
        # the reply is the note's content, for the client the empty note named.
        said = (
            f"{empty['text']}，{text}" if empty["language"] == "zh" else f"{empty['text']}: {text}"
        )
        ctx = replace(ctx, masked_text=said, language=empty["language"])
        return await _capture(ctx, playbooks, client_id=empty["client_id"])
    if body(text, policy) is None:
        return None
    return await _capture(ctx, playbooks)


def forget(result: EngineResult, state: dict) -> None:
    """A turn that is not about the pending note drops it: a "yes" three questions later must
    not save a draft the RM has stopped looking at."""
    for key in (STATE_KEY, WHICH_KEY, EMPTY_KEY):
        if state.get(key):
            result.state[key] = None


async def _picked(ctx: EngineContext, candidates: list[str]) -> str | None:
    """The one candidate the reply picks, by position or by name; None otherwise."""
    by_place = followup.by_position(ctx.masked_text, candidates)
    if len(by_place) == 1:
        return by_place[0]
    own, _foreign = await asyncio.to_thread(mentioned_clients, ctx.toolbox, ctx.masked_text)
    named = [cid for cid in own if cid in candidates]
    return named[0] if len(named) == 1 else None


async def _capture(
    ctx: EngineContext, playbooks: PlaybookMap, client_id: str | None = None
) -> EngineResult:
    tb, lang = ctx.toolbox, ctx.language
    remembered = ctx.state.get("client_ids") or []
    args = {"text": ctx.masked_text}
    if client_id:
        args["client_id"] = client_id
    elif len(remembered) == 1:  # "记一下：他们下周要来行面谈" right after an answer about them
        args["client_id"] = remembered[0]
    try:
        found = await tb.acall("capture_interaction", args)
    except Refusal:
        from assistant.engines.offline.engine import no_such_client

        return no_such_client(INTENT, lang)
    if found["status"] == "needs_client":
        asked = await _which_client(tb, found["candidates"], lang)
        if found["candidates"]:
            asked.state[WHICH_KEY] = {
                "text": ctx.masked_text,
                "language": lang,
                "candidates": found["candidates"],
            }
        return asked
    cid = found["client_id"] if found["status"] == "empty" else found["draft"]["client_id"]
    if (unsafe := await _credentials(ctx, cid)) is not None:
        return unsafe
    if found["status"] == "empty":
        return await _empty(ctx, playbooks, found["client_id"])
    return await _shown(ctx, NoteDraft.model_validate(found["draft"]))


async def _credentials(ctx: EngineContext, client_id: str) -> EngineResult | None:
    """ "记一下：他把网银密码告诉我了，密码是…，让我下周帮他转账": a note that the RM holds a client's
    password or code (to act for them) records a breach, not a contact — refused with the
    conduct rule, never shown back nor saved (the code itself was masked on the way in)."""
    tb, lang = ctx.toolbox, ctx.language
    if not SECRET_WORDS.search(ctx.masked_text):
        return None  # no word of a credential: nothing to check (most notes)
    report = await tb.acall("check_compliance", {"text": ctx.masked_text, "text_kind": "request"})
    finding = next((f for f in report["findings"] if f.get("code") == CREDENTIALS), None)
    if finding is None:
        return None
    decided = await breach_lead(tb, finding.get("matched") or ctx.masked_text, finding)
    name = _names(tb, [client_id])[client_id]
    head = f"{name}（{client_id}）：" if lang == "zh" else f"{name} ({client_id}): "
    rule = decided[0].render(lang, dictated=False) if decided else finding["explanation"]
    return EngineResult(
        c.join([[head + w.say("credentials", lang)], [rule], [finding.get("suggestion") or ""]]),
        INTENT,
        refused=True,
        refusal_reason="out_of_policy",
        flags=[f"compliance:{CREDENTIALS}"],
        state={STATE_KEY: None, "client_ids": [client_id]},
    )


async def _which_client(tb: Toolbox, candidates: list[str], lang: str) -> EngineResult:
    if not candidates:
        return EngineResult(w.say("needs_client", lang), INTENT, state={STATE_KEY: None})
    names = await asyncio.to_thread(_names, tb, candidates)
    for cid in candidates:  # the answer is about the candidates, as any "which one?" is
        tb.touch(cid)
    lines = [w.say("which_client", lang)] + [
        f"{i}. {names[cid]}（{cid}）" if lang == "zh" else f"{i}. {names[cid]} ({cid})"
        for i, cid in enumerate(candidates, 1)
    ]
    return EngineResult(
        "\n".join(lines), INTENT, state={STATE_KEY: None, WHICH_KEY: None, "last_list": candidates}
    )


async def _empty(ctx: EngineContext, playbooks: PlaybookMap, client_id: str) -> EngineResult:
    """The refusal of a note that says nothing, with the data playbook's rule cited."""
    lang = ctx.language
    item = lookup(playbooks, "note_quality", fallback=ctx.masked_text)
    passage = await find(ctx.toolbox, item, lang)
    # The client named first: the RM sees which note was turned down ("海岳船舶：…").
    name = _names(ctx.toolbox, [client_id])[client_id]
    blocks = [[f"{name}（{client_id}）：{w.say('empty', lang)}" if lang == "zh"
               else f"{name} ({client_id}): {w.say('empty', lang)}"]]  # fmt: skip
    if passage:
        blocks.append(
            [f"{c.passage_ref(passage)}：" if lang == "zh" else f"{c.passage_ref(passage)}:"]
        )
        # The rule line in the passage's own language: both wordings of the topic's query.
        blocks[-1].append(f"  {_rule_line(passage, item.query('zh') + ' ' + item.query('en'))}")
    return EngineResult(
        c.join(blocks),
        INTENT,
        refused=True,
        refusal_reason="empty_note",
        state={
            STATE_KEY: None,
            "client_ids": [client_id],
            EMPTY_KEY: {"text": ctx.masked_text, "client_id": client_id, "language": lang},
        },
    )


async def _shown(ctx: EngineContext, draft: NoteDraft) -> EngineResult:
    """The draft shown back; it waits in the state for the RM's word."""
    tb, lang = ctx.toolbox, ctx.language
    tb.touch(draft.client_id)  # an edited draft is about its client as much as the first one
    names = await asyncio.to_thread(_names, tb, [draft.client_id])
    policy = policy_of(tb)
    lines = [
        w.say("confirm_head", lang),
        *w.draft_lines(draft, names[draft.client_id], lang, policy),
    ]
    if not draft.channel:
        lines.append(w.say("no_channel", lang))
    elif not draft.next_step:
        lines.append(w.say("no_next_step", lang))
    lines.append(w.say("confirm_ask", lang))
    return EngineResult(
        "\n".join(lines),
        INTENT,
        state={
            STATE_KEY: {"draft": draft.model_dump(mode="json"), "language": lang},
            "client_ids": [draft.client_id],
        },
    )


async def _save(ctx: EngineContext, draft: NoteDraft, playbooks: PlaybookMap) -> EngineResult:
    tb, lang = ctx.toolbox, ctx.language
    if not draft.channel:
        return await _shown(ctx, draft)  # asks for the channel again
    try:
        saved = await tb.acall("save_interaction", draft.model_dump(mode="json"))
    except Refusal:
        from assistant.engines.offline.engine import no_such_client

        return no_such_client(INTENT, lang)
    except ToolError:
        return EngineResult(
            w.say("unsaved", lang), INTENT, refused=True, refusal_reason="not_saved"
        )
    names = await asyncio.to_thread(_names, tb, [draft.client_id])
    head = (
        f"{w.say('saved', lang)}（{saved['note_id']}）"
        if lang == "zh"
        else (f"{w.say('saved', lang)} ({saved['note_id']})")
    )
    blocks = [
        [
            head + ("：" if lang == "zh" else ":"),
            *w.draft_lines(draft, names[draft.client_id], lang, policy_of(tb)),
        ]
    ]
    if saved["closed_follow_ups"]:
        blocks.append([w.say("closed", lang) + _signal_words(saved["closed_follow_ups"], lang)])
    if saved["masked_identifiers"]:
        found = w.kinds(saved["masked_identifiers"], lang)
        item = lookup(playbooks, "note_masking", fallback="")
        passage = await find(tb, item, lang)
        note = [w.say("masked", lang).format(kinds=found)]
        blocks.append(note + ([c.passage_ref(passage)] if passage else []))
    return EngineResult(
        c.join(blocks),
        INTENT,
        flags=[f"note:masked_{k.lower()}" for k in saved["masked_identifiers"]],
        state={STATE_KEY: None, "client_ids": [draft.client_id]},
    )


def _edited(ctx: EngineContext, draft: NoteDraft, policy: NotePolicy) -> NoteDraft | None:
    """The draft with the RM's edit applied ("改成电话", "下一步：…", "截止改成周五",
    "change it to yesterday"); None when the turn edits nothing."""
    text, tb = ctx.masked_text, ctx.toolbox
    as_of = tb.services.as_of
    calendar = tb.services.intelligence.policy.signals.calendar
    update: dict = {}
    if m := NEXT_STEP.search(text):
        update["next_step"] = m.group(1).strip(" 。.")
        update["due_date"] = due_by(m.group(1), as_of, calendar) or draft.due_date
    elif policy.due_re.search(text) and (due := due_by(text, as_of, calendar)):
        update["due_date"] = due
        if not draft.next_step and (step := _step_named(text)):
            update["next_step"] = step  # "下次联系时间 11月16号": contacting again is the step
    elif BY_DAY.search(text) and (due := due_by(text, as_of, calendar)):
        update["due_date"] = due  # "改一下 是下周三前", "make it by Friday": the deadline moved
    elif m := SAID.search(text):
        update["client_said"] = m.group(1).strip(" 。.")
    elif EDIT.search(text) or len(text) <= 12:
        if channel := channel_of(text, policy):
            update["channel"] = channel
        day = happened_on(text, as_of)
        if day != as_of or re.search(r"今天|\btoday\b", text, re.I):
            update["date"] = day
    return draft.model_copy(update=update) if update else None


def _step_named(text: str) -> str | None:
    """The step a deadline edit names ("下次联系" of "加上下次联系时间 11月16号"); None when it
    names only the deadline ("截止改成周五", "due Friday")."""
    rest = EDIT.sub(" ", DATE_WORDS.sub(" ", text))
    rest = ADDING.sub("", " ".join(rest.split()).strip(EDGE_CHARS)).strip(EDGE_CHARS)
    rest = ADDING.sub("", rest).strip(EDGE_CHARS)
    return rest if DEADLINE_ONLY.sub("", rest).strip(EDGE_CHARS) else None


def _rule_line(passage: dict, query: str) -> str:
    """The passage's line the topic's query is about (the rule itself, in the bank's words)."""
    lines = [ln.strip(" -") for ln in passage["text"].splitlines() if ln.strip()]
    lines = [ln for ln in lines if not ln.startswith("#")] or [""]
    asked = c.terms(query)
    return max(lines, key=lambda ln: len(asked & c.terms(ln)))


def _names(tb: Toolbox, client_ids: list[str]) -> dict[str, str]:
    """Client tokens for the answer (restored to names for the RM by the core)."""
    clients = tb.services.bank.get_clients(client_ids)
    tokens = tb.tokens([(cl.name, "CLIENT", cl.client_id) for cl in clients])
    return {cl.client_id: tok or cl.client_id for cl, tok in zip(clients, tokens, strict=True)}


def _signal_words(kinds: list[str], lang: str) -> str:
    from tools.book_query import signal_word

    words = [signal_word(k, lang) for k in kinds]
    return ("、" if lang == "zh" else ", ").join(words)
