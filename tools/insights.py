"""Client intelligence bound to the loaded bank: policy, catalogue, as-of date and bank-wide
peers, computed once per process (and again after an import), shared by every turn."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from time import monotonic
from typing import TYPE_CHECKING, Any, cast

from tools.bank.records import ClientData, ClientRecord, ProductRecord, RMRecord
from tools.bank.repository import BankRepository
from tools.intelligence import ClientInsight, ClientIntelligence
from tools.intelligence.book import BookRow, query
from tools.intelligence.fmt import money_en, money_zh, percent
from tools.intelligence.followup import FollowUpGap
from tools.intelligence.policy import Policies, load_policies
from tools.intelligence.signals import PeerStats
from tools.intelligence.signals.deposit_churn import churn_windows
from tools.intelligence.tiering import TierResult, next_tier
from tools.names.ids import IdIndex
from tools.names.mentions import MentionIndex

if TYPE_CHECKING:
    from tools.client_tools import NameForms


# The latest month is shown beside the 3-month average when the two are this far apart: an
# average over a quarter hides a move made in its last month or two.
LATEST_APART = 0.1
NOTE_POLL_SECONDS = 2.0  # how often a turn looks for notes other replicas saved
CLOCK_SKEW = timedelta(minutes=5)  # how far replicas' clocks may differ


def _latest_apart(m: Any, zh: bool) -> str:
    latest, avg = m.latest_deposit, m.avg_deposit
    if latest is None or not avg or abs(latest / avg - 1) < LATEST_APART:
        return ""
    # A sudden move (the month against the one before) is what the churn signal reads too.
    jump = m.sudden_change_ratio
    said = jump is not None and abs(jump) >= LATEST_APART
    if zh:
        vs = f"（较上月 {jump:+.1%}）" if said else ""
        return f"；最新月（{m.latest_month}）日均 {money_zh(latest)}{vs}"
    vs = f" ({jump:+.1%} on the month before)" if said else ""
    return f"; latest month ({m.latest_month}) {money_en(latest)}{vs}"


class InsightService:
    def __init__(
        self,
        bank: BankRepository,
        policies: Policies | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        self._bank = bank
        self._policies = policies
        # The bank's day books and gaps count from (FRONTLINE_TODAY; the extract's by default).
        self._today = today or (lambda: self.extract_as_of)
        self._books: dict[tuple[frozenset[str], date], tuple[list[ClientData], list[BookRow]]] = {}
        self._datas: dict[frozenset[str], list[ClientData]] = {}
        self._gaps: dict[tuple[frozenset[str], bool, date], list[FollowUpGap]] = {}
        # Bumped when notes are saved: what was computed from the old notes is stale.
        self.revision = 0
        # Notes saved by other replicas (or processes) are found by polling the table they
        # go to: from this moment, since what is read from now on already holds older ones.
        self._notes_seen: dict[str, datetime] = {}
        self._notes_mark = datetime.now(UTC)
        self._notes_polled = float("-inf")
        self._notes_lock = threading.Lock()

    @cached_property
    def products(self) -> dict[str, ProductRecord]:
        return self._bank.products()

    @cached_property
    def extract_as_of(self) -> date:
        """The extract's own date, read once per extract (this service is rebuilt on import):
        a pinned "extract" day is asked for on every book row."""
        return self._bank.as_of()

    @property
    def as_of(self) -> date:
        """The day the book's signals, gaps and day counts are taken on: the bank's day
        (chat and the brief agree), not always the extract's date."""
        return self._today()

    @cached_property
    def directory(self) -> list[ClientRecord]:
        """Every client of the bank (for telling a foreign client's name from a policy
        question); read once per extract instead of on every turn."""
        return self._bank.all_clients()

    @cached_property
    def name_forms(self) -> list[NameForms]:
        """The directory's names prepared for mention matching (see ``tools.client_tools``)."""
        from tools.client_tools import NameForms

        return [NameForms.of(c) for c in self.directory]

    @cached_property
    def mentions(self) -> MentionIndex[NameForms]:
        """``name_forms`` indexed by their distinctive start: a question is tested against
        the few names it may mention, not the whole bank's, on every turn."""
        from tools.client_tools import mention_key

        return MentionIndex(self.name_forms, mention_key)

    @cached_property
    def rms(self) -> list[RMRecord]:
        """The bank's staff, for naming an RM in a question (``tools.names.staff``)."""
        return self._bank.all_rms()

    @cached_property
    def ids(self) -> IdIndex:
        """The bank's client and RM ids and the shapes they come in (see ``tools.names.ids``)."""
        return IdIndex(
            (c.client_id for c in self.directory), (r.rm_id for r in self._bank.all_rms())
        )

    @cached_property
    def intel(self) -> ClientIntelligence:
        return ClientIntelligence(self._policies or load_policies(), self.products)

    @property
    def policy(self) -> Policies:
        """The tiering and signal policies the insights are computed under."""
        return self.intel.policy

    @cached_property
    def population(self) -> dict[str, ClientData]:
        """Every client's data (with the last 50 notes), read once per extract: the bank-wide
        peers need all of it anyway, and keeping it lets the morning brief read every book
        without going back to the database (the notes cost little beside the balances)."""
        everyone = [c.client_id for c in self.directory]
        return {d.client.client_id: d for d in self._bank.client_data(everyone, interactions=50)}

    @cached_property
    def peers(self) -> PeerStats:
        """Peers over the whole bank: an RM's book alone is too small to compare against."""
        return self.intel.peers(self.population.values())

    def insight(self, data: ClientData, as_of: date) -> ClientInsight:
        return self.intel.analyze(data, self.peers, as_of)

    def next_tier(self, data: ClientData, tier: TierResult, as_of: date) -> dict | None:
        """The tier above the client's and what it lacks (``tiering.next_tier``)."""
        return next_tier(
            data.client.client_type, self.intel.metrics(data, as_of), self.policy, tier
        )

    def metrics(self, data: ClientData, as_of: date) -> dict[str, Any]:
        m = self.intel.metrics(data, as_of)
        return {
            "avg_deposit_3m": round(m.avg_deposit, 2),
            "avg_deposit_prev_3m": round(m.prev_avg_deposit or 0, 2),
            "trend_ratio": round(m.trend_ratio, 4) if m.trend_ratio is not None else None,
            "loan_balance": round(m.loan_balance, 2),
            "product_count": m.product_count,
            "aum": round(m.aum, 2),
            "months_without_transactions": m.months_without_transactions,
            "days_since_last_interaction": m.days_since_last_interaction,
            **self._churn_window(data),
        }

    def _churn_window(self, data: ClientData) -> dict[str, Any]:
        """The months the bank's churn rule compares (3 against 3, or "近两个月较此前三个月"):
        what "流出了多少" is measured over."""
        policy = self.policy.signals.deposit_churn
        recent, before = churn_windows(data.balances, policy)
        return {
            "outflow_window": {
                "recent_months": policy.recent_months,
                "baseline_months": policy.baseline_months,
                "recent_avg": round(recent, 2) if recent is not None else None,
                "baseline_avg": round(before, 2) if before is not None else None,
            }
        }

    def facts(self, data: ClientData, as_of: date, language: str) -> list[str]:
        """Headline facts an RM reads first, in the answer's language."""
        m = self.intel.metrics(data, as_of)
        zh = language == "zh"
        money = money_zh if zh else money_en
        trend = (
            f"（较前三月 {'+' if (m.trend_ratio or 0) >= 0 else ''}{percent(m.trend_ratio)}）"
            if zh and m.trend_ratio is not None
            else (
                f" ({'+' if (m.trend_ratio or 0) >= 0 else ''}{percent(m.trend_ratio)} vs the prior 3 months)"
                if m.trend_ratio is not None
                else ""
            )
        )
        lines = [
            f"近三月日均存款 {money(m.avg_deposit)}{trend}{_latest_apart(m, zh)}"
            if zh
            else f"3-month average daily deposits {money(m.avg_deposit)}{trend}{_latest_apart(m, zh)}"
        ]
        if data.client.client_type == "retail":
            lines.append(
                f"金融资产 {money(m.aum)}" if zh else f"Assets under management {money(m.aum)}"
            )
        if m.loan_balance:
            lines.append(
                f"贷款余额 {money(m.loan_balance)}"
                if zh
                else f"Loans outstanding {money(m.loan_balance)}"
            )
        if data.holdings:
            lines.append(self._held(data, zh))
        if m.days_since_last_interaction is not None:
            lines.append(
                f"距上次接触 {m.days_since_last_interaction} 天"
                if zh
                else f"{m.days_since_last_interaction} days since the last contact"
            )
        return lines

    def _held(self, data: ClientData, zh: bool) -> str:
        """The products held, by the names RMs use (code alongside), counted as listed: the
        tier rule's count of product *categories* is a different number and stays in the tier
        explanation."""
        codes = sorted({h.product_code for h in data.holdings})
        names = [self.product_label(code, zh) for code in codes]
        if zh:
            return f"持有 {len(codes)} 个产品：{'、'.join(names)}"
        return f"{len(codes)} product{'s' if len(codes) != 1 else ''} held: {', '.join(names)}"

    def product_label(self, code: str, zh: bool = True) -> str:
        """「单位大额存单（代码）」: the catalogue's name with the code, or the code alone."""
        product = self.products.get(code)
        if product is None:
            return code
        name = product.name if zh else (product.name_en or product.name)
        return f"{name}（{code}）" if zh else f"{name} ({code})"

    def sync_notes(self, *, now: float | None = None) -> set[str]:
        """Re-read the clients another replica saved a note for since the last look (at most
        every ``NOTE_POLL_SECONDS``); returns their ids. Clocks of replicas may differ by up
        to ``CLOCK_SKEW``: the look reaches that far back and skips the notes already seen."""
        at = monotonic() if now is None else now
        with self._notes_lock:
            if at - self._notes_polled < NOTE_POLL_SECONDS:
                return set()
            self._notes_polled = at
            since = self._notes_mark - CLOCK_SKEW
            fresh = [
                n for n in self._bank.notes_captured_since(since) if n[0] not in self._notes_seen
            ]
            for note_id, _, captured_at in fresh:
                self._notes_seen[note_id] = captured_at
                self._notes_mark = max(self._notes_mark, captured_at)
            horizon = self._notes_mark - CLOCK_SKEW
            self._notes_seen = {k: v for k, v in self._notes_seen.items() if v >= horizon}
        changed = {client_id for _, client_id, _ in fresh}
        if changed:
            self.notes_changed(changed)
        return changed

    def notes_changed(self, client_ids: set[str]) -> None:
        """A note was saved for these clients: re-read them, and forget the books, gaps and
        (through ``revision``) brief analyses that hold their old notes. The peers stay:
        they compare holdings and balances, which a note does not change."""
        if "population" in self.__dict__:
            for data in self._bank.client_data(client_ids, interactions=50):
                self.population[data.client.client_id] = data
        for key in [k for k in self._datas if k & client_ids]:
            del self._datas[key]
        for book_key in [k for k in self._books if k[0] & client_ids]:
            del self._books[book_key]
        for gap_key in [k for k in self._gaps if k[0] & client_ids]:
            del self._gaps[gap_key]
        self.revision += 1

    def book_data(self, client_ids: frozenset[str]) -> list[ClientData]:
        """A book's data, read once per extract (the morning brief reads every book and
        needs no rows as of the extract's date)."""
        if "population" in self.__dict__:  # already read for the peers: slice, don't re-read
            everyone = self.population
            return [everyone[c] for c in sorted(client_ids) if c in everyone]
        if client_ids not in self._datas:
            self._datas[client_ids] = self._bank.client_data(client_ids, interactions=50)
            while len(self._datas) > 64:
                self._datas.pop(next(iter(self._datas)))
        return self._datas[client_ids]

    def _book(self, client_ids: frozenset[str]) -> tuple[list[ClientData], list[BookRow]]:
        """A book's data and rows, computed once per extract: bank data only changes on import,
        and an RM asks several book questions in a row."""
        key = (client_ids, self.as_of)
        if key not in self._books:
            datas = self.book_data(client_ids)
            self._books[key] = (datas, self.intel.book().analyze(datas, key[1], peers=self.peers))
            while len(self._books) > 64:
                self._books.pop(next(iter(self._books)))
        return self._books[key]

    def book_rows(self, client_ids: frozenset[str]) -> list[BookRow]:
        return self._book(client_ids)[1]

    def row_dict(self, r: BookRow, language: str) -> dict:
        return self._row(r, language)

    def query_book(
        self, client_ids: frozenset[str], language: str = "zh", **filters: Any
    ) -> tuple[list[dict], int]:
        rows = self._book(client_ids)[1]
        limit = filters.pop("limit", 10)
        matched = query(rows, limit=None, **filters)
        return [self._row(r, language) for r in matched[:limit]], len(matched)

    def follow_up_gaps(
        self, client_ids: frozenset[str], include_pending: bool = False
    ) -> list[FollowUpGap]:
        """The book's missed follow-ups, computed once per extract like the book itself:
        detecting every client's signals is the slowest part of a team lead's question."""
        key = (client_ids, include_pending, self.as_of)
        if key not in self._gaps:
            gaps = self.intel.follow_up_gaps(
                self.book_data(client_ids), self.peers, key[2], include_pending=include_pending
            )
            self._gaps[key] = sorted(gaps, key=lambda g: (-g.days_overdue, g.client_id))
            while len(self._gaps) > 64:
                self._gaps.pop(next(iter(self._gaps)))
        return list(self._gaps[key])

    def outreach_facts(
        self, data: ClientData, as_of: date, product_code: str | None, language: str = "zh"
    ) -> dict[str, str]:
        maturing = sorted(
            (
                h
                for h in data.holdings
                if h.maturity_date
                and h.maturity_date >= as_of
                and (product_code is None or h.product_code == product_code)
            ),
            key=lambda h: cast(date, h.maturity_date),  # None filtered out above
        )
        # a company's headcount, as the extract gives it: what a payroll pitch is sized by
        staff = data.client.employees if data.client.client_type == "corporate" else None
        facts = {"employees": str(staff)} if staff else {}
        if not maturing:
            return facts
        h = maturing[0]
        return facts | {
            "maturity_date": str(h.maturity_date),
            "amount": money_zh(h.balance) if language == "zh" else money_en(h.balance),
        }

    def _above_appetite(self, r: BookRow, zh: bool) -> list[str]:
        """The products a client holds above their risk appetite, with their levels."""
        if (
            r.risk_appetite is None
            or not r.top_investment_risk
            or r.top_investment_risk <= r.risk_appetite
        ):
            return []
        out = []
        for code in r.held:
            product = self.products.get(code)
            if not self.policy.invests_in(product):
                continue  # a mortgage's R2 is no mismatch of a C1 client's
            level = (product.risk_level or "").upper() if product else ""
            if level[1:].isdigit() and int(level[1:]) > r.risk_appetite:
                out.append(f"{self.product_label(code, zh)} {level}")
        return out

    def _row(self, r: BookRow, language: str) -> dict:
        """One client of a book list in the RM's words: product names, signal names."""
        from tools.book_query import signal_word

        zh = language == "zh"
        bits = [
            r.tier_label_zh if zh else r.tier_label_en,
            money_zh(r.value) if zh else money_en(r.value),
        ]
        if r.trend_ratio is not None:
            sign = "+" if r.trend_ratio >= 0 else ""
            bits.append(
                f"趋势 {sign}{percent(r.trend_ratio)}"
                if zh
                else f"trend {sign}{percent(r.trend_ratio)}"
            )
        if r.signals:
            late = "（已逾期）" if zh else " (overdue)"
            words = [
                signal_word(k, "zh" if zh else "en") + (late if k in r.overdue else "")
                for k in r.signals
            ]
            bits.append(("信号 " if zh else "signals ") + ("、" if zh else ", ").join(words))
        if r.watch and (overlay := self.policy.tiering.risk_overlay) is not None:
            label = overlay.label_zh if zh else overlay.label_en
            bits.append(f"{label}（评级 {r.watch}）" if zh else f"{label} (rating {r.watch})")
        if above := self._above_appetite(r, zh):
            # "适当性不匹配" says there is one; the holdings say which: a product rated R4 held by a C2 client
            held = ("、" if zh else ", ").join(above)
            bits.append(
                f"{held} 高于风险承受能力 C{r.risk_appetite}"
                if zh
                else f"{held} above risk appetite C{r.risk_appetite}"
            )
        if r.next_maturity:
            product = self.product_label(r.next_maturity_product or "", zh)
            bits.append(
                f"{product} 于 {r.next_maturity} 到期"
                if zh
                else f"{product} matures {r.next_maturity}"
            )
        return {
            "client_id": r.client_id,
            "rm_id": r.rm_id,
            "client_type": r.client_type,
            "industry": r.industry,
            "tier": r.tier,
            "value": round(r.value, 2),
            "trend_ratio": r.trend_ratio,
            "signals": list(r.signals),
            "overdue_signals": list(r.overdue),
            "risk_watch": r.watch,
            "gaps": list(r.gaps),
            "next_maturity": str(r.next_maturity) if r.next_maturity else None,
            "next_maturity_amount": r.next_maturity_amount,
            "avg_deposit": round(r.avg_deposit, 2),
            "latest_deposit": round(r.latest_deposit, 2),
            "loan_balance": round(r.loan_balance, 2),
            "aum": round(r.aum, 2),
            "days_since_contact": r.days_since_contact,
            "outflow": round(r.outflow, 2) if r.outflow is not None else None,
            # what a ranking by headcount, revenue or age is about ("员工最多的是哪家")
            "employees": r.employees,
            "revenue": round(r.revenue, 2) if r.revenue is not None else None,
            "age": r.age,
            "last_contact": str(self.as_of - timedelta(days=r.days_since_contact))
            if r.days_since_contact is not None
            else None,
            "summary": " · ".join(bits),
        }
