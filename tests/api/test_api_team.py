"""``GET /v1/team`` over the demo bank: bearer auth like /v1/brief; a team lead gets the team's
RMs laggard first with the text the CLI prints, an RM their own row, an admin 403 with no
figure; a period the policy does not know is 422; never cached."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from assistant.team_view import laggard_first, team_view
from assistant.wiring import Frontline
from integrations.api import ApiLimits, create_app
from testkit.outcomes import demo_bank
from tests.api.fakes import api_core
from tests.conftest import make_settings

pytestmark = pytest.mark.slow  # generates the full demo bank

TOKENS = {"lead": "tok-team-lead-0001", "rm": "tok-team-rm-000001", "admin": "tok-team-admin-0001"}


@pytest.fixture(scope="module")
def fl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    bank = demo_bank(tmp_path_factory.mktemp("api-team"))
    yield bank
    bank.close()


def _people(fl: Frontline) -> dict[str, str]:
    by_role = {r.role: r.rm_id for r in reversed(fl.bank.all_rms())}
    return {"lead": by_role["team_lead"], "rm": by_role["rm"], "admin": by_role["admin"]}


@pytest.fixture
async def http(tmp_path: Path, fl: Frontline) -> AsyncIterator[httpx.AsyncClient]:
    people = _people(fl)
    tokens = ",".join(f"{TOKENS[k]}:{rm}" for k, rm in people.items())
    app = create_app(
        api_core(),
        make_settings(tmp_path / "home", api_tokens=tokens),
        limits=ApiLimits(rate_per_minute=100_000, rate_burst=100_000),
        team=lambda: fl.team_reports,
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as client:
        yield client


def _auth(who: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[who]}"}


async def test_a_lead_gets_the_teams_rows_laggard_first_never_cached(
    http: httpx.AsyncClient, fl: Frontline
) -> None:
    lead = _people(fl)["lead"]
    response = await http.get("/v1/team", params={"period": "quarter"}, headers=_auth("lead"))
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    body = response.json()
    view = team_view(fl, lead, "quarter")
    assert [r["rm_id"] for r in body["rows"]] == [
        r.rm_id for r in sorted(view.rows, key=laggard_first)
    ]
    assert body["period"] == view.period.label and body["text"].startswith("团队绩效")
    assert all(r["name"] and "timeliness_rate" in r for r in body["rows"])


async def test_an_rm_gets_their_own_row_in_english_when_asked(
    http: httpx.AsyncClient, fl: Frontline
) -> None:
    body = (await http.get("/v1/team", params={"lang": "en"}, headers=_auth("rm"))).json()
    assert [r["rm_id"] for r in body["rows"]] == [_people(fl)["rm"]]
    assert body["text"].startswith("Team measures")


async def test_an_admin_is_refused_and_a_bad_period_is_422(http: httpx.AsyncClient) -> None:
    refused = await http.get("/v1/team", headers=_auth("admin"))
    assert refused.status_code == 403 and "rows" not in refused.json()
    bad = await http.get("/v1/team", params={"period": "year"}, headers=_auth("lead"))
    assert bad.status_code == 422 and "period" in bad.json()["error"]["message"]
    assert (await http.get("/v1/team")).status_code == 401


async def test_a_saved_note_moves_the_view_on(http: httpx.AsyncClient, fl: Frontline) -> None:
    first = (await http.get("/v1/team", headers=_auth("rm"))).json()
    assert (await http.get("/v1/team", headers=_auth("rm"))).json() == first  # kept
    rm = _people(fl)["rm"]
    client = sorted(fl.bank.client_ids_of([rm]))[0]
    fl.insights.notes_changed({client})  # what a saved note does to the insights
    again = (await http.get("/v1/team", headers=_auth("rm"))).json()
    assert again["rows"][0]["rm_id"] == rm
    assert fl.team_reports._kept_for == (fl.insights, fl.insights.revision)  # rebuilt for it
