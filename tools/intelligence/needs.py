"""Needs-based segments (需求分群): a retail client's life stage, a company's business stage.

Tiering by value says how much service a client earns; the needs segment says what that
service should be about (a 52-year-old's retirement planning, an expanding company's credit
line). The bank defines the segments in ``tiering.yaml`` (``needs_segments``): per client type,
the first segment from the top all of whose conditions hold. A condition on a figure the
extract does not have (no date of birth, no headcount) does not hold, so a client is never put
in a segment on a guess; one that fits none has no segment, and the answer says nothing of it.

The answer explains a segment as it explains a tier: the figures that decided it and the needs
the bank's policy names for it ("退休准备期：年龄 54 岁；关注：养老规划、资产保值").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tools.bank.records import ClientRecord
from tools.intelligence.age import age_on
from tools.intelligence.fmt import money_en, money_zh

NeedsMetric = Literal[
    "age", "employees", "revenue", "deposit_change", "loan_balance", "years_with_bank"
]
# metric -> (zh label, en label): how the explanation names the figure
METRIC_WORDS: dict[str, tuple[str, str]] = {
    "age": ("年龄", "age"),
    "employees": ("员工", "employees"),
    "revenue": ("年营收", "annual revenue"),
    "deposit_change": ("近三月日均存款较前三月", "deposits, last 3 months vs the 3 before"),
    "loan_balance": ("贷款余额", "loan balance"),
    "years_with_bank": ("合作年限", "years with the bank"),
}


class _Section(BaseModel):
    # A misspelt key would otherwise be ignored and the segment match everyone.
    model_config = ConfigDict(extra="forbid", frozen=True)


class NeedsCondition(_Section):
    metric: NeedsMetric
    gte: float | None = None
    lt: float | None = None

    @model_validator(mode="after")
    def _bounded(self) -> NeedsCondition:
        if self.gte is None and self.lt is None:
            raise ValueError(f"{self.metric}: a condition needs `gte`, `lt` or both")
        return self

    def holds(self, value: float | None) -> bool:
        return (
            value is not None
            and (self.gte is None or value >= self.gte)
            and (self.lt is None or value < self.lt)
        )


class NeedsSegment(_Section):
    segment: str = Field(min_length=1)
    label_zh: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    conditions: tuple[NeedsCondition, ...] = Field(alias="all")
    needs_zh: str = Field(min_length=1)
    needs_en: str = Field(min_length=1)
    # Other names RMs use in questions ("银发客户", "start-ups"): read, never shown.
    aliases: tuple[str, ...] = ()

    def fits(self, values: Mapping[str, float | None]) -> bool:
        return all(c.holds(values.get(c.metric)) for c in self.conditions)


class NeedsPolicy(_Section):
    retail: tuple[NeedsSegment, ...] = ()
    corporate: tuple[NeedsSegment, ...] = ()

    @model_validator(mode="after")
    def _unique(self) -> NeedsPolicy:
        names = [s.segment for s in (*self.retail, *self.corporate)]
        if len(set(names)) != len(names):
            raise ValueError(f"needs_segments: duplicate segment names {names}")
        return self

    def ladder(self, client_type: str) -> tuple[NeedsSegment, ...]:
        return self.retail if client_type == "retail" else self.corporate

    def definition(self, segment: str) -> NeedsSegment | None:
        wanted = segment.strip().casefold()
        return next(
            (
                s
                for s in (*self.retail, *self.corporate)
                if wanted in {n.casefold() for n in (s.segment, s.label_zh, s.label_en, *s.aliases)}
            ),
            None,
        )

    @cached_property
    def _said(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        """How a question names a segment, longest phrase first: Chinese as it stands, English
        as whole words."""
        found: dict[str, str] = {}
        for s in (*self.retail, *self.corporate):
            for phrase in (s.label_zh, s.label_en, *s.aliases):
                found.setdefault(phrase.strip(), s.segment)
        out = []
        for phrase, segment in sorted(found.items(), key=lambda kv: -len(kv[0])):
            if re.search(r"[\u3400-\u9fff]", phrase):
                out.append((re.compile(re.escape(phrase)), segment))
            else:
                body = r"[\s-]?".join(re.escape(w) for w in re.split(r"[\s-]+", phrase) if w)
                out.append((re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", re.I), segment))
        return tuple(out)

    def segment_in(self, text: str) -> str | None:
        """The segment ``text`` names (its longest phrase), if any."""
        return next((seg for rx, seg in self._said if rx.search(text)), None)

    def without_segments(self, text: str) -> str:
        """``text`` with every segment phrase blanked (same length)."""
        for rx, _seg in self._said:
            text = rx.sub(lambda m: " " * len(m.group(0)), text)
        return text


class NeedsResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    segment: str
    label_zh: str
    label_en: str
    explanation_zh: str
    explanation_en: str


def needs_values(
    client: ClientRecord,
    as_of: date,
    *,
    deposit_change: float | None,
    loan_balance: float,
    age: int | None = None,
) -> dict[str, float | None]:
    """The figures segments are decided on, None where the extract has none. ``age`` may be
    passed when the caller has it already (the book computes it once per row)."""
    retail = client.client_type == "retail"
    if age is None and retail:
        age = age_on(client.registration_id, as_of)
    years = (as_of - client.onboard_date).days / 365.25 if client.onboard_date else None
    return {
        "age": float(age) if age is not None else None,
        "employees": float(client.employees) if client.employees is not None else None,
        "revenue": float(client.annual_revenue) if client.annual_revenue is not None else None,
        "deposit_change": deposit_change,
        "loan_balance": loan_balance,
        "years_with_bank": years,
    }


def _figure(metric: str, value: float, zh: bool) -> str:
    if metric == "age":
        return f"{value:g} 岁" if zh else f"{value:g}"
    if metric == "employees":
        return f"{value:g} 人" if zh else f"{value:g}"
    if metric == "deposit_change":
        return f"{value:+.0%}"
    if metric == "years_with_bank":
        return f"{int(value)} 年" if zh else f"{int(value)} years"
    return money_zh(value) if zh else money_en(value)


def assign_needs(
    policy: NeedsPolicy | None, client_type: str, values: Mapping[str, float | None]
) -> NeedsResult | None:
    """The client's needs segment under ``policy`` with the figures that decided it; None when
    the bank defines none or the client fits none."""
    if policy is None:
        return None
    segment = next((s for s in policy.ladder(client_type) if s.fits(values)), None)
    if segment is None:
        return None
    metrics = list(dict.fromkeys(c.metric for c in segment.conditions))
    said = {
        zh: ("、" if zh else ", ").join(
            f"{METRIC_WORDS[m][0 if zh else 1]} {_figure(m, values[m] or 0.0, zh)}" for m in metrics
        )
        for zh in (True, False)
    }
    why_zh = f"（{said[True]}）" if metrics else ""
    why_en = f" ({said[False]})" if metrics else ""
    return NeedsResult(
        segment=segment.segment,
        label_zh=segment.label_zh,
        label_en=segment.label_en,
        explanation_zh=f"{segment.label_zh}{why_zh}；关注：{segment.needs_zh}",
        explanation_en=f"{segment.label_en}{why_en}; needs: {segment.needs_en}",
    )
