"""report.html is one self-contained page that parses and shows the figures; report.md too."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from evals.metrics import summarise
from evals.report import write_reports


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.srcs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.srcs += [v or "" for k, v in attrs if k in ("src", "href")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _records() -> list[dict]:
    ok = {
        "intent": "serve_client",
        "text": "fine",
        "latency_ms": 120,
        "flags": [],
        "tool_calls": [],
        "citations": [],
        "client_ids": [],
        "refused": False,
        "engine": "offline",
    }
    bad = ok | {"intent": "help", "text": "<b>answer</b> & more", "latency_ms": 480}
    return [
        {
            "id": "good-1",
            "checks": {"intent": True},
            "answer": ok,
            "language": "zh",
            "category": "serve",
            "expect": {"intent": "serve_client"},
            "question": "怎么服务？",
        },
        {
            "id": "bad-1",
            "checks": {"intent": False},
            "answer": bad,
            "language": "en",
            "category": "serve",
            "expect": {"intent": "serve_client"},
            "question": "<script>alert(1)</script>",
        },
    ]


def test_html_report_parses_is_offline_and_contains_the_figures(tmp_path: Path) -> None:
    records = _records()
    write_reports(summarise(records, dataset="golden.jsonl"), records, tmp_path)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    parsed = Collector()
    parsed.feed(html)
    text = " ".join(parsed.text)
    assert "50.0%" in text and "Overall pass rate" in text and "bad-1" in text
    assert parsed.tags.count("svg") >= 3 and "script" not in parsed.tags
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert not [s for s in parsed.srcs if s.startswith("http")]


def test_markdown_report_has_the_headline_figures(tmp_path: Path) -> None:
    records = _records()
    write_reports(summarise(records), records, tmp_path)
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| Overall pass rate | 50.0% |" in md and "| en | 0.0% | 1 |" in md and "`bad-1`" in md
