"""The outgoing edge: tokens back to what this RM may see, then a final scan for raw PII.

- CLIENT / PERSON tokens of the RM's entitled clients (or of no known client) -> the name;
- PHONE, CARD, ACCOUNT, ID, USCC, EMAIL, ADDRESS -> partial display forms;
- tokens of clients outside the entitlement -> ``[redacted]``, flag ``guard:foreign_token``;
- tokens this scope never issued (or that expired) -> ``[redacted]``, ``guard:unknown_token``;
- raw identifiers, or known names of non-entitled clients, still in the text after that ->
  ``[redacted]``, ``guard:pii_leak``.
Events describe what was done with tokens and types only, never values.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from assistant.privacy.analyzer import SCAN_ENTITIES, PiiAnalyzer
from assistant.privacy.display import display_form
from assistant.privacy.entities import NAME_ENTITIES
from assistant.privacy.tokens import TOKEN_RE
from assistant.privacy.vault import Vault, VaultRecord

REDACTED = "[redacted]"
FOREIGN_TOKEN = "guard:foreign_token"
UNKNOWN_TOKEN = "guard:unknown_token"
PII_LEAK = "guard:pii_leak"


@dataclass(frozen=True, slots=True)
class GuardEvent:
    flag: str
    entity_type: str
    token: str | None = None
    client_id: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "flag": self.flag,
            "entity_type": self.entity_type,
            "token": self.token,
            "client_id": self.client_id,
        }


@dataclass(frozen=True, slots=True)
class Restored:
    text: str
    flags: list[str] = field(default_factory=list)
    events: list[GuardEvent] = field(default_factory=list)


def restore_tokens(
    text: str,
    vault: Vault,
    *,
    rm_id: str,
    conversation_id: str,
    entitled_client_ids: Collection[str],
    owners_of_name: Callable[[str], Collection[str]] = lambda _name: (),
) -> Restored:
    """Replace every token in ``text`` by its display form for this RM (no final scan)."""
    tokens = {m.group(0) for m in TOKEN_RE.finditer(text)}
    if not tokens:
        return Restored(text)
    records = vault.resolve_many(tokens, rm_id=rm_id, conversation_id=conversation_id)
    events: list[GuardEvent] = []

    def replace(match: object) -> str:
        token = match.group(0)  # type: ignore[attr-defined]
        record = records.get(token)
        if record is None:
            events.append(GuardEvent(UNKNOWN_TOKEN, match.group(1), token))  # type: ignore[attr-defined]
            return REDACTED
        if not _entitled(record, entitled_client_ids, owners_of_name):
            events.append(
                GuardEvent(FOREIGN_TOKEN, record.entity_type.value, token, record.client_id)
            )
            return REDACTED
        return display_form(record.entity_type, record.value)

    restored = TOKEN_RE.sub(replace, text)
    return Restored(restored, _flags(events), events)


def _entitled(
    record: VaultRecord,
    entitled: Collection[str],
    owners_of_name: Callable[[str], Collection[str]],
) -> bool:
    if record.client_id is not None:
        return record.client_id in entitled
    if record.entity_type in NAME_ENTITIES:
        # A name tied to no single client: shown unless it is a known name of others only.
        owners = owners_of_name(record.value)
        return not owners or any(owner in entitled for owner in owners)
    return True


def scan_outgoing(
    text: str,
    analyzer: PiiAnalyzer,
    entitled_client_ids: Collection[str],
    staff_names: Collection[str] = (),
) -> tuple[str, list[GuardEvent]]:
    """Redact raw identifiers and known names of non-entitled clients left in ``text``.
    ``staff_names``: the bank's staff the reader may name (a lead's team): a colleague who
    shares a name with another book's client is the colleague in an answer about the team."""
    leaks: list[tuple[int, int, GuardEvent]] = []
    for det in analyzer.analyze(text, entities=SCAN_ENTITIES, exact_only=True):
        if det.entity_type in NAME_ENTITIES:
            if det.value in staff_names:
                continue
            owners = analyzer.dictionary.owners_of_name(det.value)
            if not owners or any(owner in entitled_client_ids for owner in owners):
                continue
        event = GuardEvent(PII_LEAK, det.entity_type.value, None, det.client_id)
        leaks.append((det.start, det.end, event))
    for start, end, _event in sorted(leaks, key=lambda leak: leak[0], reverse=True):
        text = text[:start] + REDACTED + text[end:]
    return text, [event for _s, _e, event in leaks]


def _flags(events: list[GuardEvent]) -> list[str]:
    return list(dict.fromkeys(event.flag for event in events))


def restore(
    text: str,
    vault: Vault,
    analyzer: PiiAnalyzer,
    *,
    rm_id: str,
    conversation_id: str,
    entitled_client_ids: Collection[str],
    staff_names: Collection[str] = (),
) -> Restored:
    """Tokens to display forms for this RM, then the final scan of the outgoing text."""
    restored = restore_tokens(
        text,
        vault,
        rm_id=rm_id,
        conversation_id=conversation_id,
        entitled_client_ids=entitled_client_ids,
        owners_of_name=analyzer.dictionary.owners_of_name,
    )
    scanned, leaks = scan_outgoing(restored.text, analyzer, entitled_client_ids, staff_names)
    events = [*restored.events, *leaks]
    return Restored(scanned, _flags(events), events)
