"""Judging what the model produced, deterministically: the intent from the tools it called,
whether a final answer is usable, and tool calls a small model wrote as text."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Sequence
from typing import Literal

from assistant.engines.offline.intent import classify

Problem = Literal["empty", "raw_json", "uncited"]

CLIENT_TOOLS = {
    "find_clients",
    "get_client_profile",
    "get_client_signals",
    "recommend_next_actions",
    "get_interactions",
}
CONTENT_TOOLS = {"search_playbooks", "check_compliance"}
NOTE_TOOLS = {"capture_interaction", "save_interaction"}  # the write path (issue 16)
OUTCOME_TOOLS = {"record_action_outcome"}  # done / not now on a suggested action
CITATION = re.compile(r"\[(\d{1,3})\]")
CODE_BLOCK = re.compile(r"```[a-zA-Z]*\s*\n?(.*?)```", re.S)


def infer_intent(tool_names: Sequence[str], masked_text: str, has_prior_client: bool) -> str:
    """The intent from the tools that ran (DESIGN §2 intents), never from the model's say-so."""
    names = set(tool_names)
    if names & OUTCOME_TOOLS:
        return "action_outcome"
    if names & NOTE_TOOLS:
        return "capture_note"
    if names & {"draft_outreach", "draft_campaign"}:  # one client, or each of a segment
        return "draft_outreach"
    if "prepare_meeting" in names:
        return "meeting_prep"
    if names & {"list_book", "team_performance"}:  # the book, or the people who hold it
        return "book_query"
    if names & CLIENT_TOOLS:
        return "serve_client"
    if names & CONTENT_TOOLS:
        return "playbook_qa"
    verdict = classify(masked_text, has_client=False, follow_up_client=has_prior_client)
    return "out_of_scope" if verdict.intent == "out_of_scope" else "help"


def answer_problem(text: str, citation_numbers: Iterable[int]) -> Problem | None:
    """Why a final answer cannot go to the RM, or None when it can."""
    stripped = text.strip()
    if not stripped:
        return "empty"
    if looks_like_json(stripped):
        return "raw_json"
    known = set(citation_numbers)
    if known and not cited(stripped, known):
        return "uncited"
    return None


_WS = re.compile(r"\s+")
RECITAL_PROBE_CHARS = 18  # a verbatim run this long from one rule is no coincidence


def recites_prompt(text: str, system_prompt: str, min_rules: int = 2) -> bool:
    """True when ``text`` repeats the system prompt: verbatim runs from at least ``min_rules``
    of its rules (a model asked to "summarise your instructions" tends to copy them)."""
    answer = _WS.sub("", text)
    hits = 0
    for rule in system_prompt.split("\n"):
        rule = _WS.sub("", rule.lstrip("- "))
        probes = [
            rule[i : i + RECITAL_PROBE_CHARS]
            for i in range(0, max(len(rule) - RECITAL_PROBE_CHARS, 0) + 1, RECITAL_PROBE_CHARS)
        ]
        if len(rule) >= RECITAL_PROBE_CHARS and any(p in answer for p in probes):
            hits += 1
    return hits >= min_rules


def cited(text: str, known: set[int]) -> bool:
    return any(int(n) in known for n in CITATION.findall(text))


def looks_like_json(text: str) -> bool:
    """A reply that is (or opens with) JSON or a code block is not an answer."""
    stripped = text.strip()
    if stripped.startswith("```"):
        return True
    if stripped[:1] in "{[":
        try:
            json.loads(stripped)
            return True
        except ValueError:
            return stripped[:1] == "{"  # a truncated object is still not prose
    return False


def text_tool_calls(text: str, known_tools: set[str]) -> list[dict]:
    """Tool calls a small model wrote into its text (```json {"name": ..., "arguments": ...}```),
    as LangChain tool-call dicts; only names the agent actually offers are accepted."""
    candidates = [m.group(1) for m in CODE_BLOCK.finditer(text)] or [text]
    calls = []
    for raw in candidates:
        try:
            parsed = json.loads(raw.strip())
        except ValueError:
            continue
        for item in parsed if isinstance(parsed, list) else [parsed]:
            call = _as_call(item, known_tools)
            if call:
                calls.append(call)
    return calls


def _as_call(item: object, known_tools: set[str]) -> dict | None:
    if not isinstance(item, dict):
        return None
    item = item.get("function", item) if isinstance(item.get("function"), dict) else item
    name = item.get("name") or item.get("tool")
    args = item.get("arguments", item.get("args", item.get("parameters", {})))
    if isinstance(args, str):
        try:
            args = json.loads(args)
        except ValueError:
            return None
    if name not in known_tools or not isinstance(args, dict):
        return None
    return {"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:12]}", "type": "tool_call"}
