"""The ``/v1/referrals`` routes (公私联动): refer one of the caller's clients to another side of
the bank with the client's consent, list the referrals the caller sent and received, and give
the receiver's word on one ("contacted", "won", ...). The chat's own tools behind them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Literal, Protocol

from fastapi import APIRouter, Depends, Path, Query, Request

from assistant.referral_calls import ReferralRequest, ReferralUpdate
from integrations.api.auth import Caller
from integrations.api.errors import ApiError, error_docs
from integrations.api.schemas import json_body_spec, read_json


class ReferralSource(Protocol):
    """What the routes call (``assistant.referral_calls.ReferralCalls``)."""

    async def refer(self, rm_id: str, body: ReferralRequest, channel: str) -> dict: ...

    async def listed(
        self,
        rm_id: str,
        direction: str,
        open_only: bool,
        language: Literal["zh", "en"],
        channel: str,
    ) -> dict: ...

    async def update(
        self, rm_id: str, referral_id: str, body: ReferralUpdate, channel: str
    ) -> dict: ...


def add_referral_routes(
    router: APIRouter,
    source: Callable[[], ReferralSource] | None,
    caller: Callable[..., Awaitable[Caller]],
) -> None:
    def calls() -> ReferralSource:
        if source is None:
            raise ApiError(503, "unavailable", "Referrals are not kept here.")
        return source()

    @router.post(
        "/referrals",
        tags=["referrals"],
        status_code=201,
        openapi_extra=json_body_spec(ReferralRequest),
        responses=error_docs(400, 403, 413, 415, 422, 503),
    )
    async def refer(request: Request, who: Caller = Depends(caller)) -> dict:
        """Refer one of the caller's own clients (or its contact, by title) with the client's
        consent (verbal, written or app — required): routed to a receiving RM, who is told in
        their channel and must make first contact by ``due``."""
        body = await read_json(request, ReferralRequest)
        return await calls().refer(who.rm_id, body, who.channel)

    @router.get("/referrals", tags=["referrals"], responses=error_docs(403, 503))
    async def list_referrals(
        direction: Literal["sent", "received", "both"] = Query(default="both"),
        open_only: bool = Query(default=False),
        language: Literal["zh", "en"] = Query(default="zh"),
        who: Caller = Depends(caller),
    ) -> dict:
        """The referrals the caller sent (status, receiver, deadline — never the receiving
        side's data) and those sent to them (client and contact by name, need, deadline); a
        team lead's include the team's."""
        return await calls().listed(who.rm_id, direction, open_only, language, who.channel)

    @router.post(
        "/referrals/{referral_id}",
        tags=["referrals"],
        openapi_extra=json_body_spec(ReferralUpdate),
        responses=error_docs(400, 403, 413, 415, 422, 503),
    )
    async def update_referral(
        request: Request,
        referral_id: str = Path(max_length=16, pattern=r"^[Rr][A-Za-z0-9]{4,15}$"),
        who: Caller = Depends(caller),
    ) -> dict:
        """The receiver's word (or their lead's): contacted, won, lost or declined."""
        body = await read_json(request, ReferralUpdate)
        return await calls().update(who.rm_id, referral_id.upper(), body, who.channel)
