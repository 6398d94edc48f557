"""A book analysed as of the brief's day: each client's signals, actions and follow-up gaps.

The insight service holds the extract's data and the bank-wide peers; this module only adds
the day. A brief is for *today*, which is usually after the extract's as-of date, so maturity
windows and follow-up deadlines are measured from the brief's day, not the extract's.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from tools.bank.records import ClientData
from tools.insights import InsightService
from tools.intelligence.facade import ClientInsight
from tools.intelligence.followup import FollowUpGap, client_gaps, requirements

# Analyses kept per (day, book): a send run reads every book once for the RMs and again for
# their team leads; a server keeps today's and yesterday's.
_KEPT_BOOKS = 256


@dataclass(frozen=True)
class ClientView:
    data: ClientData
    insight: ClientInsight
    gaps: tuple[FollowUpGap, ...]  # open and overdue, one per signal kind

    @property
    def client_id(self) -> str:
        return self.data.client.client_id

    @property
    def name(self) -> str:
        return self.data.client.name


class BookViews:
    """``ClientView``s of a book as of a day, computed once per (day, book)."""

    def __init__(self, insights: InsightService) -> None:
        self._insights = insights
        self._kept: OrderedDict[tuple[date, frozenset[str], int], list[ClientView]] = OrderedDict()

    def of(self, client_ids: frozenset[str], day: date) -> list[ClientView]:
        # The insights' revision: a note saved since is in the brief at once.
        key = (day, client_ids, self._insights.revision)
        if key not in self._kept:
            self._kept[key] = self._analyse(client_ids, day)
            while len(self._kept) > _KEPT_BOOKS:
                self._kept.popitem(last=False)
        return self._kept[key]

    def _analyse(self, client_ids: frozenset[str], day: date) -> list[ClientView]:
        insights = self._insights
        needs = requirements(insights.policy)
        views = []
        for data in insights.book_data(client_ids):
            insight = insights.intel.analyze(data, insights.peers, day)
            gaps = client_gaps(data, insight.signals, needs, day, include_pending=True)
            views.append(ClientView(data, insight, tuple(gaps)))
        return views
