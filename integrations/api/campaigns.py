"""The ``/v1/campaigns`` routes: draft a segment campaign (at once, or as server-sent progress
events for a large segment), list the caller's campaigns, download one as CSV or XLSX."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Protocol

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from sse_starlette import EventSourceResponse

from assistant.campaign_jobs import JobStatus
from assistant.campaigns import CampaignRequest, CampaignSummary, ExportFile, Format
from assistant.errors import FrontlineError
from integrations.api.auth import Caller
from integrations.api.errors import ApiError, error_docs
from integrations.api.schemas import json_body_spec, read_json
from tools.campaign.run import Progress


class CampaignSource(Protocol):
    """What the routes call (``assistant.campaigns.CampaignDesk``)."""

    async def draft(
        self, rm_id: str, body: CampaignRequest, channel: str, progress: Progress | None = None
    ) -> CampaignSummary: ...

    def campaigns(self, rm_id: str) -> list[CampaignSummary]: ...

    async def export(
        self, rm_id: str, campaign_id: str, fmt: Format, language: str, channel: str
    ) -> ExportFile | None: ...


class CampaignJobSource(Protocol):
    """What the job routes call (``assistant.campaign_jobs.CampaignJobs``)."""

    def submit(self, rm_id: str, body: CampaignRequest, channel: str) -> JobStatus: ...

    def status(self, rm_id: str, job_id: str) -> JobStatus | None: ...


def add_campaign_routes(
    router: APIRouter,
    source: Callable[[], CampaignSource] | None,
    job_source: Callable[[], CampaignJobSource] | None,
    caller: Callable[..., Awaitable[Caller]],
    ping_s: float,
) -> None:
    def desk() -> CampaignSource:
        if source is None:
            raise ApiError(503, "unavailable", "Campaigns are not served here.")
        return source()

    @router.post(
        "/campaigns",
        tags=["campaigns"],
        response_model=CampaignSummary,
        openapi_extra=json_body_spec(CampaignRequest),
        responses=error_docs(400, 403, 413, 415, 422, 503),
    )
    async def draft_campaign(request: Request, who: Caller = Depends(caller)) -> CampaignSummary:
        """Draft one message per client of a segment of the caller's book (a team lead's: the
        team's), each checked against the conduct rules and the contact policy; the clients
        held back are counted by reason. Recorded; download it from ``export``."""
        body = await read_json(request, CampaignRequest)
        return await desk().draft(who.rm_id, body, who.channel)

    @router.post(
        "/campaigns/stream",
        tags=["campaigns"],
        openapi_extra=json_body_spec(CampaignRequest),
        response_class=Response,
        responses={
            200: {
                "description": "Server-sent events: `progress`* ({done, total}), then `campaign` "
                "(the summary) or `error`.",
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
            },
            **error_docs(400, 413, 415, 422, 503),
        },
    )
    async def draft_campaign_stream(request: Request, who: Caller = Depends(caller)) -> Response:
        """The same campaign with its progress as it is drafted (a segment of hundreds)."""
        body = await read_json(request, CampaignRequest)
        events = _progress_events(desk(), who, body)
        return EventSourceResponse(
            events,
            ping=ping_s,
            sep="\n",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    def jobs() -> CampaignJobSource:
        if job_source is None:
            raise ApiError(503, "unavailable", "Background campaigns are not run here.")
        return job_source()

    @router.post(
        "/campaigns/jobs",
        tags=["campaigns"],
        status_code=202,
        response_model=JobStatus,
        openapi_extra=json_body_spec(CampaignRequest),
        responses=error_docs(400, 403, 413, 415, 422, 503),
    )
    async def submit_campaign_job(request: Request, who: Caller = Depends(caller)) -> JobStatus:
        """The same campaign in the background (a large segment): queued at once, drafted by a
        worker; poll ``GET /v1/campaigns/jobs/{job_id}`` for its progress and result."""
        body = await read_json(request, CampaignRequest)
        return await asyncio.to_thread(jobs().submit, who.rm_id, body, who.channel)

    @router.get(
        "/campaigns/jobs/{job_id}",
        tags=["campaigns"],
        response_model=JobStatus,
        responses=error_docs(404, 503),
    )
    async def campaign_job(
        job_id: str = Path(max_length=40, pattern=r"^job-[A-Za-z0-9_-]+$"),
        who: Caller = Depends(caller),
    ) -> JobStatus:
        """A background campaign's status: queued, running (done of total), done (with the
        campaign) or failed (with why). Another RM's job and an unknown id are "not found"."""
        found = await asyncio.to_thread(jobs().status, who.rm_id, job_id)
        if found is None:
            raise ApiError(404, "not_found", "No such job.")
        return found

    @router.get(
        "/campaigns",
        tags=["campaigns"],
        response_model=list[CampaignSummary],
        responses=error_docs(503),
    )
    async def list_campaigns(who: Caller = Depends(caller)) -> list[CampaignSummary]:
        """The caller's own campaigns, newest first."""
        return await asyncio.to_thread(desk().campaigns, who.rm_id)

    @router.get(
        "/campaigns/{campaign_id}.{fmt}",
        tags=["campaigns"],
        response_class=Response,
        responses={
            200: {"description": "The campaign for the bank's messaging platform."},
            **error_docs(404, 503),
        },
    )
    async def export_campaign(
        campaign_id: str = Path(max_length=40, pattern=r"^cmp-[A-Za-z0-9_-]+$"),
        fmt: Format = Path(),
        language: str = Query(default="zh", pattern="^(zh|en)$"),
        who: Caller = Depends(caller),
    ) -> Response:
        """Download a campaign (display forms only: no full identifier). Its drafted messages
        count as marketing contacts from the first download on. Another RM's campaign and an
        unknown id are both "not found"."""
        found = await desk().export(who.rm_id, campaign_id, fmt, language, who.channel)
        if found is None:
            raise ApiError(404, "not_found", "No such campaign.")
        return Response(
            found.data,
            media_type=found.media_type,
            headers={
                "Content-Disposition": f'attachment; filename="{found.name}"',
                "Cache-Control": "no-store",  # client names: never in a shared cache
            },
        )


async def _progress_events(
    desk: CampaignSource, who: Caller, body: CampaignRequest
) -> AsyncIterator[dict]:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[int, int]] = asyncio.Queue()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        # At most ~50 events for any size, and always the last one.
        if done == total or done - last[0] >= max(1, total / 50):
            last[0] = done
            loop.call_soon_threadsafe(queue.put_nowait, (done, total))

    task = asyncio.ensure_future(desk.draft(who.rm_id, body, who.channel, progress))
    while not task.done() or not queue.empty():
        getter = asyncio.ensure_future(queue.get())
        finished, _ = await asyncio.wait({task, getter}, return_when=asyncio.FIRST_COMPLETED)
        if getter in finished:
            done, total = getter.result()
            yield {"event": "progress", "data": json.dumps({"done": done, "total": total})}
        else:
            getter.cancel()
    try:
        summary = task.result()
    except FrontlineError as exc:  # said as an event: the stream's status is already 200
        yield {
            "event": "error",
            "data": json.dumps({"code": type(exc).__name__, "message": str(exc)}),
        }
        return
    yield {"event": "campaign", "data": summary.model_dump_json()}
