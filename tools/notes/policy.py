"""The note policy (``tools/policy/notes.yaml``): the words a bank's RMs use for capturing a
note, confirming it, and its channels; what a note that says nothing is made of."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from tools.intelligence.policy import _parse

DEFAULT_NOTE_POLICY_PATH = Path(__file__).parents[1] / "policy" / "notes.yaml"


class Words(BaseModel):
    model_config = ConfigDict(frozen=True)

    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def pattern(self) -> str:
        """One alternation: Chinese words as written, English ones on word bounds, longest
        first so "met with" wins over "met"."""
        zh = sorted(self.zh, key=len, reverse=True)
        en = sorted(self.en, key=len, reverse=True)
        parts = [re.escape(w) for w in zh] + [rf"\b{re.escape(w)}(?!\w)" for w in en]
        return "|".join(parts) or r"(?!x)x"


class MinContent(BaseModel):
    model_config = ConfigDict(frozen=True)

    zh: int = 4
    en: int = 2


class NotePolicy(BaseModel):
    model_config = ConfigDict(frozen=True, ignored_types=(cached_property,))

    version: str
    prefixes: Words = Words()
    triggers: Words
    confirm: Words
    cancel: Words
    channels: dict[str, Words]
    next_step_words: Words
    empty_words: Words
    min_content: MinContent = MinContent()

    @cached_property
    def trigger_re(self) -> re.Pattern[str]:
        polite = self.prefixes.pattern()
        return re.compile(
            rf"^\s*(?:(?:{polite})\s*)?(?:{self.triggers.pattern()})\s*[:：,，]?\s*", re.I
        )

    @cached_property
    def channel_res(self) -> list[tuple[str, re.Pattern[str]]]:
        return [(key, re.compile(words.pattern(), re.I)) for key, words in self.channels.items()]

    @cached_property
    def next_step_re(self) -> re.Pattern[str]:
        return re.compile(self.next_step_words.pattern(), re.I)

    @cached_property
    def empty_re(self) -> re.Pattern[str]:
        return re.compile(self.empty_words.pattern(), re.I)

    def is_reply(self, text: str, words: Words) -> bool:
        """True when the whole reply is one of ``words`` (punctuation aside)."""
        said = re.sub(r"[\s。.!！,，~～]+", " ", text).strip().lower()
        return said in {w.lower() for w in (*words.zh, *words.en)}


def load_note_policy(path: Path | str | None = None) -> NotePolicy:
    """Load and validate the note policy; ``ConfigError`` with one line on a bad file."""
    return _parse(NotePolicy, Path(path or DEFAULT_NOTE_POLICY_PATH))
