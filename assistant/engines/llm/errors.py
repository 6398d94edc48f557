"""The LLM engine's errors. Any of them ends the LLM attempt; the core answers offline."""

from __future__ import annotations

from assistant.errors import UpstreamError


class LLMUnusable(UpstreamError):
    """The model's output cannot be shown to an RM (raw JSON, empty, ungrounded, looping)."""

    code = "llm_unusable"


class LLMProviderError(UpstreamError):
    """The OpenAI-compatible server failed (HTTP error, connection refused, bad payload)."""

    code = "llm_provider_error"


class ToolRefused(Exception):
    """A tool refused the caller (entitlement); the turn ends in an explicit refusal."""
