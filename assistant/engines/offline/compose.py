"""Turn tool results into a grounded, structured answer (masked text with [n] citations)."""

from __future__ import annotations

import re

from assistant.core.types import ActionItem, ClientCard
from assistant.engines.offline.phrases import t

SEVERITY_MARK = {"high": "🔴", "medium": "🟠", "low": "🟢"}


def heading(text: str) -> str:
    return f"**{text}**"


def client_card(profile: dict) -> ClientCard:
    return ClientCard(
        client_id=profile["client_id"],
        name=profile["name"],
        tier=profile.get("tier_label"),
        facts=list(profile.get("facts", []))[:6],
    )


def snapshot(profile: dict, language: str) -> list[str]:
    kind = {"corporate": ("对公客户", "Corporate"), "retail": ("零售客户", "Retail")}[
        profile["client_type"]
    ]
    bits = [kind[0] if language == "zh" else kind[1]]
    if profile.get("industry"):
        bits.append(profile["industry"])
    bits.append(
        f"{profile['tier_label']}（{profile['tier_explanation']}）"
        if language == "zh"
        else f"{profile['tier_label']} ({profile['tier_explanation']})"
    )
    lines = [
        f"{profile['name']}（{profile['client_id']}）· " + " · ".join(bits)
        if language == "zh"
        else f"{profile['name']} ({profile['client_id']}) · " + " · ".join(bits)
    ]
    lines += [f"- {fact} {t('profile_src', language)}" for fact in profile.get("facts", [])[:5]]
    return lines


def basics(profile: dict, language: str) -> list[str]:
    """Risk appetite, size and tenure: what an RM checks before proposing anything."""
    zh = language == "zh"
    lines = []
    if profile.get("risk_appetite"):
        lines.append(
            f"- 风险偏好（风险承受能力）：{profile['risk_appetite']}"
            if zh
            else f"- Risk appetite: {profile['risk_appetite']}"
        )
    if profile.get("employees"):
        lines.append(
            f"- 员工人数：{profile['employees']}" if zh else f"- Employees: {profile['employees']}"
        )
    lines.append(
        f"- 开户日期：{profile['onboard_date']} · {profile['branch']}"
        if zh
        else f"- Client since {profile['onboard_date']} · {profile['branch']}"
    )
    return lines


FINDING_LABELS = {
    "guaranteed_return": ("对收益作出承诺的表述", "promises about returns"),
    "risk_free_language": ("否认投资风险的表述", "language that denies investment risk"),
    "suitability_mismatch": (
        "产品风险等级高于客户风险承受能力（适当性不匹配），请勿向该客户推荐",
        "product risk above the client's risk tolerance (suitability mismatch) — do not recommend it",
    ),
    "missing_risk_disclosure": ("缺少风险提示（已补充）", "missing risk disclosure (added)"),
    "pressure_selling": ("施压式营销用语", "pressure-selling language"),
    "full_identifier": (
        "完整证件号/手机号/卡号（已删除）",
        "a full ID, phone or card number (removed)",
    ),
}


def finding_label(code: str, language: str) -> str:
    zh, en = FINDING_LABELS.get(code, (code, code))
    return f"{zh}（compliance:{code}）" if language == "zh" else f"{en} (compliance:{code})"


def standard_line(profile: dict, passage: dict | None, language: str) -> list[str]:
    """The tier's service standard, cited, as the baseline for the next contact."""
    if not passage:
        return []
    return [
        f"- 按{profile['tier_label']}服务标准安排接触频次与响应时效 [{passage['n']}]"
        if language == "zh"
        else f"- Keep to the {profile['tier_label']} service standard for contact frequency and response time [{passage['n']}]"
    ]


def signal_lines(
    signals: list[dict], language: str, cite_for: dict[str, int] | None = None
) -> list[str]:
    if not signals:
        return [f"- {t('no_signals', language)}"]
    out = []
    cite_for = cite_for or {}
    for s in signals[:5]:
        due = (
            f"（{t('due', language)} {s['due_date']}）"
            if s.get("due_date") and language == "zh"
            else (f" ({t('due', language)} {s['due_date']})" if s.get("due_date") else "")
        )
        ref = f" [{cite_for[s['playbook']]}]" if s.get("playbook") in cite_for else ""
        out.append(
            f"- {SEVERITY_MARK.get(s['severity'], '•')} {s['title']}：{s['detail']}{due}{ref}"
            if language == "zh"
            else f"- {SEVERITY_MARK.get(s['severity'], '•')} {s['title']}: {s['detail']}{due}{ref}"
        )
    return out


def action_lines(
    actions: list[dict], cite_for: dict[str, int], language: str
) -> tuple[list[str], list[ActionItem]]:
    lines, items = [], []
    for i, a in enumerate(actions[:4], 1):
        ref = f" [{cite_for[a['playbook']]}]" if a.get("playbook") in cite_for else ""
        due = (
            f"（{t('due', language)} {a['due_date']}）"
            if a.get("due_date") and language == "zh"
            else (f" ({t('due', language)} {a['due_date']})" if a.get("due_date") else "")
        )
        sep = "——" if language == "zh" else " — "
        lines.append(f"{i}. {a['title']}{due}{sep}{a['reason']}{ref}")
        items.append(
            ActionItem(
                title=a["title"],
                reason=a["reason"],
                due=a.get("due_date"),
                playbook=a.get("playbook"),
            )
        )
    return lines, items


BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.、)]|[（(]?\d+[）)])\s*(.+)$")


def talking_points(passages: list[dict], limit: int = 3) -> list[str]:
    """A few concrete lines from the cited passages, each carrying its citation number."""
    points: list[str] = []
    for p in passages:
        for line in p["text"].splitlines():
            m = BULLET.match(line)
            if m and 8 <= len(m.group(1)) <= 140 and not m.group(1).startswith("#"):
                points.append(f"- {m.group(1).strip()} [{p['n']}]")
                break
        if len(points) >= limit:
            break
    return points


def passage_title(p: dict) -> str:
    """The label "playbook › section", or the title alone for a playbook's opening passage."""
    return f"{p['title']} › {p['section']}" if p.get("section") else p["title"]


def passage_ref(p: dict) -> str:
    return f"- {passage_title(p)} [{p['n']}]"


def passage_summary(p: dict, language: str, max_lines: int = 4) -> list[str]:
    title = passage_title(p)
    stale = t("stale", language) if p.get("stale") else ""
    lines = [f"[{p['n']}] {heading(title)}{stale}"]
    body = [
        ln.strip() for ln in p["text"].splitlines() if ln.strip() and not ln.strip().startswith("#")
    ]
    for ln in body[:max_lines]:
        lines.append(ln if BULLET.match(ln) else f"- {ln}")
    return lines


def book_lines(result: dict, language: str) -> list[str]:
    rows = result.get("clients", [])
    if not rows:
        return [t("book_none", language)]
    head = (
        f"共 {result['matched']} 位客户符合条件（管户 {result['book_size']} 位），按优先级列出前 {len(rows)} 位："
        if language == "zh"
        else f"{result['matched']} of your {result['book_size']} clients match; the top {len(rows)}:"
    )
    lines = [head]
    for i, r in enumerate(rows, 1):
        lines.append(
            f"{i}. {r['name']}（{r['client_id']}）· {r.get('summary', '')}"
            if language == "zh"
            else f"{i}. {r['name']} ({r['client_id']}) · {r.get('summary', '')}"
        )
    return lines


def gap_lines(result: dict, language: str) -> list[str]:
    gaps = result.get("follow_up_gaps", [])
    if not gaps:
        return [t("gaps_none", language)]
    lines = []
    for i, g in enumerate(gaps, 1):
        if language == "zh":
            lines.append(
                f"{i}. {g['name']}（{g['client_id']}，{g['rm_id']}）· {g['signal']} · 发现于 {g['detected_on']}，"
                f"应于 {g['due_date']} 前跟进，已逾期 {g['days_overdue']} 天"
            )
        else:
            lines.append(
                f"{i}. {g['name']} ({g['client_id']}, {g['rm_id']}) · {g['signal']} · detected {g['detected_on']}, "
                f"due {g['due_date']}, {g['days_overdue']} days overdue"
            )
    return lines


def join(blocks: list[list[str]]) -> str:
    return "\n\n".join("\n".join(b) for b in blocks if b)
