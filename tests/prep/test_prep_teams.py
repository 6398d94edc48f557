"""A meeting prep asked in Teams: the answer in the personal chat, then a file consent card; on
Allow the .docx is PUT to the OneDrive upload URL Teams gives and shown with a file info card.
Through the real Agents SDK with signed tokens, the real core and prep service over the demo
bank, and a local server standing in for both the Bot Connector and the upload session."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from integrations.teams.files import CONSENT, FILE_INFO
from tests.support.recording import wait_for
from tests.teams.harness import FakeBotService, TeamsHarness, signed_teams_app

pytestmark = pytest.mark.slow


def aad_of(fl, rm: str) -> str:
    return next(r.teams_aad_id for r in fl.insights.rms if r.rm_id == rm and r.teams_aad_id)


@asynccontextmanager
async def teams_app(fl, home: Path) -> AsyncIterator[TeamsHarness]:
    bot = FakeBotService()
    bot.server.start()
    try:
        # the local upload session stands in for OneDrive (a loopback host listed in the
        # allow-list may use http; the defaults are https SharePoint hosts only)
        app, _, _ = signed_teams_app(
            fl.core, home, bot, upload_hosts=("127.0.0.1",), prep=lambda: fl.prep_documents
        )
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            yield TeamsHarness(http=http, bot=bot, core=fl.core)
    finally:
        bot.server.stop()


def attachments(teams: TeamsHarness, kind: str) -> list[dict]:
    return [
        a
        for m in teams.bot.messages()
        for a in m.get("attachments") or []
        if a.get("contentType") == kind
    ]


async def ask_prep(teams: TeamsHarness, fl, name: str, activity_id: str) -> dict:
    """The prep asked in the personal chat; returns the consent card it brought."""
    message = teams.activity("personal_message.json")
    message.update(id=activity_id, text=f"明天见{name}")
    message["from"]["aadObjectId"] = aad_of(fl, "RM001")
    assert (await teams.post(message)).status_code == 202
    await wait_for(lambda: attachments(teams, CONSENT), timeout=60)
    (card,) = attachments(teams, CONSENT)
    return card


def consent(
    teams: TeamsHarness, fl, doc_id: str, upload_url: str, rm: str = "RM001", **changes: object
) -> dict:
    """The consent card's answer from ``rm``'s Teams user: Allow unless ``changes`` say not."""
    invoke = teams.activity("file_consent_accept.json")
    invoke["from"]["aadObjectId"] = aad_of(fl, rm)
    invoke["value"]["context"]["doc_id"] = doc_id
    invoke["value"]["uploadInfo"]["uploadUrl"] = upload_url
    invoke["value"].update(changes)
    return invoke


def puts(teams: TeamsHarness) -> list:
    return [r for r in teams.bot.server.snapshot() if r.method == "PUT"]


async def test_when_the_rm_allows_the_file_then_the_docx_is_uploaded_and_shown(
    demo, busy_client, tmp_path
) -> None:
    fl, _ = demo
    async with teams_app(fl, tmp_path / "home") as teams:
        card = await ask_prep(teams, fl, busy_client.client.name, "1767378600101")
        content = card["content"]
        assert card["name"].endswith(".docx") and content["sizeInBytes"] > 1000
        assert busy_client.client.name not in json.dumps(card, ensure_ascii=False)
        doc_id = content["acceptContext"]["doc_id"]
        invoke = consent(teams, fl, doc_id, f"{teams.bot.server.url}/upload/session-1")
        response = await teams.post(invoke)
        assert response.status_code == 200
        await wait_for(lambda: attachments(teams, FILE_INFO), timeout=60)
        (put,) = puts(teams)
        (shown,) = attachments(teams, FILE_INFO)
    size = int(put.headers["content-length"])
    assert put.path == "/upload/session-1" and str(put.body).startswith("PK")  # a zip: .docx
    assert put.headers["content-range"] == f"bytes 0-{size - 1}/{size}"
    assert shown["contentUrl"].startswith("https://contoso-my.sharepoint.com/")
    assert shown["content"]["uniqueId"] == "1150D938-8870-4044-9F2C-5BBDEBA70C8C"


async def test_when_the_rm_declines_or_the_url_is_foreign_then_nothing_is_uploaded(
    demo, busy_client, tmp_path
) -> None:
    fl, _ = demo
    async with teams_app(fl, tmp_path / "home") as teams:
        card = await ask_prep(teams, fl, busy_client.client.name, "1767378600102")
        doc_id = card["content"]["acceptContext"]["doc_id"]
        url = f"{teams.bot.server.url}/upload/s"
        declined = consent(teams, fl, doc_id, url, action="decline")
        assert (await teams.post(declined)).status_code == 200
        # the same local server by a name the allow-list does not hold: a PUT would land here
        port = teams.bot.server.url.rsplit(":", 1)[1]
        foreign = consent(teams, fl, doc_id, f"http://localhost:{port}/upload/s")
        foreign["id"] = "f:foreign-upload-url"
        assert (await teams.post(foreign)).status_code == 200
        await wait_for(lambda: len(teams.bot.messages()) >= 4, timeout=30)
        texts = [m.get("text") or "" for m in teams.bot.messages()]
        assert not puts(teams) and not attachments(teams, FILE_INFO)
    assert any("不保存" in t for t in texts) and any("没能保存" in t for t in texts)


async def test_when_another_rm_accepts_a_forwarded_card_then_nothing_opens(
    demo, busy_client, tmp_path
) -> None:
    fl, _ = demo
    async with teams_app(fl, tmp_path / "home") as teams:
        card = await ask_prep(teams, fl, busy_client.client.name, "1767378600103")
        doc_id = card["content"]["acceptContext"]["doc_id"]
        invoke = consent(teams, fl, doc_id, f"{teams.bot.server.url}/upload/session-2", "RM002")
        assert (await teams.post(invoke)).status_code == 200
        await wait_for(lambda: any("过期" in (m.get("text") or "") for m in teams.bot.messages()))
        assert not puts(teams) and not attachments(teams, FILE_INFO)
