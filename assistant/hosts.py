"""Host names and ``*.suffix`` patterns: the syntax a setting may use and how a URL's host is
matched against them. One place, so the allow-lists (FRONTLINE_LINK_HOSTS,
FRONTLINE_TEAMS_SERVICE_HOSTS) are written the same way.

Matching is on the exact ASCII host a URL parser sees: no Unicode (an internationalised name
must be written in punycode, and then matches only itself), no trailing dot, no percent
escapes, no userinfo. Anything unusual is refused rather than normalised.
"""

from __future__ import annotations

import ipaddress
import re

_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_LOOPBACK_NAMES = frozenset({"localhost"})


def is_host_name(host: str) -> bool:
    """A lower-case ASCII DNS name (letters, digits, hyphens; dot-separated labels)."""
    return len(host) <= 253 and _HOST.fullmatch(host) is not None


def is_valid_host(host: str) -> bool:
    """A host name as above, or an IP address literal (IPv6 without its brackets)."""
    if is_host_name(host):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def is_loopback(host: str) -> bool:
    """``localhost``, 127.0.0.0/8 or ``::1`` (as ``urlsplit(...).hostname`` gives them)."""
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_host_pattern(text: str) -> str:
    """One allow-list entry: a host name or ``*.suffix`` with at least two labels in the
    suffix, lower-cased, a final dot dropped. Raises ``ValueError`` with a message meant for
    the person editing the setting."""
    entry = text.strip().lower().removesuffix(".")
    if "://" in entry or "/" in entry:
        raise ValueError(f"{text.strip()!r}: a host name only, without scheme or path")
    if any(c in entry for c in "@:?#[]"):
        raise ValueError(f"{text.strip()!r}: a host name only, without user, port or query")
    name = entry.removeprefix("*.")
    if not is_host_name(name):
        raise ValueError(f"{text.strip()!r}: not a host name (ASCII; punycode for IDN)")
    if entry.startswith("*.") and "." not in name:
        raise ValueError(f"{text.strip()!r}: a wildcard needs a domain, e.g. *.example.com")
    return entry


def host_matches(host: str, patterns: tuple[str, ...]) -> bool:
    """True when ``host`` equals a listed name or is a subdomain of a listed ``*.suffix``."""
    for pattern in patterns:
        if pattern.startswith("*."):
            if host.endswith(pattern[1:]) and len(host) > len(pattern) - 1:
                return True
        elif host == pattern:
            return True
    return False
