"""HTML playbooks (BeautifulSoup): h1-h4 give the section paths, <meta> tags the front matter."""

from __future__ import annotations

from pathlib import Path

from knowledge.loaders.base import Document, SectionBuilder, drop_title
from knowledge.loaders.markdown import build_meta

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
_BLOCKS = ("p", "li", "pre", "blockquote", "tr", "dt", "dd", "h5", "h6")
_NOISE = ("script", "style", "nav", "header", "footer", "noscript", "template")
_META_FIELDS = ("id", "language", "tiers", "industries", "products", "audience",
                "effective_date", "review_date", "owner")  # fmt: skip


class HtmlLoader:
    suffixes = (".html", ".htm")

    def load(self, path: Path, doc_id: str) -> Document:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(path.read_bytes(), "html.parser")
        for tag in soup(_NOISE):
            tag.decompose()
        builder = SectionBuilder()
        wanted = (*_HEADINGS, *_BLOCKS)
        for element in soup.find_all(wanted):
            # A <p> inside an <li> is already in the <li>'s text.
            if element.find_parent(_BLOCKS):
                continue
            text = element.get_text(" ", strip=True)
            if not text:
                continue
            if element.name in _HEADINGS:
                builder.heading(_HEADINGS[element.name], text)
            else:
                builder.line(text)
        front: dict[str, str] = {}
        for tag in soup.find_all("meta"):
            name = str(tag.get("name") or "").lower()
            if name in _META_FIELDS:
                front[name] = str(tag.get("content") or "")
        if not front.get("language") and soup.html and soup.html.get("lang"):
            front["language"] = str(soup.html["lang"]).split("-")[0].lower()
        h1 = soup.find("h1")
        h1_text = h1.get_text(" ", strip=True) if h1 else ""
        title_tag = soup.title.get_text(strip=True) if soup.title else ""
        title = h1_text or title_tag or path.stem
        sections = drop_title(builder.finish(), h1_text) if h1_text else builder.finish()
        meta = build_meta(front, default_id=doc_id, title=title, sample=soup.get_text(" "))
        return Document(meta=meta, sections=sections, source=path)
