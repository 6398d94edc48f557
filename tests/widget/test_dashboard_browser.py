"""``/dashboard`` in real headless Chromium over the demo bank with the real core: a team lead
signs in as the widget does (a token the portal puts in the URL's fragment, cleared at once)
and sees the team's measures rendered on the server — a captioned table laggard first, the
measures by RM, the tier mix, the deposit trend and what matures within 30 days as accessible
SVG charts — with the assistant docked beside them; axe finds
nothing serious; another period reloads it; an admin and a missing token get a plain message.
Saves docs/screenshots/dashboard.png."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from assistant.team_view import laggard_first, team_view
from assistant.wiring import Frontline
from integrations.api import ApiLimits, create_app
from testkit.outcomes import demo_bank
from testkit.servers import serving
from tests.conftest import make_settings
from tests.widget.conftest import _bound_socket

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LEAD, ADMIN = "RM008", "RM900"
TOKENS = {LEAD: "tok-dash-lead-00001", ADMIN: "tok-dash-admin-0001"}
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "dashboard.png"


@pytest.fixture(scope="module")
def fl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    bank = demo_bank(tmp_path_factory.mktemp("dashboard"))
    yield bank
    bank.close()


@pytest.fixture(scope="module")
def site(fl: Frontline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = make_settings(
        tmp_path_factory.mktemp("dash-home"),
        api_tokens=",".join(f"{t}:{rm}" for rm, t in TOKENS.items()),
    )
    app = create_app(
        fl.core,
        settings,
        limits=ApiLimits(rate_per_minute=6000, rate_burst=1000),
        team=lambda: fl.team_reports,
    )
    with serving(app, _bound_socket()) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def test_a_lead_sees_the_team_laggard_first_with_charts_and_the_assistant(
    page: Page, site: str, fl: Frontline
) -> None:
    page.goto(f"{site}/dashboard#token={TOKENS[LEAD]}")
    table = page.get_by_role("table")
    expect(table).to_be_visible(timeout=30_000)  # the first view builds the team's books
    assert "token" not in page.url  # the fragment is cleared once read
    view = team_view(fl, LEAD)
    expected = [r.rm_id for r in sorted(view.rows, key=laggard_first)]
    rows = page.locator("tbody tr th .id")
    expect(rows).to_have_count(len(expected))
    assert rows.all_inner_texts() == expected
    expect(page.locator("caption")).to_contain_text(view.period.label)
    charts = page.locator("figure.chart svg[role=img]")
    expect(charts).to_have_count(6)  # three measures by RM; tiers, deposits, maturities
    for name in (
        "信号跟进及时率",
        "服务频次达标率",
        "覆盖率",
        "客户分层",
        "日均存款",
        "30 天内到期",
    ):
        expect(page.get_by_role("img", name=name)).to_have_count(1)
    expect(page.locator("frontline-chat .launcher")).to_be_visible()  # the assistant, docked
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert bad == [], results.generate_report()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.get_by_label("周期", exact=True).select_option("month")
    month = team_view(fl, LEAD, "month").period.label
    expect(page.locator("caption")).to_contain_text(month, timeout=30_000)


def test_keyboard_reaches_the_table_and_each_chart(page: Page, site: str) -> None:
    page.goto(f"{site}/dashboard#token={TOKENS[LEAD]}")
    expect(page.get_by_role("table")).to_be_visible(timeout=30_000)
    focused = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement && document.activeElement.tagName"))
    assert "svg" in [f.lower() for f in focused if f]


def test_an_admin_and_a_missing_token_get_a_plain_message(page: Page, site: str) -> None:
    page.goto(f"{site}/dashboard#token={TOKENS[ADMIN]}")
    expect(page.get_by_role("alert")).to_contain_text("管理员")
    expect(page.get_by_role("table")).to_have_count(0)
    page.evaluate("sessionStorage.clear()")
    page.goto(f"{site}/dashboard")
    expect(page.get_by_role("alert")).to_contain_text("令牌")
