"""Done / Not now on the Teams brief card, through the real Agents SDK with a signed token:
the card's ``Action.Submit`` data (and a reason chosen in its ``Action.ShowCard``) is stored as
the RM's outcome in the demo bank and confirmed in the personal chat; a submit from a user
who is not the client's RM stores nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from assistant.wiring import Frontline
from integrations.teams import TeamsAuthConfig, build_teams
from integrations.teams.auth import BOT_FRAMEWORK_ISSUER, DEFAULT_SERVICE_HOSTS
from integrations.teams.brief_card import OUTCOME_ACTION, brief_card
from testkit.fake_core import FakeCore
from testkit.outcomes import demo_bank, markable, stored
from tests.conftest import make_settings
from tests.support.recording import wait_for
from tests.teams.harness import AAD_USER, FakeBotService, FakeTokenProvider, TeamsHarness

pytestmark = pytest.mark.slow  # generates the full demo bank


@pytest.fixture(scope="module")
def fl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    bank = demo_bank(tmp_path_factory.mktemp("teams-outcomes"))
    yield bank
    bank.close()


@pytest.fixture
async def teams(
    tmp_path: Path, bot_service: FakeBotService, fl: Frontline
) -> AsyncIterator[TeamsHarness]:
    core = FakeCore(users={("teams", AAD_USER): "RM001"})
    settings = make_settings(
        tmp_path / "home",
        teams_app_id="11111111-2222-3333-4444-555555555555",
        teams_app_password="app-secret",
        teams_tenant_id="a1b2c3d4-e5f6-7890-abcd-ef1234567890",
    )
    auth = dataclasses.replace(
        TeamsAuthConfig.from_settings(settings.teams),
        issuers={BOT_FRAMEWORK_ISSUER: f"{bot_service.server.url}/keys"},
        allowed_service_hosts=(*DEFAULT_SERVICE_HOSTS, "127.0.0.1"),
    )
    integration = build_teams(
        core,
        settings,
        auth=auth,
        token_provider=FakeTokenProvider(),
        outcomes=lambda: fl.outcome_desk,
    )
    app = FastAPI()
    integration.mount(app)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as http:
        yield TeamsHarness(http=http, bot=bot_service, core=core)


def card_actions(fl: Frontline, key: str) -> list[dict]:
    """The Done submit and the Not-now show-card of the card's line with ``key``."""
    card = brief_card(fl.briefs.build("RM001", fl.outcomes.today()))
    for element in card["body"]:
        if element["type"] != "ActionSet":
            continue
        marks = [
            a
            for a in element["actions"]
            if a["type"] != "Action.Submit" or a["data"].get("action") == OUTCOME_ACTION
        ]
        if marks and marks[0]["data"]["key"] == key:
            return marks
    raise AssertionError("the line has no Done / Not-now actions")


async def submit(teams: TeamsHarness, value: dict, activity_id: str) -> None:
    activity = teams.activity("personal_message.json")
    activity.update(id=activity_id, text=None, value=value)
    assert (await teams.post(activity)).status_code == 202


async def test_when_done_is_submitted_then_the_rms_outcome_is_stored_and_confirmed(
    teams: TeamsHarness, fl: Frontline
) -> None:
    key = markable(fl)[0].action_key
    assert key
    done, _ = card_actions(fl, key)
    await submit(teams, done["data"], "1767378600001")
    await wait_for(lambda: teams.bot.messages())
    [outcome] = stored(fl, key)
    assert (outcome.outcome, outcome.rm_id, outcome.channel) == ("done", "RM001", "teams")
    assert "已完成" in teams.bot.messages()[-1]["text"]


async def test_when_a_reason_is_chosen_then_not_now_is_stored_with_it(
    teams: TeamsHarness, fl: Frontline
) -> None:
    key = markable(fl)[0].action_key
    assert key
    _, later = card_actions(fl, key)
    [choice_set] = later["card"]["body"]
    [confirm] = later["card"]["actions"]
    code = choice_set["choices"][2]["value"]
    # Teams posts the submit's data with the card's inputs beside it.
    await submit(teams, confirm["data"] | {choice_set["id"]: code}, "1767378600002")
    await wait_for(lambda: teams.bot.messages())
    [outcome] = stored(fl, key)
    assert (outcome.outcome, outcome.reason) == ("not_now", code)


async def test_when_not_now_comes_without_a_reason_then_it_is_asked_for(
    teams: TeamsHarness, fl: Frontline
) -> None:
    key = markable(fl)[0].action_key
    assert key
    _, later = card_actions(fl, key)
    await submit(teams, later["card"]["actions"][0]["data"], "1767378600003")
    await wait_for(lambda: teams.bot.messages())
    assert stored(fl, key) == [] and "原因" in teams.bot.messages()[-1]["text"]


async def test_when_the_line_is_another_rms_then_nothing_is_stored(
    teams: TeamsHarness, fl: Frontline
) -> None:
    key = markable(fl, "RM002")[0].action_key
    assert key
    await submit(teams, {"action": OUTCOME_ACTION, "key": key, "outcome": "done"}, "1767378600004")
    await wait_for(lambda: teams.bot.messages())
    assert stored(fl, key) == [] and "只能标记" in teams.bot.messages()[-1]["text"]
