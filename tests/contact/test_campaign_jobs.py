"""Background campaigns (#18): a job is a row first, runs once whoever enqueues it (the claim is
one conditional update), reports progress, survives a restart (a job left running by a dead
process goes back to the queue), runs on a thread of the server by default and on RQ over the
machine's real Redis with the worker; another RM's job is not found."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import update

from assistant.campaign_jobs import _WORKER, STALE, CampaignJobs, RqQueue, run_queued
from assistant.campaigns import CampaignRequest
from assistant.errors import EntitlementError
from assistant.storage.campaign_jobs import CampaignJobRow
from assistant.wiring import Frontline
from integrations.api import ApiLimits, create_app
from testkit.settings import make_settings
from tests.api.conftest import RM1_TOKEN, RM2_TOKEN, auth
from tests.api.fakes import api_core
from tests.contact.conftest import RM
from tools.book_query import BookQuery

pytestmark = pytest.mark.slow  # the package's demo bank

BODY = CampaignRequest(
    segment=BookQuery.model_validate({"tier": "core"}), channel="wechat", purpose="product_intro"
)
REDIS_URL = "redis://127.0.0.1:6379/0"


class Held:
    """A queue that keeps what it is given (the test decides who runs it)."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def enqueue(self, job_id: str) -> None:
        self.ids.append(job_id)


def _jobs(fl: Frontline, queue: object | None = None) -> CampaignJobs:
    jobs = CampaignJobs(fl.sessions, lambda: fl.campaign_desk)
    if queue is not None:
        jobs.queue = queue  # type: ignore[assignment]
    return jobs


def _wait(jobs: CampaignJobs, job_id: str, rm: str = RM) -> object:
    for _ in range(600):
        status = jobs.status(rm, job_id)
        if status is not None and status.status in ("done", "failed"):
            return status
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


def test_a_job_runs_on_a_thread_of_the_server_and_reports_progress(fl: Frontline) -> None:
    jobs = _jobs(fl)
    queued = jobs.submit(RM, BODY, "api")
    assert queued.status in ("queued", "running", "done")
    done = _wait(jobs, queued.job_id)
    assert done.status == "done" and done.campaign is not None  # type: ignore[attr-defined]
    assert done.done == done.total == done.campaign.matched > 0  # type: ignore[attr-defined]
    assert jobs.status("RM002", queued.job_id) is None  # another RM's job: not found


def test_a_job_enqueued_twice_runs_once(fl: Frontline) -> None:
    held = Held()
    jobs = _jobs(fl, held)
    job_id = jobs.submit(RM, BODY, "api").job_id
    before = len(fl.bank.campaigns_of(RM, limit=1000))
    results: list[bool] = []
    threads = [threading.Thread(target=lambda: results.append(jobs.run(job_id))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, False, True]
    assert len(fl.bank.campaigns_of(RM, limit=1000)) == before + 1
    assert jobs.run(job_id) is False  # done is done


def test_a_restart_requeues_what_a_dead_process_left_running(fl: Frontline) -> None:
    held = Held()
    jobs = _jobs(fl, held)
    dead = jobs.submit(RM, BODY, "api").job_id
    alive = jobs.submit(RM, BODY, "api").job_id
    long_ago = datetime.now(UTC) - STALE - timedelta(minutes=1)
    with fl.sessions.begin() as s:
        s.execute(
            update(CampaignJobRow)
            .where(CampaignJobRow.job_id == dead)
            .values(status="running", claimed_by="gone:1", updated_at=long_ago)
        )
        s.execute(
            update(CampaignJobRow)
            .where(CampaignJobRow.job_id == alive)
            .values(status="running", claimed_by="busy:2")
        )
    held.ids.clear()
    assert dead in jobs.recover() and alive not in held.ids
    assert jobs.run(dead) is True and jobs.status(RM, dead).status == "done"  # type: ignore[union-attr]
    assert jobs.status(RM, alive).status == "running"  # type: ignore[union-attr]


def test_a_job_the_rm_cannot_run_fails_with_why_and_an_admin_is_refused_at_once(
    fl: Frontline,
) -> None:
    jobs = _jobs(fl)
    failed = _wait(
        jobs,
        jobs.submit(
            RM, CampaignRequest(segment=BookQuery.model_validate({"rm": "RM002"})), "api"
        ).job_id,
    )
    assert failed.status == "failed" and "RM001" in (failed.error or "")  # type: ignore[attr-defined]
    with pytest.raises(EntitlementError):
        jobs.submit("RM900", BODY, "api")


def test_jobs_run_on_rq_over_redis_with_the_worker(fl: Frontline) -> None:
    from rq import SimpleWorker

    queue = RqQueue(REDIS_URL, prefix=f"frontline-test-{uuid.uuid4().hex[:8]}")
    jobs = _jobs(fl, queue)
    job_id = jobs.submit(RM, BODY, "api").job_id
    queue.enqueue(job_id)  # enqueued twice: still one campaign
    assert queue.queue.count == 2
    _WORKER["frontline"] = fl
    try:
        fl.__dict__["campaign_jobs"] = (
            jobs  # what run_queued reaches through the worker's Frontline
        )
        SimpleWorker([queue.queue], connection=queue.queue.connection).work(burst=True)
    finally:
        _WORKER.clear()
        fl.__dict__.pop("campaign_jobs", None)
    status = jobs.status(RM, job_id)
    assert status is not None and status.status == "done" and status.campaign is not None
    assert queue.queue.count == 0
    queue.queue.delete(delete_jobs=True)
    assert run_queued.__module__ == "assistant.campaign_jobs"  # the path RQ imports


async def test_the_api_queues_a_job_and_reports_it(fl: Frontline, tmp_path: Path) -> None:
    jobs = _jobs(fl)
    app = create_app(
        api_core(),
        make_settings(tmp_path / "home", api_tokens=f"{RM1_TOKEN}:RM001,{RM2_TOKEN}:RM002"),
        limits=ApiLimits(rate_per_minute=100_000, rate_burst=100_000),
        campaigns=lambda: fl.campaign_desk,
        campaign_jobs=lambda: jobs,
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as http:
        posted = await http.post("/v1/campaigns/jobs", json=BODY.model_dump(), headers=auth())
        assert posted.status_code == 202
        job_id = posted.json()["job_id"]
        for _ in range(600):
            got = (await http.get(f"/v1/campaigns/jobs/{job_id}", headers=auth())).json()
            if got["status"] == "done":
                break
            await asyncio.sleep(0.05)
        assert got["status"] == "done" and got["campaign"]["export"]["xlsx"].endswith(".xlsx")
        other = await http.get(f"/v1/campaigns/jobs/{job_id}", headers=auth(RM2_TOKEN))
        assert other.status_code == 404
