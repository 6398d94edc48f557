"""Teams wiring: the Microsoft 365 Agents SDK (``CloudAdapter`` + ``AgentApplication``) behind
``POST /api/messages``, with Frontline's own inbound checks in front of it.

Order of checks for every request, before the SDK sees the activity:
1. JWT (unless anonymous development mode): see ``integrations.teams.auth``;
2. the activity's ``serviceUrl`` host is on the allow-list (plus loopback, for the Bot
   Framework Emulator, in anonymous development mode only) and matches the token's
   ``serviceurl`` claim — otherwise no reply is ever attempted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import (
    AgentApplication,
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    ApplicationOptions,
    ClaimsIdentity,
    ConnectionManager,
    MemoryStorage,
    TurnContext,
    TurnState,
)
from microsoft_agents.hosting.core.authorization import AccessTokenProviderBase, Connections
from microsoft_agents.hosting.fastapi import CloudAdapter

from assistant.config import Settings, TeamsSettings
from assistant.core.types import AssistantCore
from assistant.outcomes import OutcomeRecorder
from assistant.storage.channel_addresses import ChannelAddresses
from integrations.documents import PrepSource
from integrations.teams.auth import (
    TeamsAuthConfig,
    TeamsAuthError,
    TeamsJwtValidator,
    service_url_matches_claim,
)
from integrations.teams.brief import TeamsBriefChannel
from integrations.teams.handlers import TeamsHandlers

logger = logging.getLogger(__name__)

MESSAGES_PATH = "/api/messages"


@dataclass
class TeamsIntegration:
    adapter: CloudAdapter
    agent: AgentApplication[TurnState]
    auth: TeamsAuthConfig
    validator: TeamsJwtValidator
    handlers: TeamsHandlers
    app_id: str = ""

    def brief_channel(self) -> TeamsBriefChannel | None:
        """The morning brief's proactive delivery; None without a store for references."""
        if self.handlers.addresses is None:
            return None
        return TeamsBriefChannel(self.adapter, self.app_id, self.handlers.addresses)

    def mount(self, fastapi_app: FastAPI, path: str = MESSAGES_PATH) -> None:
        """Add ``POST /api/messages``, the Azure Bot messaging endpoint."""

        async def teams_messages(request: Request) -> Response:
            return await self.handle(request)

        fastapi_app.add_api_route(
            path, teams_messages, methods=["POST"], include_in_schema=False, name="teams_messages"
        )

    async def handle(self, request: Request) -> Response:
        identity = ClaimsIdentity()  # anonymous development mode
        if not self.auth.anonymous:
            try:
                claims = await self.validator.validate(request.headers.get("Authorization"))
            except TeamsAuthError as exc:
                logger.warning("teams: request refused: %s", exc)
                return JSONResponse({"error": "unauthorized"}, status_code=401)
            identity = ClaimsIdentity(claims, authentication_type="Bearer")
        try:
            body: Any = await request.json()
        except ValueError:
            return JSONResponse({"error": "invalid JSON"}, status_code=400)
        service_url = body.get("serviceUrl") if isinstance(body, dict) else None
        if not self.auth.allows_service_url(service_url):
            logger.warning("teams: serviceUrl host not allowed; activity dropped")
            return JSONResponse({"error": "serviceUrl not allowed"}, status_code=403)
        if not service_url_matches_claim(identity.claims, str(service_url)):
            logger.warning("teams: serviceUrl does not match the token's serviceurl claim")
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        request.state.claims_identity = identity
        response = await self.adapter.process(request, self.agent)
        return response if response is not None else Response(status_code=202)


def build_teams(
    core: AssistantCore,
    settings: Settings,
    *,
    auth: TeamsAuthConfig | None = None,
    token_provider: AccessTokenProviderBase | None = None,
    addresses: ChannelAddresses | None = None,
    outcomes: Callable[[], OutcomeRecorder] | None = None,
    prep: Callable[[], PrepSource] | None = None,
) -> TeamsIntegration:
    """The Teams integration. ``auth`` overrides the issuer/JWKS/host allow-lists (tests point
    it at a local JWKS); ``token_provider`` replaces MSAL for the outbound token;
    ``addresses`` keeps each RM's personal-chat reference for the morning brief; ``outcomes``
    records Done / Not now from the brief card; ``prep`` builds the meeting-prep documents an
    answer offers, delivered as files in the personal chat once the RM consents."""
    teams = settings.teams
    auth = auth or TeamsAuthConfig.from_settings(teams)
    if auth.anonymous:
        logger.warning(
            "teams: FRONTLINE_TEAMS_APP_ID is not set; /api/messages runs in the Agents SDK's "
            "anonymous development mode (no token validation). Never expose it like this."
        )
    connections = _connections(teams, token_provider, anonymous=auth.anonymous)
    adapter = CloudAdapter(connection_manager=connections)
    adapter.on_turn_error = _on_turn_error  # the SDK default echoes the exception to the user
    options = ApplicationOptions(
        storage=MemoryStorage(),
        bot_app_id=teams.app_id or "",
        start_typing_timer=False,  # personal chats stream their own progress updates
        remove_recipient_mention=True,
    )
    agent = AgentApplication[TurnState](options, connection_manager=connections)
    handlers = TeamsHandlers(
        core,
        emulator_users=auth.anonymous,
        addresses=addresses,
        outcomes=outcomes,
        prep=prep,
        upload_allowed=auth.allows_upload_url,
    )
    handlers.register(agent)
    return TeamsIntegration(
        adapter, agent, auth, TeamsJwtValidator(auth), handlers, app_id=teams.app_id or ""
    )


def _connections(
    teams: TeamsSettings, token_provider: AccessTokenProviderBase | None, *, anonymous: bool
) -> Connections:
    """The outbound-token source: none (anonymous), an injected provider, or MSAL with the
    app's client secret (the production path)."""
    if anonymous:
        config = AgentAuthConfiguration(anonymous_allowed=True)
        return ConnectionManager(
            lambda _c: AnonymousTokenProvider(), {"SERVICE_CONNECTION": config}
        )
    secret = teams.app_password.get_secret_value() if teams.app_password else None
    config = AgentAuthConfiguration(
        client_id=teams.app_id, tenant_id=teams.tenant_id, client_secret=secret
    )
    if token_provider is not None:
        return ConnectionManager(lambda _c: token_provider, {"SERVICE_CONNECTION": config})
    return MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": config})


async def _on_turn_error(context: TurnContext, error: Exception) -> None:
    logger.error("teams: unhandled turn error (%s)", type(error).__name__, exc_info=error)
