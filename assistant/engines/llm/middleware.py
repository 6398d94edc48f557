"""The agent's cross-cutting concerns as LangChain agent middleware (STYLE §6).

Order in ``create_agent(middleware=[...])``: the first wraps the others, so the privacy layer
goes last — closest to the model — and also masks what the outer layers add (repair notes).

- :class:`ToolWatch` — status events, the entitlement stop, cards from tool results.
- :class:`GroundedAnswer` — tool calls written as text, unusable answers: repair once or give up.
- :class:`ToolRoundCap` — past ``max_tool_rounds``, no more tools: answer with what is known.
- :class:`PrivacyMiddleware` — every message bound for the model is masked again.

The agent graph and these middleware instances are built once per engine and shared by every
turn; what belongs to one turn (toolbox, emit, language, flags, cards…) lives in a
:class:`TurnState` held by the :data:`TURN` context variable, set by ``LLMEngine.run``.
Context variables are per asyncio task and copied into the threads tools and the masker run
in, so concurrent turns never see each other's state.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from langchain.agents.middleware import (
    AgentMiddleware,
    ModelRequest,
    ModelResponse,
    ToolCallRequest,
)
from langchain_core.messages import (
    AIMessage,
    AnyMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool
from langgraph.types import Command

from assistant.core.types import ActionItem, ClientCard, StatusEvent
from assistant.engines.base import Emit
from assistant.engines.llm.errors import LLMUnusable, ToolRefused
from assistant.engines.llm.outcome import answer_problem, looks_like_json, text_tool_calls
from assistant.engines.llm.prompts import FinishPrompt, Language, RepairPrompt
from assistant.engines.offline import compose
from assistant.engines.offline.phrases import t
from tools.toolbox import Toolbox

LATE_MASK_FLAG = "guard:pii_masked_late"
ModelHandler = Callable[[ModelRequest], Awaitable[ModelResponse]]
ToolHandler = Callable[[ToolCallRequest], Awaitable[ToolMessage | Command]]


@dataclass
class TurnState:
    """Everything the shared agent needs to know about the turn it is running."""

    toolbox: Toolbox
    emit: Emit
    language: Language
    flags: list[str]
    turn_start: int
    system_prompt: str
    retries: int = 1
    cards: dict[str, ClientCard] = field(default_factory=dict)
    actions: list[ActionItem] = field(default_factory=list)


TURN: ContextVar[TurnState] = ContextVar("frontline_llm_turn")


def _ai(response: ModelResponse) -> AIMessage | None:
    return next((m for m in reversed(response.result) if isinstance(m, AIMessage)), None)


def _replace_ai(response: ModelResponse, ai: AIMessage) -> ModelResponse:
    return ModelResponse(
        result=[ai if isinstance(m, AIMessage) else m for m in response.result],
        structured_response=response.structured_response,
    )


# --- privacy ---------------------------------------------------------------------------------
_NEEDS_CHECK = re.compile(r"[^\x21-\x7e]|@|\d{6,}")  # non-ASCII, spaces, e-mail, long digit runs


class MaskCache:
    """Masked forms of texts already checked, per RM and conversation (tokens are scoped so)."""

    def __init__(self, size: int = 4096) -> None:
        self._items: OrderedDict[tuple[str, str, str], str] = OrderedDict()
        self._size = size

    def get(self, key: tuple[str, str, str]) -> str | None:
        if key in self._items:
            self._items.move_to_end(key)
        return self._items.get(key)

    def put(self, key: tuple[str, str, str], value: str) -> None:
        self._items[key] = value
        if len(self._items) > self._size:
            self._items.popitem(last=False)


class PrivacyMiddleware(AgentMiddleware):
    """A second line of defence: run the masker over every message content bound for the model.

    The core masked the question and the tools mask their results, so this normally changes
    nothing; when it does, the turn carries ``guard:pii_masked_late``.
    """

    def __init__(self, cache: MaskCache) -> None:
        super().__init__()
        self.cache = cache

    @property
    def toolbox(self) -> Toolbox:
        return TURN.get().toolbox

    @property
    def flags(self) -> list[str]:
        return TURN.get().flags

    async def awrap_model_call(self, request: ModelRequest, handler: ModelHandler) -> ModelResponse:
        if all(
            self._settled(m) for m in request.messages
        ):  # cached or nothing to check: no thread hop
            messages = [self._mask_message(m) for m in request.messages]
        else:  # the masker runs a NER model: off the event loop
            messages = await asyncio.to_thread(
                lambda: [self._mask_message(m) for m in request.messages]
            )
        return await handler(request.override(messages=messages))

    def _settled(self, message: BaseMessage) -> bool:
        if not isinstance(message.content, str) or (
            isinstance(message, AIMessage) and message.tool_calls
        ):
            return False
        text = message.content
        return not _NEEDS_CHECK.search(text) or self.cache.get(self._key(text)) is not None

    def _key(self, text: str) -> tuple[str, str, str]:
        return (self.toolbox.caller.rm_id, self.toolbox.conversation_id, text)

    def _mask_message(self, message: AnyMessage) -> AnyMessage:
        update: dict[str, Any] = {}
        if isinstance(message.content, str):
            masked = self.mask(message.content)
            if masked != message.content:
                update["content"] = masked
        else:
            parts = [
                {**p, "text": self.mask(p["text"])}
                if isinstance(p, dict) and isinstance(p.get("text"), str)
                else p
                for p in message.content
            ]
            if parts != message.content:
                update["content"] = parts
        if isinstance(message, AIMessage) and message.tool_calls:
            calls = [{**c, "args": self._mask_args(c["args"])} for c in message.tool_calls]
            if calls != message.tool_calls:
                update["tool_calls"] = calls
        return message.model_copy(update=update) if update else message

    def _mask_args(self, args: dict) -> dict:
        raw = json.dumps(args, ensure_ascii=False)
        try:
            return json.loads(self.mask(raw))
        except ValueError:  # masking broke the JSON: the model only sees its own call again
            return args

    def mask(self, text: str) -> str:
        if not text or not _NEEDS_CHECK.search(text):
            return text
        key = self._key(text)
        cached = self.cache.get(key)
        if cached is None:
            cached = self._mask_uncached(text)
            self.cache.put(key, cached)
        if cached != text and LATE_MASK_FLAG not in self.flags:
            self.flags.append(LATE_MASK_FLAG)
        return cached

    def _mask_uncached(self, text: str) -> str:
        # Tool results are JSON: check only the values that could hold PII, in one pass; only
        # if that finds something is the whole text masked (keeps the JSON exact).
        leaves = _json_leaves(text)
        if leaves is not None and self.toolbox.all_clean(leaves):
            return text
        return self.toolbox.mask_text(text)


def _json_leaves(text: str) -> list[str] | None:
    if text[:1] not in "{[":
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str | int) and not isinstance(node, bool):
            value = str(node)
            value = value.replace("\n", " ")
            if _NEEDS_CHECK.search(value) and value not in found:
                found.append(value)

    walk(data)
    return found


# --- the tool-round cap -----------------------------------------------------------------------
class ToolRoundCap(AgentMiddleware):
    """After ``max_rounds`` rounds of tool calls the model gets no tools and is told to finish."""

    def __init__(self, max_rounds: int) -> None:
        super().__init__()
        self.max_rounds = max_rounds

    async def awrap_model_call(self, request: ModelRequest, handler: ModelHandler) -> ModelResponse:
        turn = TURN.get()
        rounds = sum(
            1
            for m in request.messages[turn.turn_start :]
            if isinstance(m, AIMessage) and m.tool_calls
        )
        if rounds < self.max_rounds:
            return await handler(request)
        note = FinishPrompt(language=turn.language, rounds=rounds).render()
        system = f"{request.system_prompt}\n\n{note}" if request.system_prompt else note
        response = await handler(
            request.override(tools=[], tool_choice=None, system_message=SystemMessage(system))
        )
        ai = _ai(response)
        if ai is not None and (
            ai.tool_calls or ai.invalid_tool_calls
        ):  # a loop: keep any text, drop the calls
            ai = AIMessage(content=ai.content, id=ai.id)
            response = _replace_ai(response, ai)
        return response


# --- repair -----------------------------------------------------------------------------------
class GroundedAnswer(AgentMiddleware):
    """Small-model repairs. A tool call written as JSON text becomes a real tool call; an
    unparseable call, an empty, raw-JSON or uncited answer gets one retry with a note saying
    what was wrong; a second failure raises :class:`LLMUnusable` (the core falls back)."""

    async def awrap_model_call(self, request: ModelRequest, handler: ModelHandler) -> ModelResponse:
        turn = TURN.get()  # the retry budget is per turn (TurnState.retries)
        response = await handler(request)
        while True:
            response, problem = self._check(request, response)
            if problem is None:
                return response
            if turn.retries <= 0:
                raise LLMUnusable(f"the model's answer was unusable ({problem})")
            turn.retries -= 1
            note = RepairPrompt(
                language=turn.language,
                problem=problem,
                citation_numbers=[c.n for c in turn.toolbox.citations],
            ).render()
            response = await handler(
                request.override(messages=[*request.messages, HumanMessage(note)])
            )

    def _check(self, request: ModelRequest, response: ModelResponse) -> tuple[ModelResponse, Any]:
        ai = _ai(response)
        if ai is None:
            return response, "empty"
        if ai.tool_calls:
            return response, None
        text = ai.text if isinstance(ai.content, list) else str(ai.content)
        offered = {
            name for tool in request.tools if (name := getattr(tool, "name", None)) is not None
        }
        calls = text_tool_calls(text, offered) if looks_like_json(text) or "```" in text else []
        if calls:
            return _replace_ai(response, AIMessage(content="", tool_calls=calls, id=ai.id)), None
        if ai.invalid_tool_calls and not text.strip():
            return response, "bad_tool_call"
        return response, answer_problem(text, [c.n for c in TURN.get().toolbox.citations])


# --- tools ------------------------------------------------------------------------------------
_STATUS = {
    "search_playbooks": "searching",
    "list_book": "book_status",
    "draft_outreach": "drafting",
    "draft_campaign": "drafting",
    "get_client_profile": "reading",
}


# Tools whose results carry text written by people other than the RM (playbook authors, whoever
# wrote a note): the model gets them fenced as untrusted data (the system prompt says what the
# fence means). An instruction-like sentence was already removed by the tool (tools/untrusted.py).
UNTRUSTED_TOOLS = frozenset({"search_playbooks", "get_interactions"})
_FENCE_OPEN = '<untrusted-data source="{name}">\n'
_FENCE_CLOSE = "\n</untrusted-data>"


def fence(name: str, content: str) -> str:
    """``content`` inside the untrusted-data fence; a fence marker inside it cannot close it."""
    inner = content.replace("untrusted-data", "untrusted_data")
    return _FENCE_OPEN.format(name=name) + inner + _FENCE_CLOSE


def unfence(content: str) -> str:
    """The fenced content back (for whoever reads tool messages as JSON, e.g. tests)."""
    if content.startswith("<untrusted-data") and content.endswith(_FENCE_CLOSE):
        return content.split("\n", 1)[1][: -len(_FENCE_CLOSE)]
    return content


class ToolWatch(AgentMiddleware):
    """Around each tool call: tell the user what is happening, stop the turn on an entitlement
    refusal (no model round is spent rephrasing it), keep what the answer's cards need, and
    fence the results that carry other people's text."""

    async def awrap_tool_call(
        self, request: ToolCallRequest, handler: ToolHandler
    ) -> ToolMessage | Command:
        turn = TURN.get()
        name = request.tool_call["name"]
        if name in _STATUS:
            await turn.emit(StatusEvent(text=t(_STATUS[name], turn.language)))
        result = await handler(request)
        if turn.toolbox.refusal:
            raise ToolRefused(turn.toolbox.refusal)
        if isinstance(result, ToolMessage) and result.status != "error":
            self._keep(turn, name, result.content)
            if name in UNTRUSTED_TOOLS and isinstance(result.content, str):
                result.content = fence(name, result.content)
        return result

    def _keep(self, turn: TurnState, name: str, content: Any) -> None:
        try:
            data = json.loads(content) if isinstance(content, str) else None
        except ValueError:
            return
        if not isinstance(data, dict):
            return
        if name == "get_client_profile" and "client_id" in data:
            turn.cards[data["client_id"]] = compose.client_card(data)
        elif name == "recommend_next_actions" and not turn.actions:
            turn.actions = compose.action_lines(data.get("actions", []), {}, turn.language)[1]


# --- per-turn system prompt and cached tool schemas -------------------------------------------
class TurnPrompt(AgentMiddleware):
    """Outermost: the turn's system prompt (language, role, carried client ids)."""

    async def awrap_model_call(self, request: ModelRequest, handler: ModelHandler) -> ModelResponse:
        return await handler(
            request.override(system_message=SystemMessage(content=TURN.get().system_prompt))
        )


class ToolSchemaCache(AgentMiddleware):
    """Innermost: hand the model its tools already in OpenAI format, converted once per tool,
    instead of converting every pydantic schema again on every model call."""

    def __init__(self) -> None:
        super().__init__()
        self._schemas: dict[int, tuple[BaseTool, dict]] = {}

    async def awrap_model_call(self, request: ModelRequest, handler: ModelHandler) -> ModelResponse:
        if not request.tools:
            return await handler(request)
        return await handler(request.override(tools=[self._schema(t) for t in request.tools]))

    def _schema(self, tool: Any) -> Any:
        if not isinstance(tool, BaseTool) or getattr(tool, "extras", None):
            return tool
        entry = self._schemas.get(id(tool))
        if entry is None or entry[0] is not tool:  # keeps the tool alive: ids stay unique
            entry = self._schemas[id(tool)] = (tool, convert_to_openai_tool(tool))
        return entry[1]


class ModelCallChain(AgentMiddleware):
    """The model-call layers above as one agent middleware, the first wrapping the others.

    Exactly what ``create_agent`` would compose from the separate layers, minus the per-layer
    tracing wrapper it adds to each one (several thread hops per layer and model call)."""

    def __init__(self, *layers: AgentMiddleware) -> None:
        super().__init__()
        self.layers = layers

    async def awrap_model_call(self, request: ModelRequest, handler: ModelHandler) -> ModelResponse:
        for layer in reversed(self.layers):
            handler = partial(_call_layer, layer, handler)
        return await handler(request)


async def _call_layer(
    layer: AgentMiddleware, handler: ModelHandler, request: ModelRequest
) -> ModelResponse:
    result = await layer.awrap_model_call(request, handler)
    if isinstance(result, AIMessage):  # as create_agent normalises a bare message
        return ModelResponse(result=[result])
    if not isinstance(result, ModelResponse):  # commands are not used by these layers
        raise TypeError(f"{type(layer).__name__} returned {type(result).__name__}")
    return result
