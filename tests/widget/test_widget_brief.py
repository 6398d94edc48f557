"""The demo page's "今日工作" panel in real headless Chromium: the widget script fills
``<frontline-brief>`` with the RM's real brief from ``GET /v1/brief`` (the demo bank, built by
the core's brief service), every "draft it" asks the chat the item's draft request, by mouse
or keyboard, and axe finds nothing serious. Saves docs/screenshots/widget-brief.png."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from assistant.brief.model import Brief
from assistant.wiring import Frontline
from integrations.api import ApiLimits, create_app
from testkit.demo import demo_extract
from testkit.embeddings import HashingEmbeddings
from testkit.fake_core import FakeCore
from testkit.servers import serving
from tests.api.fakes import api_core
from tests.conftest import make_settings
from tools.bank.importer import import_extract

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # generates the full demo bank

TOKEN = "demo-brief-token-7c1a"
PANEL = "frontline-brief"
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "widget-brief.png"


@dataclass
class Demo:
    url: str
    core: FakeCore
    brief: Brief  # what the core's brief service says RM001's brief is today


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    home = tmp_path_factory.mktemp("widget-brief")
    settings = make_settings(home, api_tokens=f"{TOKEN}:RM001")
    fl = Frontline(settings, embedder=HashingEmbeddings())
    demo_extract(home / "demo")
    import_extract(fl.sessions, home / "demo")
    fl.after_import()
    # The first working day on the extract (its as-of date is a Sunday): the morning it is for.
    day = fl.bank.as_of()
    while not fl.briefs.is_working_day(day):
        day += timedelta(days=1)
    fl.settings = fl.settings.model_copy(update={"today": day.isoformat()})
    core = api_core()
    app = create_app(
        core,
        settings,
        demo_token=TOKEN,
        limits=ApiLimits(rate_per_minute=6000, rate_burst=1000),
        briefs=lambda: fl.briefs,
    )
    brief = fl.briefs.build("RM001", fl.today(), "zh", channel="widget")
    with serving(app) as url:
        yield Demo(url, core, brief)
    fl.close()


@pytest.fixture
def page(browser, demo: Demo) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def loaded(page: Page, demo: Demo) -> None:
    page.goto(demo.url + "/")
    expect(page.locator(f"{PANEL} h2")).to_have_text(f"今日晨报 · {demo.brief.date.isoformat()}")
    expect(page.locator(f"{PANEL} section")).to_have_attribute("aria-busy", "false")


def test_the_panel_shows_the_rms_real_brief_with_a_draft_for_each_action(
    page: Page, demo: Demo
) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    loaded(page, demo)
    assert demo.brief.items, "the demo bank gives RM001 something to do"
    lines = page.locator(f"{PANEL} ul > li")
    expect(lines).to_have_count(len(demo.brief.items))
    for n, item in enumerate(demo.brief.items):
        expect(lines.nth(n)).to_contain_text(item.text)
    drafts = [i.draft_request for i in demo.brief.items if i.draft_request]
    buttons = page.locator(f"{PANEL} .draft")
    expect(buttons).to_have_count(len(drafts))
    for n, text in enumerate(drafts):
        expect(buttons.nth(n)).to_have_accessible_name(f"起草: {text}")
    for c in demo.brief.citations:
        expect(page.locator(f"{PANEL} .sources")).to_contain_text(f"[{c.n}] {c.doc_id}")
    assert problems == []
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)


def test_draft_it_by_keyboard_asks_the_chat_the_items_request_as_the_rm(
    page: Page, demo: Demo
) -> None:
    loaded(page, demo)
    first = next(i.draft_request for i in demo.brief.items if i.draft_request)
    page.keyboard.press("Tab")  # the panel's first control comes first on the page
    expect(page.locator(f"{PANEL} button").first).to_be_focused()
    while not page.locator(f"{PANEL} .draft").first.evaluate("b => b.matches(':focus')"):
        page.keyboard.press("Tab")  # past each line's Done and Not-now controls
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name="Frontline 助手")).to_be_visible()
    expect(page.locator("frontline-chat .user").last).to_contain_text(first)
    expect(page.locator("frontline-chat .bot .fb").last).to_be_visible()
    turn = demo.core.turns[-1]
    assert (turn.text, turn.rm_id, turn.channel) == (first, "RM001", "widget")


def test_the_panel_is_a_labelled_region_and_axe_finds_nothing_serious(
    page: Page, demo: Demo
) -> None:
    loaded(page, demo)
    expect(page.get_by_role("region", name=f"今日晨报 · {demo.brief.date}")).to_be_visible()
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert bad == [], results.generate_report()


def test_when_the_brief_cannot_be_read_then_the_panel_says_so(page: Page, demo: Demo) -> None:
    page.route("**/v1/brief*", lambda route: route.fulfill(status=503, body="{}"))
    page.goto(demo.url + "/")
    expect(page.locator(f"{PANEL} [role=status]")).to_have_text("晨报加载失败。")
    page.locator("frontline-chat .launcher").click()
    expect(page.get_by_role("dialog", name="Frontline 助手")).to_be_visible()
