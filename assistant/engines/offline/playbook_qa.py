"""``playbook_qa``: the bank's playbooks answer the question, cited."""

from __future__ import annotations

from assistant.core.types import StatusEvent
from assistant.engines.base import EngineResult
from assistant.engines.offline import compose as c
from assistant.engines.offline.direct import asks_yes_no, direct_lead
from assistant.engines.offline.phrases import t
from assistant.engines.offline.request import Request

PASSAGES = 3
YES_NO_PASSAGES = 6


async def answer(req: Request) -> EngineResult:
    await req.emit(StatusEvent(text=t("searching", req.lang)))
    # A yes/no question looks further for the rule that decides it; three passages are shown.
    k = YES_NO_PASSAGES if asks_yes_no(req.text) else PASSAGES
    found = (await req.tb.acall("search_playbooks", {"query": req.text, "k": k}))["passages"]
    if not found:
        return EngineResult(t("playbook_none", req.lang), "playbook_qa")
    lead = direct_lead(req.text, found)
    shown = found[:PASSAGES]
    if lead and all(p["n"] != lead.n for p in shown):
        shown = [*shown[: PASSAGES - 1], *(p for p in found if p["n"] == lead.n)]
    blocks = [[lead.render(req.lang)] if lead else []]
    blocks += [[c.heading(t("playbook_title", req.lang))]] + [
        c.passage_summary(p, req.lang, question=req.text) for p in shown
    ]
    return EngineResult(c.join(blocks), "playbook_qa")
