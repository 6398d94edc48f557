"""Helpers the Teams tests import: a locally generated RSA key and its JWKS, token minting, a
fake Bot Connector recording what the SDK posts, a fake outbound token provider (kept out of
conftest so there is exactly one module instance, hence one signing key)."""

from __future__ import annotations

import copy
import dataclasses
import json
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jwt
from azure.core.credentials import AccessToken
from azure.core.credentials_async import AsyncTokenCredential
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI
from microsoft_agents.hosting.core import AgentAuthConfiguration
from microsoft_agents.hosting.core.authorization import AccessTokenProviderBase

from assistant.core.types import AssistantCore
from integrations.teams import TeamsAuthConfig, build_teams
from integrations.teams.auth import BOT_FRAMEWORK_ISSUER, DEFAULT_SERVICE_HOSTS
from testkit.fake_core import FakeCore
from tests.conftest import make_settings
from tests.support.recording import Recorded, RecordingServer

APP_ID = "11111111-2222-3333-4444-555555555555"
AAD_USER = "00000000-1111-2222-3333-444444444444"
EMULATOR_USER = "5e1f3a52-7c1d-4b8e-9a0f-2d6c8b4e7a13"  # the Emulator's "custom user ID"
KID = "frontline-test-key"
OUTBOUND_TOKEN = "outbound-test-token"
FIXTURES = Path(__file__).parent / "fixtures"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


SIGNING_KEY = new_key()


class FakeTokenProvider(AccessTokenProviderBase):
    """``AccessTokenProviderBase`` for the outbound call, instead of MSAL + Entra ID."""

    @property
    def configuration(self) -> AgentAuthConfiguration:
        return AgentAuthConfiguration(client_id=APP_ID)

    async def get_access_token(
        self, resource_url: str, scopes: list[str], force_refresh: bool = False
    ) -> str:
        return OUTBOUND_TOKEN

    def get_token_credential(self) -> AsyncTokenCredential:
        provider = self

        class _Credential:
            async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
                return AccessToken(
                    await provider.get_access_token("", list(scopes)), int(time.time()) + 3600
                )

        return _Credential()  # type: ignore[return-value]

    # Agentic and on-behalf-of flows: Frontline's bot uses neither.
    async def acquire_token_on_behalf_of(self, scopes: list[str], user_assertion: str) -> str:
        raise NotImplementedError("on-behalf-of tokens")

    async def get_agentic_application_token(
        self, tenant_id: str, agent_app_instance_id: str
    ) -> str | None:
        raise NotImplementedError("agentic tokens")

    async def get_agentic_instance_token(
        self, tenant_id: str, agent_app_instance_id: str
    ) -> tuple[str, str]:
        raise NotImplementedError("agentic tokens")

    async def get_agentic_user_token(
        self, tenant_id: str, agent_app_instance_id: str, agentic_user_id: str, scopes: list[str]
    ) -> str | None:
        raise NotImplementedError("agentic tokens")


class FakeBotService:
    """One local server: the JWKS at ``/keys`` and the Bot Connector under ``/v3/``."""

    def __init__(self) -> None:
        self._n = 0
        # Teams' activity ids are unique; a counter alone repeats across tests that share a
        # database, and a reply's id would then name another test's turn.
        self._run = uuid.uuid4().hex[:8]
        public = jwt.algorithms.RSAAlgorithm.to_jwk(SIGNING_KEY.public_key(), as_dict=True)
        self.jwks = {
            "keys": [
                {**public, "kid": KID, "use": "sig", "alg": "RS256", "endorsements": ["msteams"]}
            ]
        }
        self.server = RecordingServer(self._respond)

    def _respond(self, record: Recorded) -> tuple[int, Any]:
        if record.path == "/keys":
            return 200, self.jwks
        self._n += 1
        return 200, {"id": f"bot-activity-{self._run}-{self._n}"}

    def outbound(self) -> list[Recorded]:
        return [r for r in self.server.snapshot() if "/v3/" in r.path]

    def messages(self) -> list[dict]:
        return [r.body for r in self.outbound() if r.body.get("type") == "message"]


def make_token(
    *,
    key: rsa.RSAPrivateKey = SIGNING_KEY,
    kid: str = KID,
    aud: str = APP_ID,
    iss: str = BOT_FRAMEWORK_ISSUER,
    expires_in: int = 3600,
    service_url: str | None = None,
) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": iss,
        "aud": aud,
        "nbf": now - 60,
        "iat": now - 60,
        "exp": now + expires_in,
    }
    if service_url:
        claims["serviceurl"] = service_url
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


def load(name: str, service_url: str) -> dict:
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    data["serviceUrl"] = service_url
    return copy.deepcopy(data)


@dataclass
class TeamsHarness:
    http: httpx.AsyncClient
    bot: FakeBotService
    core: FakeCore

    @property
    def service_url(self) -> str:
        return f"{self.bot.server.url}/teams/"

    def activity(self, name: str) -> dict:
        return load(name, self.service_url)

    async def post(self, activity: dict, token: str | None = "valid") -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if token == "valid":
            token = make_token(service_url=activity.get("serviceUrl"))
        if token:
            headers["Authorization"] = f"Bearer {token}"
        body = json.dumps(activity, ensure_ascii=False).encode()
        return await self.http.post("/api/messages", content=body, headers=headers)


def signed_teams_app(
    core: AssistantCore,
    home: Path,
    bot: FakeBotService,
    upload_hosts: tuple[str, ...] = (),
    **build: Any,
) -> tuple[FastAPI, TeamsAuthConfig, Any]:
    """The real Teams app over ``core`` with an app id: tokens signed by ``bot``'s key set, the
    fake connector on loopback allowed as a service host (``upload_hosts`` added to the upload
    allow-list; ``build``: more of ``build_teams``' arguments). Returns (app, auth, settings)."""
    integration, auth, settings = signed_teams(core, home, bot, upload_hosts, **build)
    app = FastAPI()
    integration.mount(app)
    return app, auth, settings


def signed_teams(
    core: AssistantCore,
    home: Path,
    bot: FakeBotService,
    upload_hosts: tuple[str, ...] = (),
    **build: Any,
) -> tuple[Any, TeamsAuthConfig, Any]:
    """``signed_teams_app``'s integration itself (its brief channel sends proactively), with
    the auth and settings it was built with."""
    settings = make_settings(
        home,
        teams_app_id=APP_ID,
        teams_app_password="app-secret",
        teams_tenant_id="a1b2c3d4-e5f6-7890-abcd-ef1234567890",
    )
    auth = dataclasses.replace(
        TeamsAuthConfig.from_settings(settings.teams),
        issuers={BOT_FRAMEWORK_ISSUER: f"{bot.server.url}/keys"},
        allowed_service_hosts=(*DEFAULT_SERVICE_HOSTS, "127.0.0.1"),
    )
    auth = dataclasses.replace(
        auth, allowed_upload_hosts=(*auth.allowed_upload_hosts, *upload_hosts)
    )
    integration = build_teams(
        core, settings, auth=auth, token_provider=FakeTokenProvider(), **build
    )
    return integration, auth, settings


def teams_app(core: AssistantCore, settings: Any, auth: TeamsAuthConfig, **build: Any) -> FastAPI:
    app = FastAPI()
    build_teams(core, settings, auth=auth, token_provider=FakeTokenProvider(), **build).mount(app)
    return app
