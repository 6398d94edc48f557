"""A note read into its parts (DESIGN §4.3 ``interactions.csv`` plus the structure the data
playbook asks for: 方式、对象、要点、下一步). Works on masked text only: contact and client
names are tokens here, and only ``tools.notes.save`` turns them back into what the RM typed.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel

from assistant.privacy.tokens import TOKEN_RE
from tools.intelligence.policy import CalendarPolicy
from tools.notes.dates import DATE_WORDS, due_by, happened_on
from tools.notes.policy import NotePolicy

Day = date  # the field named ``date`` shadows the type in the class body
# A space between Chinese words is a chat's comma ("刚给⟦PERSON_1⟧打了电话 她说…").
CLAUSES = re.compile(
    r"[，,。；;！!？?\n]+|\.(?=\s|$)|(?<=⟧)\s*[:：]|:\s|\band\b(?=\s+(?:they|we|i|he|she)\b)"
    r"|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff⟦])",
    re.I,
)
PERSON = re.compile(r"⟦PERSON_\d{1,6}⟧")
# The note's client at a clause's start, and the "说" after it ("⟦CLIENT_1⟧说想转大额存单").
# "⟦CLIENT_1⟧'s CFO wants…", "⟦CLIENT_1⟧的财务总监说…": a person of the client's, kept.
LEADING_CLIENT = re.compile(r"^(?:⟦CLIENT_\d{1,6}⟧\s*)+(?!['’]s\b|的)(?:说|表示|称)?[:：]?\s*")
# Joining words left at a clause's edge once the channel, contact and dates are taken out.
EDGES = re.compile(r"^[\s的了和与跟同给在:：、-]+|[\s的了和与跟同给在:：、-]+$")


class NoteDraft(BaseModel):
    """A note before it is saved: what the confirmation shows and the conversation keeps
    (tokens only, never raw values)."""

    client_id: str
    date: date
    channel: str | None = None
    contact: str | None = None  # a PERSON token
    client_said: str | None = None  # masked
    next_step: str | None = None  # masked
    due_date: Day | None = None


def body(text: str, policy: NotePolicy) -> str | None:
    """The note without its trigger ("记一下：") or its report's opener ("刚给"), or None when
    the turn is no note."""
    m = policy.trigger_re.match(text)
    return text[m.end() :].strip() if m else policy.report_body(text)


def channel_of(text: str, policy: NotePolicy) -> str | None:
    """The first channel the note names (the earliest word wins: "电话约了拜访" was a call)."""
    found = [(m.start(), key) for key, rx in policy.channel_res if (m := rx.search(text))]
    return min(found)[1] if found else None


def is_empty(text: str, policy: NotePolicy, language: str) -> bool:
    """True when the note says nothing beyond who and how ("已联系", "called"): the data
    playbook asks for the points and the next step, not just that contact happened."""
    rest = TOKEN_RE.sub(" ", text)
    for _key, rx in policy.channel_res:
        rest = rx.sub(" ", rest)
    rest = policy.empty_re.sub(" ", DATE_WORDS.sub(" ", rest))
    if language == "zh":
        return len(re.findall(r"[\u4e00-\u9fff]|\d+", rest)) < policy.min_content.zh
    return len(re.findall(r"[A-Za-z]{2,}|\d+", rest)) < policy.min_content.en


def read(
    text: str, client_id: str, as_of: date, calendar: CalendarPolicy, policy: NotePolicy
) -> NoteDraft:
    """The note's parts: the clause with a deadline or a next-step word is the next step, the
    others (channel and contact words taken out) are what the client said."""
    said, steps = [], []
    clauses = [c.strip() for c in CLAUSES.split(text) if c and c.strip()]
    worded = any(policy.next_step_re.search(c) for c in clauses)
    for clause in clauses:
        # "月底会回流" beside "3个工作日内给他们报方案" is what the client said, not a step.
        if policy.next_step_re.search(clause) or (not worded and due_by(clause, as_of, calendar)):
            steps.append(clause)
        elif content := _content(clause, policy):
            said.append(content)
    step = "；".join(steps) or None
    if step and not said:  # "they want an FX quote by Friday": the ask is what they said
        said = [c for c in (_content(DATE_WORDS.sub(" ", s), policy) for s in steps) if c]
    contact = PERSON.search(text)
    return NoteDraft(
        client_id=client_id,
        date=happened_on(text, as_of),
        channel=channel_of(text, policy),
        contact=contact.group(0) if contact else None,
        client_said="；".join(said) or None,
        next_step=step,
        due_date=due_by(step, as_of, calendar) if step else None,
    )


def _content(clause: str, policy: NotePolicy) -> str:
    """A clause less the words that only say who, when and how it happened."""
    rest = clause
    for _key, rx in policy.channel_res:
        rest = rx.sub(" ", rest)
    rest = re.sub(
        r"今天|今日|昨天|昨日|前天|刚才|刚刚|\b(today|yesterday)\b", " ", rest, flags=re.I
    )
    rest = re.sub(r"\s+", " ", rest)
    rest = EDGES.sub("", re.sub(r"\b(by|before|within)\s*$|前\s*$", "", rest.strip())).strip()
    rest = LEADING_CLIENT.sub("", rest)  # "⟦CLIENT_1⟧ 聊了…": the note's client, said already
    bare = policy.empty_re.sub(" ", TOKEN_RE.sub(" ", rest))
    return rest if re.search(r"[\u4e00-\u9fffA-Za-z0-9]{2,}", bare) else ""


def summary(draft: NoteDraft) -> str:
    """The one-line ``summary`` column of interactions.csv, in the note's own language."""
    zh = bool(re.search(r"[\u4e00-\u9fff]", f"{draft.client_said}{draft.next_step}"))
    parts = []
    if draft.client_said:
        parts.append(draft.client_said)
    if draft.next_step:
        label = "下一步：" if zh else "Next step: "
        due = f"（{draft.due_date} 前）" if zh else f" (by {draft.due_date})"
        parts.append(label + draft.next_step + (due if draft.due_date else ""))
    return ("。" if zh else ". ").join(parts)
