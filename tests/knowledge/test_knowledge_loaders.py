from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.loaders import DocumentError, default_registry


def test_markdown_front_matter_fields_and_default_id(tmp_path: Path, write_playbook):
    path = write_playbook(
        tmp_path,
        "tiering/standards.md",
        """
        ---
        title: 分层服务标准
        language: zh
        tiers: [strategic, core]
        products: CDEP02, RCD01
        audience: [rm]
        effective_date: 2026-07-01
        review_date: 2027-06-30
        owner: 客户经营管理部
        ---
        # 分层服务标准

        导语。

        ## 战略客户
        ### 服务频次
        每 30 天至少面访一次。
        ```
        # not a heading inside code
        ```
        """,
    )
    doc = default_registry().load(path, tmp_path)

    assert doc.meta.id == "tiering/standards"
    assert doc.meta.tiers == ["strategic", "core"] and doc.meta.products == ["CDEP02", "RCD01"]
    assert doc.meta.review_date == dt.date(2027, 6, 30) and doc.meta.owner == "客户经营管理部"
    assert [s.path for s in doc.sections] == [(), ("战略客户", "服务频次")]
    assert "# not a heading" in doc.sections[1].text


def test_pdf_pages_and_outline_become_sections(tmp_path: Path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "fx.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setTitle("FX hedging guide")
    for n, (title, line) in enumerate(
        [
            ("Eligibility", "Clients with import or export flows qualify."),
            ("Pricing", "Forward points follow the treasury daily sheet."),
        ]
    ):
        pdf.bookmarkPage(f"p{n}")
        pdf.addOutlineEntry(title, f"p{n}", level=0)
        pdf.drawString(72, 720, line)
        pdf.showPage()
    pdf.save()  # fmt: skip

    doc = default_registry().load(path, tmp_path)

    assert (
        doc.meta.id == "fx" and doc.meta.title == "FX hedging guide" and doc.meta.language == "en"
    )
    assert [s.path for s in doc.sections] == [("Eligibility",), ("Pricing",)]
    assert "treasury daily sheet" in doc.sections[1].text


def test_docx_heading_styles_give_section_paths(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_heading("代发工资业务指引", level=0)
    document.add_heading("准入条件", level=1)
    document.add_heading("企业规模", level=2)
    document.add_paragraph("员工人数 50 人以上的企业客户可申请代发服务。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "费率", "免费"
    path = tmp_path / "products" / "payroll.docx"
    path.parent.mkdir()
    document.save(str(path))

    doc = default_registry().load(path, tmp_path)

    assert doc.meta.id == "products/payroll" and doc.meta.title == "代发工资业务指引"
    assert doc.meta.language == "zh"
    assert doc.sections[0].path == ("准入条件", "企业规模")
    assert "50 人以上" in doc.sections[0].text and "费率 | 免费" in doc.sections[0].text


def test_html_h1_to_h4_and_meta_tags(tmp_path: Path):
    path = tmp_path / "complaints.html"
    path.write_text(
        """<!doctype html><html lang="en"><head><title>t</title>
        <meta name="review_date" content="2025-01-31"><meta name="tiers" content="wealth, mass">
        <script>var x = "# ignored";</script></head><body>
        <h1>Complaint handling</h1><p>Intro paragraph.</p>
        <h2>Timelines</h2><h3>Acknowledge</h3><ul><li><p>Within 24 hours.</p></li></ul>
        <h4>Escalation</h4><p>To the branch head after 3 days.</p></body></html>""",
        encoding="utf-8",
    )

    doc = default_registry().load(path, tmp_path)

    assert doc.meta.title == "Complaint handling" and doc.meta.language == "en"
    assert doc.meta.review_date == dt.date(2025, 1, 31) and doc.meta.tiers == ["wealth", "mass"]
    assert [(s.path, s.text) for s in doc.sections] == [
        ((), "Intro paragraph."),
        (("Timelines", "Acknowledge"), "Within 24 hours."),
        (("Timelines", "Acknowledge", "Escalation"), "To the branch head after 3 days."),
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [("broken.pdf", b"%PDF-1.4 this is not really a pdf"),
     ("broken.docx", b"PK\x03\x04 not a zip either"),
     ("bad-date.md", b"---\nreview_date: 2027-13-45\n---\n# T\ntext\n")],
)  # fmt: skip
def test_when_file_unreadable_then_error_names_it(tmp_path: Path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(DocumentError) as caught:
        default_registry().load(path, tmp_path)

    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)
