"""Download ids for prep documents: unguessable, bound to one RM, expiring, and stateless.

An id is the client, language and expiry sealed with AES-GCM under a key derived from the
vault's master key, with the RM's id as associated data. So an id cannot be guessed or
forged, another RM's bearer token cannot open it (the tag fails), replicas and restarts open
it without a shared table, and it carries no readable client id in the URL.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from assistant.core.types import DocumentLink

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
MAX_ID = 256
TITLES = {"zh": "会前准备", "en": "Meeting prep"}


@dataclass(frozen=True)
class PrepRef:
    """What an id opens to: whose client, in which language."""

    rm_id: str
    client_id: str
    language: str


def url_for(doc_id: str) -> str:
    return f"/v1/prep/{doc_id}.docx"


class PrepLinks:
    def __init__(self, master_key: bytes, clock: Callable[[], datetime] | None = None) -> None:
        key = hmac.new(master_key, b"frontline-prep-links", hashlib.sha256).digest()
        self._aead = AESGCM(key)
        self._clock = clock or (lambda: datetime.now(UTC))

    def seal(
        self, rm_id: str, client_id: str, language: str, ttl_days: int
    ) -> tuple[str, datetime]:
        expires = self._clock() + timedelta(days=ttl_days)
        payload = json.dumps(
            {"c": client_id, "l": language, "e": int(expires.timestamp())}, separators=(",", ":")
        ).encode()
        nonce = secrets.token_bytes(12)
        sealed = nonce + self._aead.encrypt(nonce, payload, rm_id.encode())
        return base64.urlsafe_b64encode(sealed).rstrip(b"=").decode(), expires

    def issue(self, rm_id: str, client_id: str, language: str, ttl_days: int) -> DocumentLink:
        doc_id, expires = self.seal(rm_id, client_id, language, ttl_days)
        return DocumentLink(
            kind="meeting_prep",
            title=f"{TITLES.get(language, TITLES['en'])} · {client_id}",
            url=url_for(doc_id),
            media_type=MEDIA_TYPE,
            expires_at=expires.isoformat(timespec="seconds"),
        )

    def open(self, rm_id: str, doc_id: str) -> PrepRef | None:
        """The prep ``doc_id`` stands for, if ``rm_id`` was issued it and it has not expired;
        None otherwise (the caller cannot tell a forged id from another RM's)."""
        if not doc_id or len(doc_id) > MAX_ID or not set(doc_id) <= ID_CHARS:
            return None
        try:
            raw = base64.urlsafe_b64decode(doc_id + "=" * (-len(doc_id) % 4))
            if base64.urlsafe_b64encode(raw).rstrip(b"=").decode() != doc_id:
                return None  # base64's spare bits changed: one document has one id, not four
            payload = json.loads(self._aead.decrypt(raw[:12], raw[12:], rm_id.encode()))
        except (InvalidTag, ValueError, binascii.Error):
            return None
        if payload["e"] < self._clock().timestamp():
            return None
        return PrepRef(rm_id, str(payload["c"]), str(payload["l"]))
