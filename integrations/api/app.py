"""``create_app``: the FastAPI application that serves the API, the widget and the demo page.

The app is a thin adapter. It authenticates the caller, enforces the edge's limits, builds a
``Turn`` and relays what ``AssistantCore`` returns; nothing else lives here.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from assistant.config import Settings
from assistant.core.types import AssistantCore
from assistant.outcomes import OutcomeRecorder
from integrations.api.auth import CLIENT_HEADER, BearerAuth
from integrations.api.campaigns import CampaignJobSource, CampaignSource
from integrations.api.errors import CatchAllMiddleware, install_error_handlers
from integrations.api.limits import ApiLimits, BodySizeLimitMiddleware
from integrations.api.metrics import ApiMetrics, MetricsMiddleware
from integrations.api.ops import Readiness, ops_router
from integrations.api.ratelimit import InMemoryRateLimiter, RateLimiter
from integrations.api.referrals import ReferralSource
from integrations.api.routes import ApiContext, BriefBuilder, PrepSource, TeamSource, v1_router
from integrations.api.security import SecurityHeadersMiddleware
from integrations.dashboard import dashboard_router
from integrations.widget.routes import widget_router

DESCRIPTION = """Frontline answers relationship managers' questions from the bank's playbooks and
the client's profile. Every `/v1` request carries `Authorization: Bearer TOKEN`
(`FRONTLINE_API_TOKENS` maps tokens to RM ids). Errors are JSON:
`{"error": {"code": "...", "message": "..."}}`."""


def create_app(
    core: AssistantCore,
    settings: Settings,
    *,
    readiness: Readiness | None = None,
    demo_token: str | None = None,
    limits: ApiLimits | None = None,
    rate_limiter: RateLimiter | None = None,
    briefs: Callable[[], BriefBuilder] | None = None,
    prep: Callable[[], PrepSource] | None = None,
    outcomes: Callable[[], OutcomeRecorder] | None = None,
    team: Callable[[], TeamSource] | None = None,
    campaigns: Callable[[], CampaignSource] | None = None,
    campaign_jobs: Callable[[], CampaignJobSource] | None = None,
    referrals: Callable[[], ReferralSource] | None = None,
) -> FastAPI:
    """Build the HTTP app around ``core``.

    ``readiness`` reports each dependency's state for ``/readyz``; ``demo_token`` is the token
    the demo page at ``/`` embeds (None: the page explains how to configure one);
    ``rate_limiter`` defaults to an in-memory token bucket sized by ``limits``; ``briefs``
    returns the brief service behind ``GET /v1/brief`` (None: that route answers 503);
    ``prep`` the prep documents behind ``GET /v1/prep/{id}.docx`` (None: 503); ``outcomes``
    what ``POST /v1/actions/{key}/outcome`` records through (None: 503); ``team`` the team
    measures behind ``GET /v1/team`` (None: 503); ``campaigns`` the desk behind
    ``/v1/campaigns`` (None: 503); ``campaign_jobs`` the background jobs behind
    ``/v1/campaigns/jobs`` (None: 503); ``referrals`` the calls behind ``/v1/referrals``
    (None: 503).
    """
    limits = limits or ApiLimits()
    metrics = ApiMetrics()
    ctx = ApiContext(
        core=core,
        auth=BearerAuth(settings.api_tokens),
        limiter=rate_limiter or InMemoryRateLimiter(limits.rate_per_minute, limits.rate_burst),
        limits=limits,
        metrics=metrics,
        briefs=briefs,
        prep=prep,
        outcomes=outcomes,
        team=team,
        campaigns=campaigns,
        campaign_jobs=campaign_jobs,
        referrals=referrals,
    )
    app = FastAPI(
        title="Frontline API",
        version="1",
        description=DESCRIPTION,
        docs_url="/docs" if settings.api_docs else None,
        openapi_url="/openapi.json" if settings.api_docs else None,
        redoc_url=None,
    )
    app.state.frontline = ctx
    install_error_handlers(app)
    app.include_router(v1_router(ctx))
    app.include_router(
        ops_router(
            metrics,
            readiness,
            limits.readiness_timeout_s,
            metrics_token=settings.metrics_token.get_secret_value()
            if settings.metrics_token
            else None,
        )
    )
    app.include_router(widget_router(demo_token))
    app.include_router(dashboard_router())
    # Added innermost first: the last one added sees the request first.
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=limits.max_body_bytes,
        read_timeout_s=settings.request_read_timeout_s,
    )
    app.add_middleware(CatchAllMiddleware)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "POST"],
        allow_headers=["Authorization", "Content-Type", CLIENT_HEADER],
        expose_headers=["Retry-After"],
        max_age=600,
    )
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
