"""Referrals (公私联动) over HTTP and the shell: the chat's own three tools (``refer_client``,
``list_referrals``, ``update_referral``) called for one RM, the answer's tokens restored for
that RM only — their own clients, and the clients referred to them by name (never their data).

The need the RM types is masked before it is kept, as in chat; each call is written to the
audit trail by id (referral, client), never by name."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.errors import EntitlementError, UserError
from tools.bank.repository import BankRepository
from tools.entitlement import Caller, resolve_caller
from tools.toolbox import Refusal, Toolbox, ToolError, ToolServices

Language = Literal["zh", "en"]


class ReferralRequest(BaseModel):
    """A referral of one of the caller's own clients (or of its contact, by title)."""

    client_id: str = Field(max_length=64)
    to: str = Field(
        max_length=64,
        description="A target of the bank's referral policy (private_banking, retail_wealth, "
        "corporate — or as the policy names them) or a colleague's RM id",
    )
    consent: str = Field(
        max_length=16, description="How the client agreed: verbal, written or app (required)"
    )
    need: str = Field(default="", max_length=500, description="What the client needs")
    contact_title: str | None = Field(default=None, max_length=64)
    language: Language = "zh"


class ReferralUpdate(BaseModel):
    status: Literal["contacted", "won", "lost", "declined"]
    language: Language = "zh"


class ReferralCalls:
    def __init__(
        self, bank: BankRepository, services: Callable[[], ToolServices], audit: Any = None
    ) -> None:
        self._bank = bank
        self._services = services
        self._audit = audit

    async def refer(self, rm_id: str, body: ReferralRequest, channel: str) -> dict:
        return await asyncio.to_thread(self.refer_now, rm_id, body, channel)

    def refer_now(self, rm_id: str, body: ReferralRequest, channel: str) -> dict:
        def args(tb: Toolbox) -> dict:
            fields = body.model_dump(exclude={"language"}, exclude_none=True)
            fields["need"] = tb.mask_text(body.need.strip()) if body.need.strip() else ""
            return fields

        out = self._call(rm_id, "refer_client", args, body.language, channel)
        self._record("referral_created", rm_id, channel, out["referral_id"], out.get("client_id"))
        return out

    async def listed(
        self, rm_id: str, direction: str, open_only: bool, language: Language, channel: str
    ) -> dict:
        return await asyncio.to_thread(
            self._call,
            rm_id,
            "list_referrals",
            lambda _tb: {"direction": direction, "open_only": open_only},
            language,
            channel,
        )

    async def update(
        self, rm_id: str, referral_id: str, body: ReferralUpdate, channel: str
    ) -> dict:
        return await asyncio.to_thread(self.update_now, rm_id, referral_id, body, channel)

    def update_now(self, rm_id: str, referral_id: str, body: ReferralUpdate, channel: str) -> dict:
        args = {"referral_id": referral_id, "status": body.status}
        out = self._call(rm_id, "update_referral", lambda _tb: args, body.language, channel)
        self._record("referral_updated", rm_id, channel, out["referral_id"], None, body.status)
        return out

    def _caller(self, rm_id: str) -> Caller:
        caller = resolve_caller(self._bank, rm_id)
        desk = getattr(self._services(), "referrals", None)
        if desk is None or caller.role == "admin":
            return caller
        return dataclasses.replace(caller, shown_clients=desk.shown_clients(rm_id))

    def _call(
        self,
        rm_id: str,
        tool: str,
        args: Callable[[Toolbox], dict],
        language: Language,
        channel: str,
    ) -> dict:
        caller = self._caller(rm_id)
        scope = f"referrals:{rm_id}"  # the RM's own vault scope for these calls
        tb = Toolbox(self._services(), caller, scope, language, channel=channel)
        try:
            out = tb.call(tool, args(tb))
        except Refusal as exc:
            raise EntitlementError(str(exc)) from None
        except ToolError as exc:  # consent missing, an unknown target or id: the RM's to fix
            raise UserError(str(exc)) from None
        privacy = tb.services.privacy

        def restore(value: Any) -> Any:
            if isinstance(value, str) and "⟦" in value:
                return privacy.restore(
                    value,
                    rm_id=rm_id,
                    conversation_id=scope,
                    entitled_client_ids=caller.client_ids | caller.shown_clients,
                ).text
            if isinstance(value, list):
                return [restore(v) for v in value]
            if isinstance(value, dict):
                return {k: restore(v) for k, v in value.items()}
            return value

        return restore(out)

    def _record(
        self,
        kind: str,
        rm_id: str,
        channel: str,
        referral_id: str,
        client_id: str | None,
        status: str | None = None,
    ) -> None:
        if self._audit is None:
            return
        payload: dict[str, Any] = {"referral_id": referral_id}
        if client_id:
            payload["client_ids"] = [client_id]
        if status:
            payload["status"] = status
        self._audit.append(kind=kind, channel=channel, rm_id=rm_id, payload=payload)
