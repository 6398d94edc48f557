"""Which library draws Frontline's charts: Vega-Lite through vl-convert vs matplotlib, on the
same 24-month two-series line chart (CJK title and legend), as SVG and PNG, 30 runs each.

    python3 -m venv /tmp/cv && /tmp/cv/bin/pip install vl-convert-python altair matplotlib
    /tmp/cv/bin/python benchmarks/chart_libraries.py vl
    /tmp/cv/bin/python benchmarks/chart_libraries.py mpl

A scratch venv: vl-convert is not a dependency (matplotlib won; README, "Charts"). Each run is
its own process, so import time, first render and peak memory are each library's own.
"""

import io
import resource
import statistics
import sys
import time

which = sys.argv[1]
months = (
    [f"2024-{m:02d}" for m in range(11, 13)]
    + [f"2025-{m:02d}" for m in range(1, 13)]
    + [f"2026-{m:02d}" for m in range(1, 11)]
)
dep = [1000 + i * 37 % 400 for i in range(24)]
loan = [500 + i * 11 % 90 for i in range(24)]
t0 = time.perf_counter()
if which == "vl":
    import vl_convert as vlc

    def render(fmt):
        data = [
            {"month": m, "series": "日均存款（万元）", "value": d}
            for m, d in zip(months, dep, strict=True)
        ] + [
            {"month": m, "series": "贷款余额（万元）", "value": v}
            for m, v in zip(months, loan, strict=True)
        ]
        spec = {
            "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "title": "近 24 个月日均存款与贷款",
            "width": 520,
            "height": 220,
            "data": {"values": data},
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "month", "type": "ordinal", "title": None},
                "y": {"field": "value", "type": "quantitative", "title": "万元"},
                "color": {"field": "series", "type": "nominal", "title": None},
            },
            "config": {"font": "WenQuanYi Micro Hei"},
        }
        return vlc.vegalite_to_svg(spec) if fmt == "svg" else vlc.vegalite_to_png(spec, scale=2)
else:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.sans-serif"] = ["WenQuanYi Micro Hei"]
    plt.rcParams["svg.fonttype"] = "none"

    def render(fmt):
        fig, ax = plt.subplots(figsize=(6.5, 2.8), dpi=100)
        ax.plot(months, dep, marker="o", label="日均存款（万元）")
        ax.plot(months, loan, marker="o", label="贷款余额（万元）")
        ax.set_title("近 24 个月日均存款与贷款")
        ax.legend()
        ax.tick_params(axis="x", labelrotation=90, labelsize=7)
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, bbox_inches="tight", dpi=100 if fmt == "svg" else 200)
        plt.close(fig)
        return buf.getvalue()


imp = time.perf_counter() - t0
first = time.perf_counter()
render("svg")
first = time.perf_counter() - first
for fmt in ("svg", "png"):
    ts = []
    for _ in range(30):
        a = time.perf_counter()
        out = render(fmt)
        ts.append((time.perf_counter() - a) * 1000)
    ts.sort()
    print(
        f"{which} {fmt}: p50 {statistics.median(ts):.1f} ms p95 {ts[int(0.95 * len(ts)) - 1]:.1f} ms size {len(out)} B"
    )
print(
    f"{which} import {imp * 1000:.0f} ms, first render {first * 1000:.0f} ms, peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
)
