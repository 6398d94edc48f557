"""Documents an answer offers (a meeting prep .docx) and its charts (PNG, with their text
alternative as the file's alt text), uploaded to the RM's direct message.

Only ever to the RM's own DM: a question asked in a channel still gets its document in private
(``conversations.open`` finds the DM). The document is built by the core's prep service for
the RM the Slack user maps to, so the same entitlement and restore apply as on the API.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from assistant.core.types import Answer
from integrations.documents import PrepSource, prep_ids

logger = logging.getLogger(__name__)
COMMENT = {"zh": "会前准备（Word 版）", "en": "Meeting prep (Word)"}


async def upload_documents(
    client: AsyncWebClient,
    prep: Callable[[], PrepSource] | None,
    answer: Answer,
    rm_id: str,
    user: str,
    dm_channel: str | None,
    thread_ts: str | None,
) -> int:
    """Upload each prep document of ``answer`` to ``user``'s DM; returns how many went."""
    ids = prep_ids(answer)
    if prep is None or not ids or answer.refused:
        return 0
    channel = dm_channel or await _open_dm(client, user)
    if channel is None:
        return 0
    sent = 0
    for doc_id in ids:
        built = await prep().docx(rm_id, doc_id, "slack")
        if built is None:
            continue
        name, data = built
        kwargs: dict[str, Any] = {
            "channel": channel,
            "content": data,
            "filename": name,
            "title": name,
            "initial_comment": COMMENT.get(answer.language, COMMENT["en"]),
        }
        if dm_channel and thread_ts:  # asked in the DM: the file joins that thread
            kwargs["thread_ts"] = thread_ts
        sent += await _upload(client, kwargs)
    return sent


async def upload_charts(
    client: AsyncWebClient,
    answer: Answer,
    user: str,
    dm_channel: str | None,
    thread_ts: str | None,
) -> int:
    """Upload each chart of ``answer`` to ``user``'s DM as a PNG; returns how many went. A
    chart shows a team's names or a client's figures: never to a shared channel."""
    if not answer.charts or answer.refused:
        return 0
    channel = dm_channel or await _open_dm(client, user)
    if channel is None:
        return 0
    from assistant.charts import png

    sent = 0
    for i, chart in enumerate(answer.charts, 1):
        data = await asyncio.to_thread(png, chart)
        kwargs: dict[str, Any] = {
            "channel": channel,
            "content": data,
            "filename": f"chart-{answer.turn_id}-{i}.png",
            "title": chart.title,
            "alt_txt": chart.alt[:1000],  # Slack's limit; the text says the figures in full
        }
        if dm_channel and thread_ts:
            kwargs["thread_ts"] = thread_ts
        sent += await _upload(client, kwargs)
    return sent


async def _open_dm(client: AsyncWebClient, user: str) -> str | None:
    try:
        response = await client.conversations_open(users=user)
    except SlackApiError as exc:
        logger.warning("slack: conversations.open failed (%s)", exc.response.get("error"))
        return None
    channel = (response.data or {}).get("channel", {}) if isinstance(response.data, dict) else {}
    return channel.get("id")


async def _upload(client: AsyncWebClient, kwargs: dict[str, Any]) -> int:
    try:
        await client.files_upload_v2(**kwargs)
    except SlackApiError as exc:
        logger.warning("slack: files_upload_v2 failed (%s)", exc.response.get("error"))
        return 0
    except Exception as exc:  # network, the upload URL failing: logged, never shown
        logger.warning("slack: files_upload_v2 failed (%s)", type(exc).__name__)
        return 0
    return 1
