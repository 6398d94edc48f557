"""``frontline serve``: one FastAPI app with the API, the widget, Slack and Teams."""

from __future__ import annotations

import asyncio
import logging

from fastapi import FastAPI

from assistant.wiring import Frontline

log = logging.getLogger("frontline.server")


def build_app(fl: Frontline) -> FastAPI:
    from integrations.api.app import create_app

    settings = fl.settings
    demo_token = next(iter(settings.api_tokens), None)
    app = create_app(fl.core, settings, readiness=lambda: _readiness(fl), demo_token=demo_token)
    if settings.slack_signing_secret and settings.slack_bot_token:
        from integrations.slack import build_slack

        build_slack(fl.core, settings).mount(app)
    else:
        log.info("Slack not configured: /slack/events disabled")
    from integrations.teams import build_teams

    build_teams(fl.core, settings).mount(app)
    return app


async def _readiness(fl: Frontline) -> dict[str, bool]:
    def check() -> dict[str, bool]:
        status = {}
        for name, probe in {"database": lambda: fl.bank.as_of(), "vector_store": lambda: fl.store.count(),
                            "embedding_model": lambda: fl.embedder.embed_queries(["ok"]),
                            "privacy": lambda: fl.privacy}.items():
            try:
                probe()
                status[name] = True
            except Exception:  # readiness reports, it does not raise
                log.exception("readiness check %s failed", name)
                status[name] = False
        return status

    return await asyncio.to_thread(check)
