"""The assistant core: one turn, end to end (DESIGN §1).

caller -> mask -> engine (tools + knowledge) -> guard/restore -> record -> Answer.
Channels only translate; everything they share happens here, once.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

from langchain_core.tools import ToolException
from opentelemetry import trace
from opentelemetry.trace import Tracer

from assistant.core.citations import prune
from assistant.core.streaming import LineRestorer
from assistant.core.types import (
    Answer,
    AnswerEvent,
    ClientCard,
    Conversation,
    ConversationTurn,
    DeltaEvent,
    Feedback,
    StatusEvent,
    Turn,
    new_id,
)
from assistant.engines.base import Engine, EngineContext, EngineResult
from assistant.engines.failures import tool_failure
from assistant.engines.offline.slots import detect_language
from assistant.errors import NotFoundError, UpstreamError, UserError
from assistant.freshness import stale_line, stale_since
from assistant.storage.conversations import ConversationStore
from assistant.telemetry import TRACER_NAME, TracedToolbox, fail
from tools.bank.repository import BankRepository
from tools.entitlement import Caller, resolve_caller
from tools.toolbox import Toolbox, ToolServices

if TYPE_CHECKING:
    from collections.abc import Collection

    from assistant.privacy.masker import Masked
    from assistant.privacy.restore import Restored

log = logging.getLogger("frontline.core")
# What ends an LLM attempt and lets the offline engine answer: the provider failed, timed out,
# rate-limited us (all UpstreamError or TimeoutError from the engine) or its output was
# unusable (LLMUnusable, an UpstreamError too). Anything else is a bug and fails the turn.
PROVIDER_FAILURES: tuple[type[BaseException], ...] = (TimeoutError, UpstreamError)
MAX_QUESTION_CHARS = 4000
UNKNOWN_CALLER = {
    "zh": "抱歉，我无法识别你的身份：你的账号尚未与客户经理档案关联。请联系管理员在 CRM 中登记你的 Slack/Teams 账号。",
    "en": "Sorry, I can't identify you: your account is not linked to a relationship-manager profile. Please ask an administrator to register it.",
}


class Privacy(Protocol):
    """The privacy layer as the core uses it (``assistant.privacy.PrivacyLayer``)."""

    def mask(
        self, text: str, *, rm_id: str, conversation_id: str, language: str | None = None
    ) -> Masked: ...

    def restore(
        self,
        text: str,
        *,
        rm_id: str,
        conversation_id: str,
        entitled_client_ids: Collection[str],
        staff_names: Collection[str] = (),
    ) -> Restored: ...


class Audit(Protocol):
    """The audit trail (``assistant.audit.AuditLog``): masked payloads only."""

    def append(
        self, *, kind: str, channel: str, rm_id: str | None, payload: dict[str, Any]
    ) -> int: ...


class Dedupe(Protocol):
    """Cross-replica delivery dedupe (``assistant.storage.redis_dedupe.RedisDedupe``)."""

    async def first(self, key: str) -> bool: ...


class Assistant:
    """Implements ``AssistantCore``."""

    def __init__(
        self,
        *,
        bank: BankRepository,
        privacy: Privacy,
        services: Callable[[], ToolServices],
        conversations: ConversationStore,
        audit: Audit,
        offline: Engine,
        llm: Engine | None = None,
        dedupe: Dedupe | None = None,
        llm_timeout_s: float = 30.0,
        tracer: Tracer | None = None,
    ) -> None:
        self.bank = bank
        self.privacy = privacy
        self._services = services
        self.conversations = conversations
        self.audit = audit
        self.offline = offline
        self.llm = llm
        self.dedupe = dedupe
        self.llm_timeout_s = llm_timeout_s
        self._tracer = tracer or trace.get_tracer(TRACER_NAME)
        # The colleagues each caller may name, per roster: asked for on every restored line.
        self._staff_cache: dict[tuple[str, str, str], tuple[object, frozenset[str]]] = {}

    # --- AssistantCore -----------------------------------------------------------------------
    async def answer(self, turn: Turn) -> Answer:
        final: Answer | None = None
        async for event in self.stream(turn):
            if isinstance(event, AnswerEvent):
                final = event.answer
        assert final is not None
        return final

    async def stream(self, turn: Turn) -> AsyncIterator[StatusEvent | DeltaEvent | AnswerEvent]:
        queue: asyncio.Queue[StatusEvent | DeltaEvent | AnswerEvent | BaseException | None] = (
            asyncio.Queue()
        )

        async def emit(event: StatusEvent | DeltaEvent | AnswerEvent) -> None:
            await queue.put(event)

        async def run() -> None:
            try:
                await self._traced_turn(turn, emit)
            except BaseException as exc:  # handed to the consumer, raised there
                await queue.put(exc)
            finally:
                await queue.put(None)

        task = asyncio.create_task(run())
        try:
            while (item := await queue.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            if not task.done():
                task.cancel()

    async def resolve_rm(self, channel: str, channel_user_id: str) -> str | None:
        kwargs = (
            {"slack_user_id": channel_user_id}
            if channel == "slack"
            else {"teams_aad_id": channel_user_id}
        )
        rm = await asyncio.to_thread(self.bank.rm_by_channel, **kwargs)
        return rm.rm_id if rm else None

    async def first_delivery(self, channel: str, key: str) -> bool:
        full = f"{channel}:{key}"
        if self.dedupe is not None:
            return await self.dedupe.first(full)
        return await asyncio.to_thread(self.conversations.first_delivery, full)

    async def link_replies(self, channel: str, message_ids: list[str], turn_id: str) -> None:
        await asyncio.to_thread(self.conversations.link_replies, channel, message_ids, turn_id)

    async def turn_of_reply(self, channel: str, message_id: str) -> tuple[str, str] | None:
        return await asyncio.to_thread(self.conversations.turn_of_reply, channel, message_id)

    async def record_feedback(self, rm_id: str, feedback: Feedback, channel: str) -> bool:
        comment = None
        if feedback.comment:
            comment = (
                await asyncio.to_thread(
                    self.privacy.mask,
                    feedback.comment,
                    rm_id=rm_id,
                    conversation_id=feedback.conversation_id,
                )
            ).text
        ok = await asyncio.to_thread(
            self.conversations.add_feedback,
            rm_id=rm_id,
            conversation_id=feedback.conversation_id,
            turn_id=feedback.turn_id,
            channel=channel,
            rating=feedback.rating,
            masked_comment=comment,
        )
        if ok:
            await asyncio.to_thread(
                self.audit.append,
                rm_id=rm_id,
                channel=channel,
                kind="feedback",
                payload={
                    "turn_id": feedback.turn_id,
                    "rating": feedback.rating,
                    "comment": comment,
                },
            )
        return ok

    async def conversation(self, rm_id: str, conversation_id: str) -> Conversation | None:
        if await asyncio.to_thread(self.conversations.owner, conversation_id) != rm_id:
            return None
        caller = await asyncio.to_thread(self._caller, rm_id)
        rows = await asyncio.to_thread(self.conversations.turns, conversation_id)
        turns = []
        for row in rows:
            answer = Answer.model_validate(row.masked_answer)
            answer.text = self._restore(answer.text, caller, conversation_id)[0]
            answer.cards = [
                self._restore_card(card, caller, conversation_id) for card in answer.cards
            ]
            question = self._restore(row.masked_question, caller, conversation_id)[0]
            turns.append(ConversationTurn(turn_id=row.turn_id, question=question, answer=answer))
        return Conversation(
            conversation_id=conversation_id,
            rm_id=rm_id,
            channel=rows[0].masked_answer.get("channel", "api") if rows else "api",
            turns=turns,
        )

    # --- one turn ------------------------------------------------------------------------------
    async def _traced_turn(self, turn: Turn, emit: Callable) -> None:
        """``_turn`` inside the turn's root span; the answer's metadata (never its text) is
        added when the answer is emitted."""
        with self._tracer.start_as_current_span(
            "turn",
            attributes={
                "frontline.channel": turn.channel,
                "frontline.turn_id": turn.turn_id,
                "frontline.conversation_id": turn.conversation_id or "",
            },
            record_exception=False,
            set_status_on_exception=False,
        ) as span:

            async def traced_emit(event: StatusEvent | DeltaEvent | AnswerEvent) -> None:
                if isinstance(event, AnswerEvent):
                    _describe(span, event.answer)
                await emit(event)

            try:
                await self._turn(turn, traced_emit)
            except BaseException as exc:
                fail(span, exc)
                raise

    async def _turn(self, turn: Turn, emit: Callable) -> None:
        """One turn in named steps: check, identify, mask, run an engine, guard and restore,
        record, answer."""
        started = time.perf_counter()
        text = _checked_question(turn.text)
        rm_id = await self._caller_id(turn)
        if rm_id is None:
            await emit(AnswerEvent(answer=await self._unknown_caller(turn, started)))
            return
        caller = await asyncio.to_thread(self._caller, rm_id)
        conversation_id = await self._own_conversation(turn, rm_id)
        masked = await asyncio.to_thread(self._mask, text, rm_id, conversation_id)
        language = turn.language or detect_language(masked.text)
        ctx = await self._engine_context(
            caller,
            conversation_id,
            masked.text,
            language,
            new=not turn.conversation_id,
            channel=turn.channel,
        )
        restorer = LineRestorer(lambda chunk: self._restore(chunk, caller, conversation_id))
        with self._tracer.start_as_current_span("engine") as engine_span:
            result, engine_name, flags, toolbox = await self._run_engine(turn, ctx, emit, restorer)
            engine_span.set_attribute("frontline.engine", engine_name)
        answer = await self._guarded_answer(
            turn,
            caller,
            conversation_id,
            language,
            result,
            engine_name,
            flags,
            toolbox,
            restorer,
            emit,
            started,
        )
        await asyncio.to_thread(self._record, turn, caller, masked.text, result, answer)
        _log_answer(answer, rm_id, turn.channel)
        await emit(AnswerEvent(answer=answer))

    async def _caller_id(self, turn: Turn) -> str | None:
        if turn.rm_id:
            return turn.rm_id
        if turn.channel_user_id:
            return await self.resolve_rm(turn.channel, turn.channel_user_id)
        return None

    async def _own_conversation(self, turn: Turn, rm_id: str) -> str:
        """The turn's conversation id (a new one if none): another RM's is "no such"."""
        if not turn.conversation_id:
            return new_id("conv")  # just made: nobody owns it yet
        conversation_id = turn.conversation_id
        owner = await asyncio.to_thread(self.conversations.owner, conversation_id)
        if owner is not None and owner != rm_id:
            raise NotFoundError("no such conversation")
        return conversation_id

    def _toolbox(
        self,
        caller: Caller,
        conversation_id: str,
        language: str,
        channel: str = "api",
        state: dict | None = None,
    ) -> TracedToolbox:
        """A fresh toolbox: each engine attempt records only its own calls and citations."""
        return TracedToolbox(
            self._services(),
            caller,
            conversation_id,
            language,
            channel=channel,
            # The clients the conversation is about, then the list last shown: a name that
            # fits several of the caller's clients means the one of them in view.
            conversation_clients=_in_view(state or {}),
            tracer=self._tracer,
        )

    async def _engine_context(
        self,
        caller: Caller,
        conversation_id: str,
        masked_text: str,
        language: str,
        *,
        new: bool = False,
        channel: str = "api",
    ) -> EngineContext:
        """The engine's view of the turn; a conversation begun by this turn has no history
        to read."""
        history = (
            [] if new else await asyncio.to_thread(self.conversations.history, conversation_id)
        )
        state = history[-1].state if history else {}
        # A note another replica saved since this one read its clients: read them again.
        await asyncio.to_thread(self._services().intelligence.sync_notes)
        return EngineContext(
            self._toolbox(caller, conversation_id, language, channel, state),
            masked_text,
            language,
            state,
            [(h.masked_question, h.masked_answer.get("text", "")) for h in history],
        )

    async def _guarded_answer(
        self,
        turn: Turn,
        caller: Caller,
        conversation_id: str,
        language: Literal["zh", "en"],
        result: EngineResult,
        engine_name: Literal["offline", "llm"],
        flags: list[str],
        toolbox: Toolbox,
        restorer: LineRestorer,
        emit: Callable,
        started: float,
    ) -> Answer:
        """Citations pruned to what the text uses, tokens restored for this RM (the guard),
        the rest of the stream flushed; the Answer carries only the answering engine's work."""
        data_as_of = None
        if not result.refused and _read_bank_data(toolbox):
            data_as_of = await asyncio.to_thread(toolbox.services.bank.as_of)
            stale = stale_since(data_as_of, toolbox.services.as_of, _working_day(toolbox))
            if stale is not None:  # due dates from today, balances as of then: say so
                result.text += "\n" + stale_line(stale, language == "zh")
        masked_text, citations, cite_flags = prune(result.text, toolbox.citations)
        result.text = masked_text
        restored, guard_flags = self._restore(masked_text, caller, conversation_id)
        for delta in restorer.feed_final(restored):
            await emit(DeltaEvent(text=delta))
        return Answer(
            conversation_id=conversation_id,
            turn_id=turn.turn_id,
            text=restored,
            language=language,
            engine=engine_name,
            intent=result.intent,
            citations=citations,
            tool_calls=toolbox.calls,
            client_ids=[c for c in toolbox.client_ids if caller.may_read(c)],
            refused=result.refused,
            refusal_reason=result.refusal_reason,
            flags=_unique(flags + toolbox.flags + result.flags + cite_flags + guard_flags),
            latency_ms=int((time.perf_counter() - started) * 1000),
            cards=[self._restore_card(card, caller, conversation_id) for card in result.cards],
            actions=result.actions,
            # A refused turn offers nothing to download, whatever a tool prepared before.
            documents=[] if result.refused else list(toolbox.documents),
            charts=[] if result.refused else list(toolbox.charts),
            data_as_of=data_as_of,
        )

    async def _run_engine(
        self, turn: Turn, ctx: EngineContext, emit: Callable, restorer: LineRestorer
    ) -> tuple[EngineResult, Literal["offline", "llm"], list[str], Toolbox]:
        use_llm = self.llm is not None and turn.engine != "offline"
        if turn.engine == "llm" and self.llm is None:
            raise UserError("no LLM is configured (set FRONTLINE_LLM_BASE_URL)")
        if not use_llm:
            return await self._offline(ctx, emit), "offline", [], ctx.toolbox
        assert self.llm is not None

        async def stream_delta(event: StatusEvent | DeltaEvent) -> None:
            if isinstance(event, DeltaEvent):
                for safe in restorer.feed(event.text):
                    await emit(DeltaEvent(text=safe))
            else:
                await emit(event)

        try:
            result = await asyncio.wait_for(
                self.llm.run(ctx, stream_delta), timeout=self.llm_timeout_s
            )
            return result, "llm", [], ctx.toolbox
        except PROVIDER_FAILURES as exc:
            log.warning(
                "llm engine failed (%s); falling back to the offline engine", type(exc).__name__
            )
            reason = "timeout" if isinstance(exc, TimeoutError) else "error"
        except Exception:
            # A bug, not the provider: never hidden behind an offline answer. The traceback
            # carries masked text only (the engine never sees raw values).
            log.exception("llm engine raised an unexpected error")
            raise
        restorer.reset()
        await emit(
            StatusEvent(
                text="LLM unavailable — answering with the offline engine"
                if ctx.language == "en"
                else "大模型暂不可用，已切换到离线引擎作答"
            )
        )
        fresh = dataclasses.replace(
            ctx,
            toolbox=self._toolbox(
                ctx.toolbox.caller,
                ctx.toolbox.conversation_id,
                ctx.language,
                ctx.toolbox.channel,
                ctx.state,
            ),
        )
        result = await self._offline(fresh, emit)
        return result, "offline", ["engine:fallback", f"engine:llm_{reason}"], fresh.toolbox

    async def _offline(self, ctx: EngineContext, emit: Callable) -> EngineResult:
        """The offline engine's answer; a tool failure it did not handle becomes a notice."""
        try:
            return await self.offline.run(ctx, emit)
        except ToolException as exc:  # e.g. a bank catalogue the engine did not expect
            return tool_failure(ctx.toolbox, "help", ctx.language, exc)

    def _mask(self, text: str, rm_id: str, conversation_id: str) -> Any:
        with self._tracer.start_as_current_span("mask") as span:
            masked = self.privacy.mask(text, rm_id=rm_id, conversation_id=conversation_id)
            span.set_attribute("frontline.mask.entities", len(masked.entities))
            span.set_attribute(
                "frontline.mask.entity_types", sorted({str(e.entity_type) for e in masked.entities})
            )
            return masked

    def _caller(self, rm_id: str) -> Caller:
        """The caller's book, and the clients referred to them (names shown, data not)."""
        caller = resolve_caller(self.bank, rm_id)
        desk = getattr(self._services(), "referrals", None)
        if desk is None or caller.role == "admin":
            return caller
        return dataclasses.replace(
            caller, shown_clients=desk.shown_clients(rm_id), shown_staff=desk.counterparts(rm_id)
        )

    def _restore(self, text: str, caller: Caller, conversation_id: str) -> tuple[str, list[str]]:
        restored = self.privacy.restore(
            text,
            rm_id=caller.rm_id,
            conversation_id=conversation_id,
            entitled_client_ids=caller.client_ids | caller.shown_clients,
            staff_names=self._staff_names(caller) | caller.shown_staff,
        )
        return restored.text, list(restored.flags)

    def _staff_names(self, caller: Caller) -> frozenset[str]:
        """The colleagues ``caller`` may name (themself; a lead's team): their names are staff,
        not a client's, in what the caller reads."""
        rms = self._services().intelligence.rms
        key = (caller.rm_id, caller.role, caller.rm.team_id)
        cached = self._staff_cache.get(key)
        if cached is not None and cached[0] is rms:  # the same roster (an import replaces it)
            return cached[1]
        names = frozenset(r.name for r in rms if caller.may_name(r))
        if len(self._staff_cache) > 1024:  # bounded: one entry per RM who has asked
            self._staff_cache.clear()
        self._staff_cache[key] = (rms, names)
        return names

    def _restore_card(self, card: ClientCard, caller: Caller, conversation_id: str) -> ClientCard:
        fix = lambda s: self._restore(s, caller, conversation_id)[0]  # noqa: E731
        return card.model_copy(
            update={
                "name": fix(card.name),
                "tier": card.tier,
                "facts": [fix(f) for f in card.facts],
            }
        )

    def _record(
        self, turn: Turn, caller: Caller, masked_question: str, result: EngineResult, answer: Answer
    ) -> None:
        """Store and audit the masked forms only: the engine's text and cards, never restored ones."""
        with self._tracer.start_as_current_span("record"):
            self._store(turn, caller, masked_question, result, answer)

    def _store(
        self, turn: Turn, caller: Caller, masked_question: str, result: EngineResult, answer: Answer
    ) -> None:
        stored = answer.model_copy(update={"text": result.text, "cards": result.cards})
        payload = stored.model_dump(mode="json") | {"channel": turn.channel}
        self.conversations.append(
            conversation_id=answer.conversation_id,
            rm_id=caller.rm_id,
            channel=turn.channel,
            turn_id=answer.turn_id,
            masked_question=masked_question,
            masked_answer=payload,
            state=result.state,
        )
        self.audit.append(
            rm_id=caller.rm_id,
            channel=turn.channel,
            kind="turn",
            payload={
                "conversation_id": answer.conversation_id,
                "turn_id": answer.turn_id,
                "question": masked_question,
                "intent": answer.intent,
                "engine": answer.engine,
                "tool_calls": [c.model_dump() for c in answer.tool_calls],
                "doc_ids": [c.doc_id for c in answer.citations],
                "answer": result.text,
                "flags": answer.flags,
                "refused": answer.refused,
                "latency_ms": answer.latency_ms,
            },
        )

    async def _unknown_caller(self, turn: Turn, started: float) -> Answer:
        language = turn.language or detect_language(turn.text)
        await asyncio.to_thread(
            self.audit.append,
            rm_id=None,
            channel=turn.channel,
            kind="unknown_caller",
            payload={"channel_user_id": turn.channel_user_id},
        )
        return Answer(
            conversation_id=turn.conversation_id or new_id("conv"),
            turn_id=turn.turn_id,
            text=UNKNOWN_CALLER[language],
            language=language,
            engine="offline",
            intent="out_of_scope",
            refused=True,
            refusal_reason="unknown_caller",
            latency_ms=int((time.perf_counter() - started) * 1000),
        )


def _describe(span: Any, answer: Answer) -> None:
    """The answer's shape on the turn span: ids, counts and labels, no text."""
    span.set_attributes(
        {
            "frontline.conversation_id": answer.conversation_id,
            "frontline.intent": answer.intent or "",
            "frontline.engine": answer.engine,
            "frontline.refused": answer.refused,
            "frontline.refusal_reason": answer.refusal_reason or "",
            "frontline.flags": list(answer.flags),
            "frontline.citations": len(answer.citations),
            "frontline.tool_calls": len(answer.tool_calls),
            "frontline.latency_ms": answer.latency_ms,
        }
    )


def _checked_question(text: str) -> str:
    text = text.strip()
    if not text:
        raise UserError("the question is empty")
    if len(text) > MAX_QUESTION_CHARS:
        raise UserError(f"the question is longer than {MAX_QUESTION_CHARS} characters")
    return text


def _log_answer(answer: Answer, rm_id: str, channel: str) -> None:
    log.info(
        "turn answered",
        extra={
            "turn_id": answer.turn_id,
            "conversation_id": answer.conversation_id,
            "rm_id": rm_id,
            "channel": channel,
            "intent": answer.intent,
            "engine": answer.engine,
            "latency_ms": answer.latency_ms,
        },
    )


def _unique(flags: list[str]) -> list[str]:
    return list(dict.fromkeys(flags))


def _in_view(state: dict) -> list[str]:
    """The conversation's clients, then those of the list last shown, each once."""
    about = state.get("client_ids") or []
    shown = state.get("last_list") or []
    return list(dict.fromkeys([*about, *shown]))


# Tools that read playbooks, rules and the catalogue only: an answer from them alone states
# no balance, date or contact of the extract.
PLAYBOOK_ONLY = frozenset({"search_playbooks", "check_compliance", "find_products"})


def _read_bank_data(toolbox: Toolbox) -> bool:
    """The answer stands on the extract (a client or the book), not on playbooks alone."""
    return bool(toolbox.client_ids) or any(c.name not in PLAYBOOK_ONLY for c in toolbox.calls)


def _working_day(toolbox: Toolbox) -> Callable[[date], bool]:
    return cast(
        Callable[[date], bool], toolbox.services.intelligence.policy.signals.calendar.is_working_day
    )
