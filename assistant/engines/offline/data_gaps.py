""" "我的客户数据缺什么", "what's missing in my client data", a team lead's "组里谁的客户资料最不全":
the ``data_gaps`` tool's fields, most missing first, each with the first clients to fill in;
a team's per RM. Leads with the count, says the extract's date."""

from __future__ import annotations

import re

from assistant.engines.base import EngineResult
from assistant.engines.offline import compose as c
from assistant.engines.offline.phrases import t
from assistant.engines.offline.request import Request

ASKED = re.compile(
    r"(?:数据|资料|信息|档案|字段)[^。？?]{0,6}(?:缺|不全|不完整|缺失|空白|没填|未填|待补|要补|补全|完整)|"
    r"(?:缺|缺了|缺少|没填|漏填|要补|待补)[^。？?]{0,6}(?:哪些|什么|啥)?(?:数据|资料|信息|字段)|"
    r"数据质量|资料完整|"
    r"\b(?:missing|incomplete|gaps? in|blank|empty|stale)\b[^?]{0,30}\b(?:data|fields?|records?|info|information)\b|"
    r"\b(?:data|record)s? (?:gaps?|quality|completeness)\b|\bdata (?:is|are) missing\b",
    re.I,
)


def asked(text: str) -> bool:
    return bool(ASKED.search(text))


async def answer(req: Request) -> EngineResult:
    args: dict = {}
    if req.book.query.rm:
        args["rm"] = req.book.query.rm  # "看下小王的客户资料缺什么"
    out = await req.tb.acall("data_gaps", args)
    zh = req.lang == "zh"
    head = t("data_gaps_head", req.lang).format(
        clients=out["clients"], with_gaps=out["with_gaps"], as_of=out["data_as_of"]
    )
    lines = [c.heading(t("data_gaps_title", req.lang)), head]
    for f in sorted(out["fields"], key=lambda f: -f["missing"]):
        who = ("、" if zh else ", ").join(f["clients"])
        more = f["missing"] - len(f["clients"])
        tail = (f" 等 {f['missing']} 位" if zh else f" and {more} more") if more > 0 else ""
        lines.append(
            f"- {f['label']}：{f['missing']} 位（{who}{tail}）" if zh
            else f"- {f['label']}: {f['missing']} ({who}{tail})"
        )  # fmt: skip
    blocks = [lines]
    if out.get("per_rm"):
        blocks.append(
            [c.heading(t("data_gaps_per_rm", req.lang))]
            + [
                f"- {r['name']}（{r['rm_id']}）：{r['with_gaps']}/{r['clients']} 位客户有缺项" if zh
                else f"- {r['name']} ({r['rm_id']}): {r['with_gaps']} of {r['clients']} clients with gaps"
                for r in out["per_rm"]
            ]
        )  # fmt: skip
    if not out["fields"]:
        blocks = [[t("data_gaps_none", req.lang).format(as_of=out["data_as_of"])]]
    return EngineResult(c.join(blocks), "book_query")
