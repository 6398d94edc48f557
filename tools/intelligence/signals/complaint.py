"""Open complaint (服务体验): a complaint in the extract (complaints.csv) not yet closed is a
signal until it is, due on its own due date — and past it, late. Marketing to the client pauses
meanwhile (the contact policy); the action is to resolve it, never to sell."""

from __future__ import annotations

from tools.intelligence.signals.base import Signal, SignalContext


class ComplaintRule:
    kind = "complaint"

    def detect(self, ctx: SignalContext) -> list[Signal]:
        policy = ctx.policy.signals.complaint
        if policy is None:
            return []
        out = []
        for c in ctx.data.complaints:
            if not policy.is_open(c.status) or c.date > ctx.as_of:
                continue
            late = c.due_date < ctx.as_of
            out.append(
                Signal(
                    kind=self.kind,
                    severity="high" if late else "medium",
                    title_zh="未结投诉" + ("（已逾期）" if late else ""),
                    title_en="Open complaint" + (" (overdue)" if late else ""),
                    detail_zh=f"{c.category}投诉，{c.date.isoformat()} 受理，状态：{c.status}，"
                    f"{c.due_date.isoformat()} 前办结"
                    + ("，已逾期" if late else "")
                    + "；处理期间暂停营销",
                    detail_en=f"{c.category} complaint received {c.date.isoformat()}, status "
                    f"{c.status}, due {c.due_date.isoformat()}"
                    + (", overdue" if late else "")
                    + "; marketing pauses until it is resolved",
                    facts={
                        "complaint_id": c.complaint_id,
                        "category": c.category,
                        "status": c.status,
                        "received": c.date.isoformat(),
                        "due": c.due_date.isoformat(),
                        "overdue": late,
                    },
                    detected_on=c.date,
                    due_date=c.due_date,
                    playbook=policy.playbook,
                    event_date=c.date,
                )
            )
        return out
