"""Campaigns drafted in the background, with progress: ``POST /v1/campaigns/jobs`` and the
campaign worker (``frontline campaign worker``).

A job is a row (``campaign_jobs``) before it is anything else, so it survives a restart; it is
put on a queue — RQ on the deployment's Redis (``FRONTLINE_REDIS_URL``; the worker is its own
process type in ``deploy/Procfile``), or a thread of the serving process on the embedded
default. Whoever runs it first claims it with one conditional update (``queued`` → ``running``),
so a job enqueued twice, or re-enqueued after a restart while a worker still holds it, runs
once. A job left ``running`` by a process that died is put back in the queue once its
progress has been silent for ``STALE``; start-up (the server's, a worker's) re-enqueues what
is queued.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, Protocol

from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from assistant.campaigns import CampaignDesk, CampaignRequest, CampaignSummary
from assistant.errors import FrontlineError, UserError
from assistant.storage.campaign_jobs import CampaignJobRow

log = logging.getLogger(__name__)
STALE = timedelta(minutes=10)
QUEUE_NAME = "campaigns"
Status = Literal["queued", "running", "done", "failed"]


class JobStatus(BaseModel):
    """A background campaign as its RM sees it."""

    job_id: str
    status: Status
    done: int
    total: int
    campaign_id: str | None = None
    error: str | None = None
    campaign: CampaignSummary | None = None


class JobQueue(Protocol):
    def enqueue(self, job_id: str) -> None: ...


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


class CampaignJobs:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        desk: Callable[[], CampaignDesk],
        queue: JobQueue | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._sessions = sessions
        self._desk = desk
        self.queue: JobQueue = queue or InProcessQueue(self)
        self._clock = clock or (lambda: datetime.now(UTC))

    # --- the RM's side -----------------------------------------------------------------
    def submit(self, rm_id: str, body: CampaignRequest, channel: str) -> JobStatus:
        """Record the job, then queue it; the RM polls ``status``."""
        from tools.entitlement import resolve_caller

        caller = resolve_caller(self._desk()._bank, rm_id)  # an unknown RM: said now
        caller.require_client_access()  # an admin: refused now, not as a failed job
        now = self._clock()
        job_id = "job-" + secrets.token_urlsafe(12)
        with self._sessions.begin() as s:
            s.add(
                CampaignJobRow(
                    job_id=job_id, rm_id=rm_id, channel=channel,
                    request=body.model_dump(mode="json"), status="queued", done=0, total=0,
                    created_at=now, updated_at=now,
                )
            )  # fmt: skip
        self.queue.enqueue(job_id)
        found = self.status(rm_id, job_id)
        assert found is not None
        return found

    def status(self, rm_id: str, job_id: str) -> JobStatus | None:
        """The caller's own job; anyone else's and an unknown id alike: None."""
        with self._sessions() as s:
            row = s.get(CampaignJobRow, job_id)
            if row is None or row.rm_id != rm_id:
                return None
            out = JobStatus(
                job_id=row.job_id, status=row.status, done=row.done, total=row.total,  # type: ignore[arg-type]
                campaign_id=row.campaign_id, error=row.error,
            )  # fmt: skip
        if out.campaign_id:
            out.campaign = self._desk().summary(rm_id, out.campaign_id)
        return out

    # --- the worker's side -------------------------------------------------------------
    def run(self, job_id: str, worker: str | None = None) -> bool:
        """Claim the job and draft it; False when someone else has (or had) it."""
        now = self._clock()
        with self._sessions.begin() as s:
            claimed = s.execute(
                update(CampaignJobRow)
                .where(CampaignJobRow.job_id == job_id, CampaignJobRow.status == "queued")
                .values(status="running", claimed_by=worker or worker_name(), updated_at=now)
            ).rowcount  # type: ignore[attr-defined]
        if claimed != 1:
            return False
        with self._sessions() as s:
            row = s.get(CampaignJobRow, job_id)
            assert row is not None
            rm_id, channel, request = row.rm_id, row.channel, dict(row.request)
        last = [0.0, -1]

        def progress(done: int, total: int) -> None:
            # A write every second or so and at the end: the row is the progress bar.
            if done == total or time.monotonic() - last[0] >= 0.5:
                last[0] = time.monotonic()
                self._set(job_id, done=done, total=total)

        try:
            summary = self._desk().draft_now(
                rm_id, CampaignRequest.model_validate(request), channel, progress
            )
        except FrontlineError as exc:  # the RM's to fix (no client matched, another book)
            self._set(job_id, status="failed", error=str(exc)[:500])
            return True
        except Exception:
            log.exception("campaign job %s failed", job_id)
            self._set(job_id, status="failed", error="internal error")
            return True
        self._set(job_id, status="done", campaign_id=summary.campaign_id)
        return True

    def recover(self) -> list[str]:
        """At start-up: jobs a dead process left running go back to the queue, and every
        queued job is enqueued again (the claim keeps each to one run)."""
        stale = self._clock() - STALE
        with self._sessions.begin() as s:
            s.execute(
                update(CampaignJobRow)
                .where(CampaignJobRow.status == "running", CampaignJobRow.updated_at < stale)
                .values(status="queued", claimed_by=None, updated_at=self._clock())
            )
            queued = list(
                s.scalars(select(CampaignJobRow.job_id).where(CampaignJobRow.status == "queued"))
            )
        for job_id in queued:
            self.queue.enqueue(job_id)
        return queued

    def _set(self, job_id: str, **values: Any) -> None:
        with self._sessions.begin() as s:
            s.execute(
                update(CampaignJobRow)
                .where(CampaignJobRow.job_id == job_id)
                .values(**values, updated_at=self._clock())
            )


class InProcessQueue:
    """The embedded default: each job on a thread of this process (a restart re-enqueues it
    from its row, ``CampaignJobs.recover``)."""

    def __init__(self, jobs: CampaignJobs) -> None:
        self._jobs = jobs
        self.threads: list[threading.Thread] = []

    def enqueue(self, job_id: str) -> None:
        thread = threading.Thread(
            target=self._jobs.run, args=(job_id,), name=f"campaign-{job_id}", daemon=True
        )
        self.threads.append(thread)
        thread.start()


class RqQueue:
    """Jobs on the deployment's Redis through RQ; ``frontline campaign worker`` runs them."""

    def __init__(self, redis_url: str, prefix: str) -> None:
        from redis import Redis
        from rq import Queue

        self.queue = Queue(f"{prefix}-{QUEUE_NAME}", connection=Redis.from_url(redis_url))

    def enqueue(self, job_id: str) -> None:
        self.queue.enqueue(run_queued, job_id, job_id=f"campaign-{job_id}", result_ttl=3600)


# The worker process's Frontline (``frontline campaign worker`` sets it; RQ calls run_queued).
_WORKER: dict[str, Any] = {}


def run_queued(job_id: str) -> bool:
    """What RQ runs: the job through the worker's own Frontline."""
    fl = _WORKER.get("frontline")
    if fl is None:
        from assistant.config import get_settings
        from assistant.wiring import Frontline

        fl = _WORKER.setdefault("frontline", Frontline(get_settings()))
    return fl.campaign_jobs.run(job_id)


def serve_worker(fl: Any, burst: bool = False) -> None:
    """Run RQ's worker on the campaign queue with ``fl`` (after recovering stale jobs)."""
    from rq import Worker

    if not fl.settings.redis_url:
        raise UserError(
            "the campaign worker needs FRONTLINE_REDIS_URL (without Redis, the server runs jobs itself)"
        )
    _WORKER["frontline"] = fl
    jobs = fl.campaign_jobs
    jobs.recover()
    queue = jobs.queue.queue  # type: ignore[attr-defined]
    Worker([queue], connection=queue.connection, name=worker_name().replace(":", "-")).work(
        burst=burst
    )
