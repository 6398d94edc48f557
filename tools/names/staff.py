"""The bank's RMs as colleagues name them: the full name, its pinyin either way round
("tang xiaofei", "xiaofei tang"), an English name or its first word ("Emily"), and — within
one team only, where it is unambiguous — the familiar "小王" / "老王".

Names come from the loaded extract (``rms.csv``); nothing here knows any bank's staff.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from pypinyin import lazy_pinyin

from tools.bank.records import RMRecord
from tools.names.titles import surname as surname_of

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Familiar forms of a surname; the surname must then be unique in the team.
_FAMILIAR = ("小{s}", "老{s}")


def familiar_forms(name: str) -> tuple[str, ...]:
    """ "小王", "老王" for a Chinese name (colleagues' way of naming one another)."""
    name = name.strip()
    if not name or not _CJK.match(name):
        return ()
    return tuple(f.format(s=name[0]) for f in _FAMILIAR)


def given_name(name: str) -> str | None:
    """ "雨桐" of 何雨桐: how teammates call one another (a three-character Chinese name's last
    two; a compound surname's name after it); None for other names."""
    name = name.strip()
    if not _CJK.match(name):
        return None
    given = name[len(surname_of(name)) :]
    return given if len(given) == 2 else None


@lru_cache(maxsize=1024)
def forms(name: str) -> tuple[str, ...]:
    """Lower-case forms a colleague writes ``name`` in (the familiar ones excluded)."""
    name = name.strip()
    out = [name.lower()]
    if _CJK.search(name) and 2 <= len(name) <= 4:
        head, rest = name[0], name[1:]
        given, family = "".join(lazy_pinyin(rest)), "".join(lazy_pinyin(head))
        out += [f"{family} {given}", f"{given} {family}", f"{family}{given}"]
    elif " " in name:
        words = name.lower().split()
        out += [" ".join(reversed(words))]
        if len(words[0]) >= 4:
            out.append(words[0])
    return tuple(dict.fromkeys(out))


def _said(text: str, form: str) -> bool:
    if _CJK.search(form):
        return form in text
    return re.search(rf"(?<![a-z]){re.escape(form)}(?![a-z])", text) is not None


def mentioned(
    text: str, rms: Sequence[RMRecord], familiar_in: Iterable[str] = ()
) -> list[RMRecord]:
    """RMs ``text`` names, in the order of ``rms``. ``familiar_in``: the rm_ids among which a
    familiar form ("小王") may be resolved (a team); ambiguous familiar forms name nobody."""
    low = text.lower()
    found = [
        rm
        for rm in rms
        if any(_said(low, f) for f in forms(rm.name)) or _said(low, rm.rm_id.lower())
    ]
    if found:
        return found
    team = [rm for rm in rms if rm.rm_id in set(familiar_in) and _CJK.search(rm.name[:1])]
    # "雨桐那边": a teammate's given name, when no one else in the team has it
    givens = {rm.rm_id: given_name(rm.name) for rm in team}
    said = [rm for rm in team if (g := givens[rm.rm_id]) and g in text]
    if len(said) == 1 and list(givens.values()).count(givens[said[0].rm_id]) == 1:
        return said
    for rm in team:
        surname = rm.name[0]
        same = [r for r in team if r.name[0] == surname]
        if len(same) == 1 and any(f.format(s=surname) in text for f in _FAMILIAR):
            return [rm]
    return []


# A name followed by what is theirs ("吴娟名下", "吴娟的客户", "Zhang Xiurong's clients", "张秀荣那个
# ⟦CLIENT_2⟧": one client of hers, named next) or after "clients of" / "does … have": a
# colleague's book, not a client or a client's contact.
_OWNS_AFTER = re.compile(
    r"^\s*(名下|手上|手里|那边|那里|管的|管户|负责的|的.{0,8}(客户|名单|户)|有(几|多少)(个|位|家)?客户|"
    r"(那个|那家|那位|的)\s*⟦|['’]s\b)",
    re.I,
)
_OWNS_BEFORE = re.compile(r"(\b(clients|book|portfolio)\s+of|\bdoes)\s*$", re.I)


def owner_reading(before: str, after: str) -> bool:
    """Whether a name between ``before`` and ``after`` is read as an RM whose book is asked
    about."""
    return bool(_OWNS_AFTER.search(after) or _OWNS_BEFORE.search(before))


def resolve(name_or_id: str, rms: Sequence[RMRecord]) -> RMRecord | None:
    """The RM an id or a name (any form of ``forms``) stands for; None when none or several."""
    key = name_or_id.strip().lower()
    by_id = [rm for rm in rms if rm.rm_id.lower() == key]
    if by_id:
        return by_id[0]
    hits = [rm for rm in rms if key in forms(rm.name)]
    return hits[0] if len(hits) == 1 else None
