"""``GET /v1/brief``: the caller's brief as JSON for the widget, behind the same bearer
auth as the other ``/v1`` routes; the token decides whose brief, never a parameter."""

from __future__ import annotations

import httpx
import pytest

from integrations.api import create_app
from testkit.fake_core import FakeCore
from tests.api.fakes import api_core
from tests.brief.conftest import Bank
from tests.conftest import make_settings

pytestmark = pytest.mark.slow  # generates the full demo bank

RM_TOKEN, LEAD_TOKEN, ADMIN_TOKEN = "tok-rm-1", "tok-lead-4", "tok-admin"


@pytest.fixture
async def client(demo_bank: Bank, tmp_path):
    settings = make_settings(
        tmp_path / "home", api_tokens=f"{RM_TOKEN}:RM001,{LEAD_TOKEN}:RM004,{ADMIN_TOKEN}:RM900"
    )
    core: FakeCore = api_core()
    app = create_app(core, settings, briefs=lambda: demo_bank.fl.briefs)
    transport = httpx.ASGITransport(app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as c:
        yield c


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_when_an_rm_asks_then_their_own_brief_comes_back(
    client: httpx.AsyncClient, demo_bank: Bank
) -> None:
    day = demo_bank.first_working_day.isoformat()
    r = await client.get("/v1/brief", params={"date": day, "lang": "en"}, headers=bearer(RM_TOKEN))
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["rm_id"], body["role"], body["date"], body["language"]) == (
        "RM001",
        "rm",
        day,
        "en",
    )
    assert body["items"] and {i["client_id"] for i in body["items"]} <= demo_bank.book("RM001")
    assert r.headers["cache-control"] == "no-store"


async def test_when_a_team_lead_asks_then_the_team_brief_comes_back(
    client: httpx.AsyncClient, demo_bank: Bank
) -> None:
    r = await client.get(
        "/v1/brief",
        params={"date": demo_bank.first_working_day.isoformat()},
        headers=bearer(LEAD_TOKEN),
    )
    assert r.status_code == 200 and r.json()["role"] == "team_lead"
    listed = {i["client_id"] for m in r.json()["team"] for i in m["items"]}
    assert listed <= demo_bank.team_book("T01")


@pytest.mark.parametrize(
    ("headers", "params", "status"),
    [
        ({}, {}, 401),
        (bearer("not-a-token"), {}, 401),
        (bearer(ADMIN_TOKEN), {"date": "2026-11-02"}, 403),
        (bearer(RM_TOKEN), {"date": "02/11/2026"}, 422),
        (bearer(RM_TOKEN), {"lang": "fr"}, 422),
        # The first of the calendar has no day before it: a clear 400, not a server error.
        (bearer(RM_TOKEN), {"date": "0001-01-01"}, 400),
        (bearer(RM_TOKEN), {"date": "9999-12-31"}, 400),
    ],
    ids=["no_token", "bad_token", "admin", "bad_date", "bad_language", "year_1", "year_9999"],
)
async def test_when_the_request_is_not_allowed_then_refused(
    client: httpx.AsyncClient, headers: dict, params: dict, status: int
) -> None:
    r = await client.get("/v1/brief", params=params, headers=headers)
    assert r.status_code == status, r.text
    assert "⟦" not in r.text


async def test_when_no_brief_service_is_wired_then_unavailable(tmp_path) -> None:
    settings = make_settings(tmp_path / "home", api_tokens=f"{RM_TOKEN}:RM001")
    app = create_app(api_core(), settings)
    transport = httpx.ASGITransport(app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        r = await c.get("/v1/brief", headers=bearer(RM_TOKEN))
    assert r.status_code == 503
