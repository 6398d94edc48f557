"""The vault key: ``FRONTLINE_VAULT_KEY`` (base64 of 32 bytes), else a key generated once and
kept in ``FRONTLINE_HOME/vault.key`` (mode 0600)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from assistant.config import Settings
from assistant.errors import ConfigError

KEY_FILE = "vault.key"


@dataclass(frozen=True, slots=True)
class VaultKeys:
    """Separate keys for encryption and lookup hashing, derived from the one master key."""

    encryption: bytes
    lookup: bytes

    @classmethod
    def derive(cls, master: bytes) -> VaultKeys:
        if len(master) != 32:
            raise ConfigError("the vault key must be 32 bytes (base64-encoded)")
        return cls(
            encryption=hmac.new(master, b"frontline-vault-aes-gcm", hashlib.sha256).digest(),
            lookup=hmac.new(master, b"frontline-vault-lookup", hashlib.sha256).digest(),
        )


def load_master_key(settings: Settings) -> bytes:
    if settings.vault_key is not None:
        return _decode(settings.vault_key.get_secret_value())
    return _key_file(settings.home / KEY_FILE)


def _decode(encoded: str) -> bytes:
    try:
        key = base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ConfigError("FRONTLINE_VAULT_KEY is not valid base64") from None
    if len(key) != 32:
        raise ConfigError(f"FRONTLINE_VAULT_KEY must decode to 32 bytes, got {len(key)}")
    return key


def _key_file(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        encoded = base64.b64encode(secrets.token_bytes(32))
        try:  # O_EXCL: two processes starting together keep the first key written
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(encoded + b"\n")
    return _decode(path.read_text())
