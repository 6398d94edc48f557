"""The token vault: typed, per-conversation tokens (``⟦CLIENT_1⟧``, ``⟦PHONE_3⟧`` ...) for PII
values, kept encrypted at rest (AES-GCM) and scoped to one RM and one conversation.

The same value always gets the same token within a scope, found through an HMAC of the value
(never the value itself). A token from another RM's or another conversation's scope resolves
to nothing: lookups are keyed by scope, and the scope is bound into each ciphertext as
associated data, so a row copied across scopes does not even decrypt. Entries expire.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from assistant.privacy.entities import Entity
from assistant.privacy.keys import VaultKeys
from assistant.privacy.models import VaultEntry
from assistant.privacy.normalize import canonical_value
from assistant.storage.db import transaction

DEFAULT_TTL = timedelta(days=30)
_TABLE = cast(Table, VaultEntry.__table__)
_READ = ("id", "value_hash", "token", "entity_type", "client_id", "expires_at")
_CACHE_SIZE = 50_000


def make_token(entity_type: Entity, number: int) -> str:
    return f"⟦{entity_type.value}_{number}⟧"


def utcnow() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything the vault writes is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class _Pending:
    value: str  # canonical
    kind: Entity
    digest: str
    client_id: str | None


@dataclass(frozen=True, slots=True)
class VaultRecord:
    token: str
    entity_type: Entity
    value: str
    client_id: str | None
    expires_at: datetime


class Vault:
    """Issue and resolve tokens. Safe for concurrent use from threads and processes."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        keys: VaultKeys,
        *,
        ttl: timedelta = DEFAULT_TTL,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = session_factory
        self._keys = keys
        self._aead = AESGCM(keys.encryption)
        self.ttl = ttl
        self._clock = clock
        # Entries never change once written (bar a client_id learnt later), so caching the
        # decrypted records of recent scopes is safe; expiry is checked on every hit.
        self._cache: OrderedDict[tuple[str, str, str], VaultRecord] = OrderedDict()
        self._lock = threading.Lock()

    # -- issuing ---------------------------------------------------------------------------
    def token_for(
        self,
        value: str,
        entity_type: Entity | str,
        *,
        rm_id: str,
        conversation_id: str,
        client_id: str | None = None,
    ) -> str:
        """The token for ``value`` in this scope, issuing the next number when it is new."""
        items = [(value, entity_type, client_id)]
        return self.tokens_for(items, rm_id=rm_id, conversation_id=conversation_id)[0]

    def tokens_for(
        self,
        items: Sequence[tuple[str, Entity | str, str | None]],
        *,
        rm_id: str,
        conversation_id: str,
    ) -> list[str]:
        """Tokens for several ``(value, entity_type, client_id)``: cache hits cost nothing,
        the rest share one transaction."""
        keyed: list[_Pending] = []
        for value, entity_type, client_id in items:
            kind = Entity(entity_type)
            canonical = canonical_value(kind, value)
            digest = self.value_hash(canonical, kind, rm_id, conversation_id)
            keyed.append(_Pending(canonical, kind, digest, client_id))
        tokens: dict[str, str] = {}
        for item in keyed:
            cached = self._cached(rm_id, conversation_id, "h:" + item.digest)
            if cached and (item.client_id is None or cached.client_id is not None):
                tokens[item.digest] = cached.token
        missing = [item for item in keyed if item.digest not in tokens]
        if missing:
            tokens.update(self._issue(missing, rm_id, conversation_id))
        return [tokens[item.digest] for item in keyed]

    def _issue(self, missing: list[_Pending], rm_id: str, conv: str) -> dict[str, str]:
        for _attempt in range(8):
            try:
                with transaction(self._sessions) as session:
                    records = self._lookup_or_insert(session, missing, rm_id, conv)
            except IntegrityError:  # another writer took a number first: look again
                continue
            for digest, record in records.items():
                self._remember(rm_id, conv, digest, record)
            return {digest: record.token for digest, record in records.items()}
        raise RuntimeError("could not issue vault tokens after repeated conflicts")

    def _lookup_or_insert(
        self, session: Session, items: list[_Pending], rm_id: str, conv: str
    ) -> dict[str, VaultRecord]:
        """Existing live entries for ``items`` (one query), new entries for the rest (one
        multi-row insert). Row tuples, not ORM objects: a client profile issues a dozen
        tokens, and the ORM's bookkeeping for them was most of the write."""
        now = self._clock()
        scope = (_TABLE.c.rm_id == rm_id, _TABLE.c.conversation_id == conv)
        rows = session.execute(
            select(*(_TABLE.c[name] for name in _READ))
            .where(*scope, _TABLE.c.value_hash.in_({i.digest for i in items}))
            .where(_TABLE.c.expires_at > now)
            .order_by(_TABLE.c.id)
        ).all()
        found = {row.value_hash: row for row in reversed(rows)}  # the oldest wins
        records: dict[str, VaultRecord] = {}
        new_rows: dict[str, dict] = {}
        learnt: dict[int, str] = {}  # row id -> client id learnt later
        counts: dict[str, int] | None = None
        for item in items:
            known = records.get(item.digest)
            if known is None and item.digest in found:
                known = records[item.digest] = _found_record(found[item.digest], item.value)
            if known is not None:
                if known.client_id is None and item.client_id is not None:
                    # learnt later (or again in this batch): tie the token to its client
                    records[item.digest] = replace(known, client_id=item.client_id)
                    if item.digest in new_rows:
                        new_rows[item.digest]["client_id"] = item.client_id
                    else:
                        learnt[found[item.digest].id] = item.client_id
                continue
            if counts is None:  # numbers issued so far in this scope, per type
                counts = dict(
                    session.execute(
                        select(_TABLE.c.entity_type, func.count())
                        .where(*scope)
                        .group_by(_TABLE.c.entity_type)
                    ).all()
                )
            counts[item.kind.value] = counts.get(item.kind.value, 0) + 1
            row = self._new_entry(item, rm_id, conv, counts[item.kind.value], now)
            new_rows[item.digest] = row
            records[item.digest] = VaultRecord(
                row["token"], item.kind, item.value, item.client_id, _aware(row["expires_at"])
            )
        if new_rows:
            session.execute(insert(_TABLE), list(new_rows.values()))
        for row_id, client_id in learnt.items():
            session.execute(update(_TABLE).where(_TABLE.c.id == row_id).values(client_id=client_id))
        return records

    def _new_entry(self, item: _Pending, rm_id: str, conv: str, number: int, now: datetime) -> dict:
        token = make_token(item.kind, number)
        nonce = secrets.token_bytes(12)
        aad = _aad(rm_id, conv, token, item.kind)
        return {
            "rm_id": rm_id,
            "conversation_id": conv,
            "token": token,
            "entity_type": item.kind.value,
            "client_id": item.client_id,
            "nonce": nonce,
            "value_hash": item.digest,
            "created_at": now,
            "expires_at": now + self.ttl,
            "ciphertext": self._aead.encrypt(nonce, item.value.encode(), aad),
        }

    # -- resolving -------------------------------------------------------------------------
    def resolve(self, token: str, *, rm_id: str, conversation_id: str) -> VaultRecord | None:
        """The record behind ``token`` in this scope; None if never issued here or expired."""
        return self.resolve_many([token], rm_id=rm_id, conversation_id=conversation_id).get(token)

    def resolve_many(
        self, tokens: Iterable[str], *, rm_id: str, conversation_id: str
    ) -> dict[str, VaultRecord]:
        wanted = set(tokens)
        found = {t: r for t in wanted if (r := self._cached(rm_id, conversation_id, "t:" + t))}
        missing = wanted - found.keys()
        if missing:
            with self._sessions() as session:
                rows = session.scalars(
                    select(VaultEntry).where(
                        VaultEntry.rm_id == rm_id,
                        VaultEntry.conversation_id == conversation_id,
                        VaultEntry.token.in_(missing),
                        VaultEntry.expires_at > self._clock(),
                    )
                ).all()
            for row in rows:
                record = self._decrypt(row)
                if record:
                    found[row.token] = record
                    self._remember(rm_id, conversation_id, row.value_hash, record)
        return found

    def purge_expired(self) -> int:
        """Delete expired entries; returns how many went."""
        with transaction(self._sessions) as session:
            result = session.execute(
                delete(VaultEntry).where(VaultEntry.expires_at <= self._clock())
            )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    # -- helpers ---------------------------------------------------------------------------
    def value_hash(self, canonical: str, kind: Entity, rm_id: str, conversation_id: str) -> str:
        message = "\x1f".join((rm_id, conversation_id, kind.value, canonical)).encode()
        return hmac.new(self._keys.lookup, message, hashlib.sha256).hexdigest()

    def _decrypt(self, row: VaultEntry) -> VaultRecord | None:
        kind = Entity(row.entity_type)
        aad = _aad(row.rm_id, row.conversation_id, row.token, kind)
        try:
            value = self._aead.decrypt(row.nonce, row.ciphertext, aad).decode()
        except InvalidTag:  # tampered, or moved from another scope
            return None
        return self._record(row, value)

    @staticmethod
    def _record(row: VaultEntry, value: str) -> VaultRecord:
        return VaultRecord(
            row.token, Entity(row.entity_type), value, row.client_id, _aware(row.expires_at)
        )

    def _cached(self, rm_id: str, conv: str, key: str) -> VaultRecord | None:
        with self._lock:
            record = self._cache.get((rm_id, conv, key))
        if record is None or record.expires_at <= self._clock():
            return None
        return record

    def _remember(self, rm_id: str, conv: str, digest: str, record: VaultRecord) -> None:
        with self._lock:
            self._cache[(rm_id, conv, "h:" + digest)] = record
            self._cache[(rm_id, conv, "t:" + record.token)] = record
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)


def _found_record(row: Any, value: str) -> VaultRecord:
    return VaultRecord(
        row.token, Entity(row.entity_type), value, row.client_id, _aware(row.expires_at)
    )


def _aad(rm_id: str, conversation_id: str, token: str, kind: Entity) -> bytes:
    return "\x1f".join((rm_id, conversation_id, token, kind.value)).encode()
