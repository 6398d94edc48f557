"""Lines -> the brief's text with client tokens, and where each item's text sits in it.

The whole brief is one masked text so it is restored (and scanned) once, like an answer;
``Layout`` remembers which text line is which item's line or draft request so the restored
text can be handed back item by item.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from assistant.brief.compose import Line
from assistant.brief.model import SECTIONS, Section
from assistant.freshness import stale_line

HEADINGS: dict[Section, tuple[str, str]] = {
    "due_today": ("今日待跟进信号", "Signals due today"),
    "overdue": ("逾期未跟进", "Overdue follow-ups"),
    "maturing": ("{days} 天内到期", "Maturing within {days} days"),
    "actions": ("建议行动", "Next best actions"),
}
NOTHING = ("今日暂无待办。", "Nothing due today.")
DRAFT_LABEL = ("一键起草：", "Draft it: ")
NOT_WORKING_DAY = ("（非工作日：不发送晨报）", "(Not a working day: no brief is sent)")


@dataclass
class Layout:
    """The masked text's lines; ``item_line[i]`` / ``draft_line[i]`` index item ``i``'s.

    Only the lines about clients (``client_lines``) are restored and scanned: headings and
    staff names come from the bank's directory, and a colleague's name that happens to be a
    client contact's would otherwise be redacted by the final scan.
    """

    lines: list[str] = field(default_factory=list)
    item_line: list[int] = field(default_factory=list)
    draft_line: list[int | None] = field(default_factory=list)
    client_lines: list[int] = field(default_factory=list)

    def add(self, text: str, *, about_clients: bool = False) -> int:
        self.lines.append(text)
        if about_clients:
            self.client_lines.append(len(self.lines) - 1)
        return len(self.lines) - 1


def _mark(line: Line, cites: Mapping[str, int]) -> str:
    return f"[{cites[line.playbook]}]"


def _item(
    layout: Layout,
    line: Line,
    tokens: Mapping[str, str],
    cites: Mapping[str, int],
    zh: bool,
    indent: str,
) -> None:
    client = tokens[line.client_id]
    text = (line.zh if zh else line.en).format(client=client)
    layout.item_line.append(
        layout.add(f"{indent}- {text} {_mark(line, cites)}", about_clients=True)
    )
    draft = line.draft_zh if zh else line.draft_en
    if draft is None:
        layout.draft_line.append(None)
        return
    prompt = draft.format(client=client)
    label = DRAFT_LABEL[0 if zh else 1]
    layout.draft_line.append(layout.add(f"{indent}  {label}{prompt}", about_clients=True))


def sections(
    layout: Layout,
    lines: Sequence[Line],
    tokens: Mapping[str, str],
    cites: Mapping[str, int],
    zh: bool,
    *,
    maturing_days: int,
    indent: str = "",
) -> None:
    """Each section with lines, under its heading and count, in the brief's fixed order."""
    for section in SECTIONS:
        chosen = [x for x in lines if x.section == section]
        if not chosen:
            continue
        heading = HEADINGS[section][0 if zh else 1].format(days=maturing_days)
        layout.add(
            f"{indent}{heading}（{len(chosen)}）" if zh else f"{indent}{heading} ({len(chosen)})"
        )
        for line in chosen:
            _item(layout, line, tokens, cites, zh, indent)


def header(
    layout: Layout,
    rm_name: str,
    day: date,
    working_day: bool,
    team: bool,
    zh: bool,
    stale_since: date | None = None,
) -> None:
    if zh:
        kind = "团队晨报" if team else "晨报"
        layout.add(f"{rm_name} · {day.isoformat()} {kind}")
    else:
        kind = "Team brief" if team else "Morning brief"
        layout.add(f"{kind} for {rm_name} · {day.isoformat()}")
    if not working_day:
        layout.add(NOT_WORKING_DAY[0 if zh else 1])
    if stale_since is not None:
        layout.add(stale_line(stale_since, zh))


def citations(layout: Layout, cites: Mapping[str, int]) -> None:
    for doc_id, n in sorted(cites.items(), key=lambda kv: kv[1]):
        layout.add(f"[{n}] {doc_id}")


def cite_numbers(lines: Sequence[Line]) -> dict[str, int]:
    """Playbook id -> citation number, in order of first use (as an answer numbers them)."""
    numbers: dict[str, int] = {}
    for line in lines:
        numbers.setdefault(line.playbook, len(numbers) + 1)
    return numbers
