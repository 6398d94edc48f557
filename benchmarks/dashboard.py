"""``/dashboard`` over loopback in headless Chromium: the largest demo team's lead opens the
page; first contentful paint (the page's shell) and the time until the team's table and charts
are on screen (the server-rendered content: the team view and three SVG charts).

.venv/bin/python -m benchmarks.dashboard [--runs 10]

Generates and imports the demo bank in a temp home and serves the real app with uvicorn on a
loopback port; each run is a fresh browser context (no cache). Target (issue #17): first paint
≤ 1 s.
"""

from __future__ import annotations

import argparse
import socket
import statistics

from playwright.sync_api import sync_playwright

from assistant.config import load_settings
from benchmarks.team_view import demo_frontline, largest_team_lead
from integrations.api import ApiLimits, create_app
from testkit.servers import serving

TOKEN = "tok-dashboard-bench-01"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    fl, home = demo_frontline("frontline-dash-bench-")
    lead, clients = largest_team_lead(fl)
    settings = load_settings(_env_file=None, home=home, api_tokens=f"{TOKEN}:{lead}")
    app = create_app(
        fl.core, settings, limits=ApiLimits(rate_per_minute=10_000, rate_burst=1000),
        team=lambda: fl.team_reports,
    )  # fmt: skip
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    paint, content = [], []
    with serving(app, sock) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                     args=["--no-sandbox"])  # fmt: skip
        for i in range(args.runs + 1):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.goto(f"{url}/dashboard#token={TOKEN}")
            page.locator("figure.chart svg").nth(2).wait_for()
            fcp = page.evaluate(
                "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1"
            )
            shown = page.evaluate("performance.now()")
            if i:  # the first run warms the server (the team view, the font cache)
                paint.append(fcp)
                content.append(shown)
            context.close()
        browser.close()
    print(f"/dashboard for {lead} ({clients} clients), {args.runs} runs after one warm-up:")
    for label, times in (("first contentful paint", paint), ("table and charts shown", content)):
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        print(f"  {label:24s} p50 {statistics.median(times):6.0f} ms   p95 {p95:6.0f} ms")
    fl.close()


if __name__ == "__main__":
    main()
