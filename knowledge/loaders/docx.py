"""Word playbooks (python-docx): Heading 1..n styles give the section paths."""

from __future__ import annotations

import re
from pathlib import Path

from knowledge.loaders.base import (
    Document,
    DocumentMeta,
    SectionBuilder,
    drop_title,
    guess_language,
)

# Built-in styles are named in English inside the file; localised Word may write "标题 1".
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


class DocxLoader:
    suffixes = (".docx",)

    def load(self, path: Path, doc_id: str) -> Document:
        import docx
        from docx.table import Table

        document = docx.Document(str(path))
        builder = SectionBuilder()
        title = (document.core_properties.title or "").strip()
        all_text: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    line = " | ".join(cell.text.strip() for cell in row.cells)
                    builder.line(line)
                    all_text.append(line)
                continue
            style = (block.style.name if block.style is not None else "") or ""
            text = block.text.strip()
            all_text.append(text)
            if style.lower() == "title" and text:
                title = title or text
            elif (match := _HEADING_STYLE.match(style.strip())) and text:
                builder.heading(int(match.group(1)), text)
            else:
                builder.line(text)
        title = title or path.stem
        sections = drop_title(builder.finish(), title)
        meta = DocumentMeta(id=doc_id, title=title, language=guess_language("\n".join(all_text)))
        return Document(meta=meta, sections=sections, source=path)
