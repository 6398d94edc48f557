"""A chart an answer carries, in the widget in real headless Chromium: fetched as SVG with the
bearer token from the stored answer and placed inline — an image named by its title and
described by its text alternative, reachable by keyboard; axe finds nothing serious. Saves
docs/screenshots/widget-chart.png."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from assistant.core.types import Answer, Chart, ChartPoint, Turn
from integrations.api import ApiLimits, create_app
from testkit.fake_core import FakeCore, chat_answer
from testkit.servers import serving
from tests.conftest import make_settings
from tests.widget.conftest import WIDGET_TOKEN, _bound_socket, host_app

pytestmark = pytest.mark.browser
WIDGET = "frontline-chat"
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "widget-chart.png"
CHART = Chart(
    title="2026Q3 信号跟进及时率（按客户经理）",
    kind="bar",
    alt="柱状图：2026Q3 各客户经理的信号跟进及时率——苏超 0%、徐丹 20%、丁涛 50%、韦凤兰 —。",
    data=[
        ChartPoint(x=n, series="信号跟进及时率", value=v)
        for n, v in (("苏超", 0.0), ("徐丹", 20.0), ("丁涛", 50.0), ("韦凤兰", None))
    ],
    unit="%",
)


def chart_answer(turn: Turn) -> Answer:
    return chat_answer(
        turn,
        intent="book_query",
        text="2026Q3 团队信号跟进及时率 10%（1/10）；最低：苏超（RM007）0%。",
        charts=[CHART],
    )


@pytest.fixture
def chart_servers(tmp_path: Path) -> Iterator[str]:
    api_sock, host_sock = _bound_socket(), _bound_socket()
    host_origin = f"http://127.0.0.1:{host_sock.getsockname()[1]}"
    settings = make_settings(
        tmp_path / "home", api_tokens=f"{WIDGET_TOKEN}:RM008", cors_origins=host_origin
    )
    api = create_app(
        FakeCore(script=chart_answer),
        settings,
        limits=ApiLimits(rate_per_minute=6000, rate_burst=1000),
    )
    with serving(api, api_sock) as api_url, serving(host_app(api_url), host_sock) as host_url:
        yield host_url


def test_the_chart_is_an_inline_image_named_described_and_reachable(
    browser: Browser, chart_servers: str
) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(15_000)
    page: Page = context.new_page()
    try:
        page.goto(chart_servers + "/zh")
        page.locator(f"{WIDGET} .launcher").click()
        page.locator(f"{WIDGET} textarea").fill("上季度团队及时率")
        page.locator(f"{WIDGET} textarea").press("Enter")
        image = page.locator(f"{WIDGET} .bot figure.chart svg[role=img]").last
        expect(image).to_be_visible()
        expect(image).to_have_accessible_name(f"{CHART.title} {CHART.alt}")
        for name in ("苏超", "徐丹", "丁涛"):  # the labels are text, not pixels
            expect(image).to_contain_text(name)
        expect(page.locator(f"{WIDGET} .bot .chart-alt")).to_have_count(0)  # said once, by <desc>
        image.focus()
        expect(image).to_be_focused()
        results = Axe().run(page, context=WIDGET)
        bad = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
        assert bad == [], results.generate_report()
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
    finally:
        context.close()
