"""Pictures asked for in chat: "华东精密近两年存款走势图", "画个图看看我的客户层级分布", "chart my
book by signal". The answer is the engine's as ever; ``show_chart`` attaches the picture (the
team view draws its own) and one line names it, so a channel without pictures loses nothing."""

from __future__ import annotations

import asyncio
import re

from assistant.engines.base import EngineContext, EngineResult
from tools.toolbox import ToolError

IC = re.I
CHART = re.compile(
    r"走势|趋势图|曲线|图表|画(?:个|一?张)?图|做(?:个|张)图|出(?:个|张)图|看图|柱状图|折线图|饼图|分布图|"
    r"\bcharts?\b|\bgraphs?\b|\bplot\b|\btrend ?lines?\b|\bvisuali[sz]e\b|\bpicture of\b",
    IC,
)
# "存款趋势怎么样" asks a trend of one client: a picture helps, as for "走势".
TREND = re.compile(r"趋势|变化|\btrend\b|over (?:the )?(?:last|past) (?:two|2|24)", IC)
BY_TIER = re.compile(r"层级|分层|\btiers?\b|\btier mix\b", IC)
BY_SIGNAL = re.compile(r"信号|预警|\bsignals?\b|\balerts?\b", IC)
DISTRIBUTION = re.compile(r"分布|构成|占比|结构|\bdistribution\b|\bbreakdown\b|\bmix\b|\bby\b", IC)
CLIENT_INTENTS = frozenset({"serve_client", "client_facts"})


def asked(text: str, intent: str) -> str | None:
    """The chart a question asks for (a ``show_chart`` kind), or None."""
    drawn = CHART.search(text)
    if intent in CLIENT_INTENTS and (drawn or TREND.search(text)):
        return "client_trend"
    if intent == "book_query" and (drawn or DISTRIBUTION.search(text)):
        if BY_TIER.search(text) and (drawn or DISTRIBUTION.search(text)):
            return "book_by_tier"
        if BY_SIGNAL.search(text) and drawn:
            return "book_by_signal"
    return None


async def attach(ctx: EngineContext, result: EngineResult) -> None:
    """The picture the question asked for, on the answer, and a line that names it."""
    tb = ctx.toolbox
    if result.refused or tb.charts:
        return
    kind = asked(ctx.masked_text, result.intent)
    if kind is None:
        return
    args: dict = {"kind": kind}
    if kind == "client_trend":
        ids = list(dict.fromkeys(result.state.get("client_ids") or tb.client_ids))
        if len(ids) != 1:
            return  # several clients: no one client's trend to draw
        args["client_id"] = ids[0]
    try:
        await asyncio.to_thread(tb.call, "show_chart", args)
    except ToolError:
        return  # no balances to draw: the answer stands as it is
    title = tb.charts[-1].title
    result.text += f"\n\n（附图：{title}）" if ctx.language == "zh" else f"\n\n(Chart: {title})"
