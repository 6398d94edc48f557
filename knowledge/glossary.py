"""Query expansion from the bank's search glossary (``knowledge/glossary.yaml``).

A glossary group lists phrases that mean the same thing for search: the playbooks' own terms
in Chinese and English and the colloquial ways people say them. A query that contains a phrase
of a group gains the group's other phrases. That gives BM25 — which only matches words — a way
across languages (大额存单 reaches an English playbook's "large-denomination CD") and from an
RM's wording to the playbook's (钱都转走了 → 资金流出). Dictionary-based expansion is the
classic cross-language retrieval technique; here it rides on a list the bank can edit, not on
a translation model (none runs offline here).

Chinese phrases match as substrings (Chinese has no spaces); other phrases match whole words,
case-insensitively, their last word in either number ("holiday" finds the group that lists
"holidays", "complaint handling" the one that lists it singular): an RM types whichever comes
to mind, and a bank editing the glossary should not have to list both. Matching is one compiled
regular expression: well under a millisecond.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from assistant.errors import ConfigError

EXPANSION_CACHE_SIZE = 1024
DEFAULT_GLOSSARY = Path(__file__).with_name("glossary.yaml")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Expansion:
    phrases: tuple[str, ...]  # added to the query, in glossary order
    matched: tuple[str, ...]  # what the query contained

    def apply(self, query: str) -> str:
        return f"{query} {' '.join(self.phrases)}" if self.phrases else query


class Glossary:
    def __init__(self, groups: list[list[str]]) -> None:
        self.groups = [tuple(dict.fromkeys(p.strip() for p in g if p.strip())) for g in groups]
        self._group_of: dict[str, int] = {}
        for index, group in enumerate(self.groups):
            for phrase in group:
                self._group_of.setdefault(phrase.lower(), index)
        # The other number of each English phrase, where no group lists it as written.
        for index, group in enumerate(self.groups):
            for phrase in group:
                for form in other_numbers(phrase.lower()):
                    self._group_of.setdefault(form, index)
        phrases = sorted(self._group_of, key=len, reverse=True)  # longest match wins
        self._pattern = re.compile("|".join(_pattern(p) for p in phrases)) if phrases else None
        self._expand = lru_cache(maxsize=EXPANSION_CACHE_SIZE)(self._expand_uncached)

    @classmethod
    def load(cls, path: Path = DEFAULT_GLOSSARY) -> Glossary:
        """Read and validate a glossary file; a broken one is a configuration error."""
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot read the search glossary {path}: {exc}") from exc
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: not valid YAML ({exc})") from exc
        groups = data.get("groups") if isinstance(data, dict) else None
        if not isinstance(groups, list):
            raise ConfigError(f"{path}: expected a top-level 'groups:' list")
        seen: dict[str, int] = {}
        for n, group in enumerate(groups, start=1):
            if not (isinstance(group, list) and len(group) >= 2):
                raise ConfigError(f"{path}: group {n} must list at least two phrases")
            for phrase in group:
                if not isinstance(phrase, str) or not phrase.strip():
                    raise ConfigError(f"{path}: group {n} has an empty or non-text phrase")
                key = phrase.strip().lower()
                if key in seen and seen[key] != n:
                    raise ConfigError(
                        f"{path}: phrase {phrase!r} is in group {seen[key]} and group {n}"
                    )
                seen[key] = n
        return cls(groups)

    def expand(self, query: str) -> Expansion:
        """The phrases to add to ``query``: every other phrase of each group it mentions.
        Remembered per query: the glossary never changes, and the one large alternation is
        most of a fixed playbook query's lexical cost."""
        return self._expand(query)

    def _expand_uncached(self, query: str) -> Expansion:
        if self._pattern is None:
            return Expansion((), ())
        lowered = query.lower()
        matched = list(dict.fromkeys(m.group() for m in self._pattern.finditer(lowered)))
        added: list[str] = []
        for index in dict.fromkeys(self._group_of[m] for m in matched):
            added += [p for p in self.groups[index] if p.lower() not in lowered]
        return Expansion(tuple(dict.fromkeys(added)), tuple(matched))


def other_numbers(phrase: str) -> tuple[str, ...]:
    """``phrase`` with its last word in the other grammatical number (English only; a plain
    suffix rule, no dictionary: "holiday" ⇄ "holidays", "policy" ⇄ "policies", "branch" ⇄
    "branches"). Short words, Chinese and words that end in "ss" or "us" are left alone."""
    if _CJK.search(phrase):
        return ()
    head, _, last = phrase.rpartition(" ")
    if len(last) < 4 or not last.isalpha() or last.endswith(("ss", "us", "is")):
        return ()
    if last.endswith("ies"):
        forms = (last[:-3] + "y",)
    elif last.endswith(("ches", "shes", "xes", "sses")):
        forms = (last[:-2],)
    elif last.endswith("s"):
        forms = (last[:-1],)
    elif last.endswith("y") and last[-2] not in "aeiou":
        forms = (last[:-1] + "ies",)
    elif last.endswith(("ch", "sh", "x")):
        forms = (last + "es",)
    else:
        forms = (last + "s",)
    return tuple(f"{head} {f}" if head else f for f in forms)


def _pattern(phrase: str) -> str:
    escaped = re.escape(phrase)
    if _CJK.search(phrase):
        return escaped
    return rf"(?<![a-z0-9]){escaped}(?![a-z0-9])"


@cache
def default_glossary() -> Glossary:
    return Glossary.load(DEFAULT_GLOSSARY)
