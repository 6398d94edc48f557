"""Finding the playbook passage behind a topic, through the bank's playbook map.

The map (``tools/policy/playbooks.yaml``) gives each topic a query in the playbook's own words
and, optionally, the playbook that should answer it. The query is always searched; the
configured playbook's passage is cited when the search finds it, else the best passage found —
so a library without the configured playbook, or without any mapping at all, still gets an
answer grounded in what retrieval returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tools.intelligence.policy import PlaybookMap, PlaybookTopic
from tools.toolbox import Toolbox

SEARCH_K = 6


@dataclass(frozen=True)
class Lookup:
    """One passage to find: the map's topic (if any), the playbook wanted (if known), and what
    to search for when the map has no query for it (a signal's title, the RM's question)."""

    topic: PlaybookTopic | None
    playbook: str | None = None
    fallback: str = ""

    @property
    def key(self) -> str:
        """What the answer's lines cite this passage by: the playbook id, else the query."""
        return self.playbook or self.fallback or (self.topic.query.zh if self.topic else "")

    def query(self, language: str, tier: str = "") -> str:
        if self.topic is not None:
            return self.topic.text(language, tier)
        return self.fallback or self.playbook or ""


def lookup(
    playbooks: PlaybookMap, *keys: str | None, playbook: str | None = None, fallback: str = ""
) -> Lookup:
    """The lookup for a topic named by ``keys`` (first listed wins) or by its playbook id."""
    topic = playbooks.topic_for(*keys, playbook=playbook)
    return Lookup(topic, playbook or (topic.playbook if topic else None), fallback)


def channel_lookup(playbooks: PlaybookMap, channel: str) -> Lookup:
    topic = playbooks.channels.get(channel)  # type: ignore[call-overload]
    return Lookup(topic, topic.playbook if topic else None, channel)


def same_playbook(doc_id: str, wanted: str) -> bool:
    """Either language edition of a playbook (``x`` and ``x-en``) counts as the playbook."""
    return doc_id.removesuffix("-en") == wanted.removesuffix("-en")


async def find(
    tb: Toolbox,
    item: Lookup,
    language: str,
    *,
    tier: str = "",
    extra: str = "",
    k: int = SEARCH_K,
    prefer: re.Pattern[str] | None = None,
) -> dict | None:
    """The wanted playbook's best passage for the lookup's query, else the best passage;
    ``prefer``: of the wanted playbook's passages, the best one whose text it finds first
    ("这几个要几天内联系": the step with the deadline, not the playbook's opening)."""
    query = " ".join(filter(None, (item.query(language, tier), extra)))
    if not query:
        return None
    found = (await tb.acall("search_playbooks", {"query": query, "k": k}))["passages"]
    wanted = item.playbook
    own = [p for p in found if wanted and same_playbook(p["doc_id"], wanted)]
    if prefer is not None:
        own = [p for p in own if prefer.search(p.get("text", ""))] + own
    return next(iter(own), found[0] if found else None)
