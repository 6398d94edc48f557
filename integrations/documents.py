"""The documents an answer offers (a meeting prep .docx) as the chat channels deliver them:
each channel reads the prep ids off ``Answer.documents`` and asks the core's prep service for
the file, built for the RM the channel user maps to."""

from __future__ import annotations

from typing import Protocol

from assistant.core.types import Answer

PREFIX, SUFFIX = "/v1/prep/", ".docx"


class PrepSource(Protocol):
    async def docx(self, rm_id: str, doc_id: str, channel: str) -> tuple[str, bytes] | None: ...


def prep_ids(answer: Answer) -> list[str]:
    """The meeting-prep document ids an answer offers (its ``documents``' API paths)."""
    return [
        d.url.removeprefix(PREFIX).removesuffix(SUFFIX)
        for d in answer.documents
        if d.url.startswith(PREFIX) and d.url.endswith(SUFFIX)
    ]
