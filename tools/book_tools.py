"""``list_book``: questions over the caller's own book (a team lead: the team's books)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from tools.toolbox import Toolbox

SignalKind = Literal[
    "deposit_churn", "maturity", "product_gap", "dormancy", "growth", "suitability"
]


class ListBookArgs(BaseModel):
    tier: str | None = Field(
        default=None,
        description="Tier key: strategic, core, key, basic, private, wealth, affluent, mass",
    )
    signal: SignalKind | None = Field(default=None, description="Only clients showing this signal")
    product_gap: str | None = Field(
        default=None,
        description="Only clients lacking this product code (find_products gives the code)",
    )
    maturity_within_days: int | None = Field(
        default=None, ge=1, le=366, description="Holdings maturing within N days"
    )
    client_type: Literal["corporate", "retail"] | None = None
    industry: str | None = None
    sort_by: Literal["value", "trend", "maturity", "urgency"] = "urgency"
    follow_up_gaps: bool = Field(
        default=False, description="Team leads: clients whose required follow-up is overdue"
    )
    limit: int = Field(default=10, ge=1, le=50)


def list_book(tb: Toolbox, args: ListBookArgs) -> dict:
    tb.caller.require_client_access()
    intel = tb.services.intelligence
    book = tb.caller.client_ids
    names = {c.client_id: c.name for c in intel.directory if c.client_id in book}
    if args.follow_up_gaps:
        gaps = intel.follow_up_gaps(book)[: args.limit]
        for g in gaps:
            tb.touch(g.client_id)
        return {
            "book_size": len(book),
            "follow_up_gaps": [
                {
                    "client_id": g.client_id,
                    "name": tb.token(names[g.client_id], "CLIENT", g.client_id),
                    "rm_id": g.rm_id,
                    "signal": g.signal_kind,
                    "detected_on": str(g.detected_on),
                    "due_date": str(g.due_date),
                    "days_overdue": g.days_overdue,
                    "playbook": g.playbook,
                }
                for g in gaps
            ],
        }
    filters = args.model_dump(exclude={"follow_up_gaps"})
    rows, total = intel.query_book(book, tb.language, **filters)
    for r in rows:
        tb.touch(r["client_id"])
    return {
        "book_size": len(book),
        "matched": total,
        "clients": [
            r | {"name": tb.token(names[r["client_id"]], "CLIENT", r["client_id"])} for r in rows
        ],
    }
