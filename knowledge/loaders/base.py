"""What every loader produces: a document made of sections, each with its heading path.

Loaders know file formats; they do not chunk. A section is the text under one heading, with
the path of headings above it (the document title excluded), so a citation can say
"战略客户 > 服务频次" whatever the source format was.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from assistant.errors import UserError

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


class DocumentError(UserError):
    """A playbook file could not be read; the message names the file."""


@dataclass
class Section:
    path: tuple[str, ...]
    text: str


@dataclass
class DocumentMeta:
    """Front-matter fields (DESIGN §4.4). List fields are lower-case ids from the playbooks."""

    id: str
    title: str
    language: str = "zh"
    tiers: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    effective_date: dt.date | None = None
    review_date: dt.date | None = None
    owner: str | None = None


@dataclass
class Document:
    meta: DocumentMeta
    sections: list[Section]
    source: Path


class Loader(Protocol):
    """One per file format. ``doc_id`` is the default id (path under the source folder)."""

    @property
    def suffixes(self) -> tuple[str, ...]: ...

    def load(self, path: Path, doc_id: str) -> Document: ...


def guess_language(text: str) -> str:
    """'zh' when Chinese characters are a fair share of the letters, else 'en'."""
    cjk, latin = len(_CJK.findall(text)), len(_LATIN.findall(text))
    # One Chinese character carries about as much as a 4-letter English word.
    return "zh" if cjk * 4 >= latin and cjk > 0 else "en"


class SectionBuilder:
    """Collects (level, heading) events and body lines into sections with heading paths."""

    def __init__(self) -> None:
        self._stack: list[tuple[int, str]] = []
        self._lines: list[str] = []
        self.sections: list[Section] = []

    def heading(self, level: int, text: str) -> None:
        self._flush()
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, " ".join(text.split())))  # one line, single spaces

    def line(self, text: str) -> None:
        self._lines.append(text)

    def finish(self) -> list[Section]:
        self._flush()
        return self.sections

    def _flush(self) -> None:
        body = "\n".join(self._lines).strip()
        self._lines = []
        if body:
            self.sections.append(Section(tuple(h for _, h in self._stack), body))


def drop_title(sections: list[Section], title: str) -> list[Section]:
    """Remove the document title from heading paths (it is cited separately)."""
    if not any(s.path and s.path[0] == title for s in sections):
        return sections
    return [
        Section(s.path[1:] if s.path and s.path[0] == title else s.path, s.text) for s in sections
    ]
