"""Slack wiring: a bolt ``AsyncApp`` for one workspace, mounted on FastAPI (HTTP mode) or run
over Socket Mode.

HTTP mode is what ``frontline serve`` uses: Slack posts events and button clicks to
``POST /slack/events``; bolt verifies the signing secret (HMAC-SHA256 over
``v0:{timestamp}:{body}``, timestamps older than five minutes refused) before anything else
runs, answers ``url_verification`` and acknowledges within Slack's three-second window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import FastAPI, Request, Response
from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from assistant.brief.channels import BriefBuilder
from assistant.config import Settings
from assistant.core.types import AssistantCore
from assistant.errors import ConfigError
from assistant.outcomes import OutcomeRecorder
from integrations.documents import PrepSource
from integrations.slack import blocks
from integrations.slack.brief import SlackBriefChannel, SlackBriefListeners
from integrations.slack.brief_blocks import DONE_ACTION, DRAFT_ACTION, NOT_NOW_ACTION
from integrations.slack.listeners import SlackListeners

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
_WEB_API_TIMEOUT_S = 10


@dataclass
class SlackIntegration:
    """The bolt app plus the FastAPI route that feeds it."""

    app: AsyncApp
    listeners: SlackListeners
    brief_listeners: SlackBriefListeners | None = None

    def brief_channel(self) -> SlackBriefChannel:
        """The morning brief's DM delivery, over this app's Web API client."""
        return SlackBriefChannel(self.app.client)

    def mount(self, fastapi_app: FastAPI, path: str = EVENTS_PATH) -> None:
        """Add ``POST /slack/events`` (Events API and interactivity share the URL)."""
        handler = AsyncSlackRequestHandler(self.app)

        async def slack_events(request: Request) -> Response:
            return await handler.handle(request)

        fastapi_app.add_api_route(
            path, slack_events, methods=["POST"], include_in_schema=False, name="slack_events"
        )


def build_slack(
    core: AssistantCore,
    settings: Settings,
    *,
    briefs: Callable[[], BriefBuilder] | None = None,
    prep: Callable[[], PrepSource] | None = None,
    outcomes: Callable[[], OutcomeRecorder] | None = None,
) -> SlackIntegration:
    """The HTTP-mode Slack integration; needs the bot token and the signing secret.
    ``briefs`` (the core's brief service) adds the App Home tab and the "draft it" button;
    ``prep`` (meeting-prep documents) the file upload to the RM's DM; ``outcomes`` the
    Done / Not-now controls on the brief's lines."""
    slack = settings.slack
    if slack.signing_secret is None:
        raise ConfigError("FRONTLINE_SLACK_SIGNING_SECRET is required for the Slack endpoint")
    return _build(
        core,
        settings,
        signing_secret=slack.signing_secret.get_secret_value(),
        briefs=briefs,
        prep=prep,
        outcomes=outcomes,
    )


def _build(
    core: AssistantCore,
    settings: Settings,
    *,
    signing_secret: str | None,
    briefs: Callable[[], BriefBuilder] | None = None,
    prep: Callable[[], PrepSource] | None = None,
    outcomes: Callable[[], OutcomeRecorder] | None = None,
) -> SlackIntegration:
    slack = settings.slack
    if slack.bot_token is None:
        raise ConfigError("FRONTLINE_SLACK_BOT_TOKEN is required for the Slack integration")
    client = AsyncWebClient(
        token=slack.bot_token.get_secret_value(),
        base_url=slack.api_url,
        timeout=_WEB_API_TIMEOUT_S,
    )
    app = AsyncApp(
        client=client,
        signing_secret=signing_secret or "",  # "" keeps bolt from reading the environment
        request_verification_enabled=signing_secret is not None,
        process_before_response=False,  # ack first, answer in the background
        logger=logger,
    )
    listeners = SlackListeners(core, prep)
    app.event("app_mention")(listeners.on_app_mention)
    app.event("message")(listeners.on_message)
    app.action(blocks.FEEDBACK_UP)(listeners.on_feedback)
    app.action(blocks.FEEDBACK_DOWN)(listeners.on_feedback)
    brief_listeners = None
    if briefs is not None:
        brief_listeners = SlackBriefListeners(core, briefs, settings.zone, outcomes)
        app.event("app_home_opened")(brief_listeners.on_app_home_opened)
        app.action(DRAFT_ACTION)(brief_listeners.on_draft)
        app.action(DONE_ACTION)(brief_listeners.on_outcome)
        app.action(NOT_NOW_ACTION)(brief_listeners.on_outcome)
    return SlackIntegration(app=app, listeners=listeners, brief_listeners=brief_listeners)


async def frontline_slack_socket(
    core: AssistantCore,
    settings: Settings,
    app_token: str,
    briefs: Callable[[], BriefBuilder] | None = None,
) -> None:
    """Run the same listeners over Socket Mode (an ``xapp-`` app-level token with
    ``connections:write``): no public URL, no signing secret. Runs until cancelled.

    Not covered by the test suite end to end: it needs Slack's WebSocket servers.
    """
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    integration = _build(core, settings, signing_secret=None, briefs=briefs)
    handler = AsyncSocketModeHandler(integration.app, app_token)
    try:
        await handler.start_async()
    finally:
        await handler.close_async()
