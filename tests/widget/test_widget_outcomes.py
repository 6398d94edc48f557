"""Done / Not now in the demo page's brief panel, in real headless Chromium over the demo bank:
each of the RM's own lines carries a "完成" button and a "暂不" reason picker (the bank's
reasons from the brief), a click or a pick posts ``/v1/actions/{key}/outcome`` with the
widget's bearer token, the line is marked in place and the outcome is stored as the RM's; a
reload no longer shows the line. Saves docs/screenshots/widget-brief-outcomes.png."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assistant.wiring import Frontline
from integrations.api import ApiLimits, create_app
from testkit.outcomes import demo_bank, markable, stored
from testkit.servers import serving
from tests.api.fakes import api_core

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # generates the full demo bank

TOKEN = "demo-outcome-token-3b9e"
PANEL = "frontline-brief"
SCREENSHOT = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "widget-brief-outcomes.png"
)


@dataclass
class Demo:
    url: str
    fl: Frontline


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    fl = demo_bank(tmp_path_factory.mktemp("widget-outcomes"), api_tokens=f"{TOKEN}:RM001")
    app = create_app(
        api_core(),
        fl.settings,
        demo_token=TOKEN,
        limits=ApiLimits(rate_per_minute=6000, rate_burst=1000),
        briefs=lambda: fl.briefs,
        outcomes=lambda: fl.outcome_desk,
    )
    with serving(app) as url:
        yield Demo(url, fl)
    fl.close()


@pytest.fixture
def page(browser, demo: Demo) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def loaded(page: Page, demo: Demo) -> None:
    page.goto(demo.url + "/")
    expect(page.locator(f"{PANEL} section")).to_have_attribute("aria-busy", "false")


def test_every_own_line_has_done_and_a_reason_picker_with_the_banks_reasons(
    page: Page, demo: Demo
) -> None:
    lines = markable(demo.fl)
    loaded(page, demo)
    expect(page.locator(f"{PANEL} .mark")).to_have_count(len(lines))
    picker = page.locator(f"{PANEL} select.later").first
    labels = [r.zh for r in demo.fl.outcome_policy.reasons.values()]
    expect(picker.locator("option")).to_have_count(len(labels) + 1)
    for label in labels:
        expect(picker).to_contain_text(label)
    expect(page.locator(f"{PANEL} .mark").first).to_have_accessible_name(
        f"标记完成：{lines[0].text}"
    )


def test_done_by_mouse_marks_the_line_and_stores_the_rms_outcome(page: Page, demo: Demo) -> None:
    first = markable(demo.fl)[0]
    loaded(page, demo)
    line = page.locator(f"{PANEL} ul > li").filter(has_text=first.text)
    line.locator(".mark").click()
    expect(line.locator("[role=status]")).to_contain_text("已完成")
    expect(line).to_have_class("marked")
    [outcome] = stored(demo.fl, first.action_key or "")
    assert (outcome.outcome, outcome.rm_id, outcome.channel) == ("done", "RM001", "widget")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.reload()
    expect(page.locator(f"{PANEL} section")).to_have_attribute("aria-busy", "false")
    expect(page.locator(f"{PANEL} ul > li").filter(has_text=first.text)).to_have_count(0)


def test_not_now_by_keyboard_stores_the_chosen_reason(page: Page, demo: Demo) -> None:
    first = markable(demo.fl)[0]
    code = list(demo.fl.outcome_policy.reasons)[2]
    loaded(page, demo)
    line = page.locator(f"{PANEL} ul > li").filter(has_text=first.text)
    picker = line.locator("select.later")
    picker.focus()
    picker.select_option(code)
    expect(line.locator("[role=status]")).to_contain_text("暂不")
    [outcome] = stored(demo.fl, first.action_key or "")
    assert (outcome.outcome, outcome.reason) == ("not_now", code)
