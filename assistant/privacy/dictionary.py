"""The bank's own names and identifiers, for exact matching.

Built from every RM's book through the bank repository (so a client of another RM, or a
foreign client whose name no model knows, is still caught — and a bank that backs the
repository with its CRM's API gets the same dictionary). A company is also found by every form
an RM names it by (``tools.names.forms``): without the legal suffix, its distinctive head
("东升机械", "Northwind"), its pinyin and English renderings ("Dongsheng Jixie", "Dongsheng
Machinery"), and — beside one of its contacts ("东升的王建国", "王建国 at 东升") — its short head; and by the other names the bank records for
it (``tools.names.aliases``: "北风货运" for Northwind Freight). A form several clients share is
still a name, tied to all of them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

import ahocorasick
from pypinyin import lazy_pinyin

from assistant.privacy.entities import Entity
from assistant.privacy.normalize import ascii_lower, canonical_value
from tools.bank.identifiers import is_any_resident_id, is_card_number, is_uscc
from tools.bank.repository import BankRepository
from tools.names.aliases import aliases_of
from tools.names.forms import (
    RARE_WORD_FREQ,
    NameForm,
    company_forms,
    is_everyday_english,
    person_forms,
    product_forms,
)
from tools.names.forms import compact as compact_form
from tools.names.staff import familiar_forms, given_name
from tools.names.titles import ZH_TITLED

_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")
_ASCII_WORD = re.compile(r"[A-Za-z]+")
_ALL_CJK = re.compile(r"[\u3400-\u9fff]+")
MAX_SPACED_WORDS = 8
# A short form this many of the bank's names share is a place or a word of its trade there
# ("东港" of 东港市, where thirty clients are registered), not anyone's name.
MAX_FORM_OWNERS = 10
MIN_REST = 4  # characters a name keeps once its place is taken off: "海岳建材…", not "港"
# "王建国 at 东升", "Wang at Northwind"; "东升的王建国", "东升 的 王建国".
_AFTER_PERSON = re.compile(r"\s+(?:at|from|of)\s+|\s*@\s*", re.IGNORECASE)
_BEFORE_PERSON = re.compile(r"\s*的\s*$")
# "威利的财务总监", "Weili's CFO": a company's role said after its name; a short head that is also
# an everyday word names the client there as it does beside a contact's name.
_ROLE_AFTER = re.compile(
    r"\s*(?:的|['’]s)\s*(?:财务总监|财务负责人|财务|老板|老总|董事长|总经理|法人|法定代表人|会计|出纳|"
    r"负责人|cfo|ceo|boss|owner|chairman|treasurer|accountant|gm|finance (?:director|manager|head))"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NameEntry:
    name: str  # the full name as the bank holds it (what the vault stores)
    entity_type: Entity
    client_ids: frozenset[str]

    @property
    def client_id(self) -> str | None:
        """The owning client when the name belongs to exactly one."""
        return next(iter(self.client_ids)) if len(self.client_ids) == 1 else None


@dataclass(frozen=True, slots=True)
class NameHit:
    start: int
    end: int
    entry: NameEntry


@dataclass
class _Forms:
    """Forms of client names before they are tied to their owners."""

    strong: dict[str, set[str]]  # lower-cased form -> keys of the full names it shortens
    spaced: dict[str, set[str]]  # compact pinyin / English form -> keys of full names
    written: dict[str, str]  # form key -> how it is written
    weak: dict[str, set[str]]  # short head (or its compact pinyin) -> client ids


class NameDictionary:
    """Exact, longest-match-first lookup of known names, plus known identifier values.

    ``names`` are ``(name, CLIENT|PERSON, client_id)``; ``values`` are
    ``(entity_type, value, client_id)`` for phones, e-mails, ID numbers and the like.
    """

    def __init__(
        self,
        names: Iterable[tuple[str, Entity, str | None]] = (),
        values: Iterable[tuple[Entity, str, str | None]] = (),
        staff: Iterable[str] = (),
        products: Iterable[str] = (),
    ) -> None:
        self._entries = self._full_names(names)
        forms = self._forms(self._entries)
        self._spaced = self._tie(forms.spaced, forms.written, skip=set())
        short = self._tie(forms.strong, forms.written, skip=set(self._entries))
        # Two or three Chinese characters standing for a company ("东升机械" -> "东升"): such a
        # head must be a word of the sentence, not half of one ("新开" in "对公新开户").
        self._short_heads = {k for k in short if len(k) <= 3 and _ALL_CJK.fullmatch(k)}
        self._entries.update(short)
        self._weak = {
            k: frozenset(ids)
            for k, ids in forms.weak.items()
            if k not in self._entries and k not in self._spaced
        }
        self._weak_ascii = {
            k: NameEntry(k, Entity.CLIENT, ids) for k, ids in self._weak.items() if k.isascii()
        }
        self._by_client: dict[str, NameEntry] = {}
        for key, entry in self._entries.items():
            if entry.entity_type is Entity.CLIENT and entry.client_id and entry.name.lower() == key:
                self._by_client.setdefault(entry.client_id, entry)
        # The bank's own staff (RMs sign their drafts): not customer PII, so a person detection
        # that is exactly a staff name is not masked — unless a client or contact has that
        # name too, when masking wins.
        self._staff = {
            key
            for name in staff
            for form in (name or "", *familiar_forms(name or ""))
            if (key := ascii_lower(canonical_value(Entity.PERSON, form))) and len(key) >= 2
        } - self._entries.keys()
        # "雨桐那边" from a teammate: a colleague's given name is staff too — unless it is also
        # the given name of a client or contact, when masking wins as above.
        customers_given = {g for e in self._entries.values() if (g := given_name(e.name))}
        self._staff |= {
            g for name in staff if (g := given_name(name or "")) and g not in customers_given
        } - self._entries.keys()
        # The bank's product names ("海盈进取一号"): a person guessed inside one is a word of the
        # product's name, not a customer.
        self._products = sorted(
            {k for p in products for f in product_forms(p or "") if len(k := ascii_lower(f)) >= 2},
            key=len,
            reverse=True,
        )
        self._automaton = _automaton(self._entries)
        self._spaced_prefixes = _prefixes(self._spaced)
        self._typo_forms = {
            k: e
            for k, e in (*self._entries.items(), *self._spaced.items())
            # English names only: pinyin ends in -ing, -ang, -ong like English words do
            # ("banying" is one letter from "banking").
            if len(k) >= MIN_TYPO_FORM and k.isascii() and k.isalpha() and e.name.isascii()
        }
        self._typos = _typo_index(self._typo_forms)
        # Two-word English names ("michael rossi"), closed up: a name typed with one of its
        # words a letter off is one edit from its compact form.
        self._pair_words: dict[str, tuple[str, str]] = {}
        self._pair_forms = {
            "".join(words): e
            for k, e in self._entries.items()
            if len(words := k.split(" ")) == 2
            and all(w.isascii() and w.isalpha() for w in words)
            and len(k) - 1 >= MIN_TYPO_FORM
            and e.name.isascii()
        }
        self._pair_typos = _typo_index(self._pair_forms)
        for k in self._entries:
            if "".join(words := k.split(" ")) in self._pair_forms and len(words) == 2:
                self._pair_words["".join(words)] = (words[0], words[1])
        self._weak_ascii_prefixes = _prefixes(self._weak_ascii)
        self._weak_lengths = sorted({len(k) for k in self._weak}, reverse=True)
        # Chinese forms by sound: "锦富外贸" typed for 锦福外贸 (an input method's homophone).
        self._sounds: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for k, e in self._entries.items():
            if e.entity_type is Entity.CLIENT and len(k) >= MIN_HOMOPHONE and _ALL_CJK.fullmatch(k):
                self._sounds[_sound(k)].add(k)
        self._sound_lengths = sorted({len(k) for k in self._sounds}, reverse=True)
        self._sound_heads = {k[:2] for k in self._sounds}  # most places start no form's sound
        self._values: dict[tuple[Entity, str], set[str]] = defaultdict(set)
        for entity_type, value, client_id in values:
            if value and client_id:
                self._values[(entity_type, canonical_value(entity_type, value))].add(client_id)

    def __len__(self) -> int:
        return len(self._entries)

    @staticmethod
    def _full_names(names: Iterable[tuple[str, Entity, str | None]]) -> dict[str, NameEntry]:
        full: dict[str, tuple[str, Entity, set[str]]] = {}
        for raw, entity_type, client_id in names:
            name = canonical_value(entity_type, raw or "")
            if len(name) < 2:
                continue
            key = ascii_lower(name)
            _, kind, ids = full.setdefault(key, (name, entity_type, set()))
            if client_id:
                ids.add(client_id)
            if entity_type is Entity.CLIENT and kind is not Entity.CLIENT:
                full[key] = (name, Entity.CLIENT, ids)
        return {k: NameEntry(n, t, frozenset(ids)) for k, (n, t, ids) in full.items()}

    @staticmethod
    def _forms(entries: dict[str, NameEntry]) -> _Forms:
        forms = _Forms(defaultdict(set), defaultdict(set), {}, defaultdict(set))
        clients = {k: e for k, e in entries.items() if e.entity_type is Entity.CLIENT}
        for key, entry in clients.items():
            for form in (*company_forms(entry.name), *person_forms(entry.name)):
                _add_form(forms, key, entry, form)
        # A leading word many of the bank's names share is where they are registered ("东港" of
        # 东港市), not who they are: "东港海岳建材" is also "海岳建材" and "海岳", as RMs say it.
        places = [
            k
            for k, keys in forms.strong.items()
            if len(keys) >= MAX_FORM_OWNERS and _ALL_CJK.fullmatch(k)
        ]
        for key, entry in clients.items():
            place = next((p for p in places if entry.name.startswith(p)), None)
            rest = entry.name[len(place) :] if place else ""
            if len(rest) < MIN_REST:
                continue
            for form in (NameForm(rest, strong=True), *company_forms(rest)):
                _add_form(forms, key, entry, form)
                if place and _ALL_CJK.fullmatch(form.text):
                    # "东港锚点船舶": the place said before a short form is this client's alone
                    # (the longest match), not "东港锚点" of another 东港 company plus a word.
                    _add_form(forms, key, entry, NameForm(place + form.text, strong=True))
        return forms

    def _tie(
        self, forms: dict[str, set[str]], written: dict[str, str], skip: set[str]
    ) -> dict[str, NameEntry]:
        """Each form to its one owner's entry, or to a shared entry when several own it."""
        out: dict[str, NameEntry] = {}
        for form, owners in forms.items():
            if form in skip:  # a full name wins over another name's short form
                continue
            if len(owners) >= MAX_FORM_OWNERS:
                continue
            if len(owners) == 1:
                out[form] = self._entries[next(iter(owners))]
            else:  # shared by several clients: still a name, tied to none of them alone
                shared = frozenset().union(*(self._entries[o].client_ids for o in owners))
                out[form] = NameEntry(written[form], Entity.CLIENT, shared)
        return out

    def find(self, text: str) -> list[NameHit]:
        """Every known name in ``text``, longest first at each position, non-overlapping;
        a company beside one of its contacts narrows both to the clients they share."""
        lowered = ascii_lower(text)
        hits = self._exact_hits(text, lowered)
        if any(text[h.start : h.end] in self._short_heads for h in hits):
            words = word_edges(text)
            hits = [
                h
                for h in hits
                if text[h.start : h.end] not in self._short_heads or not _splits_a_word(words, h)
            ]
        hits = _merge(hits, self._spaced_hits(text))
        hits = _merge(hits, self._typo_hits(text, hits))
        hits = _merge(hits, self._homophone_hits(text, hits))
        hits = self._with_contacts(text, lowered, hits)
        return _merge(hits, self._weak_before_roles(text, lowered))

    def _weak_before_roles(self, text: str, lowered: str) -> list[NameHit]:
        """Short heads right before a role ("威利的财务总监") or a titled surname ("东升王总"): the
        clients they are heads of."""
        # "东升王总", "天力张经理": a contact said by surname and title right after the head.
        ends = [r.start() for r in _ROLE_AFTER.finditer(text)]
        ends += [t.start() for t in ZH_TITLED.finditer(text)]
        found = (self._weak_ending_at(text, lowered, end, bounded=True) for end in ends)
        return [hit for hit in found if hit is not None]

    def _typo_hits(self, text: str, found: list[NameHit]) -> list[NameHit]:
        """An English name typed one letter off ("Nothwind", "Seabrigt"): a word of
        the text, not a known word itself, one edit away from exactly one long form. Longer
        forms only (a short one is one letter from too many words), so a misspelt client is
        found — and masked — instead of reaching the model and the logs as written."""
        hits: list[NameHit] = []
        for word in _ASCII_WORD.finditer(text) if self._typos else ():
            spelt = word.group(0).lower()
            if (
                len(spelt) < MIN_TYPO_WORD
                or not _plain_word(text, word)
                or spelt in self._typo_forms
                or is_everyday_english(spelt)
                or any(h.start <= word.start() < h.end for h in found)
            ):
                continue
            forms = {
                f
                for k in (spelt, *_deletions(spelt))
                for f in self._typos.get(k, ())
                if f[0] == spelt[0]  # the first letter is rarely the one mistyped
            }
            if len(forms) == 1:
                hits.append(NameHit(word.start(), word.end(), self._typo_forms[forms.pop()]))
        return hits + self._typo_pairs(text, [*found, *hits])

    def _homophone_hits(self, text: str, found: list[NameHit]) -> list[NameHit]:
        """A Chinese name with one character typed as another of the same sound ("锦富外贸" for
        锦福外贸, as a pinyin input method offers it): a run of Chinese characters, outside any
        name found, that sounds like exactly one long form (four characters or more — shorter
        ones sound like too many words) and differs from it in one character only."""
        hits: list[NameHit] = []
        if not self._sounds:
            return hits
        taken = bytearray(len(text))  # characters inside a name already found
        for h in found:
            taken[h.start : h.end] = b"\x01" * (h.end - h.start)
        for run in _CJK_RUN.finditer(text):
            sounds = tuple(_char_sound(ch) for ch in run.group(0))
            i = 0
            while i < len(sounds) - 1:
                at, hit = run.start() + i, None
                if sounds[i : i + 2] in self._sound_heads:
                    for n in self._sound_lengths:
                        if i + n > len(sounds) or any(taken[at : at + n]):
                            continue
                        forms = self._sounds.get(sounds[i : i + n], set())
                        if len(forms) == 1 and _one_char_off(
                            text[at : at + n], f := next(iter(forms))
                        ):
                            hit = NameHit(at, at + n, self._entries[f])
                            break
                if hit is None:
                    i += 1
                    continue
                hits.append(hit)
                taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
                i += hit.end - hit.start
        return hits

    def _typo_pairs(self, text: str, found: list[NameHit]) -> list[NameHit]:
        """A two-word name with one word typed a letter off ("micheal rossi" for Michael
        Rossi): the two words closed up, one edit from exactly one long compact form, the other
        word as the name has it, the mistyped one five letters or more (short names are a
        letter from each other: "mark", "mary")."""
        words = list(_ASCII_WORD.finditer(text))
        hits: list[NameHit] = []
        for first, second in zip(words, words[1:], strict=False):
            gap = text[first.end() : second.start()]
            if gap not in (" ", "-") or any(
                h.start < second.end() and first.start() < h.end for h in [*found, *hits]
            ):
                continue
            a, b = first.group(0).lower(), second.group(0).lower()
            joined = a + b
            if (
                len(joined) < MIN_TYPO_FORM
                or joined in self._pair_forms
                or not (_plain_word(text, first) and _plain_word(text, second))
            ):
                continue
            forms = {
                f
                for k in (joined, *_deletions(joined))
                for f in self._pair_typos.get(k, ())
                if f[0] == joined[0] and _one_word_off((a, b), self._pair_words[f])
            }
            if len(forms) == 1:
                hits.append(NameHit(first.start(), second.end(), self._pair_forms[forms.pop()]))
        return hits

    def _exact_hits(self, text: str, lowered: str) -> list[NameHit]:
        """Leftmost, then longest, bounded name at each position (one Aho-Corasick pass finds
        every candidate; the answer's text is scanned on every turn, so this is on the hot
        path)."""
        if self._automaton is None:
            return []
        lengths_at: dict[int, list[int]] = defaultdict(list)
        for last, length in self._automaton.iter(lowered):
            lengths_at[last - length + 1].append(length)
        hits: list[NameHit] = []
        i = 0
        for start in sorted(lengths_at):
            if start < i:
                continue
            for length in sorted(lengths_at[start], reverse=True):
                if _bounded(text, start, start + length):
                    entry = self._entries[lowered[start : start + length]]
                    hits.append(NameHit(start, start + length, entry))
                    i = start + length
                    break
        return hits

    def _spaced_hits(
        self,
        text: str,
        table: dict[str, NameEntry] | None = None,
        prefixes: ahocorasick.Automaton | None = None,
    ) -> list[NameHit]:
        """Pinyin and English renderings, written with or without spaces and in any case: the
        longest run of words (joined by a space or hyphen) that spells a known form; a run is
        extended only while it still spells the beginning of one."""
        if table is None:
            table, prefixes = self._spaced, self._spaced_prefixes
        if not table:
            return []
        words = [w for w in _ASCII_WORD.finditer(text) if _plain_word(text, w)]
        hits: list[NameHit] = []
        i = 0
        while i < len(words):
            best: tuple[int, NameEntry] | None = None
            spelt = ""
            for j in range(i, min(len(words), i + MAX_SPACED_WORDS)):
                if j > i and text[words[j - 1].end() : words[j].start()] not in (" ", "-"):
                    break
                spelt += words[j].group(0).lower()
                if prefixes is None or not prefixes.match(spelt):
                    break
                if (entry := table.get(spelt)) is not None:
                    best = (j + 1, entry)
            if best is None:
                i += 1
                continue
            j, entry = best
            hits.append(NameHit(words[i].start(), words[j - 1].end(), entry))
            i = j
        return hits

    def _with_contacts(self, text: str, lowered: str, hits: list[NameHit]) -> list[NameHit]:
        out = list(hits)
        for person in hits:
            if person.entry.entity_type is not Entity.PERSON or not person.entry.client_ids:
                continue
            company = self._company_after(text, lowered, person, out) or self._company_before(
                text, lowered, person, out
            )
            if company is None or not _free(company, out):
                continue
            shared = company.entry.client_ids & person.entry.client_ids
            if not shared:
                continue
            out = [h for h in out if h is not company and h is not person]
            out += [
                NameHit(company.start, company.end, self._narrowed(company.entry, shared)),
                NameHit(person.start, person.end, replace(person.entry, client_ids=shared)),
            ]
        return sorted(out, key=lambda h: h.start)

    def _narrowed(self, entry: NameEntry, ids: frozenset[str]) -> NameEntry:
        if len(ids) == 1 and (full := self._by_client.get(next(iter(ids)))):
            return full
        return replace(entry, client_ids=ids)

    def _company_after(
        self, text: str, lowered: str, person: NameHit, hits: list[NameHit]
    ) -> NameHit | None:
        link = _AFTER_PERSON.match(text, person.end)
        if not link:
            return None
        at = link.end()
        known = next(
            (h for h in hits if h.start == at and h.entry.entity_type is Entity.CLIENT), None
        )
        return known or self._weak_at(text, lowered, at)

    def _company_before(
        self, text: str, lowered: str, person: NameHit, hits: list[NameHit]
    ) -> NameHit | None:
        link = _BEFORE_PERSON.search(text, 0, person.start)
        if not link:
            return None
        at = link.start()
        known = next(
            (h for h in hits if h.end == at and h.entry.entity_type is Entity.CLIENT), None
        )
        return known or self._weak_ending_at(text, lowered, at)

    def _weak_ending_at(
        self, text: str, lowered: str, at: int, *, bounded: bool = False
    ) -> NameHit | None:
        """The longest short head ending at ``at`` ("东升" of "东升的王建国", "威利" of "威利的财务总监");
        ``bounded``: an ASCII head must not start inside a word."""
        for length in self._weak_lengths:
            start = at - length
            ids = self._weak.get(lowered[start:at]) if start >= 0 else None
            if ids and (not bounded or _bounded(text, start, at)):
                return NameHit(start, at, NameEntry(text[start:at], Entity.CLIENT, ids))
        return None

    def _weak_at(self, text: str, lowered: str, at: int) -> NameHit | None:
        for length in self._weak_lengths:
            ids = self._weak.get(lowered[at : at + length]) if at + length <= len(text) else None
            if ids and _bounded(text, at, at + length):
                return NameHit(
                    at, at + length, NameEntry(text[at : at + length], Entity.CLIENT, ids)
                )
        spaced = [
            h
            for h in self._spaced_hits(text[at:], self._weak_ascii, self._weak_ascii_prefixes)
            if h.start == 0
        ]
        if spaced:
            h = spaced[0]
            return NameHit(at, at + h.end, replace(h.entry, name=text[at : at + h.end]))
        return None

    def is_staff(self, name: str) -> bool:
        """A member of staff's name that no client or contact shares."""
        return ascii_lower(canonical_value(Entity.PERSON, name)) in self._staff

    def in_product_name(self, text: str, start: int, end: int) -> bool:
        """``text[start:end]`` lies inside one of the bank's product names written in ``text``."""
        lowered = ascii_lower(text)
        for name in self._products:
            at = lowered.find(name, max(0, end - len(name)))
            if at != -1 and at <= start and end <= at + len(name):
                return True
        return False

    def owners_of_name(self, name: str) -> frozenset[str]:
        """The clients a known name (full name or any form of it) belongs to; empty when
        unknown."""
        key = ascii_lower(canonical_value(Entity.CLIENT, name))
        entry = self._entries.get(key) or self._spaced.get(compact_form(key))
        if entry:
            return entry.client_ids
        return self._weak.get(key, frozenset())

    def client_for(self, entity_type: Entity, value: str) -> str | None:
        """The client a known identifier belongs to (None when unknown or shared)."""
        ids = self._values.get((entity_type, canonical_value(entity_type, value)), set())
        return next(iter(ids)) if len(ids) == 1 else None

    def owners_of(self, entity_type: Entity, value: str) -> frozenset[str]:
        return frozenset(self._values.get((entity_type, canonical_value(entity_type, value)), ()))

    @classmethod
    def from_repository(cls, bank: BankRepository) -> NameDictionary:
        """Build from the bank's data: every client and contact of every RM."""
        names: list[tuple[str, Entity, str | None]] = []
        values: list[tuple[Entity, str, str | None]] = []
        clients = bank.all_clients()
        names += [(c.name, Entity.CLIENT, c.client_id) for c in clients]
        # After every legal name, so a client's entry is its legal name, not an alias.
        names += [
            (a, Entity.CLIENT, c.client_id) for c in clients for a in aliases_of(c.attributes)
        ]
        for c in clients:
            values += _identifier_values(c.client_id, c.phone, c.email, c.registration_id)
            values.append((Entity.ADDRESS, c.address or "", c.client_id))
        for p in bank.all_contacts():
            names.append((p.name, Entity.PERSON, p.client_id))
            values += _identifier_values(p.client_id, p.phone, p.email, p.id_number)
        for client_id, account_no in bank.account_numbers():
            values.append((Entity.ACCOUNT, account_no, client_id))
            values.append((Entity.CARD, account_no, client_id))
        staff = [rm.name for rm in bank.all_rms()]
        products = [n for p in bank.products().values() for n in (p.name, p.name_en) if n]
        return cls(names, values, staff, products)


def _add_form(forms: _Forms, key: str, entry: NameEntry, form: NameForm) -> None:
    fkey = compact_form(form.text) if form.spaced else ascii_lower(form.text)
    if not fkey:
        return
    if not form.strong:
        forms.weak[fkey] |= entry.client_ids
        return
    forms.written.setdefault(fkey, form.text)
    (forms.spaced if form.spaced else forms.strong)[fkey].add(key)


def _automaton(entries: dict[str, NameEntry]) -> ahocorasick.Automaton | None:
    automaton = ahocorasick.Automaton()
    for key in entries:
        automaton.add_word(key, len(key))
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


def _prefixes(table: dict[str, NameEntry]) -> ahocorasick.Automaton:
    """A trie of the keys: a spaced run stops growing once it spells the beginning of none."""
    trie = ahocorasick.Automaton()
    for key in table:
        trie.add_word(key, None)
    return trie


def word_edges(text: str) -> list[tuple[int, int]]:
    """The spans of the dictionary words (jieba's, frequent enough to be everyday words) in
    ``text``; words jieba only guessed from unknown characters are left out."""
    import jieba  # loaded by the name forms and the search index already

    return [
        (start, end)
        for word, start, end in jieba.tokenize(text)
        if end - start >= 2 and (jieba.get_FREQ(word) or 0) >= RARE_WORD_FREQ
    ]


def _splits_a_word(words: list[tuple[int, int]], hit: NameHit) -> bool:
    """An everyday word straddles one of the hit's edges."""
    return splits_a_word(words, hit.start, hit.end)


def splits_a_word(words: list[tuple[int, int]], start: int, end: int) -> bool:
    """An everyday word of ``words`` (``word_edges``) straddles ``start`` or ``end``: "海天" in
    "上海天气" is no mention of 海天制药."""
    return any(a < edge < b for a, b in words for edge in (start, end))


def _merge(hits: list[NameHit], more: list[NameHit]) -> list[NameHit]:
    """``hits`` plus those of ``more`` that overlap none of them."""
    kept = [h for h in more if all(h.end <= o.start or h.start >= o.end for o in hits)]
    return sorted(hits + kept, key=lambda h: h.start)


def _free(hit: NameHit, hits: list[NameHit]) -> bool:
    """``hit`` is one of ``hits`` or overlaps none of them."""
    return any(h is hit for h in hits) or all(
        hit.end <= h.start or hit.start >= h.end for h in hits
    )


MIN_TYPO_WORD = 6  # letters in a word read as a misspelt name
MIN_HOMOPHONE = 4  # characters in a Chinese form found by its sound
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")


@lru_cache(maxsize=8192)
def _char_sound(ch: str) -> str:
    """One character's pinyin without tones (its most usual reading)."""
    return lazy_pinyin(ch)[0]


def _sound(text: str) -> tuple[str, ...]:
    return tuple(_char_sound(ch) for ch in text)


def _one_char_off(written: str, form: str) -> bool:
    return (
        len(written) == len(form) and sum(a != b for a, b in zip(written, form, strict=True)) == 1
    )


# Letters in a name form a misspelling may stand for: at seven, everyday words ("marine",
# "changed") are already one letter from a client's name somewhere in a bank.
MIN_TYPO_FORM = 8


def _one_word_off(typed: tuple[str, str], name: tuple[str, str]) -> bool:
    """One word as the name has it, the other mistyped and five letters or more."""
    return any(
        typed[kept] == name[kept]
        and typed[1 - kept] != name[1 - kept]
        and len(typed[1 - kept]) >= 5
        for kept in (0, 1)
    )


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _typo_index(forms: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each long one-word form and its one-letter deletions -> the forms: a word one edit from
    a form (a letter dropped, added, changed or two swapped) shares a key with it."""
    index: dict[str, set[str]] = defaultdict(set)
    for form in forms:
        for key in (form, *_deletions(form)):
            index[key].add(form)
    return {k: frozenset(v) for k, v in index.items()}


def _plain_word(text: str, word: re.Match[str]) -> bool:
    """A word of prose, not part of an e-mail address, a URL or a code like ``ab12``."""
    before = text[word.start() - 1] if word.start() else " "
    after = text[word.end()] if word.end() < len(text) else " "
    return not (
        before in "@./_\\" or before.isdigit() or after in "@_\\" or after.isdigit()
    ) and not (after == "." and word.end() + 1 < len(text) and text[word.end() + 1].isalnum())


def _identifier_values(
    client_id: str, phone: str | None, email: str | None, number: str | None
) -> list[tuple[Entity, str, str | None]]:
    out: list[tuple[Entity, str, str | None]] = []
    if phone:
        out.append((Entity.PHONE, phone, client_id))
    if email:
        out.append((Entity.EMAIL, email, client_id))
    if number:
        kind = identifier_kind(number)
        if kind:
            out.append((kind, number, client_id))
    return out


def identifier_kind(number: str) -> Entity | None:
    """ID, USCC or CARD for a registration / ID number, by which checksum it passes."""
    if is_any_resident_id(number):
        return Entity.ID
    if is_uscc(number):
        return Entity.USCC
    if is_card_number(number):
        return Entity.CARD
    return None


def _bounded(text: str, start: int, end: int) -> bool:
    """ASCII names must not start or end inside an ASCII word; CJK names need no edge."""
    if _ASCII_ALNUM.match(text[start]) and start > 0 and _ASCII_ALNUM.match(text[start - 1]):
        return False
    return not (
        _ASCII_ALNUM.match(text[end - 1]) and end < len(text) and _ASCII_ALNUM.match(text[end])
    )
