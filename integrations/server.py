"""``frontline serve``: one FastAPI app with the API, the widget, Slack and Teams.

Several replicas may serve at once: everything they share lives in PostgreSQL (and Redis
when configured), including the API's per-caller rate limit (``rate_limiter_for``).

Shutdown is graceful: uvicorn stops accepting connections and lets in-flight requests finish;
the lifespan below then waits for background work started while serving — Slack and Teams
answer after acknowledging the request — so a SIGTERM during a slow turn still delivers it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI

from assistant.wiring import Frontline
from integrations.api.ratelimit import (
    DatabaseRateLimiter,
    InMemoryRateLimiter,
    RateLimiter,
    RedisRateLimiter,
)

if TYPE_CHECKING:
    from assistant.brief.channels import BriefChannel
    from assistant.brief.scheduler import BriefScheduler, Clock
    from assistant.brief.send import SendReport
    from assistant.brief.service import Language

log = logging.getLogger("frontline.server")
DRAIN_TIMEOUT_S = 25.0  # below cli.serve's timeout_graceful_shutdown and systemd's stop timeout
VAULT_PURGE_INTERVAL_S = 3600.0  # expired vault rows already resolve to nothing; this frees them


def build_app(fl: Frontline) -> FastAPI:
    from integrations.api.app import create_app
    from integrations.api.limits import ApiLimits

    settings = fl.settings
    # The note and outcome policies are read before serving: a bad file stops `serve` with one
    # line (file: field: problem) instead of failing the first note or the first Done click.
    _ = fl.note_policy, fl.outcome_policy
    # The demo page hands its token to whoever loads it: only when asked for (and `serve`
    # binds it to loopback only), never by default.
    demo_token = next(iter(settings.api_tokens), None) if settings.demo_page else None
    limits = ApiLimits(
        rate_per_minute=settings.api_rate_per_minute, rate_burst=settings.api_rate_burst
    )
    app = create_app(
        fl.core,
        settings,
        readiness=lambda: _readiness(fl),
        demo_token=demo_token,
        limits=limits,
        rate_limiter=rate_limiter_for(fl, limits),
        briefs=lambda: fl.briefs,
        prep=lambda: fl.prep_documents,
        outcomes=lambda: fl.outcome_desk,
        team=lambda: fl.team_reports,
        campaigns=lambda: fl.campaign_desk,
        referrals=lambda: fl.referral_calls,
        campaign_jobs=lambda: fl.campaign_jobs,
    )
    channels: list[BriefChannel] = []
    if settings.slack_signing_secret and settings.slack_bot_token:
        from integrations.slack import build_slack

        slack = build_slack(
            fl.core,
            settings,
            briefs=lambda: fl.briefs,
            prep=lambda: fl.prep_documents,
            outcomes=lambda: fl.outcome_desk,
        )
        slack.mount(app)
        channels.append(slack.brief_channel())
    else:
        log.info("Slack not configured: /slack/events disabled")
    from integrations.teams import build_teams

    teams = build_teams(
        fl.core,
        settings,
        addresses=fl.channel_addresses,
        outcomes=lambda: fl.outcome_desk,
        prep=lambda: fl.prep_documents,
    )
    teams.mount(app)
    teams_channel = teams.brief_channel()
    # Proactive messages need the bot's registration: not in the anonymous development mode.
    if settings.teams.app_id and teams_channel is not None:
        channels.append(teams_channel)
    _drain_on_shutdown(app, fl, channels)
    return app


def rate_limiter_for(fl: Frontline, limits: Any) -> RateLimiter:
    """Redis when configured; else the database when it is shared (PostgreSQL); else memory.

    SQLite means one machine and, in practice, one ``frontline serve``: the in-memory bucket
    is exact there and costs no write per request.
    """
    settings = fl.settings
    if settings.redis_url:
        log.info("rate limit: Redis token bucket")
        return RedisRateLimiter.from_url(
            settings.redis_url,
            limits.rate_per_minute,
            limits.rate_burst,
            prefix=settings.redis_key_prefix,
        )
    if fl.engine.dialect.name == "postgresql":
        log.info("rate limit: database windows (no Redis configured)")
        return DatabaseRateLimiter.build(fl.sessions, limits.rate_per_minute, limits.rate_burst)
    return InMemoryRateLimiter(limits.rate_per_minute, limits.rate_burst)


def delivery_channels(fl: Frontline) -> list[BriefChannel]:
    """The channels ``frontline brief send`` delivers on outside the server: a Slack DM over
    the Web API with the bot token, a Teams proactive message with the bot's registration and
    the conversation references the server saved. Empty when neither is configured."""
    settings = fl.settings
    channels: list[BriefChannel] = []
    if settings.slack_bot_token:
        from slack_sdk.web.async_client import AsyncWebClient

        from integrations.slack.brief import SlackBriefChannel

        token = settings.slack_bot_token.get_secret_value()
        channels.append(
            SlackBriefChannel(AsyncWebClient(token=token, base_url=settings.slack_api_url))
        )
    if settings.teams.app_id:
        from integrations.teams import build_teams

        teams = build_teams(
            fl.core, settings, addresses=fl.channel_addresses, outcomes=lambda: fl.outcome_desk
        )
        if (teams_channel := teams.brief_channel()) is not None:
            channels.append(teams_channel)
    return channels


async def deliver_briefs(
    fl: Frontline, channels: list[BriefChannel], day: date, language: Language | None = None
) -> SendReport:
    """One send run on ``channels`` now, as the scheduler's (claimed once per RM and day);
    each brief in ``language``, else in the language its reader last wrote in."""
    from assistant.brief.channels import ChannelSink
    from assistant.brief.send import reader_language, send_briefs

    sink = ChannelSink(channels, lambda: fl.insights.rms, asyncio.get_running_loop())
    listen_for_referrals(fl, channels)
    try:  # referrals: notices not yet delivered, late first contacts raised to team leads
        swept = await asyncio.to_thread(fl.referrals.sweep, day)
        log.info(
            "referrals: %d notified, %d raised", len(swept["notified"]), len(swept["escalated"])
        )
    except Exception as exc:  # the briefs go out whatever the referrals' run did
        log.error("referral sweep for %s failed (%s)", day.isoformat(), type(exc).__name__)
    return await asyncio.to_thread(
        send_briefs,
        fl.briefs,
        fl.brief_claims,
        sink,
        day,
        language=language,
        language_of=reader_language(fl.conversations.last_language),
        reaches=sink.reaches,
    )


def listen_for_referrals(fl: Frontline, channels: list[BriefChannel]) -> None:
    """Referral notices go out on ``channels`` from this loop (none: the brief and the list
    show them)."""
    if channels:
        from assistant.brief.channels import ChannelNotifier

        fl.referrals.notifier = ChannelNotifier(channels, asyncio.get_running_loop())


def brief_scheduler(
    fl: Frontline, channels: list[BriefChannel], clock: Clock | None = None
) -> BriefScheduler | None:
    """The morning brief's scheduler over ``channels``; None (off) when there are none. Call
    on the serving loop: deliveries are handed to it from the send run's worker thread."""
    if not channels:
        log.info("brief scheduler off: no channel to send briefs on (Slack or Teams)")
        return None
    from assistant.brief.scheduler import BriefSchedule, BriefScheduler

    settings = fl.settings

    async def send(day: date) -> SendReport:
        return await deliver_briefs(fl, channels, day)

    # The calendar straight from the policy: the brief service would load the PII models
    # on the event loop just to answer "is today a working day".
    calendar = fl.policies.signals.calendar
    schedule = BriefSchedule(settings.brief_at, settings.zone, calendar.is_working_day)
    log.info(
        "brief scheduler on: %s %s on working days, via %s",
        settings.brief_at.strftime("%H:%M"),
        settings.timezone,
        "+".join(c.name for c in channels),
    )
    return BriefScheduler(schedule, send, clock)


def _drain_on_shutdown(app: FastAPI, fl: Frontline, channels: list[BriefChannel]) -> None:
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[Any]:
        # Tasks alive at start-up are the server's own; anything newer is work we started.
        before = asyncio.all_tasks()
        # Load the models in the background: the server answers /healthz at once and /readyz
        # turns ready when the first turn no longer pays for loading.
        warm = asyncio.create_task(asyncio.to_thread(fl.warm_up))
        purge = asyncio.create_task(
            purge_vault_periodically(fl, VAULT_PURGE_INTERVAL_S, after=warm)
        )
        # Campaign jobs a restart interrupted go back to their queue (each still runs once).
        recovered = asyncio.create_task(asyncio.to_thread(fl.campaign_jobs.recover))
        listen_for_referrals(fl, channels)
        scheduler = brief_scheduler(fl, channels)
        briefs = asyncio.create_task(scheduler.run()) if scheduler else None
        async with inner(a) as state:
            yield state
        purge.cancel()
        if briefs is not None:
            briefs.cancel()  # a send run in flight finishes its current RM in its thread
        if not warm.done():
            warm.cancel()
        if not recovered.done():
            recovered.cancel()
        await drain(before, DRAIN_TIMEOUT_S)
        await asyncio.to_thread(fl.close)

    app.router.lifespan_context = lifespan


async def purge_vault_periodically(
    fl: Frontline, interval_s: float, after: asyncio.Future[Any] | None = None
) -> None:
    """Delete expired privacy-vault entries once ``after`` (the warm-up, which builds the
    privacy layer) is done, then every ``interval_s``. Any replica may: the delete is
    idempotent. A failure is logged and retried at the next interval."""
    if after is not None:
        await asyncio.wait([after])
    while True:
        try:
            purged = await asyncio.to_thread(fl.privacy.vault.purge_expired)
            if purged:
                log.info(
                    "privacy vault: purged %d expired entr%s", purged, "y" if purged == 1 else "ies"
                )
        except Exception:  # the database may be briefly away; serving goes on
            log.exception("privacy vault purge failed")
        await asyncio.sleep(interval_s)


async def drain(keep: set[asyncio.Task[Any]], timeout_s: float) -> None:
    """Wait (bounded) for background tasks started since ``keep`` was taken."""
    current = asyncio.current_task()
    pending = {
        t for t in asyncio.all_tasks() if t not in keep and t is not current and not t.done()
    }
    if not pending:
        return
    log.info("shutdown: finishing %d background task(s)", len(pending))
    _, late = await asyncio.wait(pending, timeout=timeout_s)
    if late:
        log.warning(
            "shutdown: %d background task(s) still running after %.0f s", len(late), timeout_s
        )


async def _readiness(fl: Frontline) -> dict[str, bool]:
    def check() -> dict[str, bool]:
        status = {}
        for name, probe in {
            "database": lambda: fl.bank.as_of(),
            "vector_store": lambda: fl.store.count(),
            "embedding_model": lambda: fl.embedder.embed_queries(["ok"]),
            "privacy": lambda: fl.privacy,
        }.items():
            try:
                probe()
                status[name] = True
            except Exception:  # readiness reports, it does not raise
                log.exception("readiness check %s failed", name)
                status[name] = False
        return status

    return await asyncio.to_thread(check)
