"""PDF playbooks (pypdf). PDFs carry no headings, so the outline (bookmarks) stands in."""

from __future__ import annotations

from pathlib import Path

from knowledge.loaders.base import Document, DocumentMeta, Section, guess_language


class PdfLoader:
    suffixes = (".pdf",)

    def load(self, path: Path, doc_id: str) -> Document:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        text = "\n".join(pages)
        if not text.strip():
            # A scanned PDF has no text layer; saying so beats ingesting nothing silently.
            raise ValueError("no extractable text (scanned image PDF?)")
        title = _title(reader, pages, path)
        sections = _sections_from_outline(reader, pages) or [Section((), text)]
        meta = DocumentMeta(id=doc_id, title=title, language=guess_language(text))
        return Document(meta=meta, sections=sections, source=path)


def _title(reader, pages: list[str], path: Path) -> str:
    info_title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    if info_title and str(info_title).strip():
        return str(info_title).strip()
    first_line = next((ln.strip() for p in pages for ln in p.splitlines() if ln.strip()), "")
    return first_line[:80] or path.stem


def _sections_from_outline(reader, pages: list[str]) -> list[Section]:
    """One section per top-level bookmark, spanning the pages up to the next bookmark."""
    try:
        outline = [item for item in reader.outline if not isinstance(item, list)]
        starts = [(reader.get_destination_page_number(item), str(item.title)) for item in outline]
    except Exception:  # a broken outline is not worth failing the whole file for
        return []
    starts = sorted((page, title) for page, title in starts if page is not None)
    sections = []
    for i, (page, title) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(pages)
        body = "\n".join(pages[page : max(end, page + 1)]).strip()
        if body:
            sections.append(Section((title.strip(),), body))
    return sections
