"""Rendering a chart, as the channels ask for it: a client's 24-month deposits and loans (two
series, a line chart) and a team's measure by RM (a bar chart), each as the widget's inline SVG
and as the PNG Slack, Teams and the API send.

.venv/bin/python -m benchmarks.charts [--runs 40]

In process, after one warm-up render (the font cache, as a serving process has it). Target
(issue #17): a chart rendered ≤ 150 ms p95.
"""

from __future__ import annotations

import argparse
import resource
import time

from assistant.charts import png, svg
from assistant.core.types import Chart, ChartPoint
from benchmarks.team_view import report

TREND = Chart(
    title="C000029 近 24 个月日均存款与贷款",
    kind="line",
    alt="折线图",
    data=[
        ChartPoint(x=f"{2024 + m // 12}-{m % 12 + 1:02d}", series=s, value=v)
        for m in range(24)
        for s, v in (("日均存款", 1400 + 37 * (m % 7)), ("贷款余额", 300 + 5 * m))
    ],
    unit="万元",
)
TEAM = Chart(
    title="2026Q3 信号跟进及时率（按客户经理）",
    kind="bar",
    alt="柱状图",
    data=[
        ChartPoint(x=name, series="信号跟进及时率", value=v)
        for name, v in (("汪桂芝", 0.0), ("李玉梅", 50.0), ("韩丽", None), ("刘玉英", 100.0))
    ],
    unit="%",
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    t0 = time.perf_counter()
    svg(TREND), png(TEAM)  # warm-up: the font cache, as in a serving process
    print(f"first render (import + font cache): {(time.perf_counter() - t0) * 1000:.0f} ms")
    print(f"{args.runs} runs each:")
    report(args.runs, "24-month trend, SVG", lambda: svg(TREND))
    report(args.runs, "24-month trend, PNG", lambda: png(TREND))
    report(args.runs, "team by RM, SVG", lambda: svg(TEAM))
    report(args.runs, "team by RM, PNG", lambda: png(TEAM))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB; PNG sizes {len(png(TREND)):,} B / {len(png(TEAM)):,} B")


if __name__ == "__main__":
    main()
