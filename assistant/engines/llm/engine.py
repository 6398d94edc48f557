"""The LLM agent engine: a LangChain agent over the caller's toolbox, masking as middleware.

The chat model and the agent graph are built once per engine: the agent's tools and middleware
find the caller's toolbox, emit and flags through the ``TURN`` context variable set for each
turn, and the turn's system prompt is set by middleware. Any failure (provider error, timeout, unusable output) propagates: the
core's fallback to the offline engine is the retry, so the client never retries itself.
"""

from __future__ import annotations

from typing import Any

import openai
from langchain.agents import create_agent
from langchain.agents.middleware import AgentMiddleware, ModelCallLimitMiddleware
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from pydantic import SecretStr

from assistant.config import LLMSettings
from assistant.core.types import DeltaEvent
from assistant.engines.base import Emit, EngineContext, EngineResult
from assistant.engines.llm.client import use_direct_completions
from assistant.engines.llm.errors import LLMProviderError, LLMUnusable, ToolRefused
from assistant.engines.llm.middleware import (
    TURN,
    GroundedAnswer,
    MaskCache,
    ModelCallChain,
    PrivacyMiddleware,
    ToolRoundCap,
    ToolSchemaCache,
    ToolWatch,
    TurnPrompt,
    TurnState,
)
from assistant.engines.llm.outcome import answer_problem, infer_intent, recites_prompt
from assistant.engines.llm.prompts import PROMPT_RECITAL, Language, SystemPrompt
from assistant.engines.llm.streaming import StreamGate
from assistant.engines.offline.intent import classify
from assistant.engines.offline.phrases import t
from assistant.engines.refusals import policy_refusal, records_in
from tools.toolbox import langchain_tool, registry

HISTORY_TURNS = 6
HISTORY_ANSWER_CHARS = 1500
LIST_IN_PROMPT = 20  # the last list's first clients, for "the second one"
DRAFT_SLOTS = ("client_id", "channel", "purpose", "language", "product_code", "style", "include")


def build_chat_model(settings: LLMSettings) -> BaseChatModel:
    """ChatOpenAI against any OpenAI-compatible server (vLLM, Ollama, a hosted model)."""
    from langchain_openai import ChatOpenAI

    key = (
        settings.api_key.get_secret_value() if settings.api_key else "not-needed"
    )  # local servers ignore it
    model = ChatOpenAI(
        base_url=settings.base_url,
        api_key=SecretStr(key),
        model=settings.model,  # type: ignore[arg-type]
        timeout=settings.timeout_s,
        max_retries=0,
        streaming=True,
        temperature=0,
    )
    use_direct_completions(model)
    return model


class LLMEngine:
    name = "llm"

    def __init__(self, settings: LLMSettings, *, chat_model: BaseChatModel | None = None) -> None:
        self.settings = settings
        self.model = chat_model or build_chat_model(settings)
        self._mask_cache = MaskCache()
        self._agents: dict[tuple, Any] = {}  # by the toolbox's tool set

    async def run(self, ctx: EngineContext, emit: Emit) -> EngineResult:
        lang: Language = "en" if ctx.language == "en" else "zh"
        policy = _policy_refusal(ctx, lang)
        if policy is not None:
            return policy
        flags: list[str] = []
        history = _history(ctx)
        turn = TurnState(
            toolbox=ctx.toolbox,
            emit=emit,
            language=lang,
            flags=flags,
            turn_start=len(history) + 1,
            system_prompt=SystemPrompt(
                language=lang,
                role=ctx.toolbox.caller.role,
                client_ids=list(ctx.state.get("client_ids") or []),
                last_list=list(ctx.state.get("last_list") or [])[:LIST_IN_PROMPT],
                candidates=list(ctx.state.get("candidates") or []),
                last_draft=dict(ctx.state.get("last_draft") or {}),
            ).render(),
        )
        agent = self._agent()
        token = TURN.set(turn)
        try:
            messages = await self._stream(
                agent, [*history, HumanMessage(ctx.masked_text)], ctx, emit
            )
        except ToolRefused:
            return EngineResult(
                t("refuse_foreign", lang),
                infer_intent(_called(ctx), ctx.masked_text, False),
                refused=True,
                refusal_reason="not_entitled",
                flags=flags,
                state={"client_ids": []},
            )
        except openai.APITimeoutError as exc:
            raise TimeoutError("the LLM provider timed out") from exc
        except openai.APIError as exc:
            raise LLMProviderError(f"the LLM provider failed ({type(exc).__name__})") from exc
        finally:
            TURN.reset(token)
        return self._result(ctx, messages, turn)

    def _agent(self) -> Any:
        """The agent for this toolbox's tool set, built on first use and shared by every turn."""
        specs = list(registry().values())
        key = tuple((spec.name, id(spec.schema)) for spec in specs)
        agent = self._agents.get(key)
        if agent is None:
            agent = self._agents[key] = create_agent(
                self.model,
                tools=[langchain_tool(spec, _call_in_turn) for spec in specs],
                middleware=self._middleware(),
            )
        return agent

    def _middleware(self) -> list[AgentMiddleware]:
        rounds = self.settings.max_tool_rounds
        model_layers: list[AgentMiddleware] = [
            TurnPrompt(),  # outermost: the turn's system prompt, as every layer below sees it
            GroundedAnswer(),
            ToolRoundCap(rounds),
            PrivacyMiddleware(self._mask_cache),  # sees exactly what is sent
        ]
        if _takes_openai_tools(self.model):
            model_layers.append(ToolSchemaCache())  # innermost: only changes the tools' format
        return [
            ToolWatch(),
            ModelCallChain(*model_layers),  # the layers in this order, the first outermost
            # A backstop for anything the cap misses: a loop ends in an error, hence the fallback.
            ModelCallLimitMiddleware(  # type: ignore[list-item]  # langchain middleware generics
                run_limit=rounds + 2, exit_behavior="error"
            ),
        ]

    async def _stream(
        self, agent: Any, messages: list[BaseMessage], ctx: EngineContext, emit: Emit
    ) -> list[BaseMessage]:
        gate = StreamGate(lambda: {c.n for c in ctx.toolbox.citations}, TURN.get().system_prompt)
        final: list[BaseMessage] = []
        async for mode, data in agent.astream(
            {"messages": messages}, stream_mode=["messages", "values"]
        ):
            if mode == "values":
                final = data["messages"]
                continue
            chunk, meta = data
            if meta.get("langgraph_node") == "model" and isinstance(chunk, AIMessage):
                text = gate.feed(chunk)
                if text:
                    await emit(DeltaEvent(text=text))
        return final

    def _result(
        self, ctx: EngineContext, messages: list[BaseMessage], turn: TurnState
    ) -> EngineResult:
        last = messages[-1] if messages else None
        if not isinstance(last, AIMessage) or last.tool_calls:
            raise LLMUnusable("the agent stopped without a final answer")
        text = last.text.strip()
        if recites_prompt(text, turn.system_prompt):
            return EngineResult(
                PROMPT_RECITAL[ctx.language],
                "out_of_scope",
                refused=True,
                refusal_reason="out_of_policy",
                flags=[*turn.flags, "guard:prompt_recital"],
                state=dict(ctx.state),
            )
        problem = answer_problem(text, [c.n for c in ctx.toolbox.citations])
        if problem is not None:
            raise LLMUnusable(f"the model's answer was unusable ({problem})")
        intent = infer_intent(_called(ctx), ctx.masked_text, bool(ctx.state.get("client_ids")))
        touched = ctx.toolbox.client_ids
        state = _next_state(ctx, touched)
        return EngineResult(
            text,
            intent,
            cards=list(turn.cards.values()),
            actions=turn.actions,
            refused=intent == "out_of_scope",
            refusal_reason="out_of_scope" if intent == "out_of_scope" else None,
            flags=turn.flags,
            state=state,
        )


def _next_state(ctx: EngineContext, touched: list[str]) -> dict:
    """What the next turn reads (see ``offline/followup.py``): the client this turn touched,
    the list it showed (in order), the last draft's slots (ids and codes only); a pending "which one?" lasts one turn."""
    state = {k: v for k, v in ctx.state.items() if k not in ("candidates", "pending_intent")}
    if touched:
        state["client_ids"] = touched[-1:]
    shown = ctx.toolbox.shown
    if shown:
        state["last_list"] = list(shown)
        if len(shown) > 1 and set(touched) <= set(shown):  # a list is no one client ("他们")
            state["client_ids"] = []
    if ctx.toolbox.shown_actions:  # "the first one is done" next turn counts in this list
        state["last_actions"] = ctx.toolbox.shown_actions
    drafts = [c.args for c in ctx.toolbox.calls if c.name == "draft_outreach" and c.ok]
    if drafts:
        state["last_draft"] = {k: drafts[-1].get(k) for k in DRAFT_SLOTS}
    return state


def _call_in_turn(name: str, args: dict) -> dict:
    """Run a tool on the current turn's toolbox (the agent is shared; the caller is not)."""
    return TURN.get().toolbox.call(name, args)


def _takes_openai_tools(model: BaseChatModel) -> bool:
    try:
        from langchain_openai.chat_models.base import BaseChatOpenAI
    except ImportError:  # pragma: no cover - langchain-openai is a dependency
        return False
    return isinstance(model, BaseChatOpenAI)


def _history(ctx: EngineContext) -> list[BaseMessage]:
    """Earlier turns (masked) as prior messages, so "and draft the e-mail" finds its client."""
    messages: list[BaseMessage] = []
    for question, answer in ctx.history[-HISTORY_TURNS:]:
        messages += [HumanMessage(question), AIMessage(answer[:HISTORY_ANSWER_CHARS])]
    return messages


def _called(ctx: EngineContext) -> list[str]:
    """Every tool the model called through the toolbox, failed ones too: they show its intent."""
    return [c.name for c in ctx.toolbox.calls]


def _policy_refusal(ctx: EngineContext, lang: Language) -> EngineResult | None:
    """Requests refused by policy, whatever a model would say: injection, full identifiers."""
    verdict = classify(
        ctx.masked_text,
        has_client="⟦CLIENT_" in ctx.masked_text,
        follow_up_client=bool(ctx.state.get("client_ids")),
    )
    return policy_refusal(
        verdict, lang, text=ctx.masked_text, records_in=records_in(ctx.toolbox, lang)
    )
