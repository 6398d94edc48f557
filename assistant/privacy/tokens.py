"""The one token pattern (``⟦CLIENT_1⟧``, ``⟦PHONE_12⟧``): every module that finds, strips or
checks tokens imports it from here (a light module: no Presidio, no database)."""

from __future__ import annotations

import re

# Group 1 is the entity type, group 2 the number.
TOKEN_RE = re.compile(r"⟦([A-Z]+)_(\d{1,6})⟧")
CLIENT_TOKEN_RE = re.compile(r"⟦CLIENT_\d{1,6}⟧")


def is_token(text: str) -> bool:
    """True when ``text`` is exactly one token."""
    return TOKEN_RE.fullmatch(text) is not None
