"""Documents an answer offers (a meeting prep .docx), delivered in the RM's personal chat.

Teams lets a bot put a file in a personal chat only with the user's consent, in three steps:

1. the bot sends a file consent card (``application/vnd.microsoft.teams.card.file.consent``)
   naming the file and its size; ``acceptContext`` carries only the document's opaque id;
2. the user's Allow comes back as a ``fileConsent/invoke`` activity with ``uploadInfo``: an
   upload URL in the user's OneDrive, the file's name and its OneDrive ids;
3. the bot PUTs the bytes to that URL and posts a file info card
   (``application/vnd.microsoft.teams.card.file.info``) pointing at the uploaded file.

The document is built at step 3 for the RM the accepting user maps to (the prep service checks
the id is theirs and the client still in their book), so a forwarded consent card opens nothing
for anyone else. The upload URL must be https to an allow-listed OneDrive / SharePoint host:
the invoke is signed by the Bot Framework, and this keeps a tampered one from making the bot
send a client document elsewhere. Nothing here is logged but outcomes and exception types.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx
from microsoft_agents.activity import Attachment

logger = logging.getLogger(__name__)

CONSENT = "application/vnd.microsoft.teams.card.file.consent"
FILE_INFO = "application/vnd.microsoft.teams.card.file.info"
INVOKE = "fileConsent/invoke"
UPLOAD_TIMEOUT_S = 30.0


def consent_card(name: str, size: int, doc_id: str, description: str) -> Attachment:
    """The attachment asking the RM to let the bot save ``name`` to their OneDrive."""
    context = {"doc_id": doc_id}
    return Attachment(
        content_type=CONSENT,
        name=name,
        content={
            "description": description,
            "sizeInBytes": size,
            "acceptContext": context,
            "declineContext": context,
        },
    )


def file_info_card(upload_info: dict[str, Any]) -> Attachment:
    """The attachment showing the uploaded file in the chat."""
    return Attachment(
        content_type=FILE_INFO,
        content_url=upload_info.get("contentUrl") or None,
        name=upload_info.get("name") or None,
        content={
            "uniqueId": upload_info.get("uniqueId"),
            "fileType": upload_info.get("fileType") or "docx",
        },
    )


def consent_reply(value: Any) -> tuple[str, str | None, dict[str, Any]]:
    """(action, doc_id, uploadInfo) of a ``fileConsent/invoke`` value; action is ``accept``,
    ``decline`` or ``""`` when the value is not a file consent at all."""
    if not isinstance(value, dict) or value.get("type") != "fileUpload":
        return "", None, {}
    context = value.get("context")
    doc_id = context.get("doc_id") if isinstance(context, dict) else None
    info = value.get("uploadInfo")
    action = value.get("action")
    return (
        action if action in ("accept", "decline") else "",
        doc_id if isinstance(doc_id, str) else None,
        info if isinstance(info, dict) else {},
    )


async def upload(url: str, data: bytes, client: httpx.AsyncClient | None = None) -> bool:
    """PUT ``data`` to the OneDrive upload session at ``url`` in one range (a prep document is
    tens of kilobytes; OneDrive takes up to 60 MiB in one request). False on any failure."""
    headers = {
        "Content-Length": str(len(data)),
        "Content-Range": f"bytes 0-{len(data) - 1}/{len(data)}",
    }
    try:
        if client is None:
            async with httpx.AsyncClient(timeout=UPLOAD_TIMEOUT_S) as own:
                response = await own.put(url, content=data, headers=headers)
        else:
            response = await client.put(url, content=data, headers=headers)
    except httpx.HTTPError as exc:
        logger.warning("teams: file upload failed (%s)", type(exc).__name__)
        return False
    if response.status_code not in (200, 201):
        logger.warning("teams: file upload refused (HTTP %s)", response.status_code)
        return False
    return True
