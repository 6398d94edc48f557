"""``PrivacyLayer``: the one place text and values turn into tokens and back.

``mask`` replaces the PII found in free text by vault tokens; ``token_for`` does the same for a
structured value a tool already knows (a client's name, a contact's phone); ``restore`` and
``scan_outgoing`` guard what leaves for the RM.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field

from assistant.privacy.analyzer import SCAN_ENTITIES, PiiAnalyzer
from assistant.privacy.dictionary import NameDictionary
from assistant.privacy.entities import Detection, Entity
from assistant.privacy.links import LinkGuard
from assistant.privacy.restore import Restored, restore, scan_outgoing
from assistant.privacy.vault import Vault
from tools.bank.repository import BankRepository


@dataclass(frozen=True, slots=True)
class MaskedEntity:
    """Where a token replaced a value (offsets into the original text); no value kept."""

    token: str
    entity_type: Entity
    start: int
    end: int
    client_id: str | None
    score: float


@dataclass(frozen=True, slots=True)
class Masked:
    text: str
    entities: list[MaskedEntity] = field(default_factory=list)

    @property
    def client_ids(self) -> set[str]:
        return {e.client_id for e in self.entities if e.client_id}


CLEAN_CACHE_SIZE = 20_000  # digests of texts found PII-free (16 bytes each)


class PrivacyLayer:
    def __init__(
        self,
        analyzer: PiiAnalyzer,
        vault: Vault,
        dictionary: NameDictionary,
        link_hosts: Collection[str] = (),
    ) -> None:
        self.analyzer = analyzer
        self.vault = vault
        self.links = LinkGuard(link_hosts, has_pii=self._has_exact_pii)
        if dictionary is not analyzer.dictionary:
            analyzer.set_dictionary(dictionary)
        # Texts already found free of PII: the same playbook passages and tool values come back
        # turn after turn. What is found depends only on the text and the name dictionary, so
        # this is valid across RMs and conversations until the dictionary changes.
        self._clean: OrderedDict[bytes, None] = OrderedDict()
        self._clean_lock = threading.Lock()

    @property
    def dictionary(self) -> NameDictionary:
        return self.analyzer.dictionary

    def mask(
        self, text: str, *, rm_id: str, conversation_id: str, language: str | None = None
    ) -> Masked:
        """``text`` with every PII value found replaced by its conversation-scoped token."""
        return self.mask_many(
            [text], rm_id=rm_id, conversation_id=conversation_id, language=language
        )[0]

    def mask_many(
        self,
        texts: Sequence[str],
        *,
        rm_id: str,
        conversation_id: str,
        language: str | None = None,
    ) -> list[Masked]:
        """Each text masked as ``mask`` would, one after the other (the same token numbers),
        with the tokens issued in one vault transaction (a client's recent notes)."""
        found = [self.analyzer.analyze(text, language=language) for text in texts]
        tokens = iter(
            self.vault.tokens_for(
                [(_kept(d), d.entity_type, d.client_id) for dets in found for d in dets],
                rm_id=rm_id,
                conversation_id=conversation_id,
            )
        )
        return [_masked(text, dets, tokens) for text, dets in zip(texts, found, strict=True)]

    def all_clean(self, texts: Sequence[str]) -> bool:
        """True if no text holds PII. Texts seen clean before are not analysed again; the
        rest are analysed in one pass (and remembered when clean)."""
        digests = {_digest(t): t for t in texts}
        with self._clean_lock:
            unknown = [d for d in digests if d not in self._clean]
        if unknown and self.analyzer.analyze("\n".join(digests[d] for d in unknown)):
            return False
        with self._clean_lock:
            for d in unknown:
                self._clean[d] = None
            for d in digests:
                self._clean.move_to_end(d)
            while len(self._clean) > CLEAN_CACHE_SIZE:
                self._clean.popitem(last=False)
        return True

    def owners_of_name(self, name: str) -> frozenset[str]:
        """The clients a known name, or any form of it, belongs to (see the dictionary)."""
        return self.analyzer.dictionary.owners_of_name(name)

    def token_for(
        self,
        value: str,
        entity_type: Entity | str,
        *,
        rm_id: str,
        conversation_id: str,
        client_id: str | None = None,
    ) -> str:
        """The token for one known value (tools call this for structured output)."""
        return self.vault.token_for(
            value, entity_type, rm_id=rm_id, conversation_id=conversation_id, client_id=client_id
        )

    def tokens_for(
        self,
        items: Sequence[tuple[str, Entity | str, str | None]],
        *,
        rm_id: str,
        conversation_id: str,
    ) -> list[str]:
        """Tokens for several known values in one vault transaction (a client profile)."""
        return self.vault.tokens_for(items, rm_id=rm_id, conversation_id=conversation_id)

    def restore(
        self,
        text: str,
        *,
        rm_id: str,
        conversation_id: str,
        entitled_client_ids: Collection[str],
        staff_names: Collection[str] = (),
    ) -> Restored:
        """Links neutralised (:mod:`.links`: no token restores inside a URL), tokens -> what
        this RM may see, then the final scan; see :mod:`.restore`."""
        text, link_flags = self.links.clean(text)
        restored = restore(
            text,
            self.vault,
            self.analyzer,
            rm_id=rm_id,
            conversation_id=conversation_id,
            entitled_client_ids=entitled_client_ids,
            staff_names=staff_names,
        )
        if not link_flags:
            return restored
        return Restored(restored.text, [*link_flags, *restored.flags], restored.events)

    def _has_exact_pii(self, text: str) -> bool:
        return bool(self.analyzer.analyze(text, entities=SCAN_ENTITIES, exact_only=True))

    def scan_outgoing(
        self, text: str, entitled_client_ids: Collection[str]
    ) -> tuple[str, list[str]]:
        """Redact raw identifiers and non-entitled client names; returns (text, flags)."""
        scanned, events = scan_outgoing(text, self.analyzer, entitled_client_ids)
        return scanned, list(dict.fromkeys(e.flag for e in events))

    def refresh_dictionary(self, bank: BankRepository) -> NameDictionary:
        """Rebuild the name dictionary from the bank's data (after an import)."""
        dictionary = NameDictionary.from_repository(bank)
        self.analyzer.set_dictionary(dictionary)
        with self._clean_lock:
            self._clean.clear()  # a new client's name may be in text that was clean before
        return dictionary


def _masked(text: str, detections: Sequence[Detection], tokens: Iterator[str]) -> Masked:
    """``text`` with each detection replaced by the next token."""
    entities: list[MaskedEntity] = []
    pieces: list[str] = []
    cursor = 0
    for det in detections:
        token = next(tokens)
        pieces += [text[cursor : det.start], token]
        cursor = det.end
        entities.append(
            MaskedEntity(token, det.entity_type, det.start, det.end, det.client_id, det.score)
        )
    pieces.append(text[cursor:])
    return Masked("".join(pieces), entities)


def _kept(detection: Detection) -> str:
    """What the vault keeps of a detection: a credential not at all (its token restores as
    stars), every other value to be restored for its owner."""
    return "" if detection.entity_type is Entity.SECRET else detection.value


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
