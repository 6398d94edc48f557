"""``POST /v1/actions/{key}/outcome`` over the demo bank: bearer auth like /v1/brief, the
brief's own keys and reasons, 403 alike for another RM's line and a forged client, 400 for a
malformed key or an unknown reason, and the brief without the line afterwards."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from assistant.wiring import Frontline
from integrations.api import ApiLimits, create_app
from testkit.outcomes import demo_bank, markable, stored
from tests.api.conftest import RM1_TOKEN, RM2_TOKEN, auth
from tests.api.fakes import api_core
from tests.conftest import make_settings
from tools.outcomes.keys import ActionRef, parse_key

pytestmark = pytest.mark.slow  # generates the full demo bank


@pytest.fixture(scope="module")
def fl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    bank = demo_bank(tmp_path_factory.mktemp("api-outcomes"))
    yield bank
    bank.close()


@pytest.fixture
async def http(tmp_path: Path, fl: Frontline) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        api_core(),
        make_settings(tmp_path / "home", api_tokens=f"{RM1_TOKEN}:RM001,{RM2_TOKEN}:RM002"),
        limits=ApiLimits(rate_per_minute=100_000, rate_burst=100_000),
        briefs=lambda: fl.briefs,
        outcomes=lambda: fl.outcome_desk,
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as client:
        yield client


async def test_when_done_is_posted_then_it_is_stored_and_the_brief_drops_the_line(
    http: httpx.AsyncClient, fl: Frontline
) -> None:
    brief = (await http.get("/v1/brief", headers=auth())).json()
    key = next(i["action_key"] for i in brief["items"] if i["action_key"])
    assert brief["reasons"] and all(r["label"] for r in brief["reasons"])
    response = await http.post(
        f"/v1/actions/{key}/outcome", json={"outcome": "done"}, headers=auth()
    )
    assert response.status_code == 200
    assert response.json()["status"] == "recorded" and "已完成" in response.json()["message"]
    [outcome] = stored(fl, key)
    assert (outcome.outcome, outcome.channel) == ("done", "api")
    again = (await http.get("/v1/brief", headers=auth())).json()
    assert key not in {i["action_key"] for i in again["items"]}


async def test_when_not_now_is_posted_with_a_reason_then_it_is_hidden_until_its_day(
    http: httpx.AsyncClient, fl: Frontline
) -> None:
    key = markable(fl)[0].action_key or ""
    code, reason = next(iter(fl.outcome_policy.reasons.items()))
    body = {"outcome": "not_now", "reason": code, "language": "en"}
    response = await http.post(f"/v1/actions/{key}/outcome", json=body, headers=auth())
    assert response.status_code == 200
    reply = response.json()
    assert reply["reason_label"] == reason.en and reply["hidden_until"]
    undo = await http.post(f"/v1/actions/{key}/outcome", json={"outcome": "undo"}, headers=auth())
    assert undo.json()["status"] == "undone" and stored(fl, key) == []


async def test_when_the_reason_is_unknown_then_400_and_nothing_is_stored(
    http: httpx.AsyncClient, fl: Frontline
) -> None:
    key = markable(fl)[0].action_key
    body = {"outcome": "not_now", "reason": "no_such_reason"}
    response = await http.post(f"/v1/actions/{key}/outcome", json=body, headers=auth())
    assert response.status_code == 400 and "client_unavailable" in response.text
    assert stored(fl, key or "") == []


async def test_another_rms_line_and_a_client_of_no_book_are_refused_alike(
    http: httpx.AsyncClient, fl: Frontline
) -> None:
    theirs = markable(fl, "RM002")[0].action_key
    ref = parse_key(theirs or "")
    nobody = ActionRef("X" + ref.client_id, ref.kind, ref.period, ref.product_code).key
    answers = []
    for key in (theirs, nobody):
        response = await http.post(
            f"/v1/actions/{key}/outcome", json={"outcome": "done"}, headers=auth()
        )
        answers.append((response.status_code, response.json()["error"]["message"]))
    assert answers[0] == answers[1] and answers[0][0] == 403
    assert ref.client_id not in answers[0][1]
    assert stored(fl, theirs or "") == []


@pytest.mark.parametrize("key", ["nope", "a1.%21%21", "a1." + "Q" * 300])
async def test_when_the_key_is_malformed_then_a_client_error(
    http: httpx.AsyncClient, key: str
) -> None:
    response = await http.post(
        f"/v1/actions/{key}/outcome", json={"outcome": "done"}, headers=auth()
    )
    assert 400 <= response.status_code < 500


async def test_without_a_token_then_401(http: httpx.AsyncClient, fl: Frontline) -> None:
    key = markable(fl)[0].action_key
    response = await http.post(f"/v1/actions/{key}/outcome", json={"outcome": "done"})
    assert response.status_code == 401 and stored(fl, key or "") == []
