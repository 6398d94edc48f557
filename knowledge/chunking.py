"""Structure-aware chunking: one chunk per section, long sections split, tiny ones merged.

Every chunk keeps its heading path so retrieval can cite "战略客户 > 服务频次" and so the
embedded text carries the context a short section lacks ("2 小时内响应。" alone matches
nothing). Lengths are in characters: ~500 Chinese characters is ~350 e5 tokens and ~500
English characters ~110, both inside the model's 512-token window.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from knowledge.loaders import Document, Section

SECTION_SEPARATOR = " > "
# Split after Chinese/Latin sentence ends, after a clause end, or at line breaks.
_SENTENCE_END = re.compile(r"(?<=[。！？；!?])|(?<=[.;:])(?=\s)|\n+")
_CJK_CHAR = re.compile(r"[\u3000-\u9fff\uf900-\uffef]")


@dataclass(frozen=True)
class Chunk:
    id: str
    doc_id: str
    section: tuple[str, ...]
    ordinal: int
    text: str
    embed_text: str
    content_hash: str

    @property
    def section_label(self) -> str:
        return SECTION_SEPARATOR.join(self.section)


def chunk_id(doc_id: str, section: tuple[str, ...], ordinal: int) -> str:
    """Stable across runs: the same section part of the same playbook keeps its id."""
    key = "\x1f".join([doc_id, *section, str(ordinal)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def embed_text(title: str, section: tuple[str, ...], body: str) -> str:
    """What is embedded and BM25-indexed: title and heading path, then the body."""
    heading = SECTION_SEPARATOR.join((title, *section))
    return f"{heading}\n{body}"


class Chunker:
    def __init__(self, target_chars: int = 500, overlap_chars: int = 80, min_chars: int = 40):
        if not 0 <= overlap_chars < target_chars // 2:
            raise ValueError("overlap must be below half the target chunk size")
        self.target = target_chars
        self.overlap = overlap_chars
        self.min_chars = min_chars

    def chunk(self, doc: Document) -> list[Chunk]:
        chunks = []
        for section in self.merge_tiny(doc.sections):
            for ordinal, body in enumerate(self.split(section.text)):
                text = embed_text(doc.meta.title, section.path, body)
                chunks.append(Chunk(
                    id=chunk_id(doc.meta.id, section.path, ordinal),
                    doc_id=doc.meta.id, section=section.path, ordinal=ordinal, text=body,
                    embed_text=text,
                    content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                ))  # fmt: skip
        return chunks

    def merge_tiny(self, sections: list[Section]) -> list[Section]:
        """Merge runs of tiny sibling sections into one chunk under their parent heading.

        A one-line section ("2 小时内响应。") is a poor retrieval unit; its siblings under the
        same parent together make a useful one, cited by the parent's path.
        """
        out: list[Section] = []
        run: list[Section] = []
        for section in [*sections, None]:
            if section is not None and self._joins(run, section):
                run.append(section)
                continue
            out.extend(self._close(run))
            run = [section] if section is not None and self._is_tiny(section) else []
            if section is not None and not run:
                out.append(section)
        return out

    def _is_tiny(self, section: Section) -> bool:
        return len(section.text) < self.min_chars and len(section.path) > 0

    def _joins(self, run: list[Section], section: Section) -> bool:
        if not run or not self._is_tiny(section):
            return False
        same_parent = section.path[:-1] == run[0].path[:-1]
        size = sum(len(s.text) + len(s.path[-1]) + 2 for s in run) + len(section.text)
        return same_parent and size <= self.target

    @staticmethod
    def _close(run: list[Section]) -> list[Section]:
        if len(run) <= 1:
            return run
        body = "\n".join(f"{s.path[-1]}\n{s.text}" for s in run)
        return [Section(run[0].path[:-1], body)]

    def split(self, text: str) -> list[str]:
        """Split a long body on sentence ends into ~target-sized parts with ~overlap carried."""
        text = text.strip()
        if len(text) <= self.target:
            return [text] if text else []
        parts: list[str] = []
        current, fresh = "", False  # fresh: holds more than the overlap carried over
        for sentence in self._sentences(text):
            if fresh and len(current) + len(sentence) > self.target:
                parts.append(current.strip())
                current = self._tail(current)
            current, fresh = current + sentence, True
        if fresh and current.strip():
            parts.append(current.strip())
        return parts

    def _sentences(self, text: str) -> list[str]:
        pieces: list[str] = []
        for match in _pieces(text):
            pieces.extend(self._hard_split(match))
        return pieces

    def _hard_split(self, sentence: str) -> list[str]:
        """A sentence longer than the target is cut at a space (Latin) or anywhere (CJK)."""
        out = []
        limit = self.target - self.overlap
        while len(sentence) > limit:
            cut = limit
            if not _CJK_CHAR.search(sentence[limit - 20 : limit]):
                space = sentence.rfind(" ", limit // 2, limit)
                cut = space + 1 if space > 0 else limit
            out.append(sentence[:cut])
            sentence = sentence[cut:]
        return [*out, sentence] if sentence else out

    def _tail(self, chunk: str) -> str:
        """The last ~overlap characters, starting at a word or sentence boundary."""
        tail = chunk[-self.overlap :]
        if _CJK_CHAR.search(tail[:1]) or not tail:
            return tail
        space = tail.find(" ")
        return tail[space + 1 :] if 0 <= space < len(tail) // 2 else tail


def _pieces(text: str) -> list[str]:
    """Sentences with their terminators and line breaks kept, so joining restores the text."""
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end > start:
            pieces.append(text[start:end])
            start = end
    if start < len(text):
        pieces.append(text[start:])
    return [p for p in pieces if p]
