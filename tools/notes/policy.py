"""The note policy (``tools/policy/notes.yaml``): the words a bank's RMs use for capturing a
note, confirming it, and its channels; what a note that says nothing is made of."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
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


# A contact reported as done, for a policy file that names none: a turn of nothing but the
# client and one of these is a note (one that says nothing, refused as such).
DONE_WORDS = Words(
    zh=("已联系", "已拜访", "已沟通", "已回访", "已电话", "已致电", "已跟进", "联系过了", "拜访过了",
        "沟通过了", "跟进过了", "打过电话了", "联系了", "拜访了", "沟通了", "跟进了"),
    en=("called", "contacted", "visited", "reached out", "followed up", "spoke to", "met",
        "done", "touched base"),
)  # fmt: skip


class Reports(BaseModel):
    """A report of a contact just made ("刚给X打了电话 她说…", "just got off the phone with X,
    she wants …"): a note even without a trigger, when it opens with one of ``openers``, says
    what the client said or wants (one of ``said``), and asks nothing (no question mark, none
    of ``asks``)."""

    model_config = ConfigDict(frozen=True)

    openers: Words = Words()
    said: Words = Words()
    asks: Words = Words()
    # "王丽丽 已联系", "called ⟦CLIENT_1⟧": a contact reported as done, and nothing else said.
    done: Words = DONE_WORDS


# The words that edit a draft's deadline ("截止改成周五"), for a policy file that names none.
DUE_WORDS = Words(zh=("截止", "期限", "到期日"), en=("due", "deadline"))


class NotePolicy(BaseModel):
    model_config = ConfigDict(frozen=True, ignored_types=(cached_property,))

    version: str
    prefixes: Words = Words()
    triggers: Words
    reports: Reports = Reports()
    confirm: Words
    cancel: Words
    # Words that may stand beside a confirm or cancel word in a reply ("对 保存吧", "yes please").
    fillers: Words = Words()
    due_words: Words = DUE_WORDS
    channels: dict[str, Words]
    next_step_words: Words
    empty_words: Words
    min_content: MinContent = MinContent()

    def channel_word(self, channel: str | None, language: str) -> str | None:
        """A channel in the RM's words: the first this policy lists for it ("visit" -> 拜访)."""
        if channel is None:
            return None
        words = self.channels.get(channel)
        said = (words.zh if language == "zh" else words.en) if words else ()
        return said[0] if said else channel

    @cached_property
    def trigger_re(self) -> re.Pattern[str]:
        polite = self.prefixes.pattern()
        return re.compile(
            rf"^\s*(?:(?:{polite})\s*)?(?:{self.triggers.pattern()})\s*[:：,，]?\s*", re.I
        )

    @cached_property
    def report_re(self) -> re.Pattern[str]:
        polite = self.prefixes.pattern()
        return re.compile(
            rf"^\s*(?:(?:{polite})\s*)?(?:{self.reports.openers.pattern()})\s*[:：,，]?\s*", re.I
        )

    @cached_property
    def done_re(self) -> re.Pattern[str]:
        done = self.reports.done.pattern()
        who = r"(?:⟦CLIENT_\d+⟧|⟦PERSON_\d+⟧)"
        return re.compile(
            rf"^\s*(?:{who}\s*[:：,，]?\s*(?:{done})(?:\s*(?:them|him|her))?|(?:{done})\s*{who})\s*[。.!！]*\s*$",
            re.I,
        )

    def report_body(self, text: str) -> str | None:
        """What a report of a contact just made says, its opener taken off; None when the
        turn is no such report (a question about the client stays a question). A bare "⟦X⟧
        已联系" is a report that says nothing (kept whole, for the empty-note refusal)."""
        if self.done_re.match(text):
            return text.strip()
        m = self.report_re.match(text)
        if m is None or re.search(r"[?？]", text):
            return None
        rest = text[m.end() :].strip()
        if not _words_re(self.reports.said).search(rest) or _words_re(self.reports.asks).search(
            text
        ):
            return None
        return rest

    @cached_property
    def due_re(self) -> re.Pattern[str]:
        return _words_re(self.due_words)

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
        """True when the whole reply is made of ``words`` — one or more, with the policy's
        fillers beside them and punctuation aside ("对 保存吧", "ok save it", "没问题，存")."""
        said = re.sub(r"[\s。.!！,，~～、]+", " ", text).strip().lower()
        if said in {w.lower() for w in (*words.zh, *words.en)}:
            return True
        found = _words_re(words)
        if not found.search(said):
            return False
        rest = _words_re(self.fillers).sub(" ", found.sub(" ", said))
        return not rest.strip()


@lru_cache(maxsize=64)
def _words_re(words: Words) -> re.Pattern[str]:
    return re.compile(words.pattern(), re.I)


def load_note_policy(path: Path | str | None = None) -> NotePolicy:
    """Load and validate the note policy; ``ConfigError`` with one line on a bad file."""
    return _parse(NotePolicy, Path(path or DEFAULT_NOTE_POLICY_PATH))
