"""``book_query``: questions over the caller's own book (a team lead: the team's)."""

from __future__ import annotations

from assistant.core.types import StatusEvent
from assistant.engines.base import EngineResult
from assistant.engines.offline import compose as c
from assistant.engines.offline.phrases import t
from assistant.engines.offline.playbooks import find, lookup
from assistant.engines.offline.products import (
    first_code,
    lacks_product,
    named_products,
    not_in_catalogue,
)
from assistant.engines.offline.request import Request


async def answer(req: Request) -> EngineResult:
    await req.emit(StatusEvent(text=t("book_status", req.lang)))
    filters = dict(req.slots.book_filters)
    if filters.get("signal") == "product_gap":
        # "which clients lack payroll": the gap is the bank's own payroll product.
        found = await named_products(req.tb, req.text, segment=filters.get("client_type"))
        if lacks_product(found):
            return EngineResult(not_in_catalogue(found, req.lang), "book_query")
        if code := first_code(found):
            filters["product_gap"] = code
            filters.pop("signal")
    result = await req.tb.acall("list_book", filters)
    if filters.get("follow_up_gaps"):
        body = [c.heading(t("gaps_title", req.lang))] + c.gap_lines(result, req.lang)
        topics = ["team_follow_up", "deposit_churn"]
    else:
        body = [c.heading(t("book_title", req.lang))] + c.book_lines(result, req.lang)
        topics = book_signals(filters) or ["service_standards"]
    refs = await _references(req, topics)
    ids = [r["client_id"] for r in result.get("clients", result.get("follow_up_gaps", []))]
    return EngineResult(
        c.join([body, refs]),
        "book_query",
        state={"client_ids": ids[:1] if len(ids) == 1 else [], "last_list": ids},
    )


async def _references(req: Request, topics: list[str]) -> list[str]:
    """The playbook behind each topic; a topic the map does not list is searched with the
    RM's own question."""
    refs = []
    for topic in topics:
        p = await find(req.tb, lookup(req.playbooks, topic, fallback=req.text), req.lang)
        if p:
            refs.append(c.passage_ref(p))
    return refs


def book_signals(filters: dict) -> list[str]:
    """The signal kinds a book filter is about (each cites its playbook)."""
    kinds = [filters["signal"]] if filters.get("signal") else []
    if filters.get("maturity_within_days"):
        kinds.append("maturity")
    if filters.get("product_gap"):
        kinds.append("product_gap")
    return kinds
