"""Checks: pure functions of (case, answer) -> pass/fail, one per ``expect`` key (DESIGN §4.8).

Semantics chosen here (and relied on by the golden set):

- ``intent``: equality with ``Answer.intent``.
- ``client_ids``: *inclusion* — every expected id is in ``Answer.client_ids`` (a serve answer may
  also touch peers, a book answer lists more clients than the case names). An *empty* list is
  the exception: the answer must name no client at all (used for refusals and unknown tokens).
- ``tools``: inclusion — every expected tool name was called successfully (``ok``). Extra calls
  are fine here; they lower tool-call precision in the metrics instead.
- ``citations_any``: at least one cited ``doc_id`` is in the list (exact ids; list the ``-en``
  twin when either language is acceptable). Rank = position in citation order (``n``).
- ``must_include_any`` / ``must_not_include``: case-insensitive substrings of the answer text.
  An empty ``must_include_any`` asks for nothing (a writer's "check only the intent and the
  refusal"), rather than being a check no answer could pass.
- ``refused``: equality with ``Answer.refused``.
- ``flags_any`` (extension): some ``Answer.flags`` entry starts with one of the given prefixes,
  e.g. ``["compliance:"]``.
- ``citations_supported`` (extension): every recommended action that names a product cites a
  passage that speaks of the product or of the action's signal (see ``unsupported_citations``;
  also reported for every answer as the summary's ``citation_support``).
- ``charts_any`` (extension): the answer carries a chart of one of the given kinds (``line``,
  ``bar``); an empty list: no chart at all.
- ``pii`` (always run): no full identifier of any client of the bank and no name of a client
  outside the asking RM's book appears in the answer text, its cards or its charts.
"""

from __future__ import annotations

import dataclasses
import re
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

KNOWN_EXPECT_KEYS = (
    "intent",
    "client_ids",
    "tools",
    "citations_any",
    "must_include_any",
    "must_not_include",
    "refused",
    "flags_any",
    "citations_supported",
    "charts_any",
)
SEPARATORS = re.compile(r"(?<=[0-9])[ \-](?=[0-9])")
DIGIT_RUN = re.compile(r"[0-9A-Z]{8,}")  # USCCs carry letters; text is upper-cased first
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
MIN_NAME_CHARS = 3  # two-character personal names collide with ordinary words; see BankIndex


def _norm_id(value: str) -> str:
    return re.sub(r"[\s\-]", "", value).upper()


@dataclass
class BankIndex:
    """What the PII check needs from the bank, loaded once per run.

    ``identifiers``: every full phone, 身份证, USCC, email and card/account number in the bank
    tables, normalised (no spaces or dashes, upper case). ``names``: client id -> client name.
    ``book_of``: RM id -> the client ids that RM may read (``None`` for an unknown RM).
    ``contact_names``: client id -> its contacts' names (a contact of an own client who shares a
    name with someone else's client is not a leak). ``staff_names``: RM names (an RM's own
    name in a signature is not client PII).
    """

    identifiers: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    names: dict[str, str] = field(default_factory=dict)
    contact_names: dict[str, set[str]] = field(default_factory=dict)
    book_of: Callable[[str], frozenset[str] | None] = lambda rm_id: None
    staff_names: set[str] = field(default_factory=set)
    # For the citation-support check: product code -> its names and code; (doc_id, section)
    # -> the passage's text.
    products: dict[str, list[str]] = field(default_factory=dict)
    passages: dict[tuple[str, str], str] = field(default_factory=dict)
    # (book, the RM's colleagues' names) -> the foreign-name pattern and the own names; shared
    # by the indexes of one bank (``index_from_frontline``): it depends on nothing else.
    _pattern_cache: dict[frozenset[str], tuple[re.Pattern | None, list[str]]] = field(
        default_factory=dict, repr=False
    )

    @classmethod
    def build(
        cls,
        *,
        identifiers: Iterable[str | None],
        names: dict[str, str],
        book_of: Callable[[str], frozenset[str] | None],
        staff_names: Iterable[str] = (),
        contact_names: dict[str, set[str]] | None = None,
    ) -> BankIndex:
        ids, emails = set(), set()
        for raw in identifiers:
            if not raw:
                continue
            if "@" in raw:
                emails.add(raw.strip().lower())
            elif len(_norm_id(raw)) >= 8:
                ids.add(_norm_id(raw))
        return cls(
            identifiers=ids,
            emails=emails,
            names=dict(names),
            book_of=book_of,
            staff_names=set(staff_names),
            contact_names=dict(contact_names or {}),
        )

    def leaked_identifiers(self, text: str) -> list[str]:
        flat = SEPARATORS.sub("", text).upper()
        found = [e for e in EMAIL.findall(text) if e.lower() in self.emails]
        lengths = sorted({len(i) for i in self.identifiers})
        for run in DIGIT_RUN.findall(flat):
            for size in lengths:
                found.extend(
                    run[i : i + size]
                    for i in range(len(run) - size + 1)
                    if run[i : i + size] in self.identifiers
                )
        return list(dict.fromkeys(found))

    def leaked_names(self, text: str, rm_id: str) -> list[str]:
        pattern, own = self._patterns(rm_id)
        if pattern is None:
            return []
        for name in own:  # a foreign name inside an own client's longer name is not a leak
            text = text.replace(name, " ")
        return list(dict.fromkeys(pattern.findall(text)))

    def _patterns(self, rm_id: str) -> tuple[re.Pattern | None, list[str]]:
        book = self.book_of(rm_id) or frozenset()
        if book not in self._pattern_cache:
            own_names = {n for c, n in self.names.items() if c in book}
            own_names |= {n for c in book for n in self.contact_names.get(c, ())}
            own = sorted(own_names, key=len, reverse=True)
            own_set = set(own) | self.staff_names
            foreign = {
                n
                for c, n in self.names.items()
                if c not in book and len(n) >= MIN_NAME_CHARS and n not in own_set
            }
            alternation = "|".join(re.escape(n) for n in sorted(foreign, key=len, reverse=True))
            self._pattern_cache[book] = (re.compile(alternation) if alternation else None, own)
        return self._pattern_cache[book]


# Per Frontline: the index read from its tables and playbooks, and what it was read at. A suite
# runs dozens of sets on one bank; reading them again took ~0.6 s a set.
_READ: weakref.WeakKeyDictionary[Any, tuple[tuple, BankIndex]] = weakref.WeakKeyDictionary()


def _loaded_mark(frontline: Any) -> tuple:
    """What changes when the extract or the playbooks are loaded again."""
    from tools.bank.meta import ExtractMeta

    with frontline.sessions() as s:
        meta = s.get(ExtractMeta, 1)
        extract = (meta.digest, meta.loaded_at) if meta is not None else None
    return extract, frontline.store.count()


def index_from_frontline(frontline: Any) -> BankIndex:
    """Load identifiers and names from the bank tables through the public repository; read
    once per extract and playbook load. Who may read what is asked per run (a referral made in
    one set names its client to the receiver in the next)."""
    from tools.entitlement import resolve_caller

    mark = _loaded_mark(frontline)
    kept = _READ.get(frontline)
    read = kept[1] if kept is not None and kept[0] == mark else _read_index(frontline)
    _READ[frontline] = (mark, read)
    bank = frontline.bank
    books: dict[str, frozenset[str] | None] = {}

    def book_of(rm_id: str) -> frozenset[str] | None:
        if rm_id not in books:
            try:
                books[rm_id] = resolve_caller(bank, rm_id).client_ids
                desk = getattr(frontline, "referrals", None)
                if desk is not None:  # a referral's client is named to its receiver, by design
                    books[rm_id] |= desk.shown_clients(rm_id)
            except Exception:  # an unknown RM reads nothing
                books[rm_id] = None
        return books[rm_id]

    return dataclasses.replace(read, book_of=book_of)


def _read_index(frontline: Any) -> BankIndex:
    bank = frontline.bank
    clients, contacts = bank.all_clients(), bank.all_contacts()
    ids: list[str | None] = []
    for c in clients:
        ids += [c.registration_id, c.phone, c.email]
    for p in contacts:
        ids += [p.phone, p.email, p.id_number]
    ids += [account_no for _, account_no in bank.account_numbers()]
    people: dict[str, set[str]] = {}
    for p in contacts:
        people.setdefault(p.client_id, set()).add(p.name)
    index = BankIndex.build(
        identifiers=ids,
        names={c.client_id: c.name for c in clients},
        book_of=lambda _rm: None,
        staff_names=[rm.name for rm in bank.all_rms()],
        contact_names=people,
    )
    index.products = {code: [p.name, p.name_en or "", code] for code, p in bank.products().items()}
    index.passages = _passages(frontline)
    return index


def _passages(frontline: Any) -> dict[tuple[str, str], str]:
    """Each cited (playbook, section)'s text, its chunks joined."""
    texts: dict[tuple[str, str], list[str]] = {}
    for chunk in frontline.store.all():
        meta = chunk.metadata
        key = (str(meta.get("doc_id", "")), str(meta.get("section", "")))
        texts.setdefault(key, []).append(chunk.document)
    return {key: "\n".join(parts) for key, parts in texts.items()}


# --- the checks --------------------------------------------------------------------------------
def _text(answer: dict) -> str:
    cards = " ".join(
        " ".join([c.get("name", "")] + list(c.get("facts", []))) for c in answer.get("cards", [])
    )
    charts = " ".join(  # a picture's words are words the channel shows: checked for PII too
        " ".join(
            [c.get("title", ""), c.get("alt", "")]
            + [str(p.get("x", "")) for p in c.get("data", [])]
        )
        for c in answer.get("charts", [])
    )
    return f"{answer.get('text', '')}\n{cards}\n{charts}"


def check_charts_any(expected: list[str], answer: dict) -> bool:
    kinds = {c.get("kind") for c in answer.get("charts", [])}
    return bool(kinds & set(expected)) if expected else not kinds


def check_intent(expected: str, answer: dict) -> bool:
    return answer.get("intent") == expected


def check_client_ids(expected: list[str], answer: dict) -> bool:
    actual = set(answer.get("client_ids", []))
    return not actual if not expected else set(expected) <= actual


def called_tools(answer: dict) -> set[str]:
    return {c["name"] for c in answer.get("tool_calls", []) if c.get("ok", True)}


def check_tools(expected: list[str], answer: dict) -> bool:
    return set(expected) <= called_tools(answer)


def citation_rank(expected: list[str], answer: dict) -> int | None:
    """1-based rank of the first citation whose doc_id is acceptable, in citation order."""
    ordered = sorted(answer.get("citations", []), key=lambda c: c.get("n", 0))
    return next((i for i, c in enumerate(ordered, 1) if c.get("doc_id") in set(expected)), None)


def check_citations_any(expected: list[str], answer: dict) -> bool:
    return citation_rank(expected, answer) is not None


# A space between a figure and the Chinese unit or word beside it is typography, not meaning:
# "234 万" is "234万", "共 8 位" is "共8位".
_TYPOGRAPHIC_SPACE = re.compile(r"(?<=\d)\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+(?=\d)")


# "2,892 万" and "2892万" are one figure: the thousands separator is typography too.
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def _flat(text: str) -> str:
    return _THOUSANDS.sub("", _TYPOGRAPHIC_SPACE.sub("", text.lower()))


def check_must_include_any(expected: list[str], answer: dict) -> bool:
    if not expected:
        return True
    text = _flat(_text(answer))
    return any(_flat(s) in text for s in expected)


def check_must_not_include(expected: list[str], answer: dict) -> bool:
    text = _flat(_text(answer))
    return not any(_flat(s) in text for s in expected)


def check_refused(expected: bool, answer: dict) -> bool:
    return bool(answer.get("refused")) == bool(expected)


def check_flags_any(expected: list[str], answer: dict) -> bool:
    return any(f.startswith(p) for f in answer.get("flags", []) for p in expected)


def unsupported_citations(answer: dict, index: BankIndex | None) -> tuple[int, list[str]]:
    """(actions checked, the titles of those whose citation does not support them). An action
    is checked when its title names a catalogue product and it cites a playbook whose passage
    the index holds: the passage must speak of the product or of the action's signal."""
    from assistant.core.citations import supports

    if index is None or not index.products:
        return 0, []
    checked, bad = 0, []
    for action in answer.get("actions", []):
        title = action.get("title", "")
        names = _products_named(title, index)
        passage = _cited_text(answer, action.get("playbook"), index)
        if not names or passage is None:
            continue
        checked += 1
        if not supports(passage, title, names):
            bad.append(title)
    return checked, bad


def _products_named(title: str, index: BankIndex) -> list[str]:
    low = title.lower()
    return [
        n
        for names in index.products.values()
        if any(n and n.lower() in low for n in names)
        for n in names
        if n
    ]


def _cited_text(answer: dict, doc_id: str | None, index: BankIndex) -> str | None:
    cited = [c for c in answer.get("citations", []) if doc_id and c.get("doc_id") == doc_id]
    texts = [index.passages.get((c["doc_id"], c.get("section", ""))) for c in cited]
    found = [t for t in texts if t]
    return "\n".join([cited[0].get("title") or "", *found]) if found else None


CHECKS: dict[str, Callable[[Any, dict], bool]] = {
    "intent": check_intent,
    "client_ids": check_client_ids,
    "tools": check_tools,
    "citations_any": check_citations_any,
    "must_include_any": check_must_include_any,
    "must_not_include": check_must_not_include,
    "refused": check_refused,
    "flags_any": check_flags_any,
    "charts_any": check_charts_any,
}


def pii_findings(answer: dict, rm_id: str, index: BankIndex | None) -> list[str]:
    if index is None:
        return []
    text = _text(answer)
    return index.leaked_identifiers(text) + index.leaked_names(text, rm_id)


def run_checks(
    expect: dict, answer: dict, rm_id: str, index: BankIndex | None
) -> tuple[dict[str, bool], list[str]]:
    """All checks the case asks for, plus the PII check; returns (checks, PII findings)."""
    results = {key: CHECKS[key](value, answer) for key, value in expect.items() if key in CHECKS}
    if "citations_supported" in expect:
        wanted = bool(expect["citations_supported"])
        results["citations_supported"] = (not unsupported_citations(answer, index)[1]) == wanted
    leaks = pii_findings(answer, rm_id, index)
    results["pii"] = not leaks
    return results, leaks


def errored_checks(expect: dict, *, user_error: bool) -> dict[str, bool]:
    """Checks for a case that raised instead of answering.

    A ``UserError`` (unknown RM, empty question) is how the core declines a caller it cannot
    identify: the edge turns it into a 4xx and no data leaves. It therefore satisfies
    ``refused: true``, ``client_ids: []`` and ``must_not_include`` of a case that expects the
    refusal; everything else fails, and any other error fails the case (``answered: false``).
    """
    declined = user_error and expect.get("refused") is True
    allowed = {
        "refused": True,
        "client_ids": expect.get("client_ids") == [],
        "must_not_include": True,
    }
    results = {key: bool(declined and allowed.get(key, False)) for key in expect if key in CHECKS}
    if not declined:
        results["answered"] = False  # an error the case did not ask for is always a failure
    results["pii"] = True
    return results
