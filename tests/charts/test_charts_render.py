"""The chart renderer (``assistant.charts``) on charts it did not make: an accessible SVG (an
image named by its title, described by its alt text, focusable, its labels as text) and a
palette PNG; gaps (an RM with nothing due) drawn as gaps; the same chart renders the same."""

from __future__ import annotations

import io
import re

from PIL import Image

from assistant.charts import png, svg
from assistant.core.types import Chart, ChartPoint

BAR = Chart(
    title="2026Q3 服务频次达标率（按客户经理）",
    kind="bar",
    alt="柱状图：林志远 14%、孙晓蕾 25%、郭鹏 —。",
    data=[
        ChartPoint(x=n, series="服务频次达标率", value=v)
        for n, v in (("林志远", 14.0), ("孙晓蕾", 25.0), ("郭鹏", None))
    ],  # fmt: skip
    unit="%",
)
LINE = Chart(
    title="KH2016000158: deposits and loans, last 24 months",
    kind="line",
    alt="Line chart: deposits fell from CNY 3.1m to CNY 1.2m; loans flat at CNY 0.5m.",
    data=[
        ChartPoint(x=f"{2024 + m // 12}-{m % 12 + 1:02d}", series=s, value=v)
        for m in range(24)
        for s, v in (("Avg daily deposits", 3100 - 80 * m), ("Loan balance", 500))
    ],  # fmt: skip
    unit="CNY k",
)


def test_the_svg_is_an_image_named_and_described_with_its_labels_as_text() -> None:
    out = svg(BAR)
    root = re.match(r"<svg\b[^>]*>", out)
    assert root is not None
    head = root.group(0)
    assert 'role="img"' in head and 'tabindex="0"' in head and "viewBox=" in head
    ids = re.search(r'aria-labelledby="([^"]+)"', head).group(1).split()  # type: ignore[union-attr]
    assert f'<title id="{ids[0]}">{BAR.title}</title>' in out
    assert f'<desc id="{ids[1]}">{BAR.alt}</desc>' in out
    for name in ("林志远", "孙晓蕾", "郭鹏"):
        assert name in out  # text, which a screen reader and a search can read
    assert "<script" not in out and "<?xml" not in out and "<!DOCTYPE" not in out


def test_two_charts_on_one_page_never_share_an_id() -> None:
    first, second = svg(BAR), svg(BAR)
    ids = lambda s: set(re.findall(r'<(?:title|desc) id="([^"]+)"', s))  # noqa: E731
    assert ids(first).isdisjoint(ids(second))


def test_the_png_is_a_small_palette_image_of_the_charts_size() -> None:
    data = png(LINE)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.mode == "P"
    assert image.width > 800 and image.height > 300 and len(data) < 40_000


def test_the_same_chart_renders_the_same_png() -> None:
    assert png(BAR) == png(BAR)


def test_a_chart_with_no_points_still_renders() -> None:
    empty = BAR.model_copy(update={"data": []})
    assert svg(empty).startswith("<svg") and png(empty).startswith(b"\x89PNG")
