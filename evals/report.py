"""``report.html`` (one self-contained file: inline CSS and SVG, opens offline) and ``report.md``
(the headline figures, for a pull request)."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from evals.metrics import case_passed

CSS = """
body{font:14px/1.5 -apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#1f2933}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #e4e7eb}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #d9e2ec;border-radius:8px;padding:10px 14px;min-width:120px}
.card b{display:block;font-size:20px}.card span{color:#627d98;font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #e4e7eb;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f0f4f8}pre{white-space:pre-wrap;margin:0;max-height:220px;overflow:auto;font-size:12px}
.bad{color:#c62828}.ok{color:#2e7d32}.charts{display:flex;flex-wrap:wrap;gap:24px}
"""


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def _num(value: float | None, unit: str = "") -> str:
    return "n/a" if value is None else f"{value:,.0f}{unit}"


def headline(m: dict) -> list[tuple[str, str]]:
    """The figures both reports lead with."""
    return [
        ("Cases", f"{m['cases']}"),
        ("Overall pass rate", _pct(m["pass_rate"])),
        ("Intent accuracy", _pct(m.get("intent_accuracy"))),
        ("Citation hit rate", _pct(m["citations"]["hit_rate"])),
        ("Citation MRR", f"{m['citations']['mrr'] or 0:.3f}"),
        ("Refusal precision", _pct(m["refusal"]["precision"])),
        ("Refusal recall", _pct(m["refusal"]["recall"])),
        ("Tool precision", _pct(m["tools"]["precision"])),
        ("Tool recall", _pct(m["tools"]["recall"])),
        ("PII leaks", f"{m['pii_leaks']}"),
        ("Latency p50", _num(m["latency_ms"]["p50"], " ms")),
        ("Latency p95", _num(m["latency_ms"]["p95"], " ms")),
        ("Fallbacks", f"{m['fallbacks']}"),
        ("Errored", f"{m['errored']}"),
    ]


def bar_chart(title: str, buckets: dict[str, dict], width: int = 460) -> str:
    """Horizontal bars of pass rate per bucket, with the case count."""
    row, label_w, pad = 24, 150, 8
    items = list(buckets.items())
    height = pad * 2 + row * max(1, len(items)) + 20
    bar_w = width - label_w - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for i, (key, b) in enumerate(items):
        y = 24 + pad + i * row
        value = b["rate"] or 0.0
        colour = "#2e7d32" if value >= 0.9 else "#f9a825" if value >= 0.7 else "#c62828"
        parts += [
            f'<text x="0" y="{y + 14}" font-size="12">{escape(key)}</text>',
            f'<rect x="{label_w}" y="{y}" width="{bar_w}" height="{row - 6}" fill="#eef2f6"/>',
            f'<rect x="{label_w}" y="{y}" width="{bar_w * value:.1f}" height="{row - 6}" fill="{colour}"/>',
            f'<text x="{label_w + bar_w + 6}" y="{y + 14}" font-size="12">{value * 100:.0f}% ({b["total"]})</text>',
        ]
    return "".join(parts) + "</svg>"


def histogram(
    title: str, values: list[float], bins: int = 12, width: int = 460, height: int = 200
) -> str:
    """Latency histogram on equal-width bins."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    if not values:
        return "".join(parts) + '<text x="0" y="40" font-size="12">no answers</text></svg>'
    low, high = min(values), max(values)
    step = (high - low) / bins or 1.0
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, int((v - low) / step))] += 1
    top, plot_h, base = max(counts), height - 60, height - 30
    col = (width - 20) / bins
    for i, n in enumerate(counts):
        h = plot_h * n / top
        parts.append(
            f'<rect x="{10 + i * col:.1f}" y="{base - h:.1f}" width="{col - 2:.1f}" height="{h:.1f}" fill="#4c78a8">'
            f"<title>{low + i * step:,.0f}–{low + (i + 1) * step:,.0f} ms: {n}</title></rect>"
        )
    parts += [
        f'<text x="10" y="{height - 12}" font-size="11">{low:,.0f} ms</text>',
        f'<text x="{width - 10}" y="{height - 12}" font-size="11" text-anchor="end">{high:,.0f} ms</text>',
    ]
    return "".join(parts) + "</svg>"


def _failure_row(r: dict) -> str:
    answer = r.get("answer") or {}
    failed = [k for k, ok in (r.get("checks") or {}).items() if not ok]
    actual = (
        {k: answer.get(k) for k in ("intent", "client_ids", "refused", "flags")}
        if answer
        else r.get("error")
    )
    actual_text = json.dumps(actual, ensure_ascii=False)
    if answer:
        actual_text += "\ntools: " + ", ".join(c["name"] for c in answer.get("tool_calls", []))
        actual_text += "\ncited: " + ", ".join(c["doc_id"] for c in answer.get("citations", []))
    if r.get("pii_findings"):
        actual_text += f"\nPII: {len(r['pii_findings'])} finding(s)"  # the values themselves stay out of the report
    cells = [
        f"{escape(r['id'])}<br><small>{escape(str(r.get('category')))} · {escape(str(r.get('as_rm')))}</small>",
        escape(r.get("question") or ""),
        f'<span class="bad">{escape(", ".join(failed))}</span>',
        f"<pre>{escape(json.dumps(r.get('expect') or {}, ensure_ascii=False, indent=1))}</pre>",
        f"<pre>{escape(actual_text)}</pre>",
        f"<pre>{escape(answer.get('text', ''))}</pre>",
    ]
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def render_html(m: dict, records: list[dict]) -> str:
    cards = "".join(
        f'<div class="card"><b>{escape(v)}</b><span>{escape(k)}</span></div>'
        for k, v in headline(m)
    )
    latencies = [float(r["answer"]["latency_ms"]) for r in records if r.get("answer")]
    charts = (
        bar_chart("Pass rate by intent", m["by_intent"])
        + bar_chart("Pass rate by language", m["by_language"])
        + histogram("Latency (ms)", latencies)
        + bar_chart("Pass rate by check", m["checks"])
        + bar_chart("Pass rate by category", m["by_category"])
    )
    failures = [r for r in records if not case_passed(r)]
    rows = (
        "".join(_failure_row(r) for r in failures)
        or '<tr><td colspan="6" class="ok">No failures.</td></tr>'
    )
    warnings = "".join(f"<li>{escape(w)}</li>" for w in m.get("warnings", []))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Frontline evaluation</title>'
        f"<style>{CSS}</style></head><body><h1>Frontline evaluation</h1>"
        f"<p>Dataset <code>{escape(m.get('dataset', ''))}</code> · engines {escape(json.dumps(m.get('engines', {})))}"
        f" · model-judged faithfulness: not run offline</p>"
        f'<div class="cards">{cards}</div><h2>Charts</h2><div class="charts">{charts}</div>'
        f"<h2>Failures ({len(failures)})</h2><table><tr><th>Case</th><th>Question</th><th>Failed checks</th>"
        f"<th>Expected</th><th>Actual</th><th>Answer text</th></tr>{rows}</table>"
        + (f"<h2>Warnings</h2><ul>{warnings}</ul>" if warnings else "")
        + "</body></html>"
    )


def _md_table(title: str, buckets: dict[str, dict]) -> list[str]:
    lines = [f"| {title} | pass rate | cases |", "|---|---:|---:|"]
    return lines + [f"| {k} | {_pct(b['rate'])} | {b['total']} |" for k, b in buckets.items()]


def render_markdown(m: dict) -> str:
    lines = ["## Frontline evaluation", "", "| metric | value |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in headline(m)]
    for title, key in (
        ("intent", "by_intent"),
        ("language", "by_language"),
        ("category", "by_category"),
    ):
        lines += [""] + _md_table(title, m[key])
    if m.get("failed_ids"):
        lines += [
            "",
            f"Failed cases ({len(m['failed_ids'])}): "
            + ", ".join(f"`{i}`" for i in m["failed_ids"]),
        ]
    return "\n".join(lines) + "\n"


def write_reports(m: dict, records: list[dict], out: Path) -> None:
    (out / "report.html").write_text(render_html(m, records), encoding="utf-8")
    (out / "report.md").write_text(render_markdown(m), encoding="utf-8")
