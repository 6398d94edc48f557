"""The prep as a Word document (python-docx): the chat answer's sections, restored for the RM,
with the cited passages listed at the end. The document's metadata names no one."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from docx import Document
from docx.shared import Pt

from assistant.core.types import Citation
from assistant.prep.compose import Section, w

BOLD = re.compile(r"\*\*(.+?)\*\*")
SOURCES = ("引用的手册段落", "Playbook passages cited")


def render(parts: Sequence[Section], citations: Sequence[Citation], language: str) -> bytes:
    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.subject = w("title", language), "Frontline", ""
    props.comments = props.keywords = props.last_modified_by = ""
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_heading(w("title", language), level=1)
    for i, section in enumerate(parts):
        if not section.lines:
            continue
        if i:  # the first section is the header line under the title
            doc.add_heading(section.heading, level=2)
        for line in section.lines:
            _line(doc, line)
    if citations:
        doc.add_heading(SOURCES[0 if language == "zh" else 1], level=2)
        for c in citations:
            where = f" › {c.section}" if c.section else ""
            doc.add_paragraph(f"[{c.n}] {c.title or c.doc_id}{where} ({c.doc_id})")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _line(doc: object, line: str) -> None:
    text = BOLD.sub(r"\1", line)
    stripped = text.lstrip()
    indent = len(text) - len(stripped)
    if stripped.startswith("- "):
        style = "List Bullet 2" if indent else "List Bullet"
        doc.add_paragraph(stripped[2:], style=style)  # type: ignore[attr-defined]
    elif re.match(r"\d+\. ", stripped):
        doc.add_paragraph(stripped.split(" ", 1)[1], style="List Number")  # type: ignore[attr-defined]
    else:
        para = doc.add_paragraph(stripped)  # type: ignore[attr-defined]
        if indent:
            para.paragraph_format.left_indent = Pt(18)


def document_text(data: bytes) -> str:
    """Every piece of text a reader (or a leak) could find in the file: paragraphs, tables,
    headers, footers and the metadata."""
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for t in doc.tables for row in t.rows for cell in row.cells]
    for s in doc.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    props = doc.core_properties
    parts += [props.title or "", props.author or "", props.subject or "", props.comments or ""]
    return "\n".join(parts)
