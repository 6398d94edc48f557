"""Inbound security for ``/api/messages``: Bot Framework JWT validation and the ``serviceUrl``
allow-list, both checked BEFORE the activity reaches the Agents SDK.

Why not the SDK's own validator: ``JwtTokenValidator`` (microsoft-agents-hosting-core 1.9)
derives the JWKS URL from the token's issuer and hard-codes Microsoft's endpoints, so it cannot
be pointed at a local key set for tests; it also accepts tokens up to five minutes past expiry
and leaves issuer validation off by default. Here the trusted issuers and their JWKS URLs are
configuration (``TeamsAuthConfig``) whose defaults are Bot Framework's OpenID metadata.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import jwt

from assistant.config import TeamsSettings
from assistant.hosts import host_matches, is_loopback, is_valid_host

logger = logging.getLogger(__name__)

# https://login.botframework.com/v1/.well-known/openidconfiguration
BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
BOT_FRAMEWORK_JWKS = "https://login.botframework.com/v1/.well-known/keys"
# Microsoft's public cloud; sovereign clouds add theirs through FRONTLINE_TEAMS_SERVICE_HOSTS.
DEFAULT_SERVICE_HOSTS = ("smba.trafficmanager.net", "*.botframework.com")
# Where Teams' file consent hands out upload sessions: the user's OneDrive for Business, in
# the commercial, US government and China (21Vianet) clouds.
DEFAULT_UPLOAD_HOSTS = (
    "*.sharepoint.com",
    "*.sharepoint.us",
    "*.sharepoint-mil.us",
    "*.sharepoint.cn",
)
_SCHEMES = ("http", "https")


class TeamsAuthError(Exception):
    """The request is not from the Bot Framework for this bot. The message is for the log."""


def entra_issuers(tenant_id: str) -> dict[str, str]:
    """Single-tenant bots can also receive Entra ID tokens for their own tenant."""
    keys = f"https://login.microsoftonline.com/{tenant_id}/discovery/v2.0/keys"
    return {
        f"https://sts.windows.net/{tenant_id}/": keys,
        f"https://login.microsoftonline.com/{tenant_id}/v2.0": keys,
    }


@dataclass(frozen=True)
class TeamsAuthConfig:
    """Who may call ``/api/messages`` and where replies may go.

    ``app_id`` None means the SDK's anonymous development mode (Bot Framework Emulator): no
    token is required, and replies may go to a loopback ``serviceUrl`` (the Emulator's). With
    an app id, loopback is refused. ``issuers`` maps each trusted issuer to the JWKS URL of
    its keys; ``allowed_service_hosts`` are Microsoft's plus ``FRONTLINE_TEAMS_SERVICE_HOSTS``.
    """

    app_id: str | None
    issuers: dict[str, str] = field(
        default_factory=lambda: {BOT_FRAMEWORK_ISSUER: BOT_FRAMEWORK_JWKS}
    )
    allowed_service_hosts: tuple[str, ...] = DEFAULT_SERVICE_HOSTS
    allowed_upload_hosts: tuple[str, ...] = DEFAULT_UPLOAD_HOSTS
    leeway_s: float = 60.0  # clock skew between Azure and this host
    jwks_timeout_s: float = 10.0

    @classmethod
    def from_settings(cls, teams: TeamsSettings) -> TeamsAuthConfig:
        issuers = {BOT_FRAMEWORK_ISSUER: BOT_FRAMEWORK_JWKS}
        if teams.tenant_id:
            issuers.update(entra_issuers(teams.tenant_id))
        hosts = (*DEFAULT_SERVICE_HOSTS, *teams.service_hosts)
        return cls(app_id=teams.app_id or None, issuers=issuers, allowed_service_hosts=hosts)

    @property
    def anonymous(self) -> bool:
        return not self.app_id

    def allows_upload_url(self, url: str | None) -> bool:
        """Whether a consented file may be PUT to ``url``: https to an upload host (the
        Emulator's loopback in anonymous development mode)."""
        return service_url_allowed(url, self.allowed_upload_hosts, loopback=self.anonymous)

    def allows_service_url(self, url: str | None) -> bool:
        """Whether replies may be sent to ``url`` in this mode (see ``service_url_allowed``)."""
        return service_url_allowed(url, self.allowed_service_hosts, loopback=self.anonymous)


class TeamsJwtValidator:
    """Validates the ``Authorization: Bearer`` token of an inbound activity: RS256 signature
    from the issuer's JWKS, trusted issuer, audience == app id, expiry and not-before."""

    def __init__(self, config: TeamsAuthConfig) -> None:
        self.config = config
        self._clients: dict[str, tuple[jwt.PyJWKClient, threading.Lock]] = {}

    async def validate(self, authorization: str | None) -> dict[str, Any]:
        token = _bearer(authorization)
        try:
            header = jwt.get_unverified_header(token)
            issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
        except jwt.PyJWTError as exc:
            raise TeamsAuthError(f"malformed token ({type(exc).__name__})") from None
        jwks_url = self.config.issuers.get(issuer) if isinstance(issuer, str) else None
        if jwks_url is None:
            raise TeamsAuthError("untrusted issuer")
        if header.get("alg") != "RS256" or not header.get("kid"):
            raise TeamsAuthError("unexpected token header")
        key = await self._signing_key(jwks_url, str(header["kid"]))
        try:
            return jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=self.config.app_id,
                issuer=issuer,
                leeway=self.config.leeway_s,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise TeamsAuthError(f"invalid token ({type(exc).__name__})") from None

    async def _signing_key(self, jwks_url: str, kid: str) -> Any:
        client, lock = self._client(jwks_url)

        def fetch() -> Any:
            with lock:  # PyJWKClient's cache is not safe for concurrent refreshes
                return client.get_signing_key(kid).key

        try:
            return await asyncio.to_thread(fetch)
        except jwt.PyJWTError as exc:  # unknown kid, JWKS unreachable
            raise TeamsAuthError(f"no signing key ({type(exc).__name__})") from None

    def _client(self, jwks_url: str) -> tuple[jwt.PyJWKClient, threading.Lock]:
        if jwks_url not in self._clients:
            client = jwt.PyJWKClient(
                jwks_url, cache_keys=True, lifespan=3600, timeout=self.config.jwks_timeout_s
            )
            self._clients[jwks_url] = (client, threading.Lock())
        return self._clients[jwks_url]


def _bearer(authorization: str | None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise TeamsAuthError("missing bearer token")
    return token.strip()


def service_url_allowed(
    url: str | None, allowed_hosts: tuple[str, ...], *, loopback: bool = False
) -> bool:
    """True when replies to ``url`` may be sent: https to an allow-listed host (``*.x``
    matches any subdomain of x). ``loopback`` (anonymous development mode only) also admits
    localhost, 127.0.0.0/8 and [::1] on any port, over http too: the Bot Framework Emulator.
    A loopback host listed explicitly in ``allowed_hosts`` (tests' fake connectors) may use
    http as well; the setting cannot list one."""
    if not url:
        return False
    try:
        parts = urlsplit(url)
        _ = parts.port  # a malformed port raises ValueError
    except ValueError:
        return False
    host = parts.hostname or ""
    if parts.username is not None or parts.password is not None or parts.scheme not in _SCHEMES:
        return False
    if loopback and is_loopback(host):
        return True
    if not is_valid_host(host) or not host_matches(host, allowed_hosts):
        return False
    return parts.scheme == "https" or is_loopback(host)


def service_url_matches_claim(claims: dict[str, Any], service_url: str) -> bool:
    """Bot Framework tokens carry the ``serviceurl`` they were issued for; a token minted for
    one service URL must not be replayed to send our replies somewhere else."""
    claimed = claims.get("serviceurl")
    if not claimed:
        return True
    return urlsplit(str(claimed)).hostname == urlsplit(service_url).hostname
