"""A document an answer offers (a meeting prep .docx), downloaded from the widget in real
headless Chromium: the button fetches it with the bearer token a plain link could not send."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import Browser, Page, expect

from assistant.core.types import Answer, DocumentLink, Turn
from assistant.prep.compose import Section
from assistant.prep.docx import render
from assistant.prep.links import MEDIA_TYPE, url_for
from integrations.api import ApiLimits, create_app
from testkit.fake_core import FakeCore, chat_answer
from testkit.servers import serving
from tests.conftest import make_settings
from tests.widget.conftest import WIDGET_TOKEN, _bound_socket, host_app

pytestmark = pytest.mark.browser
DOC_ID = "sealed-id_for-RM001"
WIDGET = "frontline-chat"


class OneDocument:
    """The prep source behind the route, for the widget's RM and this one id only."""

    async def docx(self, rm_id: str, doc_id: str, channel: str) -> tuple[str, bytes] | None:
        if (rm_id, doc_id) != ("RM001", DOC_ID):
            return None
        data = render(
            [Section("会前准备", ["客户甲 (C1)"]), Section("建议议程", ["1. 回访"])], [], "zh"
        )
        return "meeting-prep-C1.docx", data


def prep_answer(turn: Turn) -> Answer:
    link = DocumentLink(
        kind="meeting_prep", title="会前准备 · C1", url=url_for(DOC_ID), media_type=MEDIA_TYPE
    )
    return chat_answer(turn, intent="meeting_prep", documents=[link])


@pytest.fixture
def prep_servers(tmp_path: Path) -> Iterator[tuple[str, str]]:
    api_sock, host_sock = _bound_socket(), _bound_socket()
    host_origin = f"http://127.0.0.1:{host_sock.getsockname()[1]}"
    settings = make_settings(
        tmp_path / "home", api_tokens=f"{WIDGET_TOKEN}:RM001", cors_origins=host_origin
    )
    api = create_app(
        FakeCore(script=prep_answer),
        settings,
        limits=ApiLimits(rate_per_minute=6000, rate_burst=1000),
        prep=lambda: OneDocument(),
    )
    with serving(api, api_sock) as api_url, serving(host_app(api_url), host_sock) as host_url:
        yield api_url, host_url


def test_when_an_answer_offers_a_document_then_the_widget_downloads_it(
    browser: Browser, prep_servers: tuple[str, str]
) -> None:
    _, host_url = prep_servers
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(15_000)
    page: Page = context.new_page()
    try:
        page.goto(host_url + "/zh")
        page.locator(f"{WIDGET} .launcher").click()
        page.locator(f"{WIDGET} textarea").fill("明天见客户甲")
        page.locator(f"{WIDGET} textarea").press("Enter")
        button = page.locator(f"{WIDGET} .bot .dl").last
        expect(button).to_contain_text("会前准备 · C1")
        with page.expect_download() as info:
            button.click()
        path = info.value.path()
        text = "\n".join(p.text for p in Document(io.BytesIO(Path(path).read_bytes())).paragraphs)
        assert "建议议程" in text and info.value.suggested_filename.endswith(".docx")
    finally:
        context.close()
