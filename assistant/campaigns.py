"""``CampaignDesk``: segment campaigns from the API and the CLI, through the chat's own tool
code (``tools.campaign``) — entitlement, the contact policy and the conduct check once for
every channel — and their export for the bank's messaging platform.

The audit trail gets who ran which campaign, its counts and the clients' ids (the bank's
pseudonymous keys, as answers log them); never a draft's text or a name. Exporting is recorded
too: from then on the drafted messages count as contacts for the contact policy.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.errors import UserError
from tools.bank.records import CampaignRecord
from tools.bank.repository import BankRepository
from tools.campaign import CampaignArgs, run_campaign
from tools.campaign.export import CSV_MEDIA, XLSX_MEDIA, rows, to_csv, to_xlsx
from tools.campaign.run import PREVIEW, Progress, export_links
from tools.entitlement import resolve_caller
from tools.toolbox import Toolbox, ToolError, ToolServices

Format = Literal["csv", "xlsx"]


class CampaignRequest(CampaignArgs):
    """``POST /v1/campaigns``'s body: the segment and message, and the RM's own language
    (of the answer; each message is in its client's)."""

    reply_language: Literal["zh", "en"] = Field(default="zh", description="The summary's language")


class CampaignSummary(BaseModel):
    """A campaign as the RM sees it: counts, held-back reasons, a few drafts, the downloads."""

    campaign_id: str
    segment: str
    channel: str
    purpose: str
    day: str
    matched: int
    drafted: int
    held: int
    held_by_reason: dict[str, int]
    held_clients: list[dict[str, Any]] = Field(default_factory=list)
    send_after: str | None = None
    preview: list[dict[str, str]] = Field(default_factory=list)
    exported_at: str | None = None
    export: dict[str, str]


@dataclass(frozen=True)
class ExportFile:
    name: str
    data: bytes
    media_type: str


class CampaignDesk:
    def __init__(
        self, bank: BankRepository, services: Callable[[], ToolServices], audit: Any = None
    ) -> None:
        self._bank = bank
        self._services = services
        self._audit = audit

    async def draft(
        self,
        rm_id: str,
        body: CampaignRequest,
        channel: str,
        progress: Progress | None = None,
    ) -> CampaignSummary:
        return await asyncio.to_thread(self.draft_now, rm_id, body, channel, progress)

    def draft_now(
        self,
        rm_id: str,
        body: CampaignRequest,
        channel: str,
        progress: Progress | None = None,
    ) -> CampaignSummary:
        caller = resolve_caller(self._bank, rm_id)
        # The campaign's tokens live in a vault scope of their own (its export restores there).
        scope = f"campaign:{secrets.token_urlsafe(9)}"
        tb = Toolbox(self._services(), caller, scope, body.reply_language, channel=channel)
        try:
            run = run_campaign(tb, body, progress)
        except ToolError as exc:  # nothing matched, too many, an unknown product: the RM's to fix
            raise UserError(str(exc)) from None
        self._record("campaign_drafted", run.record, channel, [m.client_id for m in run.messages])
        restore = self._restorer(tb, run.record)
        drafted = [m for m in run.messages if m.status == "drafted"]
        return CampaignSummary(
            **_head(run.record),
            matched=len(run.messages),
            held_by_reason=run.held_by_code(),
            held_clients=[
                {"client_id": cid, "client": restore(tb.client_token(cid)), "reasons": why}
                for cid, why in list(run.held_reasons.items())[:20]
            ],
            send_after=run.send_after,
            preview=[
                {
                    "client_id": m.client_id,
                    "client": restore(tb.client_token(m.client_id)),
                    "language": m.language,
                    "text": restore(m.text),
                }
                for m in drafted[:PREVIEW]
            ],
        )

    def summary(self, rm_id: str, campaign_id: str) -> CampaignSummary | None:
        """One of the caller's campaigns (counts only); another RM's: None."""
        c = self._bank.campaign(campaign_id)
        return self._counted(c) if c is not None and c.rm_id == rm_id else None

    def campaigns(self, rm_id: str) -> list[CampaignSummary]:
        """The caller's own campaigns, newest first (counts only)."""
        return [self._counted(c) for c in self._bank.campaigns_of(rm_id)]

    def _counted(self, c: CampaignRecord) -> CampaignSummary:
        """A recorded campaign's summary: its counts, no draft."""
        return CampaignSummary(
            **_head(c), matched=c.drafted + c.held, held_by_reason=self._held_by_code(c)
        )

    async def export(
        self, rm_id: str, campaign_id: str, fmt: Format, language: str, channel: str
    ) -> ExportFile | None:
        return await asyncio.to_thread(self.export_now, rm_id, campaign_id, fmt, language, channel)

    def export_now(
        self, rm_id: str, campaign_id: str, fmt: Format, language: str, channel: str
    ) -> ExportFile | None:
        """The campaign's file; None for another RM's campaign and an unknown id alike."""
        campaign = self._bank.campaign(campaign_id)
        if campaign is None or campaign.rm_id != rm_id:
            return None
        caller = resolve_caller(self._bank, rm_id)
        tb = Toolbox(self._services(), caller, campaign.scope, language, channel=channel)
        messages = self._bank.campaign_messages(campaign_id)
        # A client who left the RM's book since is not exported (entitlement is read now).
        messages = [m for m in messages if caller.may_read(m.client_id)]
        restore = self._restorer(tb, campaign)
        names = {m.client_id: restore(tb.client_token(m.client_id)) for m in messages}
        table = rows(campaign, messages, names, restore, language)
        marked = self._bank.mark_exported(campaign_id, datetime.now(UTC)) or campaign
        if campaign.exported_at is None:
            self._record("campaign_exported", marked, channel, [m.client_id for m in messages])
        name = f"{campaign_id}.{fmt}"
        if fmt == "csv":
            return ExportFile(name, to_csv(table, language), CSV_MEDIA)
        return ExportFile(name, to_xlsx(table, language, campaign.described), XLSX_MEDIA)

    def _restorer(self, tb: Toolbox, campaign: CampaignRecord) -> Callable[[str], str]:
        privacy = tb.services.privacy

        def restore(text: str) -> str:
            return privacy.restore(
                text,
                rm_id=campaign.rm_id,
                conversation_id=campaign.scope,
                entitled_client_ids=tb.caller.client_ids,
            ).text

        return restore

    def _held_by_code(self, campaign: CampaignRecord) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in self._bank.campaign_messages(campaign.campaign_id):
            for code in filter(None, m.codes.split(";")):
                counts[code] = counts.get(code, 0) + 1
        return counts

    def _record(
        self, kind: str, campaign: CampaignRecord, channel: str, client_ids: list[str]
    ) -> None:
        if self._audit is None:
            return
        self._audit.append(
            kind=kind,
            channel=channel,
            rm_id=campaign.rm_id,
            payload={
                "campaign_id": campaign.campaign_id,
                "segment": campaign.query,
                "message_channel": campaign.channel,
                "purpose": campaign.purpose,
                "drafted": campaign.drafted,
                "held": campaign.held,
                "client_ids": client_ids,
            },
        )


def _head(c: CampaignRecord) -> dict[str, Any]:
    return {
        "campaign_id": c.campaign_id,
        "segment": c.described,
        "channel": c.channel,
        "purpose": c.purpose,
        "day": c.day.isoformat(),
        "drafted": c.drafted,
        "held": c.held,
        "exported_at": c.exported_at.isoformat() if c.exported_at else None,
        "export": export_links(c.campaign_id),
    }
