"""Where Teams replies may go: the ``serviceUrl`` allow-list (Microsoft's hosts, sovereign
clouds through FRONTLINE_TEAMS_SERVICE_HOSTS, look-alikes refused) and the Bot Framework
Emulator on loopback, admitted in anonymous development mode only."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import TeamsSettings
from assistant.errors import ConfigError
from integrations.teams.auth import DEFAULT_SERVICE_HOSTS, TeamsAuthConfig, service_url_allowed
from tests.conftest import make_settings
from tests.teams.harness import APP_ID, TeamsHarness, load, make_token

SOVEREIGN = "*.botframework.azure.us,smba.infra.gov.teams.microsoft.us"


def _config(*, app_id: str | None = APP_ID, service_hosts: str = "") -> TeamsAuthConfig:
    settings = make_settings(
        Path("/nonexistent"), teams_app_id=app_id, teams_service_hosts=service_hosts
    )
    return TeamsAuthConfig.from_settings(settings.teams)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://smba.trafficmanager.net/amer/a1b2c3d4/", True),
        ("https://smba.trafficmanager.net/emea/", True),
        ("https://SMBA.TrafficManager.NET/apac/", True),
        ("https://smba.trafficmanager.net:443/amer/", True),
        ("https://europe.webchat.botframework.com/", True),
        ("https://botframework.com/", False),  # *.x is a subdomain of x, not x itself
        ("http://smba.trafficmanager.net/amer/", False),  # https only
        ("ftp://smba.trafficmanager.net/", False),
        ("https://smba.trafficmanager.net.evil.com/", False),
        ("https://evil.com/smba.trafficmanager.net", False),
        ("https://evil.com?smba.trafficmanager.net", False),
        ("https://evil.com#smba.trafficmanager.net", False),
        ("https://botframework.com.evil.net/", False),
        ("https://evilbotframework.com/", False),
        ("https://smba.trafficmanager.net@evil.com/", False),
        ("https://user:pw@smba.trafficmanager.net/", False),
        ("https://evil.com\\@smba.trafficmanager.net/", False),
        ("https://evil.com\\.botframework.com/", False),
        ("https://smba%2etrafficmanager.net/", False),
        ("https://smba.trafficmanager.net./", False),  # trailing dot: not the listed name
        ("https://xn--smba-6ve.trafficmanager.net/", False),  # punycode look-alike
        ("https://smb\u0430.trafficmanager.net/", False),  # Cyrillic a
        ("https://\uff53\uff4d\uff42\uff41.trafficmanager.net/", False),  # full-width
        ("https://smba.trafficmanager.net:99999/", False),
        ("https://smba.botframework.azure.us/", False),  # sovereign: only when configured
        ("http://127.0.0.1:3978/", False),  # an app id: loopback stays refused
        ("http://localhost:3978/", False),
        ("http://[::1]:3978/", False),
        ("", False),
        (None, False),
    ],
)
def test_service_url_allow_list_with_an_app_id(url: str | None, allowed: bool) -> None:
    assert _config().allows_service_url(url) is allowed


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://smba.botframework.azure.us/", True),
        ("https://smba.infra.gov.teams.microsoft.us/", True),
        ("https://smba.trafficmanager.net/amer/", True),  # Microsoft's stay allowed
        ("https://botframework.azure.us.evil.com/", False),
        ("https://evil.smba.infra.gov.teams.microsoft.us/", False),  # listed name, no wildcard
        ("http://smba.botframework.azure.us/", False),
        ("https://smba.botframework.azure.us@evil.com/", False),
    ],
)
def test_sovereign_hosts_come_from_the_setting(url: str, allowed: bool) -> None:
    assert _config(service_hosts=SOVEREIGN).allows_service_url(url) is allowed


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://localhost:59472", True),  # the Emulator's own
        ("http://LOCALHOST:1/", True),
        ("https://localhost/", True),
        ("http://127.0.0.1:3978/", True),
        ("http://127.8.9.10:3978/", True),
        ("http://[::1]:3978/", True),
        ("https://smba.trafficmanager.net/amer/", True),
        ("http://localhost.evil.com:3978/", False),
        ("http://127.0.0.1.evil.com/", False),
        ("http://0.0.0.0:3978/", False),
        ("http://10.0.0.5:3978/", False),
        ("http://169.254.169.254/", False),
        ("http://user@localhost:3978/", False),
        ("http://127.0.0.1@evil.com/", False),
        ("http://localhost:99999/", False),
        ("http://smba.trafficmanager.net/amer/", False),
    ],
)
def test_anonymous_mode_also_admits_loopback(url: str, allowed: bool) -> None:
    config = _config(app_id=None)
    assert config.anonymous
    assert config.allows_service_url(url) is allowed


def test_loopback_needs_the_mode_not_just_the_function() -> None:
    assert not service_url_allowed("http://127.0.0.1:3978/", DEFAULT_SERVICE_HOSTS)
    assert service_url_allowed("http://127.0.0.1:3978/", DEFAULT_SERVICE_HOSTS, loopback=True)


def test_setting_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_TEAMS_SERVICE_HOSTS", " *.BotFramework.azure.us , ,x.gov.us")
    settings = make_settings(Path("/nonexistent"))
    assert settings.teams.service_hosts == ("*.botframework.azure.us", "x.gov.us")
    assert TeamsSettings().service_hosts == ()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("https://smba.botframework.azure.us", "without scheme or path"),
        ("smba.botframework.azure.us/amer", "without scheme or path"),
        ("smba.botframework.azure.us:443", "without user, port or query"),
        ("user@smba.botframework.azure.us", "without user, port or query"),
        ("*.us", "a wildcard needs a domain"),
        ("*", "not a host name"),
        ("smb\u0430.botframework.azure.us", "punycode"),
        ("localhost", "anonymous development mode"),
        ("127.0.0.1", "anonymous development mode"),
    ],
)
def test_when_setting_is_malformed_then_start_up_fails_with_a_clear_line(
    value: str, message: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        make_settings(Path("/nonexistent"), teams_service_hosts=value)
    assert "FRONTLINE_TEAMS_SERVICE_HOSTS" in str(raised.value)
    assert message in str(raised.value)


# --- the Bot Framework Emulator, end to end ---------------------------------------------------


def _emulator_activity(teams: TeamsHarness) -> dict:
    """What the Emulator posts: no token, no aadObjectId, ``serviceUrl`` = its local server."""
    return load("emulator_message.json", teams.bot.server.url)


async def test_when_no_app_id_then_the_emulator_gets_its_answer_at_its_local_service_url(
    anonymous_teams: TeamsHarness,
) -> None:
    activity = _emulator_activity(anonymous_teams)
    response = await anonymous_teams.post(activity, token=None)

    assert response.status_code == 202
    outbound = anonymous_teams.bot.outbound()
    reply_path = f"/v3/conversations/{activity['conversation']['id']}/activities/{activity['id']}"
    assert outbound and all(r.path == reply_path for r in outbound)
    assert all("authorization" not in r.headers for r in outbound)
    [final] = anonymous_teams.bot.messages()  # not a streaming channel: one message
    assert final["text"].startswith("**华东精密**是战略客户")
    assert final["recipient"]["id"] == activity["from"]["id"]
    [turn] = anonymous_teams.core.turns
    assert turn.rm_id == "RM001" and turn.text == "我该怎么服务华东精密？"


async def test_when_an_app_id_is_configured_then_the_emulator_message_is_refused(
    configured_teams: TeamsHarness,
) -> None:
    activity = _emulator_activity(configured_teams)
    unsigned = await configured_teams.post(activity, token=None)
    # Even with a valid token for that address, a loopback serviceUrl gets no reply.
    signed = await configured_teams.post(
        activity, token=make_token(service_url=activity["serviceUrl"])
    )

    assert (unsigned.status_code, signed.status_code) == (401, 403)
    assert configured_teams.bot.outbound() == []
    assert configured_teams.core.turns == []


async def test_when_an_emulator_user_is_not_mapped_then_refused_without_data(
    anonymous_teams: TeamsHarness,
) -> None:
    activity = _emulator_activity(anonymous_teams)
    activity["from"]["id"] = "99999999-0000-0000-0000-000000000000"
    await anonymous_teams.post(activity, token=None)
    [reply] = anonymous_teams.bot.messages()
    assert "尚未关联客户经理" in reply["text"] and not reply.get("attachments")
    assert anonymous_teams.core.turns == []


async def test_outside_the_emulator_the_user_id_is_never_taken_for_an_aad_id(
    anonymous_teams: TeamsHarness,
) -> None:
    activity = _emulator_activity(anonymous_teams)
    activity["channelId"] = "msteams"
    await anonymous_teams.post(activity, token=None)
    assert anonymous_teams.core.turns == []


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        # upload sessions Teams' file consent hands out, in the user's OneDrive for Business
        ("https://contoso-my.sharepoint.com/personal/wang_contoso_com/_api/v2.0/drive/s", True),
        ("https://fabrikam-my.sharepoint.us/personal/x/_api/upload", True),
        ("https://contoso-my.sharepoint.cn/personal/x/upload", True),
        ("http://contoso-my.sharepoint.com/personal/x", False),  # https only
        ("https://sharepoint.com/personal/x", False),  # a subdomain, not the domain itself
        ("https://contoso-my.sharepoint.com.evil.net/x", False),
        ("https://user:pw@contoso-my.sharepoint.com/x", False),
        ("https://smba.trafficmanager.net/amer/", False),  # a reply host is not an upload host
        ("http://127.0.0.1:3978/upload", False),  # loopback only in development mode
        ("", False),
    ],
)
def test_a_consented_file_goes_only_to_a_onedrive_upload_host(url: str, allowed: bool) -> None:
    assert _config().allows_upload_url(url) is allowed


def test_in_development_mode_the_emulator_on_loopback_may_take_the_upload() -> None:
    assert _config(app_id=None).allows_upload_url("http://127.0.0.1:3978/upload")
    assert not _config(app_id=None).allows_upload_url("http://192.168.1.5/upload")
