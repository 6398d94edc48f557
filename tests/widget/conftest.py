"""Real servers and a real headless Chromium for the widget tests.

The API app (with a slow fake core) and a hostile host page run under uvicorn on two random
loopback ports, so the widget is loaded cross-origin exactly as on a bank's intranet.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from integrations.api import ApiLimits, create_app
from testkit.fake_briefs import FakeBriefs
from testkit.fake_core import FakeCore
from testkit.servers import serving
from tests.api.fakes import api_core
from tests.conftest import make_settings

WIDGET_TOKEN = "widget-token-5d2e"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE_CSS = "* { all: unset; font-size: 40px !important; color: red !important } button { display:none !important }"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@dataclass
class Servers:
    api_url: str
    host_url: str
    core: FakeCore


def _bound_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def host_page(api_url: str, lang_attr: str = "") -> str:
    """An intranet page with hostile global CSS and nothing but the widget's one tag."""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Branch intranet</title>
<style>{HOSTILE_CSS}</style></head><body><main><h1>Branch intranet</h1>
<p id="host-text">Host content stays as the host styled it.</p><button id="host-button">Host button</button></main>
<script src="{api_url}/widget.js" data-token="{WIDGET_TOKEN}"{lang_attr} defer></script></body></html>"""


def host_app(api_url: str) -> Starlette:
    async def english(_: object) -> HTMLResponse:
        return HTMLResponse(host_page(api_url))

    async def chinese(_: object) -> HTMLResponse:
        return HTMLResponse(host_page(api_url, ' data-lang="zh"'))

    return Starlette(routes=[Route("/", english), Route("/zh", chinese)])


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    api_sock, host_sock = _bound_socket(), _bound_socket()
    host_origin = f"http://127.0.0.1:{host_sock.getsockname()[1]}"
    core = api_core(delta_delay_s=0.3)  # slow enough to see partial text
    settings = make_settings(
        tmp_path_factory.mktemp("home"),
        api_tokens=f"{WIDGET_TOKEN}:RM001",
        cors_origins=host_origin,
    )
    api = create_app(
        core,
        settings,
        demo_token=WIDGET_TOKEN,
        limits=ApiLimits(rate_per_minute=6000, rate_burst=1000),
        briefs=FakeBriefs,  # the demo page's brief panel reads /v1/brief
    )
    with serving(api, api_sock) as api_url, serving(host_app(api_url), host_sock) as host_url:
        yield Servers(api_url=api_url, host_url=host_url, core=core)


# A module's, not the session's: while Playwright's sync API is open, the thread has a running
# event loop, and a test elsewhere that calls asyncio.run() fails (with pytest-xdist a worker
# runs other folders' files after these; a folder without __init__.py is no package, so a
# "package" fixture here would live as long as the session). A launch per module costs ~1 s.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, servers: Servers) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    context.set_default_timeout(15_000)
    servers.core.fail_next_streams = 0
    yield context.new_page()
    context.close()
