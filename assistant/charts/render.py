"""One renderer for every channel: matplotlib's object API on the Agg canvas (no pyplot, no
display), measured lighter and faster here than Vega-Lite through vl-convert (README, "Charts").

The SVG keeps its text as text (a screen reader and a search read it) and is made an image
with a name and a description: ``role="img"``, ``<title>`` and ``<desc>`` (the chart's alt
text), focusable so a keyboard reaches it — what axe's ``svg-img-alt`` asks.
"""

from __future__ import annotations

import io
import re
import threading
import uuid
from html import escape

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager
from matplotlib.ticker import MaxNLocator

from assistant.core.types import Chart

# A CJK face when the machine has one (make browser installs WenQuanYi); Latin text falls back.
_CJK = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC")
_FACES = [f for f in _CJK if any(e.name == f for e in fontManager.ttflist)] + ["DejaVu Sans"]
CSS_FONTS = "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif"
COLOURS = ("#1f5fa8", "#c2571a", "#2e7d32", "#6a1b9a")  # distinct in greyscale too
_LOCK = threading.Lock()  # matplotlib's font cache and text layout are shared state
PNG_SIZE = (6.4, 3.0)  # inches: a Slack or Teams message's width at 100 dpi
SVG_SIZE = (4.6, 2.6)  # a widget bubble is narrower: the same text reads larger there


def _figure(chart: Chart, size: tuple[float, float]) -> Figure:
    fig = Figure(figsize=size, dpi=100, layout="constrained")
    ax = fig.add_subplot()
    series = list(dict.fromkeys(p.series for p in chart.data))
    xs = list(dict.fromkeys(p.x for p in chart.data))
    for i, name in enumerate(series):
        values = {p.x: p.value for p in chart.data if p.series == name}
        ys = [values.get(x) for x in xs]
        colour = COLOURS[i % len(COLOURS)]
        if chart.kind == "line":
            ax.plot(xs, [float("nan") if y is None else y for y in ys], marker="o", markersize=3,
                    color=colour, label=name)  # fmt: skip
        else:
            width = 0.8 / len(series)
            pos = [j + (i - (len(series) - 1) / 2) * width for j in range(len(xs))]
            bars = ax.bar(pos, [y or 0 for y in ys], width=width, color=colour, label=name)
            ax.bar_label(bars, labels=["—" if y is None else f"{y:g}" for y in ys], fontsize=8)
            ax.set_xticks(range(len(xs)), xs)
    if chart.unit == "%":
        ax.set_ylim(0, 105)  # a rate reads against the whole scale
        ax.set_yticks(range(0, 101, 20))
    ax.set_title(chart.title, fontsize=10)
    if chart.unit:
        ax.set_ylabel(chart.unit, fontsize=9)
    ax.tick_params(axis="both", labelsize=8)
    if chart.kind == "line" and len(xs) > 8:
        step = -(-len(xs) // 8)  # a label every few months, counted back from the latest
        ax.set_xticks(xs[len(xs) - 1 :: -step][::-1])
    counts = all(p.value is None or float(p.value).is_integer() for p in chart.data)
    if counts and chart.unit != "%":
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.25 of a client
    ax.spines[["top", "right"]].set_visible(False)
    if len(series) > 1:
        ax.legend(fontsize=8, frameon=False)
    return fig


def _render(chart: Chart, fmt: str, dpi: int = 100) -> bytes:
    with _LOCK:
        import matplotlib

        with matplotlib.rc_context(
            {
                "font.sans-serif": _FACES,
                "font.family": "sans-serif",
                "svg.fonttype": "none",
                "axes.unicode_minus": False,
                "svg.hashsalt": "frontline",
            }  # fmt: skip
        ):
            fig = _figure(chart, SVG_SIZE if fmt == "svg" else PNG_SIZE)
            canvas = FigureCanvasSVG(fig) if fmt == "svg" else FigureCanvasAgg(fig)
            buf = io.BytesIO()
            canvas.print_figure(buf, format=fmt, dpi=dpi, metadata=_metadata(fmt))
            return buf.getvalue()


def _metadata(fmt: str) -> dict:
    # No creation date in the file: the same chart renders to the same bytes.
    return {"Date": None} if fmt == "svg" else {}


def png(chart: Chart, dpi: int = 150) -> bytes:
    """The chart as a PNG (Slack, Teams, the API's file), in a 64-colour palette: a chart has
    a handful of colours and their anti-aliasing, and a Teams card must stay small."""
    from PIL import Image

    image = Image.open(io.BytesIO(_render(chart, "png", dpi))).convert("RGB")
    out = io.BytesIO()
    # FASTOCTREE, no optimize pass: 12 ms instead of 49 for 7% larger files (measured)
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(out, format="PNG")
    return out.getvalue()


_ROOT = re.compile(r"<svg\b[^>]*>")
_STYLE = re.compile(r"<style\b[^>]*>.*?</style>", re.S)


def svg(chart: Chart) -> str:
    """The chart as an accessible inline SVG: an image named by its title, described by its
    alt text, reachable by keyboard, sized to its container."""
    raw = _render(chart, "svg").decode("utf-8")
    body = raw[raw.index("<svg") :]
    view = re.search(r'viewBox="([^"]+)"', body)
    ident = f"chart-{uuid.uuid4().hex[:8]}"
    root = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="{view.group(1) if view else "0 0 460 216"}" role="img" tabindex="0" '
        f'aria-labelledby="{ident}-t {ident}-d" class="fl-chart" width="100%" '
        f'font-family="{escape(CSS_FONTS, quote=True)}">'
        f'<title id="{ident}-t">{escape(chart.title)}</title>'
        f'<desc id="{ident}-d">{escape(chart.alt)}</desc>'
    )
    # No <style> and no style attribute: the pages that show it run under a CSP of 'self'
    # styles (their stylesheets size it and pick its fonts, ``CSS_FONTS``).
    body = _STYLE_ATTR.sub(_as_attributes, _STYLE.sub("", body))
    return _ROOT.sub(lambda _m: root, body, count=1)


# What matplotlib writes as style declarations, all of them SVG presentation attributes.
_PRESENTATION = frozenset({
    "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-opacity",
    "fill-opacity", "opacity", "font-size", "font-family", "font-weight", "font-style",
    "text-anchor", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit",
})  # fmt: skip
_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')


def _as_attributes(m: re.Match[str]) -> str:
    """``style="fill: #1f5fa8; font-size: 8px"`` as presentation attributes, which a page's CSP
    does not govern; the font family is the root's CJK-first stack, inherited."""
    out = []
    for declaration in m.group(1).split(";"):
        name, _, value = (part.strip() for part in declaration.partition(":"))
        if name in _PRESENTATION and value and name != "font-family":  # the root's, inherited
            out.append(f' {name}="{escape(value, quote=True)}"')
    return "".join(out)
