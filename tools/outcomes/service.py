"""``OutcomeService``: record what an RM did about a suggested action, and tell every view
which actions that closes ("done") or hides for a while ("not now").

Entitlement is checked here, for every write, whatever the channel: an RM marks actions of
their own book only (a team lead reads the team's book but does not act for its RMs; an
admin reads no client). The audit trail gets the action's kind, period, outcome and reason
code — no client name, and never the RM's free text.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from assistant.errors import EntitlementError, UserError
from tools.bank.records import ActionOutcome
from tools.bank.repository import BankRepository
from tools.entitlement import Caller
from tools.outcomes.keys import ActionRef, Occurrence, ref_of
from tools.outcomes.policy import OutcomePolicy

Outcome = Literal["done", "not_now"]
OUTCOMES: tuple[str, ...] = ("done", "not_now")
NOT_YOURS = "that action is not in your book"  # one message for another book and no client


class OutcomeBook:
    """The standing outcomes of some clients as seen on ``day``: the latest outcome of each
    action key decides (an RM may mark "not now" and later "done")."""

    def __init__(self, outcomes: Iterable[ActionOutcome], day: date) -> None:
        self.day = day
        self.latest: dict[str, ActionOutcome] = {}
        for o in outcomes:  # oldest first: the last one stands
            if o.day <= day:  # a view of an earlier day knows nothing of it yet
                self.latest[o.action_key] = o

    def closed(self, key: str) -> ActionOutcome | None:
        """The outcome that keeps ``key`` off the lists on this day, if any."""
        o = self.latest.get(key)
        if o is None:
            return None
        if o.outcome == "done":
            return o
        return o if o.hide_until is not None and self.day < o.hide_until else None

    def is_open(self, key: str) -> bool:
        return self.closed(key) is None


@dataclass
class OutcomeCounts:
    """One RM's outcomes over the team brief's window."""

    done: int = 0
    not_now: dict[str, int] = field(default_factory=dict)  # reason code -> count

    @property
    def total(self) -> int:
        return self.done + sum(self.not_now.values())


class OutcomeService:
    def __init__(
        self,
        bank: BankRepository,
        policy: OutcomePolicy,
        today: Callable[[], date],
        audit: Any = None,  # assistant.core.pipeline.Audit
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._bank = bank
        self.policy = policy
        self._today = today
        self._audit = audit
        self._clock = clock

    def today(self) -> date:
        """The bank's date now (FRONTLINE_TIMEZONE): the day an outcome is recorded on."""
        return self._today()

    # --- reading ---------------------------------------------------------------------------
    def book(self, client_ids: Iterable[str], day: date | None = None) -> OutcomeBook:
        ids = list(client_ids)
        outcomes = self._bank.outcomes_for(ids) if ids else []
        return OutcomeBook(outcomes, day or self.today())

    def ref(
        self, client_id: str, kind: str, item: Occurrence, day: date | None = None
    ) -> ActionRef:
        return ref_of(client_id, kind, item, day or self.today(), self.policy)

    def counts(self, rm_ids: Iterable[str], day: date) -> dict[str, OutcomeCounts]:
        """Each RM's outcomes recorded in the policy's window up to ``day`` (taken-back ones
        do not count)."""
        since = day - timedelta(days=self.policy.team_window_days - 1)
        ids = list(rm_ids)
        out = {rm: OutcomeCounts() for rm in ids}
        if not ids:
            return out
        reasons: dict[str, Counter[str]] = {rm: Counter() for rm in ids}
        for o in self._bank.outcomes_for(rm_ids=ids, since=since):
            if o.day > day:
                continue
            if o.outcome == "done":
                out[o.rm_id].done += 1
            else:
                reasons[o.rm_id][o.reason or "?"] += 1
        for rm, counted in reasons.items():
            out[rm].not_now = dict(sorted(counted.items()))
        return out

    # --- writing ---------------------------------------------------------------------------
    def require_own(self, caller: Caller, client_id: str) -> None:
        """An RM marks actions of their own book only (not a teammate's, as a lead)."""
        caller.require_client_access()
        if not caller.may_read(client_id):
            raise EntitlementError(NOT_YOURS)
        clients = self._bank.get_clients([client_id])
        if not clients or clients[0].rm_id != caller.rm_id:
            raise EntitlementError(NOT_YOURS)

    def record(
        self,
        caller: Caller,
        ref: ActionRef,
        outcome: str,
        *,
        channel: str,
        reason: str | None = None,
        note: str | None = None,
    ) -> ActionOutcome:
        """Store ``outcome`` for the action ``ref`` names. ``note`` is the RM's text already
        in its bank-layer form (identifiers partial). ``UserError`` for an unknown outcome
        or a "not now" without a reason the policy knows."""
        if outcome not in OUTCOMES:
            raise UserError(f"an outcome is one of {', '.join(OUTCOMES)}")
        self.require_own(caller, ref.client_id)
        day = self.today()
        hide_until = None
        if outcome == "not_now":
            known = self.policy.reason(reason)
            if known is None:
                raise UserError(
                    "a reason is needed for not now: one of " + ", ".join(self.policy.reasons)
                )
            hide_until = day + timedelta(days=known.hide_days)
        else:
            reason = None
        record = ActionOutcome(
            outcome_id=f"out_{uuid.uuid4().hex[:20]}",
            action_key=ref.key,
            client_id=ref.client_id,
            rm_id=caller.rm_id,
            kind=ref.kind,
            period=ref.period,
            outcome=outcome,
            day=day,
            channel=channel[:16],
            reason=reason,
            note=note or None,
            hide_until=hide_until,
            recorded_at=self._clock(),
        )
        self._bank.add_outcome(record)
        self._record(caller, channel, "action_outcome", record)
        return record

    def undo(self, caller: Caller, ref: ActionRef, *, channel: str) -> ActionOutcome | None:
        """Take back the standing outcome of ``ref`` this RM recorded; None when there is none."""
        self.require_own(caller, ref.client_id)
        mine = [
            o
            for o in self._bank.outcomes_for([ref.client_id])
            if o.action_key == ref.key and o.rm_id == caller.rm_id
        ]
        if not mine or not self._bank.undo_outcome(mine[-1].outcome_id, self._clock()):
            return None
        self._record(caller, channel, "action_outcome_undone", mine[-1])
        return mine[-1]

    def _record(self, caller: Caller, channel: str, kind: str, o: ActionOutcome) -> None:
        if self._audit is None:
            return
        self._audit.append(
            kind=kind,
            channel=channel,
            rm_id=caller.rm_id,
            payload={
                "outcome_id": o.outcome_id,
                "client_ids": [o.client_id],  # the bank's pseudonymous key, as answers log it
                "action_kind": o.kind,
                "period": o.period,
                "outcome": o.outcome,
                "reason": o.reason,
                "hide_until": o.hide_until.isoformat() if o.hide_until else None,
                "has_note": bool(o.note),  # the text stays in the bank data layer
            },
        )
