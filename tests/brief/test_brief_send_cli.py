"""``frontline brief send`` delivers: each RM's brief goes out as a Slack DM (and App Home) over
the real Web API client to the recording Slack API, once per RM and day (a second run finds
every brief claimed); with no channel configured it stops before claiming anything, so the
server's scheduler can still send the day's briefs."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import SecretStr
from typer.testing import CliRunner

from assistant.cli import app
from tests.brief.conftest import Bank
from tests.slack.fakes import FakeSlackApi

pytestmark = pytest.mark.slow  # generates the full demo bank

DAY = date(2026, 11, 19)  # a Thursday no other brief test claims


def _cli(demo_bank: Bank, monkeypatch: pytest.MonkeyPatch, **settings: object) -> CliRunner:
    fl = demo_bank.fl
    monkeypatch.setattr(fl, "settings", fl.settings.model_copy(update=settings))
    monkeypatch.setattr("assistant.cli._frontline", lambda *a, **k: fl)
    return CliRunner()


def test_when_no_channel_is_configured_then_nothing_is_claimed(
    demo_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = _cli(demo_bank, monkeypatch, slack_bot_token=None, teams_app_id=None)
    result = runner.invoke(app, ["brief", "send", "--date", DAY.isoformat()])
    assert result.exit_code != 0
    assert "no channel to send briefs on" in str(result.exception or result.output)
    assert demo_bank.fl.brief_claims.claimed(DAY) == {}


def test_when_sent_from_the_command_line_then_each_rm_gets_one_slack_dm(
    demo_bank: Bank, monkeypatch: pytest.MonkeyPatch, fake_slack: FakeSlackApi
) -> None:
    runner = _cli(
        demo_bank,
        monkeypatch,
        slack_bot_token=SecretStr("xoxb-test"),
        slack_api_url=f"{fake_slack.server.url}/api/",
        teams_app_id=None,
    )
    staff = [r for r in demo_bank.rows("rms") if r["role"] != "admin"]
    first = runner.invoke(app, ["brief", "send", "--date", DAY.isoformat()])
    assert first.exit_code == 0, first.output
    assert f"sent {len(staff)}, already sent 0, failed 0" in first.output
    again = runner.invoke(app, ["brief", "send", "--date", DAY.isoformat()])
    assert again.exit_code == 0 and f"sent 0, already sent {len(staff)}" in again.output
    posted = fake_slack.calls("chat.postMessage")
    assert len(posted) == len(staff)
    assert sorted(v["user_id"] for v in fake_slack.calls("views.publish")) == sorted(
        r["slack_user_id"] for r in staff
    )
    sent = str(posted)  # once: the bank has some 20,000 identifiers to look for
    assert not any(i in sent for i in demo_bank.identifiers() if len(i) >= 8)
