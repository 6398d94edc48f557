"""The bank's own names and identifiers, for exact matching.

Built from every RM's book (so a client of another RM, or a foreign client whose name no model
knows, is still caught). Company names are also indexed in their short forms: without the legal
suffix (有限公司, 股份有限公司 ...) and without a leading city or province, when what remains has
at least four characters and belongs to one client only.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.privacy.entities import Entity
from assistant.privacy.normalize import ascii_lower, canonical_value
from assistant.privacy.places import strip_place_prefix
from tools.bank.identifiers import is_any_resident_id, is_card_number, is_uscc
from tools.bank.models import RM, Client, Contact, Holding

_LEGAL_SUFFIX = re.compile(
    r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|股份公司|分公司|公司)$"
    r"|[,.]?\s+(?:Inc|LLC|L\.L\.C|Ltd|Limited|PLC|Co|Corp|Corporation|Company|GmbH|AG|SA|Pte)\.?"
    r"(?:,?\s+(?:Ltd|Limited|Inc)\.?)?$",
    re.IGNORECASE,
)
_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")
MIN_SHORT_FORM = 4


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


def short_forms(name: str) -> set[str]:
    """Forms a company name is also written in (the full name excluded)."""
    bare = _LEGAL_SUFFIX.sub("", name).strip()
    forms = {bare, strip_place_prefix(bare), strip_place_prefix(name)}
    return {f for f in forms if f != name and len(f) >= MIN_SHORT_FORM}


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
    ) -> None:
        self._entries = self._index_names(names)
        # The bank's own staff (RMs sign their drafts): not customer PII, so a person detection
        # that is exactly a staff name is not masked — unless a client or contact has that
        # name too, when masking wins.
        self._staff = {
            key
            for name in staff
            if (key := ascii_lower(canonical_value(Entity.PERSON, name or ""))) and len(key) >= 2
        } - self._entries.keys()
        self._lengths: dict[str, list[int]] = defaultdict(list)
        for key in self._entries:
            self._lengths[key[0]].append(len(key))
        for first, lengths in self._lengths.items():
            self._lengths[first] = sorted(set(lengths), reverse=True)
        self._values: dict[tuple[Entity, str], set[str]] = defaultdict(set)
        for entity_type, value, client_id in values:
            if value and client_id:
                self._values[(entity_type, canonical_value(entity_type, value))].add(client_id)

    def __len__(self) -> int:
        return len(self._entries)

    @staticmethod
    def _index_names(names: Iterable[tuple[str, Entity, str | None]]) -> dict[str, NameEntry]:
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
        entries = {k: NameEntry(n, t, frozenset(ids)) for k, (n, t, ids) in full.items()}
        short: dict[str, set[str]] = defaultdict(set)
        for key, entry in entries.items():
            if entry.entity_type is Entity.CLIENT:
                for form in short_forms(entry.name):
                    short[ascii_lower(form)].add(key)
        for form, owners in short.items():
            if form in entries:  # a full name wins over another name's short form
                continue
            if len(owners) == 1:
                entries[form] = entries[next(iter(owners))]
            else:  # shared by several clients: still a name, tied to none of them alone
                shared = frozenset().union(*(entries[o].client_ids for o in owners))
                written = next(
                    f
                    for o in owners
                    for f in short_forms(entries[o].name)
                    if ascii_lower(f) == form
                )
                entries[form] = NameEntry(written, Entity.CLIENT, shared)
        return entries

    def find(self, text: str) -> list[NameHit]:
        """Every known name in ``text``, longest first at each position, non-overlapping."""
        lowered = ascii_lower(text)
        hits: list[NameHit] = []
        i, n = 0, len(text)
        while i < n:
            for length in self._lengths.get(lowered[i], ()):
                key = lowered[i : i + length]
                entry = self._entries.get(key) if i + length <= n else None
                if entry and _bounded(text, i, i + length):
                    hits.append(NameHit(i, i + length, entry))
                    i += length
                    break
            else:
                i += 1
        return hits

    def is_staff(self, name: str) -> bool:
        """A member of staff's name that no client or contact shares."""
        return ascii_lower(canonical_value(Entity.PERSON, name)) in self._staff

    def owners_of_name(self, name: str) -> frozenset[str]:
        """The clients a known name (full or short form) belongs to; empty when unknown."""
        entry = self._entries.get(ascii_lower(name))
        return entry.client_ids if entry else frozenset()

    def client_for(self, entity_type: Entity, value: str) -> str | None:
        """The client a known identifier belongs to (None when unknown or shared)."""
        ids = self._values.get((entity_type, canonical_value(entity_type, value)), set())
        return next(iter(ids)) if len(ids) == 1 else None

    def owners_of(self, entity_type: Entity, value: str) -> frozenset[str]:
        return frozenset(self._values.get((entity_type, canonical_value(entity_type, value)), ()))

    @classmethod
    def from_session(cls, session: Session) -> NameDictionary:
        """Build from the bank tables: every client and contact of every RM."""
        names: list[tuple[str, Entity, str | None]] = []
        values: list[tuple[Entity, str, str | None]] = []
        clients = session.execute(
            select(
                Client.client_id,
                Client.name,
                Client.phone,
                Client.email,
                Client.registration_id,
                Client.address,
            )
        )
        for cid, name, phone, email, reg_id, address in clients:
            names.append((name, Entity.CLIENT, cid))
            values += _identifier_values(cid, phone, email, reg_id)
            values.append((Entity.ADDRESS, address or "", cid))
        contacts = session.execute(
            select(Contact.client_id, Contact.name, Contact.phone, Contact.email, Contact.id_number)
        )
        for cid, name, phone, email, id_number in contacts:
            names.append((name, Entity.PERSON, cid))
            values += _identifier_values(cid, phone, email, id_number)
        for cid, account_no in session.execute(select(Holding.client_id, Holding.account_no)):
            if account_no:
                values.append((Entity.ACCOUNT, account_no, cid))
                values.append((Entity.CARD, account_no, cid))
        staff = session.scalars(select(RM.name))
        return cls(names, values, staff)


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
