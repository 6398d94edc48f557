"""Bearer tokens: who may call, and which RM and channel a token becomes."""

from __future__ import annotations

import httpx
import pytest

from testkit.fake_core import FakeCore
from tests.api.conftest import RM1_TOKEN, RM2_TOKEN, auth

V1_CALLS = [
    ("POST", "/v1/chat", {"message": "hello"}),
    ("POST", "/v1/chat/stream", {"message": "hello"}),
    ("GET", "/v1/conversations/conv_x", None),
    ("POST", "/v1/feedback", {"conversation_id": "c", "turn_id": "t", "rating": "up"}),
]
BAD_HEADERS = {
    "no header": {},
    "empty bearer": {"Authorization": "Bearer "},
    "basic scheme": {"Authorization": "Basic dXNlcjpwYXNz"},
    "unknown token": {"Authorization": "Bearer not-a-real-token"},
    "token prefix": {"Authorization": f"Bearer {RM1_TOKEN[:-1]}"},
    "token with suffix": {"Authorization": f"Bearer {RM1_TOKEN}x"},
}


@pytest.mark.parametrize(("method", "path", "body"), V1_CALLS, ids=[c[1] for c in V1_CALLS])
@pytest.mark.parametrize("headers", BAD_HEADERS.values(), ids=BAD_HEADERS.keys())
async def test_when_token_missing_or_unknown_then_401_with_challenge(
    client: httpx.AsyncClient, method: str, path: str, body: dict | None, headers: dict
) -> None:
    response = await client.request(method, path, json=body, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["error"]["code"] in {"unauthorized", "invalid_token"}


@pytest.mark.parametrize(("method", "path", "body"), V1_CALLS, ids=[c[1] for c in V1_CALLS])
async def test_when_token_known_then_request_is_not_refused_for_auth(
    client: httpx.AsyncClient, method: str, path: str, body: dict | None
) -> None:
    response = await client.request(method, path, json=body, headers=auth())
    assert response.status_code not in {401, 403}


@pytest.mark.parametrize(("token", "rm_id"), [(RM1_TOKEN, "RM001"), (RM2_TOKEN, "RM002")])
async def test_token_maps_to_its_rm_on_the_api_channel(
    client: httpx.AsyncClient, core: FakeCore, token: str, rm_id: str
) -> None:
    response = await client.post("/v1/chat", json={"message": "hi"}, headers=auth(token))
    assert response.status_code == 200
    assert (core.turns[-1].rm_id, core.turns[-1].channel) == (rm_id, "api")


async def test_when_widget_header_present_then_turn_channel_is_widget(
    client: httpx.AsyncClient, core: FakeCore
) -> None:
    headers = auth(**{"X-Frontline-Client": "widget"})
    await client.post("/v1/chat", json={"message": "hi"}, headers=headers)
    assert core.turns[-1].channel == "widget"


async def test_lowercase_bearer_scheme_is_accepted(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/chat", json={"message": "hi"}, headers={"Authorization": f"bearer {RM1_TOKEN}"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path", ["/healthz", "/readyz", "/metrics", "/docs", "/openapi.json", "/widget.js", "/"]
)
async def test_operational_and_static_routes_need_no_token(
    client: httpx.AsyncClient, path: str
) -> None:
    assert (await client.get(path)).status_code == 200
