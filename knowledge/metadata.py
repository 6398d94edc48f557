"""Chunk metadata as stored in Chroma, and search filters over it.

Chroma metadata values are scalars, so each list field (tiers, products ...) is stored twice:
comma-joined for display, and as one boolean key per value (``tier:strategic``) for an exact
``where`` filter that works on any Chroma version. The same filter is also evaluated in
Python, for the BM25 side of hybrid search.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from assistant.errors import UserError
from knowledge.chunking import Chunk
from knowledge.loaders import DocumentMeta

# filter name -> (metadata list field, boolean key prefix)
LIST_FILTERS = {
    "tier": ("tiers", "tier:"),
    "product": ("products", "product:"),
    "industry": ("industries", "industry:"),
    "audience": ("audience", "audience:"),
}
_ALIASES = {"tiers": "tier", "products": "product", "industries": "industry", "lang": "language"}
TEST_AUDIENCE = "test"


def chunk_metadata(meta: DocumentMeta, chunk: Chunk) -> dict[str, Any]:
    data: dict[str, Any] = {
        "doc_id": meta.id,
        "title": meta.title,
        "section": chunk.section_label,
        "ordinal": chunk.ordinal,
        "language": meta.language,
        "effective_date": _iso(meta.effective_date),
        "review_date": _iso(meta.review_date),
        "owner": meta.owner or "",
        "is_test": TEST_AUDIENCE in {a.lower() for a in meta.audience},
        "content_hash": chunk.content_hash,
    }
    for field, prefix in LIST_FILTERS.values():
        values = getattr(meta, field)
        data[field] = ",".join(values)
        data.update({f"{prefix}{_key(v)}": True for v in values})
    data["meta_hash"] = _meta_hash(data)
    return data


def _meta_hash(data: dict[str, Any]) -> str:
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _key(value: str) -> str:
    return value.strip().lower()


@dataclass(frozen=True)
class SearchFilter:
    """Normalised filters: each field maps to the accepted values (any of them matches)."""

    language: tuple[str, ...] = ()
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()
    include_test: bool = False

    @classmethod
    def parse(cls, filters: dict[str, Any] | None, include_test: bool = False) -> SearchFilter:
        language: tuple[str, ...] = ()
        lists = []
        for raw_name, raw_value in (filters or {}).items():
            name = _ALIASES.get(raw_name, raw_name)
            values = _values(raw_value)
            if not values:
                continue
            if name == "language":
                language = values
            elif name in LIST_FILTERS:
                lists.append((name, values))
            else:
                known = ", ".join(["language", *LIST_FILTERS])
                raise UserError(f"unknown playbook filter {raw_name!r} (known: {known})")
        return cls(language=language, lists=tuple(sorted(lists)), include_test=include_test)

    def to_where(self) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = []
        if not self.include_test:
            clauses.append({"is_test": False})
        if self.language:
            clauses.append({"language": {"$in": list(self.language)}})
        for name, values in self.lists:
            prefix = LIST_FILTERS[name][1]
            options = [{f"{prefix}{v}": True} for v in values]
            clauses.append(options[0] if len(options) == 1 else {"$or": options})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def matches(self, metadata: dict[str, Any]) -> bool:
        if not self.include_test and metadata.get("is_test"):
            return False
        if self.language and metadata.get("language") not in self.language:
            return False
        for name, values in self.lists:
            prefix = LIST_FILTERS[name][1]
            if not any(metadata.get(f"{prefix}{v}") for v in values):
                return False
        return True


def _values(raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else list(raw)
    return tuple(sorted({_key(str(v)) for v in items if str(v).strip()}))
