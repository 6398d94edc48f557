"""``meeting_prep``: "明天见华东精密" — the client's prep, its playbook passages cited."""

from __future__ import annotations

from assistant.core.types import StatusEvent
from assistant.engines.base import EngineResult
from assistant.engines.offline.clients import resolve_client
from assistant.engines.offline.phrases import t
from assistant.engines.offline.request import Request
from assistant.prep import compose

INTENT = "meeting_prep"


async def answer(req: Request) -> EngineResult:
    picked = await resolve_client(req)
    if picked is None:
        return EngineResult(t("which_client", req.lang), INTENT)
    if isinstance(picked, EngineResult):  # which one of several, or a refusal
        picked.intent = INTENT
        return picked
    await req.emit(StatusEvent(text=t("reading", req.lang)))
    args = {"client_id": picked}
    if req.slots.contact:  # "下周二去见黄总": the contact met, named at the top
        args["contact"] = req.slots.contact
    prep = await req.tb.acall("prepare_meeting", args)
    wanted = compose.refs(req.playbooks, prep)
    found = await compose.passages(req.tb, wanted, prep["tier_label"], req.lang)
    parts = compose.sections(prep, found, req.lang)
    text = compose.text(parts, "document" in prep, req.lang)
    return EngineResult(text, INTENT).with_state({"client_ids": [picked]})
