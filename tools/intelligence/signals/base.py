"""What a signal rule sees and returns: ``SignalContext`` in, ``Signal`` list out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal, Protocol

from pydantic import BaseModel, ConfigDict

from tools.bank.records import ClientData, ProductRecord
from tools.intelligence.metrics import ClientMetrics, month_after
from tools.intelligence.policy import Policies
from tools.intelligence.tiering import TierResult

if TYPE_CHECKING:
    from tools.intelligence.signals.peers import PeerStats

Severity = Literal["high", "medium", "low"]
SEVERITY_RANK: dict[str, int] = {"high": 0, "medium": 1, "low": 2}


class Signal(BaseModel):
    """One finding about a client, with the numbers behind it and the playbook that owns it."""

    model_config = ConfigDict(frozen=True)

    kind: str
    severity: Severity
    title_zh: str
    title_en: str
    detail_zh: str
    detail_en: str
    facts: dict  # the numbers the rule used, for the answer composer and for audits
    product_code: str | None = None
    detected_on: date | None = None  # when the data first showed it; follow-up clocks start here
    due_date: date | None = None  # the playbook's deadline for the RM's follow-up
    playbook: str
    # The day the finding is about (a holding's maturity date), when it is about one: what
    # tells one occurrence of the signal from the next (``tools.outcomes.keys``).
    event_date: date | None = None


@dataclass(frozen=True)
class SignalContext:
    data: ClientData
    products: Mapping[str, ProductRecord]
    metrics: ClientMetrics
    tier: TierResult
    peers: PeerStats | None
    policy: Policies
    as_of: date

    @property
    def client_type(self) -> str:
        return self.data.client.client_type

    @property
    def extract_date(self) -> date:
        """The day after the latest month of figures: when a month-based finding is detected."""
        month = self.metrics.latest_month
        return month_after(month) if month else self.as_of

    def product_name(self, code: str) -> tuple[str, str]:
        product = self.products.get(code)
        if product is None:
            return code, code
        return product.name, product.name_en or product.name


class SignalRule(Protocol):
    """A signal rule: one file under ``signals/``, listed in ``registry.default_rules``."""

    kind: str

    def detect(self, ctx: SignalContext) -> list[Signal]: ...


def sort_signals(signals: list[Signal]) -> list[Signal]:
    """Most severe first; within a severity, the earliest deadline first (none last)."""
    return sorted(
        signals, key=lambda s: (SEVERITY_RANK[s.severity], s.due_date or date.max, s.kind)
    )
