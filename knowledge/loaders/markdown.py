"""Markdown playbooks with YAML front matter (DESIGN §4.4)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from knowledge.loaders.base import (
    Document,
    DocumentError,
    DocumentMeta,
    SectionBuilder,
    drop_title,
    guess_language,
)

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST_FIELDS = ("tiers", "industries", "products", "audience")


class MarkdownLoader:
    suffixes = (".md", ".markdown")

    def load(self, path: Path, doc_id: str) -> Document:
        text = path.read_text(encoding="utf-8-sig")
        front, body = split_front_matter(text, path)
        builder = SectionBuilder()
        in_fence = False
        for line in body.splitlines():
            if _FENCE.match(line):
                in_fence = not in_fence  # '#' inside code blocks is not a heading
            match = None if in_fence else _HEADING.match(line)
            if match:
                builder.heading(len(match.group(1)), match.group(2))
            else:
                builder.line(line)
        sections = builder.finish()
        first_h1 = next((m.group(2).strip() for m in map(_HEADING.match, body.splitlines())
                         if m and len(m.group(1)) == 1), None)  # fmt: skip
        title = str(front.get("title") or first_h1 or path.stem)
        if first_h1:
            sections = drop_title(sections, first_h1)
        meta = build_meta(front, default_id=doc_id, title=title, sample=body)
        return Document(meta=meta, sections=sections, source=path)


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        front = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise DocumentError(
            f"{path}: invalid YAML front matter ({exc.__class__.__name__})"
        ) from exc
    if not isinstance(front, dict):
        raise DocumentError(f"{path}: front matter must be a mapping of fields")
    return front, text[match.end() :]


def build_meta(front: dict[str, Any], default_id: str, title: str, sample: str) -> DocumentMeta:
    """Front-matter dict -> DocumentMeta, tolerating scalars where lists are expected."""
    lists = {name: _as_list(front.get(name)) for name in _LIST_FIELDS}
    return DocumentMeta(
        id=str(front.get("id") or default_id),
        title=title,
        language=str(front.get("language") or guess_language(sample)),
        effective_date=_as_date(front.get("effective_date")),
        review_date=_as_date(front.get("review_date")),
        owner=str(front["owner"]) if front.get("owner") else None,
        **lists,
    )


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def _as_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{value!r} is not a YYYY-MM-DD date") from None
