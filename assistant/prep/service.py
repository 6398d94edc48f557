"""``PrepDocuments``: the .docx behind a prep download id, rebuilt for the RM who asks.

The document is rebuilt from the bank's data when it is downloaded, never stored: the id says
which client and language, the entitlement is checked again (a client moved to another book
since is refused), the lines are restored for this RM exactly as an answer is (names of their
own clients, partial forms, the final PII scan) and the audit trail keeps the masked text.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant.core.citations import prune
from assistant.core.types import Citation
from assistant.errors import EntitlementError
from assistant.prep import compose
from assistant.prep.docx import render
from assistant.prep.links import PrepLinks, PrepRef
from tools.entitlement import resolve_caller
from tools.intelligence.policy import PlaybookMap
from tools.toolbox import Refusal, Toolbox, ToolServices

if TYPE_CHECKING:
    from assistant.core.pipeline import Audit


class PrepDocuments:
    def __init__(
        self,
        services: Callable[[], ToolServices],
        playbooks: PlaybookMap,
        privacy: Any,  # the PrivacyLayer: ``restore`` with the final scan
        links: PrepLinks,
        audit: Audit | None = None,
    ) -> None:
        self._services = services
        self._playbooks = playbooks
        self._privacy = privacy
        self._links = links
        self._audit = audit

    async def docx(self, rm_id: str, doc_id: str, channel: str) -> tuple[str, bytes] | None:
        """(file name, bytes) of the prep ``doc_id`` opens to for ``rm_id``; None when the id
        is not this RM's, has expired, or names a client no longer in their book."""
        ref = self._links.open(rm_id, doc_id)
        if ref is None:
            return None
        try:
            return await self.build(ref, channel)
        except (Refusal, EntitlementError):
            return None

    async def build(self, ref: PrepRef, channel: str) -> tuple[str, bytes]:
        caller = resolve_caller(self._services().bank, ref.rm_id)
        scope = f"prep:{ref.rm_id}:{ref.client_id}"
        # No link inside the document: it is the download.
        services = replace(self._services(), prep_links=None)
        tb = Toolbox(services, caller, scope, ref.language)
        prep = await tb.acall("prepare_meeting", {"client_id": ref.client_id})
        wanted = compose.refs(self._playbooks, prep)
        found = await compose.passages(tb, wanted, prep["tier_label"], ref.language)
        # Numbered as the chat answer is: the passages the lines cite, in order, from [1].
        parts, sources = _pruned(compose.sections(prep, found, ref.language), tb.citations)
        shown = await asyncio.to_thread(self._restore, parts, caller, scope)
        data = await asyncio.to_thread(render, shown, sources, ref.language)
        self._record(ref, channel, parts, tb)
        return f"meeting-prep-{ref.client_id}-{prep['as_of']}.docx", data

    def _restore(
        self, parts: list[compose.Section], caller: Any, scope: str
    ) -> list[compose.Section]:
        """Every line restored in one pass, as an answer's text is; the structure is kept."""
        flat = _flat(parts)
        restored = self._privacy.restore(
            "\n".join(flat),
            rm_id=caller.rm_id,
            conversation_id=scope,
            entitled_client_ids=caller.client_ids,
        ).text.split("\n")
        if len(restored) != len(flat):
            raise RuntimeError("restored prep lost its line structure")
        return _split(restored, parts)

    def _record(
        self, ref: PrepRef, channel: str, parts: list[compose.Section], tb: Toolbox
    ) -> None:
        if self._audit is None:
            return
        self._audit.append(
            kind="prep_document",
            channel=channel,
            rm_id=ref.rm_id,
            payload={
                "client_ids": [ref.client_id],
                "text": compose.text(parts, False, ref.language),  # masked: tokens only
                "doc_ids": [c.doc_id for c in tb.citations],
            },
        )


def _split(flat: list[str], parts: list[compose.Section]) -> list[compose.Section]:
    """``flat`` (each section's heading and lines, in order) back into sections."""
    out, at = [], 0
    for s in parts:
        size = 1 + len(s.lines)
        out.append(compose.Section(flat[at], flat[at + 1 : at + size]))
        at += size
    return out


def _flat(parts: list[compose.Section]) -> list[str]:
    return [line for s in parts for line in (s.heading, *s.lines)]


def _pruned(
    parts: list[compose.Section], citations: list[Citation]
) -> tuple[list[compose.Section], list[Citation]]:
    text, kept, _flags = prune("\n".join(_flat(parts)), citations)
    return _split(text.split("\n"), parts), kept
