"""How RMs name a client's contact by surname and title: "黄总", "王经理", "李会计", "Mr Huang".

Such a form names no one by itself — every company has a 王总 — so it is never looked up
bank-wide: it stands for a contact of the client the conversation is about, or of the clients
in the asker's own book it fits (``tools.client_tools``). A title that says a role narrows
("李会计" is the accountant, when one of the candidates has a 李 who is); "总", "先生" or "Ms"
are said of anyone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from tools.names.forms import pinyins

# English honorifics; the masker reads the word after one as a name (``english_person``).
EN_HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Madam", "Mme", "Mlle")
COMPOUND_SURNAMES = frozenset(
    re.findall(
        r"\S+",
        """欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 南宫
        独孤 西门 申屠 闻人 赫连 澹台 万俟 钟离 呼延 百里 东郭 公羊 仲孙""",
    )
)
_BOSS = (
    "法定代表",
    "法人",
    "董事",
    "总经理",
    "负责人",
    "owner",
    "chairman",
    "legal representative",
)
# A title said after a surname -> words of a contact's recorded title it fits (any case);
# empty: said of anyone (X总 is every senior person, flattery included).
ZH_TITLES: dict[str, tuple[str, ...]] = {
    "总": (), "老总": (), "总经理": ("总经理", "general manager", "ceo"),
    "董": ("董事", "chairman"), "董事长": ("董事长", "chairman"), "老板": _BOSS,
    "经理": ("经理", "manager"), "总监": ("总监", "director", "cfo"),
    "会计": ("会计", "accountant"), "出纳": ("出纳", "cashier", "treasurer"),
    "财务": ("财务", "会计", "出纳", "资金", "cfo", "financ", "accountant", "cashier", "treasurer"),
    "主管": ("主管", "supervisor", "head"), "主任": ("主任", "主管", "head"),
    "先生": (), "女士": (), "小姐": (), "老师": (), "工": (), "姐": (), "哥": (),
}  # fmt: skip
# A contact said by role alone ("华星种业's GM", "他们的财务总监", "their CFO") -> words of a
# recorded title it fits; the longest said wins ("财务总监" before "财务").
ROLES: dict[str, tuple[str, ...]] = {
    "总经理": ("总经理", "general manager", "ceo"), "gm": ("总经理", "general manager", "ceo"),
    "general manager": ("总经理", "general manager", "ceo"), "ceo": ("总经理", "ceo", "general manager"),
    "董事长": ("董事长", "chairman"), "chairman": ("董事长", "chairman"),
    "财务总监": ("财务总监", "cfo", "finance director"), "cfo": ("财务总监", "cfo", "finance director"),
    "finance director": ("财务总监", "cfo", "finance director"),
    "财务负责人": ("财务负责人", "财务总监", "cfo", "head of finance"),
    "财务经理": ("财务经理", "finance manager"), "finance manager": ("财务经理", "finance manager"),
    "财务": ZH_TITLES["财务"], "出纳": ZH_TITLES["出纳"], "cashier": ZH_TITLES["出纳"],
    "treasurer": ZH_TITLES["出纳"], "会计": ZH_TITLES["会计"], "accountant": ZH_TITLES["会计"],
    "法定代表人": ("法定代表", "法人", "legal representative"), "法人": ("法定代表", "法人", "legal representative"),
    "legal rep": ("法定代表", "法人", "legal representative"),
    "legal representative": ("法定代表", "法人", "legal representative"), "老板": _BOSS, "boss": _BOSS,
    "owner": _BOSS,
}  # fmt: skip
# The role after a possessive ("…'s GM", "的财务总监", "their CFO"): whose contact it is is said.
ROLE_SAID = re.compile(
    r"(?:['’]s|的|\btheir|\bthe|\bhis|\bher)\s*(?P<role>{})(?![A-Za-z])".format(
        "|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True))
    ),
    re.I,
)


def by_role(role: str, titles: Iterable[str]) -> int | None:
    """The index of the first recorded title the role said fits; None when none does."""
    words = ROLES.get(role.lower().strip())
    if not words:
        return None
    return next((i for i, t in enumerate(titles) if any(w in t.lower() for w in words)), None)


# Words before a title that make a role, not a person: 总经理, 副总, 老总, 各总, 贵司经理.
_NOT_SURNAMES = "总副老小大前原新各该本贵某诸"
_ZH_TITLED = re.compile(
    "(?P<surname>{})(?P<title>{})".format(
        "|".join([*sorted(COMPOUND_SURNAMES), rf"(?![{_NOT_SURNAMES}])[\u4e00-\u9fff]"]),
        "|".join(sorted(ZH_TITLES, key=len, reverse=True)),
    )
)
ZH_TITLED = _ZH_TITLED  # for finding a form in a sentence ("打给段总")
_ONE_WORD = re.compile(r"[A-Za-z][a-z]+(?:[-'][A-Za-z][a-z]+)?")


@dataclass(frozen=True, slots=True)
class Titled:
    """A contact said by surname and title."""

    surname: str  # "黄", "欧阳", or in letters lower-cased: "huang"
    roles: tuple[str, ...] = ()  # words of the recorded title the said one fits; () any


def titled(value: str) -> Titled | None:
    """The surname-and-title form ``value`` is ("黄总", "欧阳经理"), or a one-word name: the
    masker takes a single word for a person only after an honorific ("Huang" of "Mr Huang"),
    so that word is a surname; None otherwise."""
    value = value.strip()
    if m := _ZH_TITLED.fullmatch(value):
        return Titled(m.group("surname"), ZH_TITLES[m.group("title")])
    if _ONE_WORD.fullmatch(value):
        return Titled(value.lower())
    return None


@lru_cache(maxsize=16384)
def surname(name: str) -> str:
    """A contact's surname as written: "黄" of 黄洋, "欧阳" of 欧阳娜娜, "huang" of Grace Huang."""
    name = name.strip()
    if not name or name.isascii():
        return name.split()[-1].lower() if name else ""
    return name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[0]


@lru_cache(maxsize=4096)
def _readings(surname: str) -> tuple[str, ...]:
    return tuple(p.lower() for p in pinyins(surname))


def _said(said: str, name: str, usual_only: bool) -> bool:
    """``said`` is the contact's surname, or its pinyin: the usual reading, or any (曾 is
    "ceng" to the library and "Zeng" to everyone else; 叶 reads "xie" in poetry only)."""
    written = surname(name)
    if said == written:
        return True
    if not said.isascii() or written.isascii() or not written:
        return False
    readings = _readings(written)
    return said in (readings[:1] if usual_only else readings)


def addressed(form: Titled, contacts: Iterable[tuple[str, str, str]]) -> list[str]:
    """The clients (in the order given) one of whose ``(client_id, name, title)`` contacts the
    form fits: by the surname's usual reading before any other, and, when a role is said, the
    contacts it fits when any of them does."""
    contacts = list(contacts)
    same: list[tuple[str, str]] = []
    for usual_only in (True, False):
        same = [(cid, t.lower()) for cid, n, t in contacts if _said(form.surname, n, usual_only)]
        if same:
            break
    fitting = [(cid, t) for cid, t in same if any(r in t for r in form.roles)]
    return list(dict.fromkeys(cid for cid, _ in fitting or same))
