"""The few fixed sentences the Slack adapter says itself. None of them carries client data."""

from __future__ import annotations

from integrations.phrases import Phrasebook, language_of

BOOK = Phrasebook(
    "Slack",
    {
        "private_note": (
            "我已私信回复你（仅你可见）。",
            "I've replied to you privately (only you can see it).",
        ),
    },
)
say = BOOK.say

__all__ = ["language_of", "say"]
