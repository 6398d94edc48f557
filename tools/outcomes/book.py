"""``list_book`` and outcomes: a row's signals the RM closed ("done") or put off ("not now")
are taken off the row before the book is filtered, so "who shows churn" no longer lists a
churn the RM has dealt with; each remaining signal carries its action key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from tools.intelligence.book import BookRow, SignalMark
from tools.intelligence.followup import FollowUpGap
from tools.outcomes.service import OutcomeService

Keyed = dict[str, list[tuple[str, SignalMark]]]  # client id -> (action key, signal) shown


def open_rows(
    svc: OutcomeService, rows: Sequence[BookRow], day: date
) -> tuple[list[BookRow], Keyed]:
    """The rows with closed signals removed, and every open signal's key by client. A row's
    urgency and top severity stay as computed: they rank, they are not shown."""
    book = svc.book([r.client_id for r in rows], day)
    out: list[BookRow] = []
    keyed: Keyed = {}
    for row in rows:
        marks = [(svc.ref(row.client_id, m.kind, m, day).key, m) for m in row.marks]
        open_marks = [(k, m) for k, m in marks if book.is_open(k)]
        keyed[row.client_id] = open_marks
        if len(open_marks) == len(marks):
            out.append(row)
            continue
        kept = tuple(m for _k, m in open_marks)
        out.append(
            replace(
                row,
                signals=tuple(dict.fromkeys(m.kind for m in kept)),
                gaps=tuple(
                    m.product_code for m in kept if m.kind == "product_gap" and m.product_code
                ),
                marks=kept,
            )
        )
    return out, keyed


def open_gaps(
    svc: OutcomeService, gaps: Sequence[FollowUpGap], day: date
) -> list[tuple[str, FollowUpGap]]:
    """Follow-up gaps no outcome closes or hides, each with its action key."""
    book = svc.book({g.client_id for g in gaps}, day)
    keyed = [(svc.ref(g.client_id, g.signal_kind, g, day).key, g) for g in gaps]
    return [(k, g) for k, g in keyed if book.is_open(k)]


def row_actions(keyed: Keyed, client_id: str) -> list[dict]:
    return [{"action_key": k, "kind": m.kind} for k, m in keyed.get(client_id, [])]
