"""The bank-editable policy (``tools/policy/tiering.yaml``, ``signals.yaml`` and the playbook map
``playbooks.yaml``) as validated pydantic models.

Every threshold the intelligence layer uses comes from here, so a bank changes its tiering or
its churn trigger by editing YAML, not code. A malformed file fails loudly at load time with a
one-line ``ConfigError`` rather than silently tiering every client as "basic".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from assistant.errors import ConfigError

if TYPE_CHECKING:
    from tools.bank.records import ClientRecord, ProductRecord
from tools.intelligence.needs import NeedsPolicy
from tools.intelligence.working_days import add_working_days, is_working_day

POLICY_DIR = Path(__file__).resolve().parent.parent / "policy"
DEFAULT_TIERING_PATH = POLICY_DIR / "tiering.yaml"
DEFAULT_SIGNALS_PATH = POLICY_DIR / "signals.yaml"
DEFAULT_PLAYBOOK_MAP_PATH = POLICY_DIR / "playbooks.yaml"

Metric = Literal["avg_deposit", "loan_balance", "product_count", "aum"]
Ratio = Field(gt=0, le=1)
M = TypeVar("M", bound=BaseModel)


# The next-best-action kinds a policy may hold back (``tools.intelligence.action_rules``); a
# misspelt one would hold nothing back, silently.
ACTION_KINDS = frozenset({
    "churn_visit", "maturity_renewal", "payroll_offer", "product_offer", "suitability_review",
    "dormant_reactivation", "growth_upsell", "complaint_resolution", "service_cadence",
    "corporate_retail_synergy", "fx_hedging", "risk_watch",
})  # fmt: skip


def known_actions(kinds: tuple[str, ...]) -> tuple[str, ...]:
    unknown = sorted(set(kinds) - ACTION_KINDS)
    if unknown:
        raise ValueError(f"unknown action kinds {unknown}; known: {sorted(ACTION_KINDS)}")
    return kinds


class _Section(BaseModel):
    # A misspelt key in a policy section would otherwise be ignored and the default used.
    model_config = ConfigDict(extra="forbid", frozen=True)


class TierRule(_Section):
    metric: Metric
    gte: float = Field(ge=0)


class TierDefinition(_Section):
    tier: str = Field(min_length=1)
    label_zh: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    rules: tuple[TierRule, ...] = Field(alias="any")
    # What the extract's tier column holds for this tier (see `TierSource`), besides the
    # tier's name and labels, which always count.
    values: tuple[str, ...] = ()
    # Other names RMs use for the tier in questions ("PB", "私行"): read, never shown.
    aliases: tuple[str, ...] = ()

    @property
    def is_fallback(self) -> bool:
        return not self.rules

    def holds(self, value: str) -> bool:
        """Whether ``value`` (from the extract's tier column) names this tier."""
        wanted = value.strip().casefold()
        names = (self.tier, self.label_zh, self.label_en, *self.values)
        return any(n.strip().casefold() == wanted for n in names)


class TierSource(_Section):
    """The bank's own tier, read from a column of its extract (``clients.csv``) instead of
    being computed from balances. A client with the column blank, or holding a value no tier
    lists, is tiered by the rules (``labels: extract`` keeps an unlisted value as its tier)."""

    column: str = Field(min_length=1)
    # How an answer names the source: "分层依据：分行级：行内评级".
    basis_zh: str = Field(default="行内评级", min_length=1)
    basis_en: str = Field(default="the bank's own rating", min_length=1)
    # policy: show the matching tier's labels; extract: show the column's value as it is.
    labels: Literal["policy", "extract"] = "policy"


class ServiceStandard(_Section):
    visit_every_days: int = Field(gt=0)
    contact_every_days: int = Field(gt=0)
    response_hours: int = Field(gt=0)
    playbook: str = Field(min_length=1)


_CJK = re.compile(r"[\u3400-\u9fff]")
# Said right after a tier: that tier and every one above it.
AT_OR_ABOVE = re.compile(
    r"\s*(?:客户|客群|级|类)?\s*(?:及|或|和|以及)?\s*(?:以上|更高)|"
    r"\s*(?:clients?|tiers?)?\s*(?:and|or|&)\s*(?:above|higher|better|up)\b|\+",
    re.I,
)
# Everyday words that are a tier only when said as one ("gold clients", "key accounts").
_AMBIGUOUS_TIER_WORDS = {"key", "branch", "gold", "silver", "wealth", "private", "basic", "core",
                         "mass", "standard", "premier", "priority", "diamond"}  # fmt: skip
# ...or a ladder word after it ("core or above", "gold and higher"): a tier, said as a rung.
_TIER_NOUN = (
    r"(?=[\s-]*(?:tier|level|grade|segment|clients?|customers?|accounts?|members?)\b|\s*(?:客户|客群|级)|"
    r"\s*(?:and|or|&)\s*(?:above|higher|better|up)\b|\+)"
)


class RiskOverlay(_Section):
    """风险叠加: a client whose rating (``column`` of clients.csv, ``risk_rating`` by default) is
    one of ``ratings`` keeps their value tier but is served by this standard, and the growth
    offers (``blocked_actions``: next-best-action kinds) are held back."""

    column: str = "risk_rating"
    ratings: tuple[str, ...] = Field(min_length=1)
    label_zh: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    blocked_actions: Annotated[tuple[str, ...], AfterValidator(known_actions)] = ()
    # A marketing message to a watched client is held back too (draft_outreach, campaigns).
    pause_marketing: bool = True
    visit_every_days: int = Field(gt=0)
    standard_zh: str = Field(min_length=1)
    standard_en: str = Field(min_length=1)
    playbook: str = Field(min_length=1)

    def watches(self, client: ClientRecord) -> str | None:
        """The client's rating when it is on the watch list, else None."""
        value = (
            client.risk_rating
            if self.column == "risk_rating"
            else client.attributes.get(self.column)
        )
        said = str(value or "").strip()
        return said if said and said.upper() in {r.upper() for r in self.ratings} else None


class TieringPolicy(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str
    corporate: tuple[TierDefinition, ...] = Field(min_length=1)
    retail: tuple[TierDefinition, ...] = Field(min_length=1)
    service_standards: dict[str, ServiceStandard]
    # Product categories (the catalogue's own) that count towards a retail client's financial
    # assets (金融资产, AUM) on top of deposits; none listed: AUM is deposits only.
    aum_categories: tuple[str, ...] = ()
    source: TierSource | None = None
    risk_overlay: RiskOverlay | None = None
    # 需求分群: life stage (retail) and business stage (corporate), beside the value tier.
    needs_segments: NeedsPolicy | None = None

    @model_validator(mode="after")
    def _ladders_are_complete(self) -> TieringPolicy:
        for client_type in ("corporate", "retail"):
            ladder = self.ladder(client_type)
            if not ladder[-1].is_fallback:
                raise ValueError(
                    f"{client_type}: the last tier must have `any: []` so every client gets a tier"
                )
            names = [t.tier for t in ladder]
            if len(set(names)) != len(names):
                raise ValueError(f"{client_type}: duplicate tier names {names}")
            missing = [n for n in names if n not in self.service_standards]
            if missing:
                raise ValueError(f"service_standards: no entry for tier(s) {', '.join(missing)}")
        if self.needs_segments is not None:
            tiers = {t.tier for t in (*self.corporate, *self.retail)}
            named = {
                s.segment for s in (*self.needs_segments.retail, *self.needs_segments.corporate)
            }
            if clash := sorted(tiers & named):
                raise ValueError(f"needs_segments: {', '.join(clash)} is a tier's name too")
        return self

    @cached_property
    def said(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        """How a question names a tier, longest phrase first: ``(pattern, tier)`` from each
        tier's labels and extract values ("支行级的客户", "platinum clients", "战略客户").

        Chinese phrases match as they stand; English ones as whole words, a hyphen or a space
        alike ("head office" for "Head-office tier"). An English word that is everyday
        banking vocabulary on its own ("key", "branch", "gold", "wealth") counts only before
        "clients"/"tier"/"accounts", so "branch opening hours" is not a tier."""
        found: dict[str, str] = {}
        for definition in (*self.corporate, *self.retail):
            names = (definition.label_zh, definition.label_en, *definition.values)
            for phrase in (*names, *definition.aliases):
                found.setdefault(phrase.strip(), definition.tier)
        out = []
        for phrase, tier in sorted(found.items(), key=lambda kv: -len(kv[0])):
            if _CJK.search(phrase):
                out.append((re.compile(re.escape(phrase)), tier))
                continue
            words = [re.escape(w) for w in re.split(r"[\s-]+", phrase.lower()) if w]
            body = r"[\s-]?".join(words)
            alone = len(words) == 1 and words[0] in _AMBIGUOUS_TIER_WORDS
            after = _TIER_NOUN if alone else ""
            # Whole English words, but a Chinese character beside one is no letter: "我的PB客户"
            out.append(
                (re.compile(rf"(?<![A-Za-z0-9_-]){body}(?![A-Za-z0-9_-]){after}", re.I), tier)
            )
        return tuple(out)

    def tier_in(self, text: str) -> str | None:
        """The tier ``text`` names (the longest phrase that matches), if any."""
        return next((tier for rx, tier in self.said if rx.search(text)), None)

    def tiers_in(self, text: str) -> list[str]:
        """Every tier a run of them names, in order ("战略跟核心客户", "strategic and core
        clients", "金卡、白金客户"): the first ones said without their noun, joined by 和/跟/
        、/and/or. One tier or none: what :meth:`tier_in` finds."""
        found: list[tuple[int, str]] = []
        rest = text
        for rx, tier in (*self.said, *self._heads):
            for m in rx.finditer(rest):
                found.append((m.start(), tier))
                rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end() :]
        tiers = list(dict.fromkeys(t for _, t in sorted(found)))
        return tiers if len(tiers) > 1 else [t for t in [self.tier_in(text)] if t]

    def without_tiers(self, text: str) -> str:
        """``text`` with every tier it names blanked out (same length): "gold tier" names a tier,
        not the gold product, when the rest of the question is read for products."""
        for rx, _tier in (*self.said, *self._heads):
            text = rx.sub(lambda m: " " * len(m.group(0)), text)
        return text

    def at_or_above(self, text: str) -> list[str]:
        """ "重点客户及以上", "核心及以上", "key and above", "gold or higher": the tier said and
        every tier above it on its ladder, best first; [] when no tier is said so."""
        heads = [
            (re.compile(re.escape(h)), d.tier)
            for d in (*self.corporate, *self.retail)
            if len(h := re.sub(r"(?:客户|客群|级|类)$", "", d.label_zh)) >= 2
        ]
        for rx, tier in (*self.said, *heads):
            for m in rx.finditer(text):
                if AT_OR_ABOVE.match(text, m.end()):
                    ladder = [d.tier for d in self.corporate]
                    if tier not in ladder:
                        ladder = [d.tier for d in self.retail]
                    return ladder[: ladder.index(tier) + 1]
        return []

    @cached_property
    def _heads(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        """A Chinese tier label without its closing noun (战略 of 战略客户), as said before a
        joiner and another tier ("战略跟核心客户")."""
        out = []
        for definition in (*self.corporate, *self.retail):
            head = re.sub(r"(?:客户|客群|级|类)$", "", definition.label_zh)
            if len(head) >= 2 and head != definition.label_zh:
                joiner = r"(?=\s*(?:和|跟|与|及|以及|、|/|或|还有)\s*[\u3400-\u9fff])"
                out.append((re.compile(re.escape(head) + joiner), definition.tier))
        return tuple(out)

    def ladder(self, client_type: str) -> tuple[TierDefinition, ...]:
        """Tiers for a client type, best first; unknown types are treated as corporate."""
        return self.retail if client_type == "retail" else self.corporate

    def definition(self, tier: str) -> TierDefinition | None:
        return next((t for t in (*self.corporate, *self.retail) if t.tier == tier), None)


class DepositChurnPolicy(_Section):
    gradual_drop_ratio: float = Ratio
    # The one-month drop rule; unset, a bank whose playbook has none ("近两个月较此前三个月下降一半
    # 以上" alone) gets none.
    sudden_drop_ratio: float | None = Field(default=None, gt=0, le=1)
    # The slide compares the mean of the last ``recent_months`` months with the mean of the
    # ``baseline_months`` before them (近三月 vs 前三月 by default; 近两月 vs 此前三月 elsewhere).
    recent_months: int = Field(default=3, ge=1, le=12)
    baseline_months: int = Field(default=3, ge=1, le=12)
    min_amount: dict[Literal["corporate", "retail"], float]
    follow_up_working_days: int = Field(gt=0)
    # The playbook asks for a face-to-face visit or a phone call (面访或电话), not a WeChat note.
    follow_up_channels: tuple[str, ...] = ("visit", "phone")
    playbook: str


class MaturityPolicy(_Section):
    windows_days: tuple[int, ...] = Field(min_length=1)
    first_contact_days_before: int = Field(ge=0)
    second_contact_days_before: int = Field(ge=0)
    playbook: str
    # Categories whose maturing holdings are offered a renewal or a certificate of deposit
    # (other categories: "reinvest").
    deposit_categories: tuple[str, ...] = ()
    # Categories that are credit the client owes (loans, facilities): a maturing one is a
    # repayment or a renewal of the facility, never "renew the deposit" or "reinvest".
    lending_categories: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _windows_ascending(self) -> MaturityPolicy:
        if list(self.windows_days) != sorted(set(self.windows_days)) or self.windows_days[0] <= 0:
            raise ValueError("windows_days must be positive and strictly ascending")
        return self


class GrowthPolicy(_Section):
    growth_ratio: float = Field(gt=0)
    playbook: str


class DormancyPolicy(_Section):
    months_without_transactions: int = Field(gt=0)
    days_without_interaction: int = Field(gt=0)
    follow_up_working_days: int = Field(gt=0)
    follow_up_channels: tuple[str, ...] | None = None  # None: any logged interaction counts
    playbook: str


class ComplaintPolicy(_Section):
    """服务体验: an open complaint (complaints.csv) is a signal until it is closed; its deadline is
    the complaint's own due date, which the complaint-handling rules set."""

    # Statuses that mean the complaint is closed (the contact policy's words are the default).
    closed_statuses: tuple[str, ...] = (
        "closed", "resolved", "done", "已结案", "已办结", "已解决", "已关闭", "结案", "办结",
    )  # fmt: skip
    playbook: str
    # Next-best-action kinds held back while the complaint is open (投诉处理期间暂停营销: the
    # contact policy pauses the message, so the recommendation to send one waits too).
    paused_actions: Annotated[tuple[str, ...], AfterValidator(known_actions)] = ()

    def is_open(self, status: str) -> bool:
        return status.strip().lower() not in {s.lower() for s in self.closed_statuses}


class ProductGapPolicy(_Section):
    peer_holding_ratio: float = Ratio
    payroll_min_employees: int = Field(gt=0)
    # The catalogue's payroll (代发) categories; none listed: no payroll rule.
    payroll_categories: tuple[str, ...] = ()
    # Below this many peers a "most peers hold it" statement is noise (1 of 1 is 100%).
    min_peers: int = Field(default=5, gt=0)
    playbook: str
    # Peer gaps for other products cite this playbook; unset, they cite `playbook`.
    peer_playbook: str | None = None


class SuitabilityPolicy(_Section):
    follow_up_working_days: int = Field(gt=0)
    follow_up_channels: tuple[str, ...] | None = None
    playbook: str


class SynergyPolicy(_Section):
    playbook: str = Field(min_length=1)


class FxHedgingPolicy(_Section):
    playbook: str = Field(min_length=1)
    # Who has currency exposure: clients of these industries, or holding these products
    # (the bank's export trade finance).
    export_industries: frozenset[str] = frozenset()
    export_products: frozenset[str] = frozenset()
    # The catalogue's hedging categories: a client holding one is hedged; the offer is one.
    categories: tuple[str, ...] = ()


class ActionPolicy(_Section):
    """Actions a profile calls for without a signal, and the playbook behind each."""

    corporate_retail_synergy: SynergyPolicy
    fx_hedging: FxHedgingPolicy


class CalendarPolicy(_Section):
    """Public holidays and make-up working weekends (调休) for working-day deadlines."""

    holidays: frozenset[date] = frozenset()
    working_weekends: frozenset[date] = frozenset()

    @model_validator(mode="after")
    def _consistent(self) -> CalendarPolicy:
        weekdays = sorted(d.isoformat() for d in self.working_weekends if d.weekday() < 5)
        if weekdays:
            raise ValueError(f"working_weekends must be Saturdays or Sundays: {weekdays}")
        both = sorted(d.isoformat() for d in self.holidays & self.working_weekends)
        if both:
            raise ValueError(f"dates listed both as holiday and as working weekend: {both}")
        return self

    def add_working_days(self, start: date, days: int) -> date:
        return add_working_days(start, days, self.holidays, self.working_weekends)

    def is_working_day(self, day: date) -> bool:
        return is_working_day(day, self.holidays, self.working_weekends)


class SignalPolicy(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str
    calendar: CalendarPolicy = CalendarPolicy()
    deposit_churn: DepositChurnPolicy
    maturity: MaturityPolicy
    growth: GrowthPolicy
    dormancy: DormancyPolicy
    product_gap: ProductGapPolicy
    suitability: SuitabilityPolicy
    actions: ActionPolicy
    # None: the bank's file has no complaint section, and no complaint signal is raised.
    complaint: ComplaintPolicy | None = None


class Policies(BaseModel):
    """Both policy files; what every public function of the intelligence layer takes."""

    model_config = ConfigDict(frozen=True)

    tiering: TieringPolicy
    signals: SignalPolicy
    # Product categories that are not investments (the bank profile's disclosure ``exempt``:
    # credit, cards, services): a risk appetite grade governs what a client invests in, so a
    # mortgage rated R2 held by a C1 client is no suitability mismatch.
    not_investments: frozenset[str] = frozenset()

    def invests_in(self, product: ProductRecord | None) -> bool:
        """Whether holding ``product`` is an investment the client's risk grade governs (an
        unknown product is taken as one)."""
        return product is None or product.category not in self.not_investments


class Query(_Section):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class PlaybookTopic(_Section):
    """How to find the playbook passage behind one topic: always a query in the playbook's own
    words; optionally the id of the playbook that should answer it."""

    query: Query
    playbook: str | None = Field(default=None, min_length=1)

    def text(self, language: str, tier: str = "") -> str:
        query = self.query.zh if language == "zh" else self.query.en
        return " ".join(query.replace("{tier}", tier).split())


class PlaybookMap(BaseModel):
    """What the offline engine knows about the bank's playbooks (``playbooks.yaml``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str
    topics: dict[str, PlaybookTopic] = Field(default_factory=dict)
    channels: dict[Literal["wechat", "sms", "email", "call"], PlaybookTopic] = Field(
        default_factory=dict
    )

    def topic_for(self, *keys: str | None, playbook: str | None = None) -> PlaybookTopic | None:
        """The first listed topic among ``keys``, else the one naming ``playbook``."""
        for key in keys:
            if key and key in self.topics:
                return self.topics[key]
        if playbook:
            return next((t for t in self.topics.values() if t.playbook == playbook), None)
        return None

    def playbook_ids(self) -> dict[str, str]:
        """Every configured playbook id -> where it is configured (``topics.maturity``)."""
        named = {f"topics.{k}": t.playbook for k, t in self.topics.items()}
        named |= {f"channels.{k}": t.playbook for k, t in self.channels.items()}
        return {v: k for k, v in reversed(named.items()) if v}

    def missing_from(self, ingested: set[str], also: Mapping[str, str] | None = None) -> list[str]:
        """``where: id`` for each configured playbook (the map's, and ``also``: id -> where)
        that the library does not hold (either language edition counts)."""
        editions = {d.removesuffix("-en").removesuffix("-zh") for d in ingested}
        configured = {**(also or {}), **self.playbook_ids()}
        return [
            f"{where}: {doc_id}"
            for doc_id, where in sorted(configured.items(), key=lambda kv: kv[1])
            if doc_id not in ingested and doc_id.removesuffix("-en") not in editions
        ]


def policy_playbooks(policies: Policies) -> dict[str, str]:
    """Every playbook id the tiering and signal policies name -> where (``signals.maturity``)."""
    named: dict[str, str] = {}
    signals = policies.signals
    sections = {
        name: getattr(signals, name)
        for name in (
            "deposit_churn",
            "maturity",
            "growth",
            "dormancy",
            "product_gap",
            "suitability",
        )
    }
    for name, section in sections.items():
        named.setdefault(section.playbook, f"signals.{name}")
    if signals.product_gap.peer_playbook:
        named.setdefault(signals.product_gap.peer_playbook, "signals.product_gap.peer_playbook")
    named.setdefault(signals.actions.corporate_retail_synergy.playbook, "signals.actions")
    named.setdefault(signals.actions.fx_hedging.playbook, "signals.actions")
    for tier, standard in policies.tiering.service_standards.items():
        named.setdefault(standard.playbook, f"tiering.service_standards.{tier}")
    return named


def _read_yaml(path: Path) -> dict:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read policy file ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}:{where} invalid YAML") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    # YAML reads `version: 2026-07` as text but `version: 2026` as a number.
    if "version" in raw:
        raw["version"] = str(raw["version"])
    return raw


def _one_line(path: Path, exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "(top level)"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{path}: {where}: {first['msg']}{more}"


def _parse(model: type[M], path: Path) -> M:
    try:
        return model.model_validate(_read_yaml(path))
    except ValidationError as exc:
        raise ConfigError(_one_line(path, exc)) from None


def load_policies(
    tiering_path: Path | str | None = None, signals_path: Path | str | None = None
) -> Policies:
    """Load and validate the tiering and signal policies (defaults: ``tools/policy/*.yaml``).

    Raises ``ConfigError`` with a one-line ``file: field: problem`` message on a bad file.
    """
    tiering = _parse(TieringPolicy, Path(tiering_path or DEFAULT_TIERING_PATH))
    signals = _parse(SignalPolicy, Path(signals_path or DEFAULT_SIGNALS_PATH))
    return Policies(tiering=tiering, signals=signals)


def load_playbook_map(path: Path | str | None = None) -> PlaybookMap:
    """Load and validate the playbook map (default ``tools/policy/playbooks.yaml``).

    Raises ``ConfigError`` with a one-line ``file: field: problem`` message on a bad file.
    """
    return _parse(PlaybookMap, Path(path or DEFAULT_PLAYBOOK_MAP_PATH))
