"""A meeting prep asked in Slack: the answer in the thread, and the .docx uploaded with
files_upload_v2 to the RM's own DM — never to a channel — against a local fake Web API that
records what left the process."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from integrations.slack import build_slack
from tests.conftest import make_settings
from tests.slack.fakes import FakeSlackApi
from tests.slack.harness import SIGNING_SECRET, load, sign
from tests.support.recording import wait_for

pytestmark = pytest.mark.slow


def sent(api: FakeSlackApi, method: str) -> list[dict]:
    """The arguments of each call: files_upload_v2 sends them in the query and the form."""
    return [
        {**r.query, **(r.body if isinstance(r.body, dict) else {})}
        for r in api.server.snapshot()
        if r.path == f"/api/{method}"
    ]


def fresh_ts() -> str:
    """A message ts of its own: the core delivers each Slack message once per session."""
    return f"{time.time():.6f}"


def slack_user(fl, rm: str) -> str:
    return next(r.slack_user_id for r in fl.insights.rms if r.rm_id == rm and r.slack_user_id)


@asynccontextmanager
async def slack_app(fl, home: Path, with_prep: bool = True) -> AsyncIterator[tuple]:
    api = FakeSlackApi()
    api.server.start()
    try:
        settings = make_settings(
            home,
            slack_bot_token="xoxb-test",
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=f"{api.server.url}/api/",
        )
        app = FastAPI()
        prep = (lambda: fl.prep_documents) if with_prep else None
        build_slack(fl.core, settings, prep=prep).mount(app)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            yield api, http
    finally:
        api.server.stop()


async def post(http: httpx.AsyncClient, payload: dict) -> None:
    body = json.dumps(payload, ensure_ascii=False)
    headers = {"Content-Type": "application/json", **sign(body)}
    assert (
        await http.post("/slack/events", content=body.encode(), headers=headers)
    ).status_code == 200


async def test_when_asked_in_the_dm_then_the_docx_is_uploaded_to_that_dm_thread(
    demo, busy_client, tmp_path
) -> None:
    fl, _ = demo
    event = load("message_im.json")
    event["event"].update(
        user=slack_user(fl, "RM001"), text=f"明天见{busy_client.client.name}", ts=fresh_ts()
    )
    async with slack_app(fl, tmp_path / "home") as (api, http):
        await post(http, event)
        await wait_for(lambda: api.calls("files.completeUploadExternal"), timeout=60)
        (asked,) = sent(api, "files.getUploadURLExternal")
        (done,) = sent(api, "files.completeUploadExternal")
        uploads = [r for r in api.server.snapshot() if r.path.startswith("/upload/")]
    assert asked["filename"].endswith(".docx") and int(asked["length"]) > 1000
    assert len(uploads) == 1 and str(uploads[0].body).startswith("PK")  # a zip: the .docx
    assert done["channel_id"] == event["event"]["channel"]
    assert done["thread_ts"] == event["event"]["ts"]
    assert busy_client.client.name not in json.dumps(asked, ensure_ascii=False)


async def test_when_asked_in_a_channel_then_the_docx_goes_to_the_rms_dm_not_the_channel(
    demo, busy_client, tmp_path
) -> None:
    fl, _ = demo
    user = slack_user(fl, "RM001")
    event = load("app_mention_channel.json")
    event["event"].update(
        user=user,
        text=f"<@UFRONTBOT> prepare me for my meeting with {busy_client.client.name}",
        ts=fresh_ts(),
    )
    async with slack_app(fl, tmp_path / "home") as (api, http):
        await post(http, event)
        await wait_for(lambda: api.calls("files.completeUploadExternal"), timeout=60)
        (opened,) = sent(api, "conversations.open")
        (done,) = sent(api, "files.completeUploadExternal")
    assert opened["users"] == user
    assert done["channel_id"] == "DNEW0001" and done["channel_id"] != event["event"]["channel"]


async def test_when_the_client_is_anothers_then_nothing_is_uploaded(demo, tmp_path) -> None:
    from tests.prep.conftest import book

    fl, _ = demo
    foreign = book(fl, "RM002")[0].client
    event = load("message_im.json")
    event["event"].update(user=slack_user(fl, "RM001"), text=f"明天见{foreign.name}", ts=fresh_ts())
    async with slack_app(fl, tmp_path / "home") as (api, http):
        await post(http, event)
        await wait_for(lambda: api.calls("chat.update"), timeout=60)
        methods = api.methods()
    assert not [m for m in methods if m.startswith("files.")]
