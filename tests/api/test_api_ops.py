"""Health, readiness, metrics, CORS, security headers, the widget and demo routes."""

from __future__ import annotations

import httpx
import pytest

from assistant.config import Settings
from integrations.api import create_app
from tests.api.conftest import ALLOWED_ORIGIN, RM1_TOKEN, auth, make_client
from tests.api.fakes import api_core, failing_core
from tests.conftest import make_settings


async def test_healthz(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


@pytest.mark.parametrize(
    ("checks", "status"),
    [
        ({"database": True, "chroma": True}, 200),
        ({"database": True, "chroma": False}, 503),
        ({}, 200),
    ],
)
async def test_readyz_reports_each_check(api_settings: Settings, checks: dict, status: int) -> None:
    async def readiness() -> dict[str, bool]:
        return checks

    async with make_client(create_app(api_core(), api_settings, readiness=readiness)) as c:
        response = await c.get("/readyz")
    assert (response.status_code, response.json()) == (status, checks)


async def test_when_readiness_raises_then_503(api_settings: Settings) -> None:
    async def readiness() -> dict[str, bool]:
        raise ConnectionError("db host 10.0.0.5 refused")

    async with make_client(create_app(api_core(), api_settings, readiness=readiness)) as c:
        response = await c.get("/readyz")
    assert response.status_code == 503
    assert "10.0.0.5" not in response.text


async def test_metrics_count_requests_answers_fallbacks_guard_flags_and_refusals(
    client: httpx.AsyncClient,
) -> None:
    for message in ["plain", "use the fallback", "guard this", "refuse please"]:
        assert (
            await client.post("/v1/chat", json={"message": message}, headers=auth())
        ).status_code == 200
    await client.post("/v1/chat/stream", json={"message": "fallback via stream"}, headers=auth())
    await client.post("/v1/chat", json={"message": "x"})  # 401
    text = (await client.get("/metrics")).text
    assert 'frontline_http_requests_total{method="POST",route="/v1/chat",status="200"} 4.0' in text
    assert 'frontline_http_requests_total{method="POST",route="/v1/chat",status="401"} 1.0' in text
    assert (
        'frontline_http_request_duration_seconds_count{method="POST",route="/v1/chat"} 5.0' in text
    )
    assert "frontline_fallbacks_total 2.0" in text
    assert 'frontline_guard_flags_total{flag="guard:foreign_token"} 1.0' in text
    assert "compliance:" not in text
    assert 'frontline_refusals_total{channel="api"} 1.0' in text
    assert "frontline_stream_first_event_seconds_count 1.0" in text


async def test_metrics_count_server_errors(api_settings: Settings) -> None:
    async with make_client(create_app(failing_core(), api_settings)) as c:
        await c.post("/v1/chat", json={"message": "hi"}, headers=auth())
        await c.post("/v1/chat/stream", json={"message": "hi"}, headers=auth())
        text = (await c.get("/metrics")).text
    assert 'frontline_errors_total{code="http_500"} 1.0' in text
    assert 'frontline_errors_total{code="internal_error"} 1.0' in text  # the failed stream


async def test_two_apps_in_one_process_keep_separate_metrics(api_settings: Settings) -> None:
    first, second = create_app(api_core(), api_settings), create_app(api_core(), api_settings)
    async with make_client(first) as a, make_client(second) as b:
        await a.post("/v1/chat", json={"message": "fallback"}, headers=auth())
        assert "frontline_fallbacks_total 1.0" in (await a.get("/metrics")).text
        assert "frontline_fallbacks_total 0.0" in (await b.get("/metrics")).text


async def test_unmatched_paths_share_one_metrics_label(client: httpx.AsyncClient) -> None:
    for i in range(3):
        await client.get(f"/nope/{i}")
    assert 'route="unmatched",status="404"} 3.0' in (await client.get("/metrics")).text


def _preflight(origin: str) -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type,x-frontline-client",
    }


async def test_cors_preflight_allows_listed_origin(client: httpx.AsyncClient) -> None:
    response = await client.options("/v1/chat/stream", headers=_preflight(ALLOWED_ORIGIN))
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "x-frontline-client" in response.headers["access-control-allow-headers"].lower()


async def test_cors_preflight_refuses_unlisted_origin(client: httpx.AsyncClient) -> None:
    response = await client.options("/v1/chat/stream", headers=_preflight("https://evil.example"))
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    ("origin", "allowed"), [(ALLOWED_ORIGIN, True), ("https://evil.example", False)]
)
async def test_cors_on_actual_request(
    client: httpx.AsyncClient, origin: str, allowed: bool
) -> None:
    response = await client.post("/v1/chat", json={"message": "hi"}, headers=auth(Origin=origin))
    assert ("access-control-allow-origin" in response.headers) is allowed


async def test_rate_limit_header_is_readable_cross_origin(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/chat", json={"message": "hi"}, headers=auth(Origin=ALLOWED_ORIGIN)
    )
    assert "retry-after" in response.headers["access-control-expose-headers"].lower()


@pytest.mark.parametrize("path", ["/v1/chat", "/healthz", "/", "/widget.js", "/nope"])
async def test_security_headers_everywhere(client: httpx.AsyncClient, path: str) -> None:
    response = await client.request(
        "POST" if path == "/v1/chat" else "GET",
        path,
        json={"message": "hi"} if path == "/v1/chat" else None,
        headers=auth(),
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"]
    if path == "/widget.js":  # loaded cross-origin by design
        assert "x-frame-options" not in response.headers
        assert response.headers["cross-origin-resource-policy"] == "cross-origin"
    else:
        assert response.headers["x-frame-options"] == "DENY"


async def test_demo_page_has_a_strict_csp(client: httpx.AsyncClient) -> None:
    csp = (await client.get("/")).headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


async def test_widget_js_is_served_as_cacheable_javascript(client: httpx.AsyncClient) -> None:
    response = await client.get("/widget.js")
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert "max-age=" in response.headers["cache-control"]
    assert 'customElements.define("frontline-chat"' in response.text
    again = await client.get("/widget.js", headers={"If-None-Match": response.headers["etag"]})
    assert (again.status_code, again.content) == (304, b"")


async def test_demo_page_embeds_the_widget_with_the_escaped_demo_token(
    api_settings: Settings,
) -> None:
    async with make_client(create_app(api_core(), api_settings, demo_token='t"><script>x')) as c:
        page = (await c.get("/")).text
    assert (
        '<script src="/widget.js" data-token="t&quot;&gt;&lt;script&gt;x" defer></script>' in page
    )
    assert page.count("<script") == 1


async def test_without_demo_token_the_page_explains_the_setting(api_settings: Settings) -> None:
    async with make_client(create_app(api_core(), api_settings, demo_token=None)) as c:
        page = (await c.get("/")).text
    assert "FRONTLINE_DEMO_PAGE" in page and '<script src="/widget.js"' not in page


async def test_openapi_documents_the_routes(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    assert {
        "/v1/chat",
        "/v1/chat/stream",
        "/v1/conversations/{conversation_id}",
        "/v1/feedback",
        "/healthz",
        "/readyz",
        "/metrics",
    } <= spec["paths"].keys()
    chat_body = spec["paths"]["/v1/chat"]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ]
    assert chat_body["required"] == ["message"]
    assert (await client.get("/docs")).status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/no/such/route", 404, "not_found"),
        ("GET", "/v1/chat", 405, "method_not_allowed"),
    ],
)
async def test_routing_errors_use_the_json_error_shape(
    client: httpx.AsyncClient, method: str, path: str, status: int, code: str
) -> None:
    response = await client.request(method, path, headers=auth())
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(("demo_page", "shows_token"), [(False, False), (True, True)])
async def test_the_served_page_carries_a_token_only_when_the_demo_page_is_asked_for(
    tmp_path, demo_page: bool, shows_token: bool
) -> None:
    from assistant.wiring import Frontline
    from integrations.server import build_app

    settings = make_settings(
        tmp_path / "home", api_tokens=f"{RM1_TOKEN}:RM001", demo_page=demo_page
    )
    fl = Frontline(settings)
    try:
        async with make_client(build_app(fl)) as c:
            page = (await c.get("/")).text
    finally:
        fl.close()
    assert (RM1_TOKEN in page) is shows_token


async def test_api_docs_are_off_unless_asked_for(tmp_path) -> None:
    app = create_app(api_core(), make_settings(tmp_path / "home", api_tokens=f"{RM1_TOKEN}:RM001"))
    async with make_client(app) as c:
        assert (await c.get("/docs")).status_code == 404
        assert (await c.get("/openapi.json")).status_code == 404


@pytest.mark.parametrize(
    ("token", "caller", "sent", "status"),
    [
        (None, "127.0.0.1", None, 200),
        (None, "::1", None, 200),
        (None, "10.20.30.40", None, 403),
        ("scrape-me", "10.20.30.40", "scrape-me", 200),
        ("scrape-me", "10.20.30.40", "wrong", 403),
        ("scrape-me", "127.0.0.1", None, 403),
    ],
)
async def test_metrics_need_the_metrics_token_or_a_loopback_caller(
    tmp_path, token, caller, sent, status
) -> None:
    settings = make_settings(tmp_path / "home", metrics_token=token)
    transport = httpx.ASGITransport(create_app(api_core(), settings), client=(caller, 4321))
    headers = {"Authorization": f"Bearer {sent}"} if sent else {}
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as c:
        assert (await c.get("/metrics", headers=headers)).status_code == status


def test_serve_refuses_the_demo_page_on_an_address_others_can_reach(tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = os.environ | {"FRONTLINE_HOME": str(tmp_path / "home"), "FRONTLINE_DEMO_PAGE": "true"}
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "serve", "--host", "0.0.0.0", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "127.0.0.1 only" in done.stderr and "Traceback" not in done.stderr
