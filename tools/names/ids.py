"""Client and RM identifiers as the bank writes them, recognised in questions.

Nothing here knows a bank's scheme. The index learns it from the loaded extract: every id it
holds (``KH-0042``, ``0012345678``, ``KH2019000123`` ...) is known exactly, written with or
without separators and in any case (``kh0042``, ``KH 0042``), and every distinct *shape* of id
— its runs of letters and digits, the letters a run takes when it is a fixed prefix, where the
bank puts separators — is learned too. So an id that fits the bank's shape but names no client
is still recognised as an id: it gets the same answer as a client of another book, and nothing
tells the two apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from assistant.privacy.tokens import TOKEN_RE

Kind = Literal["client", "rm"]
KINDS: tuple[Kind, ...] = ("client", "rm")  # a shape both kinds share reads as a client's
SEPARATORS = "-_ ./"
_SEPARATOR = re.compile(r"[-_ ./]")
_PIECE = re.compile(r"[A-Za-z0-9]+")
_RUN = re.compile(r"[0-9]+|[A-Z]+")
MAX_PIECES = 4
# A run of letters with more distinct values than this is not a prefix but part of the number.
MAX_PREFIXES = 12


@dataclass(frozen=True, slots=True)
class IdMention:
    start: int
    end: int
    kind: Kind
    id: str  # the bank's id when known, else the mention written in the bank's style
    known: bool


@dataclass
class _Shape:
    letters: list[Counter[str]]  # per letter run: the values seen
    separators: Counter[tuple[int, str]] = field(default_factory=Counter)  # (offset, char)
    upper: bool = True

    def admits(self, letter_runs: list[str]) -> bool:
        return all(
            len(seen) > MAX_PREFIXES or run in seen
            for seen, run in zip(self.letters, letter_runs, strict=True)
        )

    def separator_at(self, offset: int) -> str | None:
        found = [(n, ch) for (o, ch), n in self.separators.items() if o == offset]
        return max(found)[1] if found else None


def compact(text: str) -> str:
    return _SEPARATOR.sub("", text).upper()


def _signature(key: str) -> tuple[tuple[tuple[str, int], ...], list[str]]:
    runs = [(m.group(0), "9" if m.group(0)[0].isdigit() else "A") for m in _RUN.finditer(key)]
    return tuple((cls, len(text)) for text, cls in runs), [t for t, c in runs if c == "A"]


class IdIndex:
    """The bank's client and RM ids, and the shapes they come in."""

    def __init__(self, client_ids: Iterable[str] = (), rm_ids: Iterable[str] = ()) -> None:
        self._known: dict[str, tuple[Kind, str]] = {}
        self._shapes: dict[Kind, dict[tuple, _Shape]] = {"client": {}, "rm": {}}
        learned: tuple[tuple[Kind, Iterable[str]], ...] = (("rm", rm_ids), ("client", client_ids))
        for kind, ids in learned:
            for raw in ids:
                if raw and raw.strip():
                    self._learn(kind, raw.strip())

    def _learn(self, kind: Kind, raw: str) -> None:
        key = compact(raw)
        if not key.isalnum() or not key.isascii():
            return
        self._known[key] = (kind, raw)
        signature, letters = _signature(key)
        shape = self._shapes[kind].get(signature)
        if shape is None:
            shape = self._shapes[kind][signature] = _Shape([Counter() for _ in letters])
        for seen, run in zip(shape.letters, letters, strict=True):
            seen[run] += 1
        offset = 0
        for ch in raw:
            if ch in SEPARATORS:
                shape.separators[(offset, ch)] += 1
            else:
                offset += 1
        shape.upper = shape.upper and not any(ch.islower() for ch in raw)

    def __len__(self) -> int:
        return len(self._known)

    def known(self, written: str) -> tuple[Kind, str] | None:
        """``(kind, the bank's id)`` for an id written any way the bank's would be."""
        return self._known.get(compact(written))

    def find(self, text: str, kind: Kind | None = None) -> list[IdMention]:
        """Ids in ``text``: known ones and unknown ones of the bank's shape, left to right."""
        blocked = [m.span() for m in TOKEN_RE.finditer(text)]
        pieces = [
            p for p in _PIECE.finditer(text) if not any(s <= p.start() < e for s, e in blocked)
        ]
        out: list[IdMention] = []
        i = 0
        while i < len(pieces):
            mention = self._longest_at(text, pieces, i)
            if mention is None:
                i += 1
                continue
            found, i = mention
            if kind is None or found.kind == kind:
                out.append(found)
        return out

    def _longest_at(
        self, text: str, pieces: list[re.Match[str]], i: int
    ) -> tuple[IdMention, int] | None:
        for j in range(min(len(pieces), i + MAX_PIECES), i, -1):
            span = pieces[i:j]
            gaps = [text[a.end() : b.start()] for a, b in zip(span, span[1:], strict=False)]
            if any(len(g) != 1 or g not in SEPARATORS for g in gaps):
                continue
            mention = self._identify(span)
            if mention is not None:
                return mention, j
        return None

    def _identify(self, span: list[re.Match[str]]) -> IdMention | None:
        key = "".join(p.group(0) for p in span).upper()
        start, end = span[0].start(), span[-1].end()
        hit = self._known.get(key)
        lettered = any(ch.isalpha() for ch in key)
        for kind in KINDS:
            shape = self._shape_of(kind, key)
            # RMs group a lettered id however they like ("KH-2015-000101", "kh 2015 000101");
            # an all-digit id is told from an amount only by the bank's own separators.
            if shape is None or not (lettered or self._gaps_fit(span, shape)):
                continue
            if hit is not None and hit[0] == kind:
                return IdMention(start, end, kind, hit[1], True)
            if hit is None:
                return IdMention(start, end, kind, self._written(key, shape), False)
        return None

    def _shape_of(self, kind: Kind, key: str) -> _Shape | None:
        signature, letters = _signature(key)
        shape = self._shapes[kind].get(signature)
        if shape is None or not shape.admits(letters):
            return None
        # Too weak to tell an id from a number in a sentence: only the exact ids count.
        if len(key) < 4 or (not letters and len(key) < 6):
            return shape if key in self._known else None
        return shape

    @staticmethod
    def _gaps_fit(span: list[re.Match[str]], shape: _Shape) -> bool:
        """A separator splits letters from digits, or sits where the bank puts one."""
        offset = 0
        for piece, after in zip(span, span[1:], strict=False):
            offset += len(piece.group(0))
            if piece.group(0)[-1].isdigit() != after.group(0)[0].isdigit():
                continue
            if shape.separator_at(offset) is None:
                return False
        return True

    @staticmethod
    def _written(key: str, shape: _Shape) -> str:
        out = []
        for offset, ch in enumerate(key):
            sep = shape.separator_at(offset)
            if sep and offset:
                out.append(sep)
            out.append(ch if shape.upper else ch.lower())
        return "".join(out)
