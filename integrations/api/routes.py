"""The ``/v1`` routes: translate HTTP into ``Turn``s and core results back into HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, Protocol

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sse_starlette import EventSourceResponse

from assistant.brief.channels import BriefBuilder
from assistant.brief.model import Brief
from assistant.core.types import Answer, AssistantCore, Chart, Conversation, Feedback, Turn
from assistant.errors import UserError
from assistant.outcomes import OutcomeRecorder, OutcomeReply, OutcomeRequest
from assistant.team_view import PeriodError, TeamReport, TeamView
from integrations.api.auth import BearerAuth, Caller, enforce_rate_limit
from integrations.api.campaigns import CampaignJobSource, CampaignSource, add_campaign_routes
from integrations.api.errors import ApiError, error_docs
from integrations.api.limits import ApiLimits
from integrations.api.metrics import ApiMetrics
from integrations.api.ratelimit import RateLimiter
from integrations.api.referrals import ReferralSource, add_referral_routes
from integrations.api.schemas import ChatRequest, checked_message, json_body_spec, read_json
from integrations.api.streaming import sse_events

MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_bearer = HTTPBearer(auto_error=False, description="A token from FRONTLINE_API_TOKENS.")


_STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-sent events: `status`*, `delta`*, then `answer` (or `error`).",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}


class PrepSource(Protocol):
    """What ``GET /v1/prep/{id}.docx`` reads (``assistant.prep.service.PrepDocuments``)."""

    async def docx(self, rm_id: str, doc_id: str, channel: str) -> tuple[str, bytes] | None: ...


class TeamSource(Protocol):
    """What ``GET /v1/team`` reads (``assistant.team_view.TeamReports``)."""

    def report(
        self,
        rm_id: str,
        kind: Literal["month", "quarter"] | None = None,
        day: date | None = None,
        language: Literal["zh", "en"] = "zh",
    ) -> TeamReport: ...

    def view(
        self, rm_id: str, kind: Literal["month", "quarter"] | None, day: date | None
    ) -> TeamView: ...

    def book_charts(
        self, rm_id: str, kind: Literal["month", "quarter"] | None, day: date | None, language: str
    ) -> list[Chart]: ...


@dataclass(frozen=True)
class ApiContext:
    """What the routes need, handed in by ``create_app``."""

    core: AssistantCore
    auth: BearerAuth
    limiter: RateLimiter
    limits: ApiLimits
    metrics: ApiMetrics
    # The brief service, looked up per request (an import rebuilds it); None: no briefs here.
    briefs: Callable[[], BriefBuilder] | None = None
    prep: Callable[[], PrepSource] | None = None  # prep documents; None: not served here
    outcomes: Callable[[], OutcomeRecorder] | None = None  # done / not now; None: not here
    team: Callable[[], TeamSource] | None = None  # team measures; None: not served here
    campaigns: Callable[[], CampaignSource] | None = None  # segment campaigns; None: not here
    campaign_jobs: Callable[[], CampaignJobSource] | None = None  # background campaigns
    referrals: Callable[[], ReferralSource] | None = None  # referrals; None: not kept here


def v1_router(ctx: ApiContext) -> APIRouter:
    router = APIRouter(prefix="/v1", responses=error_docs(401, 429))

    async def caller(
        request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
    ) -> Caller:
        who = ctx.auth.caller(request, credentials)
        await enforce_rate_limit(ctx.limiter, who)
        return who

    async def turn_from(request: Request, who: Caller) -> Turn:
        body = await read_json(request, ChatRequest)
        return Turn(
            text=checked_message(body, ctx.limits.max_message_chars),
            channel=who.channel,
            rm_id=who.rm_id,
            conversation_id=body.conversation_id,
            language=body.language,
        )

    @router.post(
        "/chat",
        tags=["chat"],
        response_model=Answer,
        openapi_extra=json_body_spec(ChatRequest),
        responses=error_docs(400, 413, 415, 422),
    )
    async def chat(request: Request, who: Caller = Depends(caller)) -> Answer:
        """Ask one question and wait for the whole answer."""
        answer = await ctx.core.answer(await turn_from(request, who))
        ctx.metrics.record_answer(answer, who.channel)
        return answer

    @router.post(
        "/chat/stream",
        tags=["chat"],
        openapi_extra=json_body_spec(ChatRequest),
        response_class=Response,
        responses={**_STREAM_DOC, **error_docs(400, 413, 415, 422)},
    )
    async def chat_stream(request: Request, who: Caller = Depends(caller)) -> Response:
        """Ask one question and receive the answer as server-sent events."""
        turn = await turn_from(request, who)
        return EventSourceResponse(
            sse_events(ctx.core, turn, ctx.metrics),
            ping=ctx.limits.sse_ping_s,
            sep="\n",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    @router.get(
        "/conversations/{conversation_id}",
        tags=["conversations"],
        response_model=Conversation,
        responses=error_docs(404),
    )
    async def conversation(
        conversation_id: str = Path(max_length=128), who: Caller = Depends(caller)
    ) -> Conversation:
        """One of the caller's own conversations; anyone else's is reported as not found."""
        found = await ctx.core.conversation(who.rm_id, conversation_id)
        if found is None:
            raise ApiError(404, "not_found", "No such conversation.")
        return found

    @router.post(
        "/feedback",
        tags=["feedback"],
        status_code=204,
        response_class=Response,
        openapi_extra=json_body_spec(Feedback),
        responses=error_docs(400, 404, 413, 415, 422),
    )
    async def feedback(request: Request, who: Caller = Depends(caller)) -> Response:
        """Rate one of the caller's answers 👍 or 👎, with an optional comment."""
        body = await read_json(request, Feedback)
        if not await ctx.core.record_feedback(who.rm_id, body, who.channel):
            raise ApiError(404, "not_found", "No such turn in your conversations.")
        return Response(status_code=204)

    @router.get("/brief", tags=["brief"], response_model=Brief, responses=error_docs(400, 403, 503))
    async def brief(
        response: Response,
        who: Caller = Depends(caller),
        day: date | None = Query(
            default=None, alias="date", description="YYYY-MM-DD; default today"
        ),
        lang: Literal["zh", "en"] = Query(default="zh"),
    ) -> Brief:
        """The caller's morning brief (a team lead's: the team brief) for the widget's panel."""
        if ctx.briefs is None:
            raise ApiError(503, "unavailable", "Briefs are not served here.")
        service = ctx.briefs()
        when = day or service.today()
        response.headers["Cache-Control"] = "no-store"  # client names: never in a shared cache
        return await asyncio.to_thread(service.build, who.rm_id, when, lang, who.channel)

    @router.get(
        "/conversations/{conversation_id}/turns/{turn_id}/charts/{n}.{fmt}",
        tags=["conversations"],
        response_class=Response,
        responses={
            200: {
                "description": "One of the turn's charts, drawn on the server.",
                "content": {"image/png": {}, "image/svg+xml": {}},
            },
            **error_docs(404),
        },
    )
    async def chart_file(
        conversation_id: str = Path(max_length=128),
        turn_id: str = Path(max_length=128),
        n: int = Path(ge=1, le=16),
        fmt: Literal["png", "svg"] = Path(description="png (a file) or svg (accessible, inline)"),
        who: Caller = Depends(caller),
    ) -> Response:
        """The ``n``-th chart of one of the caller's own answers, as PNG or accessible SVG; it is
        drawn from the stored answer, so anyone else's conversation is "not found" too."""
        found = await ctx.core.conversation(who.rm_id, conversation_id)
        turn = next((t for t in found.turns if t.turn_id == turn_id), None) if found else None
        if turn is None or n > len(turn.answer.charts):
            raise ApiError(404, "not_found", "No such chart.")
        from assistant.charts import png, svg

        chart = turn.answer.charts[n - 1]
        if fmt == "png":
            data: bytes = await asyncio.to_thread(png, chart)
            media = "image/png"
        else:
            data = (await asyncio.to_thread(svg, chart)).encode("utf-8")
            media = "image/svg+xml"
        # RMs' names and a client's figures: never in a shared cache
        return Response(data, media_type=media, headers={"Cache-Control": "no-store"})

    @router.get(
        "/team", tags=["team"], response_model=TeamReport, responses=error_docs(403, 422, 503)
    )
    async def team(
        response: Response,
        who: Caller = Depends(caller),
        period: Literal["month", "quarter"] | None = Query(
            default=None, description="month or quarter; default the bank's performance policy's"
        ),
        day: date | None = Query(
            default=None,
            alias="date",
            description="YYYY-MM-DD in the period, not after the extract's as-of day; default its last",
        ),
        lang: Literal["zh", "en"] = Query(default="zh"),
    ) -> TeamReport:
        """The caller's team measures as the bank's incentive rules define them: their own row
        (an RM), the team's (a team lead), the branch's as aggregates (a branch head)."""
        if ctx.team is None:
            raise ApiError(503, "unavailable", "Team measures are not served here.")
        source = ctx.team()
        try:
            report = await asyncio.to_thread(source.report, who.rm_id, period, day, lang)
        except PeriodError as exc:  # a day after the extract's
            raise ApiError(422, "invalid_request", f"date: {exc}") from None
        except UserError as exc:  # an admin, or a caller the bank no longer lists
            raise ApiError(403, "forbidden", str(exc)) from None
        response.headers["Cache-Control"] = "no-store"  # RMs' names: never in a shared cache
        return report

    @router.get(
        "/dashboard",
        tags=["team"],
        response_class=Response,
        responses={
            200: {"description": "The dashboard's content as HTML.", "content": {"text/html": {}}},
            **error_docs(403, 422, 503),
        },
    )
    async def dashboard(
        who: Caller = Depends(caller),
        period: Literal["month", "quarter"] | None = Query(default=None),
        day: date | None = Query(default=None, alias="date"),
        lang: Literal["zh", "en"] = Query(default="zh"),
    ) -> Response:
        """The caller's team view for ``/dashboard``, rendered on the server as an HTML fragment
        (a table, accessible SVG charts, the late follow-ups; no script): what ``GET /v1/team``
        returns, to look at."""
        if ctx.team is None:
            raise ApiError(503, "unavailable", "Team measures are not served here.")
        from integrations.dashboard.render import render_dashboard

        source = ctx.team()
        try:
            view = await asyncio.to_thread(source.view, who.rm_id, period, day)
            books = await asyncio.to_thread(source.book_charts, who.rm_id, period, day, lang)
        except PeriodError as exc:
            raise ApiError(422, "invalid_request", f"date: {exc}") from None
        except UserError as exc:  # an admin sees no client data, so no measures
            raise ApiError(403, "forbidden", str(exc)) from None
        page = await asyncio.to_thread(render_dashboard, view, lang, books)
        return Response(
            page, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-store"}
        )

    @router.get(
        "/prep/{doc_id}.docx",
        tags=["prep"],
        response_class=Response,
        responses={
            200: {"description": "The meeting prep as a Word document.", "content": {MEDIA: {}}},
            **error_docs(404, 503),
        },
    )
    async def prep_document(
        doc_id: str = Path(max_length=256, pattern=r"^[A-Za-z0-9_-]+$"),
        who: Caller = Depends(caller),
    ) -> Response:
        """A meeting prep as .docx; the id (from an answer's ``documents``) opens for the RM
        it was issued to only. Anyone else's, expired or forged ids are all "not found"."""
        if ctx.prep is None:
            raise ApiError(503, "unavailable", "Prep documents are not served here.")
        found = await ctx.prep().docx(who.rm_id, doc_id, who.channel)
        if found is None:
            raise ApiError(404, "not_found", "No such document.")
        name, data = found
        return Response(
            data,
            media_type=MEDIA,
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "no-store",  # client names: never in a shared cache
            },
        )

    @router.post(
        "/actions/{key}/outcome",
        tags=["brief"],
        response_model=OutcomeReply,
        openapi_extra=json_body_spec(OutcomeRequest),
        responses=error_docs(400, 403, 413, 415, 422, 503),
    )
    async def action_outcome(
        request: Request,
        key: str = Path(max_length=256, pattern=r"^[A-Za-z0-9._-]+$"),
        who: Caller = Depends(caller),
    ) -> OutcomeReply:
        """Mark a suggested action (a brief item's or an answer's ``action_key``) done, not now
        with a reason code from the brief's ``reasons``, or undo the last mark. Only actions of
        the caller's own book; another book's and unknown clients' are refused alike (403)."""
        if ctx.outcomes is None:
            raise ApiError(503, "unavailable", "Action outcomes are not recorded here.")
        body = await read_json(request, OutcomeRequest)
        return await ctx.outcomes().record(who.rm_id, key, body, who.channel)

    add_campaign_routes(router, ctx.campaigns, ctx.campaign_jobs, caller, ctx.limits.sse_ping_s)
    add_referral_routes(router, ctx.referrals, caller)
    return router
