"""Charts over HTTP on the demo bank with the real core: a team lead's "how is my team doing"
answer carries the team's chart; its PNG and its accessible SVG come from the stored answer
for that lead only (anyone else: not found), never cached; a client's trend is drawn from the
extract's monthly balances."""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from assistant.wiring import Frontline
from integrations.api import ApiLimits, create_app
from testkit.outcomes import demo_bank
from tests.conftest import make_settings

pytestmark = pytest.mark.slow  # generates the full demo bank

LEAD, RM, OTHER = "RM008", "RM001", "RM004"
TOKENS = {LEAD: "tok-chart-lead-0001", RM: "tok-chart-rm-000001", OTHER: "tok-chart-other-001"}


@pytest.fixture(scope="module")
def fl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    bank = demo_bank(tmp_path_factory.mktemp("api-charts"))
    yield bank
    bank.close()


@pytest.fixture
async def http(tmp_path: Path, fl: Frontline) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        fl.core,
        make_settings(
            tmp_path / "home", api_tokens=",".join(f"{t}:{rm}" for rm, t in TOKENS.items())
        ),
        limits=ApiLimits(rate_per_minute=100_000, rate_burst=100_000),
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as client:
        yield client


def _auth(rm: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[rm]}"}


async def _ask(http: httpx.AsyncClient, rm: str, text: str) -> dict:
    r = await http.post("/v1/chat", json={"message": text}, headers=_auth(rm))
    assert r.status_code == 200, r.text
    return r.json()


async def test_the_team_chart_is_served_to_its_lead_only(http: httpx.AsyncClient) -> None:
    answer = await _ask(http, LEAD, "how is my team doing last quarter")
    charts = answer["charts"]
    assert len(charts) == 1 and charts[0]["kind"] == "bar", answer["text"]
    names = {p["x"] for p in charts[0]["data"]}
    assert names == {"丁涛", "徐丹", "苏超", "韦凤兰"}  # the lead's team, by name, nobody else
    assert all(p["value"] is None or 0 <= p["value"] <= 100 for p in charts[0]["data"])
    base = f"/v1/conversations/{answer['conversation_id']}/turns/{answer['turn_id']}/charts/1"
    png = await http.get(f"{base}.png", headers=_auth(LEAD))
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert (
        png.content.startswith(b"\x89PNG\r\n\x1a\n") and png.headers["cache-control"] == "no-store"
    )
    svg = await http.get(f"{base}.svg", headers=_auth(LEAD))
    text = svg.text
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert 'role="img"' in text and "<title id=" in text and charts[0]["title"] in text
    assert charts[0]["alt"] in text and all(n in text for n in names)
    for who in (RM, OTHER):  # the same path with anyone else's token: not found
        assert (await http.get(f"{base}.png", headers=_auth(who))).status_code == 404
    assert (await http.get(f"{base[:-1]}2.png", headers=_auth(LEAD))).status_code == 404


async def test_a_clients_trend_is_the_extracts_monthly_balances(
    http: httpx.AsyncClient, fl: Frontline, tmp_path: Path
) -> None:
    answer = await _ask(http, RM, "C000029近两年存款走势图")
    (chart,) = answer["charts"]
    assert chart["kind"] == "line" and "C000029" in chart["title"]
    home = fl.settings.home / "demo"
    with (home / "balances.csv").open(encoding="utf-8", newline="") as fh:
        rows = sorted(
            (r for r in csv.DictReader(fh) if r["client_id"] == "C000029"), key=lambda r: r["month"]
        )[-24:]
    deposits = [p for p in chart["data"] if p["series"] == "日均存款"]
    assert [p["x"] for p in deposits] == [r["month"] for r in rows]
    assert [p["value"] for p in deposits] == [
        round(float(r["avg_daily_deposit"]) / 10_000, 1) for r in rows
    ]
    # the client's name is in the answer's text for its RM, never in the chart
    client = fl.bank.get_clients(["C000029"])[0]
    assert client.name not in str(chart)


async def test_a_refused_turn_carries_no_chart(http: httpx.AsyncClient) -> None:
    answer = await _ask(http, RM, "C000205近两年存款走势图")  # another RM's client
    assert answer["refused"] and answer["charts"] == []
