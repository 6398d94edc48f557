"""A meeting prep in sections, from the ``prepare_meeting`` tool's result and the playbook
passages behind its items. The chat answer joins the sections into text; the .docx renders the
same sections, so the two never say different things. Lines name clients by token only."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.engines.offline import compose as c
from assistant.engines.offline.playbooks import Lookup, find, lookup
from tools.intelligence.fmt import money_en, money_zh
from tools.intelligence.policy import PlaybookMap
from tools.toolbox import Toolbox

CITE = re.compile(r"\[(\d{1,3})\]")
WORDS: dict[str, tuple[str, str]] = {
    "title": ("会前准备", "Meeting prep"),
    "as_of": ("数据截至", "data as of"),
    "last": ("上次接触", "Last contact"),
    "meeting_with": ("会见", "Meeting with"),
    "days_ago": ("距今 {n} 天", "{n} days ago"),
    "never": ("无接触记录", "no contact on file"),
    "holdings": ("持有产品", "Holdings"),
    "matures": ("{date} 到期", "matures {date}"),
    "changes": ("自上次接触以来的变化", "What changed since the last contact"),
    "no_changes": ("无变化记录", "Nothing on file has changed"),
    "notes": ("最近记录", "Latest notes"),
    "no_notes": ("暂无记录", "No notes on file"),
    "open": ("待办事项", "Open next steps"),
    "none_open": ("暂无待办", "Nothing open"),
    "agenda": ("建议议程", "Suggested agenda"),
    "ask": ("可以问", "Ask"),
    "due": ("截止", "due"),
    "basis": ("依据（行内手册）", "From the playbooks"),
    "compliance": ("合规提示", "Compliance reminders"),
    "suitable": ("符合客户风险承受能力", "within the client's risk appetite"),
    "no_finding": ("无需额外风险提示", "no further disclosure needed"),
    "document": ("Word 版可在本回答下方下载。", "A Word copy can be downloaded below this answer."),
}


def w(key: str, language: str) -> str:
    return WORDS[key][0 if language == "zh" else 1]


@dataclass(frozen=True)
class Section:
    heading: str
    lines: list[str]


def refs(playbooks: PlaybookMap, prep: dict) -> dict[str, Lookup]:
    """The passage behind each agenda item, open step and conduct reminder, by line key."""
    out: dict[str, Lookup] = {}
    for i, item in enumerate(prep["agenda"]):
        out[f"agenda:{i}"] = lookup(
            playbooks,
            item["kind"],
            item.get("signal_kind"),
            playbook=item.get("playbook"),
            fallback=item["title"],
        )
    for i, step in enumerate(prep["open_steps"]):
        out[f"open:{i}"] = lookup(
            playbooks, step.get("signal_kind"), playbook=step.get("playbook"), fallback=step["text"]
        )
    if prep["compliance"]:
        out["compliance"] = lookup(playbooks, "suitability", fallback="suitability")
    return out


async def passages(tb: Toolbox, wanted: dict[str, Lookup], tier: str, language: str) -> dict:
    """One search per distinct playbook (or query); every line key gets its passage."""
    by_ref: dict[str, dict | None] = {}
    out: dict[str, dict] = {}
    for key, ref in wanted.items():
        if ref.key not in by_ref:
            by_ref[ref.key] = await find(tb, ref, language, tier=tier)
        if (found := by_ref[ref.key]) is not None:
            out[key] = found
    return out


def sections(prep: dict, found: dict[str, dict], language: str) -> list[Section]:
    def cite(key: str) -> str:
        return f" [{found[key]['n']}]" if key in found else ""

    zh = language == "zh"
    head = [_header(prep, language)]
    return [
        Section(w("title", language), head),
        Section(w("holdings", language), _holdings(prep.get("holdings") or [], language)),
        Section(
            w("changes", language),
            [f"- {x['text']}" for x in prep["changes"]] or [f"- {w('no_changes', language)}"],
        ),
        Section(w("notes", language), _notes(prep, language)),
        Section(
            w("open", language),
            [f"- {s['text']}{cite(f'open:{i}')}" for i, s in enumerate(prep["open_steps"])]
            or [f"- {w('none_open', language)}"],
        ),
        Section(w("agenda", language), _agenda(prep, language, cite)),
        Section(w("basis", language), _basis(found)),
        Section(w("compliance", language), _compliance(prep, language, cite("compliance"), zh)),
    ]


def _holdings(held: list[dict], language: str) -> list[str]:
    zh = language == "zh"
    money = money_zh if zh else money_en
    out = []
    for h in held:
        parts = [money(h["balance"])] if h.get("balance") else []
        if h.get("maturity_date"):
            parts.append(w("matures", language).format(date=h["maturity_date"]))
        detail = ("，" if zh else ", ").join(parts)
        named = (
            f"{h['product']}（{h['product_code']}）"
            if zh
            else f"{h['product']} ({h['product_code']})"
        )
        out.append(f"- {named}" + ((("：" if zh else ": ") + detail) if detail else ""))
    return out


def _header(prep: dict, language: str) -> str:
    last = prep["last_contact"]
    sep = "，" if language == "zh" else ", "
    colon = "：" if language == "zh" else ": "
    when = (
        f"{w('last', language)}{colon}{last['date']} · {_channel(last)} · "
        + w("days_ago", language).format(n=last["days_ago"])
        if last
        else f"{w('last', language)}{colon}{w('never', language)}"
    )
    who = f"{prep['name']} ({prep['client_id']}) · {prep['tier_label']}"
    if basis := _tier_reason(prep):
        who += f"（{basis}）" if language == "zh" else f" ({basis})"
    head = f"{who}{sep}{w('as_of', language)} {prep['as_of']}{sep}{when}"
    if met := prep.get("meeting_with"):  # "下周二去见黄总": who the meeting is with
        person = met["name"]
        if met.get("title"):
            person += f"（{met['title']}）" if language == "zh" else f" ({met['title']})"
        head += f"\n{w('meeting_with', language)}{colon}{person}"
    return head


def _tier_reason(prep: dict) -> str:
    """The tier's reason without the tier's name, which the head already says ("战略客户：日均
    存款 5.2 亿 ≥ 1 亿" → "日均存款 5.2 亿 ≥ 1 亿")."""
    basis = str(prep.get("tier_basis") or "")
    label = str(prep.get("tier_label") or "")
    for colon in ("：", ": ", ":"):
        if label and basis.startswith(label + colon):
            return basis[len(label) + len(colon) :].strip()
    return basis


def _channel(contact: dict) -> str:
    """The channel as the RM says it (the note policy's word), else as the extract has it."""
    return str(contact.get("channel_said") or contact["channel"])


def _notes(prep: dict, language: str) -> list[str]:
    if not prep["notes"]:
        return [f"- {w('no_notes', language)}"]
    out = []
    for n in prep["notes"]:
        out.append(f"- {n['date']} · {_channel(n)}")
        out += [f"  {line}" for line in n["lines"]]
    return out


def _agenda(prep: dict, language: str, cite: Callable[[str], str]) -> list[str]:
    out = []
    for i, item in enumerate(prep["agenda"], start=1):
        due = f"（{w('due', language)} {item['due_date']}）" if item["due_date"] else ""
        if language != "zh" and item["due_date"]:
            due = f" ({w('due', language)} {item['due_date']})"
        out.append(f"{i}. {item['title']}{due}{cite(f'agenda:{i - 1}')}")
        out.append(f"   {item['reason']}")
        colon = "：" if language == "zh" else ": "
        out += [f"   {w('ask', language)}{colon}{q}" for q in item["questions"]]
    return out


def _basis(found: dict[str, dict]) -> list[str]:
    seen: dict[int, dict] = {}
    for p in found.values():
        seen.setdefault(p["n"], p)
    cited = [seen[n] for n in sorted(seen)]
    return [c.passage_ref(p) for p in cited] + c.talking_points(cited, limit=len(cited))


def _compliance(prep: dict, language: str, mark: str, zh: bool) -> list[str]:
    out = []
    for r in prep["compliance"]:
        head = (
            f"- {r['product']}（{r['product_code']}，{r['risk_level']}）"
            if zh
            else (f"- {r['product']} ({r['product_code']}, {r['risk_level']})")
        )
        if not r["reminders"]:
            out.append(f"{head}: {w('suitable', language)}; {w('no_finding', language)}{mark}")
            continue
        if r["suitable"]:
            head += f": {w('suitable', language)}"
        out.append(head + mark)
        out += [f"  · {x['explanation']} {x['action']}" for x in r["reminders"]]
    return out


def cited(parts: list[Section]) -> set[int]:
    """The citation numbers the lines use: a document lists these passages, not every one the
    searches returned."""
    return {int(n) for s in parts for line in s.lines for n in CITE.findall(line)}


def text(parts: list[Section], with_document: bool, language: str) -> str:
    blocks = [[c.heading(s.heading), *s.lines] for s in parts if s.lines]
    if with_document:
        blocks.append([w("document", language)])
    return c.join(blocks)
