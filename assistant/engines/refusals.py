"""Requests refused by policy whatever the engine would do with them: prompt injection and
requests for full identifiers. Both engines classify the question and end the turn here."""

from __future__ import annotations

from assistant.engines.base import EngineResult
from assistant.engines.offline.intent import IntentResult
from assistant.engines.offline.phrases import t


def policy_refusal(
    verdict: IntentResult, language: str, *, full_id_intent: str | None = None
) -> EngineResult | None:
    """The refusal for an injection or a full-identifier request, else None. A full-identifier
    refusal is recorded under ``full_id_intent`` when given (the offline engine knows the
    question names a client), else under the classified intent."""
    if verdict.injection:
        return EngineResult(
            t("refuse_injection", language),
            verdict.intent,
            refused=True,
            refusal_reason="out_of_policy",
            flags=["guard:prompt_injection"],
        )
    if verdict.wants_full_identifier:
        return EngineResult(
            t("refuse_full_id", language),
            full_id_intent or verdict.intent,
            refused=True,
            refusal_reason="out_of_policy",
        )
    return None
