"""The widget in real headless Chromium, on a hostile host page, against the real API app."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.widget.conftest import ARTIFACTS, Servers

pytestmark = pytest.mark.browser

WIDGET = "frontline-chat"


def open_widget(page: Page, servers: Servers, path: str = "/") -> None:
    page.goto(servers.host_url + path)
    page.locator(f"{WIDGET} .launcher").click()
    expect(page.locator(f"{WIDGET} textarea")).to_be_focused()


def ask(page: Page, question: str) -> None:
    page.locator(f"{WIDGET} textarea").fill(question)
    page.locator(f"{WIDGET} textarea").press("Enter")


def last_answer(page: Page):
    return page.locator(f"{WIDGET} .bot").last


def wait_answered(page: Page) -> None:
    expect(last_answer(page).locator(".fb")).to_be_visible()


def test_widget_loads_from_one_tag_and_host_css_neither_leaks_in_nor_out(
    page: Page, servers: Servers
) -> None:
    page.goto(servers.host_url)
    assert page.locator("script").count() == 1
    launcher = page.locator(f"{WIDGET} .launcher")
    expect(launcher).to_be_visible()  # despite `button { display:none !important }`
    expect(launcher).to_have_text("💬Ask Frontline")
    assert launcher.evaluate("b => getComputedStyle(b).fontSize") == "14px"
    assert launcher.evaluate("b => getComputedStyle(b).color") == "rgb(255, 255, 255)"
    host_text = page.locator("#host-text")
    assert host_text.evaluate("p => getComputedStyle(p).fontSize") == "40px"
    assert host_text.evaluate("p => getComputedStyle(p).color") == "rgb(255, 0, 0)"
    expect(page.locator("#host-button")).to_be_hidden()


def test_answer_streams_with_partial_text_before_the_end(page: Page, servers: Servers) -> None:
    open_widget(page, servers)
    ask(page, "How should I serve 华东精密?")
    body = last_answer(page).locator(".body")
    expect(body).to_contain_text("You asked: How should I serve 华东精密?")
    partial = body.inner_text()
    assert last_answer(page).locator(".fb").count() == 0, (
        "answer finished before any partial text was seen"
    )
    assert "deposit matures" not in partial
    wait_answered(page)
    expect(body).to_contain_text("Their deposit matures next month.")
    expect(body.locator("strong").first).to_have_text("华东精密")
    expect(body.locator("li")).to_have_count(2)
    assert servers.core.turns[-1].channel == "widget"
    assert servers.core.turns[-1].rm_id == "RM001"


def test_citations_cards_and_actions_render_and_citations_open(
    page: Page, servers: Servers
) -> None:
    open_widget(page, servers)
    ask(page, "What is the service standard for strategic clients?")
    wait_answered(page)
    answer = last_answer(page)
    cites = answer.locator(".cite")
    expect(cites).to_have_count(2)
    expect(cites.first).to_have_text("[1] Payroll services playbook — 代发工资 > 方案设计")
    detail = answer.locator(".detail").first
    expect(detail).to_be_hidden()
    cites.first.click()
    expect(detail).to_be_visible()
    expect(detail).to_contain_text("products/payroll")
    expect(cites.first).to_have_attribute("aria-expanded", "true")
    answer.locator(".body .ref", has_text="[2]").click()  # the inline marker opens its source
    expect(answer.locator(".detail").nth(1)).to_contain_text("Past its review date")
    expect(cites.nth(1)).to_be_focused()
    expect(answer.locator(".card .name")).to_contain_text("华东精密")
    expect(answer.locator(".card .tier")).to_have_text("strategic")
    expect(answer.locator(".card li")).to_have_count(2)
    expect(answer.locator(".extra li strong", has_text="Propose payroll services")).to_be_visible()
    expect(answer.locator(".meta")).to_contain_text("Due: 2026-12-15 · Playbook: products/payroll")
    expect(answer.locator(".as-of")).to_have_text("Client data as of 2026-11-01")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget-answered.png"))


def test_feedback_button_posts_to_the_core(page: Page, servers: Servers) -> None:
    open_widget(page, servers)
    ask(page, "Which clients show deposit churn?")
    wait_answered(page)
    before = len(servers.core.feedback)
    last_answer(page).get_by_role("button", name="Helpful", exact=True).click()
    expect(last_answer(page).locator(".fb-note")).to_have_text("Thanks for the feedback.")
    assert len(servers.core.feedback) == before + 1
    rm_id, feedback, channel = servers.core.feedback[-1]
    assert (rm_id, feedback.rating, channel) == ("RM001", "up", "widget")
    assert feedback.turn_id == servers.core.turns[-1].turn_id


def test_keyboard_only_flow(page: Page, servers: Servers) -> None:
    page.goto(servers.host_url)
    page.keyboard.press("Tab")
    launcher = page.locator(f"{WIDGET} .launcher")
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    textarea = page.locator(f"{WIDGET} textarea")
    expect(textarea).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    page.keyboard.type("First line")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("second line")
    assert textarea.input_value() == "First line\nsecond line"
    page.keyboard.press("Enter")
    wait_answered(page)
    assert servers.core.turns[-1].text == "First line\nsecond line"
    expect(page.locator(f"{WIDGET} [role=log]")).to_contain_text(
        "Their deposit matures next month."
    )
    expect(textarea).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(f"{WIDGET} [role=dialog]")).to_be_hidden()
    expect(launcher).to_be_focused()


def test_screen_reader_semantics(page: Page, servers: Servers) -> None:
    open_widget(page, servers)
    log = page.locator(f"{WIDGET} [role=log]")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(page.get_by_role("dialog", name="Frontline assistant")).to_be_visible()
    expect(page.get_by_role("textbox", name="Your question")).to_be_visible()
    expect(page.get_by_role("button", name="Close assistant")).to_be_visible()
    expect(page.get_by_role("button", name="Send")).to_be_visible()


def test_axe_finds_no_serious_or_critical_violations(page: Page, servers: Servers) -> None:
    open_widget(page, servers)
    ask(page, "Serve 华东精密")
    wait_answered(page)
    last_answer(page).locator(".cite").first.click()
    results = Axe().run(page, context=WIDGET)
    bad = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert bad == [], results.generate_report()


def test_dropped_stream_shows_retry_and_retry_answers(page: Page, servers: Servers) -> None:
    open_widget(page, servers)
    servers.core.fail_next_streams = 1
    ask(page, "This one breaks mid-stream")
    notice = last_answer(page).locator("[role=alert]")
    expect(notice).to_contain_text("Something went wrong while answering.")
    assert "hunter2" not in page.locator(WIDGET).inner_text()
    retry = notice.get_by_role("button", name="Retry")
    expect(retry).to_be_focused()
    retry.click()
    wait_answered(page)
    expect(page.locator(f"{WIDGET} [role=alert]")).to_have_count(0)
    expect(page.locator(f"{WIDGET} .user")).to_have_count(1)
    assert [t.text for t in servers.core.turns[-2:]] == ["This one breaks mid-stream"] * 2


def test_connection_closed_mid_stream_shows_retry(page: Page, servers: Servers) -> None:
    calls = []

    def truncate_first(route) -> None:
        calls.append(route.request.url)
        if len(calls) > 1:
            route.continue_()
            return
        route.fulfill(
            status=200,
            headers={
                "Content-Type": "text/event-stream",
                "Access-Control-Allow-Origin": servers.host_url,
            },
            body='event: status\ndata: {"text": "…"}\n\nevent: delta\ndata: {"text": "Partial answ"}\n\n',
        )

    page.route("**/v1/chat/stream", truncate_first)
    open_widget(page, servers)
    ask(page, "Will the line hold?")
    notice = last_answer(page).locator("[role=alert]")
    expect(notice).to_contain_text("The connection dropped before the answer was complete.")
    expect(last_answer(page).locator(".body")).to_contain_text("Partial answ")
    notice.get_by_role("button", name="Retry").click()
    wait_answered(page)
    assert len(calls) == 2


def test_conversation_continues_across_questions(page: Page, servers: Servers) -> None:
    open_widget(page, servers)
    ask(page, "first question")
    wait_answered(page)
    first = servers.core.turns[-1]
    ask(page, "follow-up question")
    expect(page.locator(f"{WIDGET} .fb")).to_have_count(2)
    follow_up = servers.core.turns[-1]
    assert first.conversation_id is None
    conv = servers.core.conversations[follow_up.conversation_id or ""]
    assert [t.question for t in conv.turns] == ["first question", "follow-up question"]


def test_untrusted_text_is_rendered_as_text(page: Page, servers: Servers) -> None:
    open_widget(page, servers)
    hostile = '<img src=x onerror="window.__pwned=1"> **bold** <b>not bold</b>'
    ask(page, hostile)
    wait_answered(page)
    shadow_imgs = page.evaluate(
        "() => document.querySelector('frontline-chat').shadowRoot.querySelectorAll('img, b').length"
    )
    assert shadow_imgs == 0
    assert page.evaluate("() => window.__pwned") is None
    expect(page.locator(f"{WIDGET} .user")).to_contain_text(hostile)
    expect(last_answer(page).locator(".body")).to_contain_text(
        '<img src=x onerror="window.__pwned=1">'
    )


def test_chinese_ui_from_data_lang(page: Page, servers: Servers) -> None:
    open_widget(page, servers, "/zh")
    expect(page.locator(f"{WIDGET} .launcher")).to_have_text("💬问 Frontline")
    expect(page.get_by_role("textbox", name="你的问题")).to_be_visible()
    ask(page, "战略客户的服务标准是什么？")
    wait_answered(page)
    expect(last_answer(page).get_by_role("button", name="有帮助", exact=True)).to_be_visible()
    expect(last_answer(page)).to_contain_text("参考来源")
    expect(last_answer(page).locator(".as-of")).to_have_text("客户数据截至 2026-11-01")


def test_demo_page_works_under_its_own_csp(page: Page, servers: Servers) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(servers.api_url + "/")
    launcher = page.locator(f"{WIDGET} .launcher")
    expect(launcher).to_have_text("💬问 Frontline")  # the demo page is zh-CN
    assert launcher.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(11, 92, 173)"
    launcher.click()
    ask(page, "我该怎么服务华东精密？")
    wait_answered(page)
    assert problems == []
    results = Axe().run(page)
    assert [
        v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}
    ] == []


def test_links_open_apart_from_the_page_and_images_or_scripts_never_render(
    page: Page, servers: Servers
) -> None:
    open_widget(page, servers)
    ask(
        page,
        "see [guide](https://docs.bank.example/g) ![x](https://img.example.net/c.png) "
        "[run](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    wait_answered(page)
    body = last_answer(page).locator(".body")
    anchors = body.locator("a")
    expect(anchors).to_have_count(1)
    expect(anchors.first).to_have_attribute("href", "https://docs.bank.example/g")
    expect(anchors.first).to_have_attribute("rel", "noopener noreferrer")
    expect(body.locator("img")).to_have_count(0)
    assert "javascript" not in (anchors.first.get_attribute("href") or "")
