"""Turn tool results into a grounded, structured answer (masked text with [n] citations)."""

from __future__ import annotations

import re

from assistant.core.types import ActionItem, ClientCard
from assistant.engines.offline.direct import terms
from assistant.engines.offline.phrases import FINDING_LABELS, t

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
    bits = [t(f"kind_{profile['client_type']}", language)]
    if profile.get("industry"):
        bits.append(profile["industry"])
    bits.append(
        t("tier_with_reason", language).format(
            tier=profile["tier_label"], why=profile["tier_explanation"]
        )
    )
    lines = [
        t("client_named", language).format(name=profile["name"], client_id=profile["client_id"])
        + t("after_name", language)
        + " · ".join(bits)
    ]
    lines += [f"- {fact} {t('profile_src', language)}" for fact in profile.get("facts", [])[:5]]
    if why := profile.get("needs_explanation"):  # what the service should be about
        lines.append(
            f"- {t('needs_segment', language).format(why=why)} {t('profile_src', language)}"
        )
    if said := experience(profile.get("experience") or {}, language):
        lines.append(f"- {said} {t('profile_src', language)}")
    return lines


def experience(exp: dict, language: str) -> str:
    """服务体验 in one line: the last survey and any open complaint (which pauses marketing)."""
    zh = language == "zh"
    parts = []
    if s := exp.get("last_survey"):
        score = f"{s['score']:g}/{s['scale']}"
        said = (
            f"，“{s['comment']}”"
            if zh and s.get("comment")
            else f", '{s['comment']}'"
            if s.get("comment")
            else ""
        )
        parts.append(
            f"最近满意度 {score}（{s['date']}{said}）"
            if zh
            else f"last survey {score} ({s['date']}{said})"
        )
    for c in exp.get("open_complaints") or []:
        late = ("，已逾期" if zh else ", overdue") if c.get("overdue") else ""
        parts.append(
            f"未结投诉：{c['category']}（{c['received']} 受理，{c['due']} 前办结{late}；期间暂停营销）"
            if zh
            else f"open complaint: {c['category']} (received {c['received']}, due {c['due']}{late}; marketing paused)"
        )
    if not parts:
        return ""
    return ("客户体验：" + "；".join(parts)) if zh else ("Experience: " + "; ".join(parts))


def basics(profile: dict, language: str) -> list[str]:
    """Risk appetite, size and tenure: what an RM checks before proposing anything."""
    lines = []
    if profile.get("risk_appetite"):
        lines.append(t("risk_appetite", language).format(value=profile["risk_appetite"]))
    if profile.get("risk_rating"):
        lines.append(t("risk_rating", language).format(value=profile["risk_rating"]))
    if profile.get("employees"):
        lines.append(t("employees", language).format(value=profile["employees"]))
    lines.append(
        t("client_since", language).format(date=profile["onboard_date"], branch=profile["branch"])
    )
    return lines


def finding_label(code: str, language: str) -> str:
    zh, en = FINDING_LABELS.get(code, (code, code))
    label = zh if language == "zh" else en
    return t("finding", language).format(label=label, code=code)


def standard_line(profile: dict, passage: dict | None, language: str) -> list[str]:
    """The tier's service standard, cited, as the baseline for the next contact."""
    if not passage:
        return []
    return [t("standard_line", language).format(tier=profile["tier_label"], n=passage["n"])]


def signal_lines(
    signals: list[dict], language: str, cite_for: dict[str, int] | None = None
) -> list[str]:
    if not signals:
        return [f"- {t('no_signals', language)}"]
    out = []
    cite_for = cite_for or {}
    for s in signals[:5]:
        ref = f" [{cite_for[s['playbook']]}]" if s.get("playbook") in cite_for else ""
        mark = SEVERITY_MARK.get(s["severity"], "•")
        line = t("signal_line", language).format(mark=mark, title=s["title"], detail=s["detail"])
        out.append(line + _due(s.get("due_date"), language) + ref)
    return out


def _due(date: str | None, language: str) -> str:
    return t("due_suffix", language).format(date=date) if date else ""


def action_lines(
    actions: list[dict], cite_for: dict[str, int], language: str
) -> tuple[list[str], list[ActionItem]]:
    lines, items = [], []
    for i, a in enumerate(actions[:4], 1):
        ref = f" [{cite_for[a['playbook']]}]" if a.get("playbook") in cite_for else ""
        due = _due(a.get("due_date"), language)
        lines.append(f"{i}. {a['title']}{due}{t('dash', language)}{a['reason']}{ref}")
        items.append(
            ActionItem(
                title=a["title"],
                reason=a["reason"],
                due=a.get("due_date"),
                playbook=a.get("playbook"),
                action_key=a.get("action_key"),
            )
        )
    return lines, items


BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.、)]|[（(]?\d+[）)])\s*(.+)$")


def talking_points(passages: list[dict], limit: int = 4, per_passage: int = 2) -> list[str]:
    """A few concrete lines from the cited passages (the first ones first), each carrying its
    citation number; a line two passages share is said once."""
    points: list[str] = []
    seen: set[str] = set()
    for p in passages:
        taken = 0
        for line in p["text"].splitlines():
            m = BULLET.match(line)
            said = m.group(1).strip() if m else ""
            if m and 8 <= len(said) <= 140 and not said.startswith("#") and said not in seen:
                seen.add(said)
                points.append(f"- {said} [{p['n']}]")
                taken += 1
                if taken >= per_passage:
                    break
        if len(points) >= limit:
            break
    return points[:limit]


def passage_title(p: dict) -> str:
    """The label "playbook › section", or the title alone for a playbook's opening passage."""
    return f"{p['title']} › {p['section']}" if p.get("section") else p["title"]


def passage_ref(p: dict) -> str:
    return f"- {passage_title(p)} [{p['n']}]"


def passage_summary(
    p: dict, language: str, max_lines: int = 4, question: str | None = None
) -> list[str]:
    title = passage_title(p)
    stale = t("stale", language) if p.get("stale") else ""
    lines = [f"[{p['n']}] {heading(title)}{stale}"]
    body = [
        ln.strip() for ln in p["text"].splitlines() if ln.strip() and not ln.strip().startswith("#")
    ]
    for ln in body[:max_lines] + _asked_part(body, max_lines, question):
        lines.append(ln if BULLET.match(ln) else f"- {ln}")
    return lines


def _asked_part(body: list[str], shown: int, question: str | None) -> list[str]:
    """The part of a long passage past the lines shown that the question is about more than
    any shown line ("远期结汇要提示什么风险" in a section listing disclosures by product): that
    line, and the line under it when it is a short sub-heading."""
    if not question or len(body) <= shown:
        return []
    asked = terms(question)
    overlap = [len(asked & terms(ln)) for ln in body]
    best = max(range(shown, len(body)), key=lambda i: overlap[i])
    if overlap[best] < 2 or overlap[best] <= max(overlap[:shown]):
        return []
    under = best + 1 < len(body) and len(body[best]) <= SUBHEADING_CHARS
    return body[best : best + 2] if under else [body[best]]


SUBHEADING_CHARS = 16  # a line this short with a line under it titles that line


def book_lines(result: dict, language: str) -> list[str]:
    rows = result.get("clients", [])
    if not rows and result.get("matched"):
        return []  # a count of the whole book: the number is the answer, no rows were asked
    if not rows:
        return [t("book_none", language)]
    key = "book_head_one" if result["matched"] == 1 else "book_head"
    head = t(key, language).format(
        matched=result["matched"], size=result["book_size"], shown=len(rows)
    )
    lines = [head]
    for i, r in enumerate(rows, 1):
        named = t("client_named", language).format(name=r["name"], client_id=r["client_id"])
        lines.append(f"{i}. {named}{t('after_name', language)}{r.get('summary', '')}")
    return lines


def gap_lines(result: dict, language: str) -> list[str]:
    gaps = result.get("follow_up_gaps", [])
    if not gaps:
        return [t("gaps_none", language)]
    return [
        f"{i}. "
        + (
            t("gap_line", language).format(**g)
            if g["days_overdue"] > 0
            else t("gap_open_line", language).format(**g, days_left=-g["days_overdue"])
        )
        for i, g in enumerate(gaps, 1)
    ]


def join(blocks: list[list[str]]) -> str:
    return "\n\n".join("\n".join(b) for b in blocks if b)
