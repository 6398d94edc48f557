"""Privacy: PII detection, the token vault, masking and the outgoing guard (DESIGN §3).

Build one layer per process with :func:`build_privacy_layer` and share it; the spaCy
pipelines, the recognizers and the LAC model are loaded once, inside it.

Names are imported lazily: the vault's table model lives in this package, and the schema
migrations must not pay for importing Presidio and spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "FOREIGN_TOKEN": "restore",
    "PII_LEAK": "restore",
    "UNKNOWN_TOKEN": "restore",
    "Restored": "restore",
    "TOKEN_RE": "tokens",
    "CLIENT_TOKEN_RE": "tokens",
    "is_token": "tokens",
    "Vault": "vault",
    "DEFAULT_TTL": "vault",
    "Detection": "entities",
    "Entity": "entities",
    "Masked": "masker",
    "MaskedEntity": "masker",
    "PrivacyLayer": "masker",
    "NameDictionary": "dictionary",
    "PiiAnalyzer": "analyzer",
    "build_privacy_layer": "build",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'assistant.privacy' has no attribute {name!r}")
    return getattr(import_module(f"assistant.privacy.{_EXPORTS[name]}"), name)
