"""``playbook_qa``: the bank's playbooks answer the question, cited."""

from __future__ import annotations

from assistant.core.types import StatusEvent
from assistant.engines.base import EngineResult
from assistant.engines.offline import compose as c
from assistant.engines.offline.direct import direct_lead
from assistant.engines.offline.phrases import t
from assistant.engines.offline.request import Request

PASSAGES = 3


async def answer(req: Request) -> EngineResult:
    await req.emit(StatusEvent(text=t("searching", req.lang)))
    found = (await req.tb.acall("search_playbooks", {"query": req.text, "k": PASSAGES}))["passages"]
    if not found:
        return EngineResult(t("playbook_none", req.lang), "playbook_qa")
    lead = direct_lead(req.text, found[:PASSAGES])
    blocks = [[lead.render(req.lang)] if lead else []]
    blocks += [[c.heading(t("playbook_title", req.lang))]] + [
        c.passage_summary(p, req.lang) for p in found[:PASSAGES]
    ]
    return EngineResult(c.join(blocks), "playbook_qa")
