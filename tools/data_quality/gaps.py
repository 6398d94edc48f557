"""``data_gaps``: per field the bank's data-quality policy asks for, how many of the caller's
clients lack it and the first of them (a team lead: the team's book, or one RM's; per RM
too). Stale contact and reviews due count as gaps; values are never shown, only what is
missing."""

from __future__ import annotations

from collections import Counter
from datetime import date

from pydantic import BaseModel, Field

from tools.bank.records import ClientData
from tools.data_quality.policy import DataQualityPolicy, load_data_quality_policy
from tools.names.staff import resolve
from tools.toolbox import Toolbox

# The standard columns' labels (DESIGN §4.3); a bank's extra columns take theirs from the policy.
LABELS = {
    "industry": ("行业", "industry"),
    "risk_rating": ("行内评级", "internal rating"),
    "risk_appetite": ("风险承受能力（风险测评）", "risk appetite (assessment)"),
    "employees": ("员工人数", "employee count"),
    "annual_revenue": ("年营业收入", "annual revenue"),
    "registration_id": ("统一社会信用代码/证件号", "registration id"),
    "phone": ("联系电话", "phone"),
    "email": ("电子邮箱", "e-mail"),
    "address": ("地址", "address"),
    "primary_contact": ("主要联系人", "primary contact"),
    "stale_contact": ("接触记录过旧", "no recent contact"),
    "review_due": ("复核到期", "review due"),
}
SHOWN = 5


class DataGapsArgs(BaseModel):
    rm: str | None = Field(
        default=None, description="A team lead: one RM of the team (name or id); unset: the book"
    )
    limit: int = Field(default=SHOWN, ge=0, le=20, description="Clients named per field")


def client_gaps(
    data: ClientData, policy: DataQualityPolicy, as_of: date, days_since_contact: int | None
) -> list[str]:
    """The fields this client's record lacks, in the policy's order."""
    c = data.client
    segment = c.client_type
    out = [f for f in policy.required.get(segment, ()) if _blank(_value(c, f))]  # type: ignore[call-overload]
    if segment in policy.primary_contact and not any(p.is_primary for p in data.contacts):
        out.append("primary_contact")
    stale = policy.contact_stale_days
    if stale is not None and (days_since_contact is None or days_since_contact > stale):
        out.append("stale_contact")
    if policy.review is not None and (said := c.attributes.get(policy.review.column)):
        try:
            last = date.fromisoformat(str(said)[:10])
        except ValueError:
            last = None
        if last is not None and as_of >= _months_after(last, policy.review.every_months):
            out.append("review_due")
    return out


def _months_after(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _value(client: object, field: str) -> object:
    if hasattr(client, field):
        return getattr(client, field)
    return client.attributes.get(field)  # type: ignore[attr-defined]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def label(field: str, language: str, policy: DataQualityPolicy) -> str:
    if field in policy.labels:
        return policy.labels[field].zh if language == "zh" else policy.labels[field].en
    zh, en = LABELS.get(field, (field, field))
    return zh if language == "zh" else en


def data_gaps(tb: Toolbox, args: DataGapsArgs) -> dict:
    tb.caller.require_client_access()
    intel = tb.services.intelligence
    policy = tb.services.data_quality or load_data_quality_policy()
    book = tb.caller.client_ids
    rm = None
    if args.rm:
        rm = resolve(args.rm, intel.rms)
        tb.caller.require_rm(rm)  # another team's RM, or an RM naming a colleague: refused
    rows = {r.client_id: r for r in intel.book_rows(book)}
    datas = [
        d for d in intel.book_data(frozenset(book)) if rm is None or d.client.rm_id == rm.rm_id
    ]
    as_of = intel.extract_as_of  # the record is as old as the extract
    per_client = {
        d.client.client_id: client_gaps(
            d, policy, as_of, getattr(rows.get(d.client.client_id), "days_since_contact", None)
        )
        for d in datas
    }
    counts = Counter(f for gaps in per_client.values() for f in gaps)
    fields = [f for f in _order(policy) if counts[f]]
    named: dict[str, list[str]] = {f: [] for f in fields}
    for cid in sorted(per_client):
        for f in per_client[cid]:
            if len(named[f]) < args.limit:
                named[f].append(cid)
    tokens = dict(zip(
        [cid for ids in named.values() for cid in ids],
        tb.tokens([(_name(datas, cid), "CLIENT", cid) for ids in named.values() for cid in ids]),
        strict=True,
    ))  # fmt: skip
    for ids in named.values():
        for cid in ids:
            tb.touch(cid)
    out: dict = {
        "data_as_of": as_of.isoformat(),
        "clients": len(datas),
        "with_gaps": sum(1 for g in per_client.values() if g),
        "fields": [
            {
                "field": f,
                "label": label(f, tb.language, policy),
                "missing": counts[f],
                "clients": [tokens[cid] for cid in named[f]],
            }
            for f in fields
        ],
    }
    if rm is not None:
        out["rm"] = {"rm_id": rm.rm_id, "name": rm.name}
    owners = {d.client.rm_id for d in datas}
    if rm is None and len(owners) > 1:  # a team: who has most to fill in
        names = {r.rm_id: r.name for r in intel.rms}
        per_rm = Counter(d.client.rm_id for d in datas if per_client[d.client.client_id])
        out["per_rm"] = [
            {"rm_id": r, "name": names.get(r, r), "with_gaps": per_rm[r],
             "clients": sum(1 for d in datas if d.client.rm_id == r)}
            for r in sorted(owners, key=lambda r: -per_rm[r])
        ]  # fmt: skip
    return out


def _order(policy: DataQualityPolicy) -> list[str]:
    seen: list[str] = []
    for fields in policy.required.values():
        seen += [f for f in fields if f not in seen]
    return [*seen, "primary_contact", "stale_contact", "review_due"]


def _name(datas: list[ClientData], client_id: str) -> str:
    return next(d.client.name for d in datas if d.client.client_id == client_id)
