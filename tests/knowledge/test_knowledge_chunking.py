from __future__ import annotations

from pathlib import Path

from knowledge.chunking import Chunker, chunk_id
from knowledge.loaders import Document, DocumentMeta, Section


def _doc(
    *sections: Section, doc_id: str = "tiering/standards", title: str = "分层服务标准"
) -> Document:
    return Document(DocumentMeta(id=doc_id, title=title), list(sections), Path("x.md"))


def test_when_sections_nested_then_chunk_keeps_heading_path_without_title():
    body = "每 30 天至少面访一次，每 14 天至少接触一次，面访对象应覆盖财务负责人。"
    chunks = Chunker().chunk(_doc(Section(("战略客户", "服务频次"), body)))

    assert [c.section_label for c in chunks] == ["战略客户 > 服务频次"]
    assert chunks[0].text == body
    assert chunks[0].embed_text.startswith("分层服务标准 > 战略客户 > 服务频次\n")


def test_when_chinese_section_long_then_split_near_target_with_overlap():
    sentence = "客户经理应在存款到期前七天联系客户并记录沟通结果。"
    chunker = Chunker(target_chars=200, overlap_chars=40)
    parts = chunker.split(sentence * 30)

    assert len(parts) >= 4
    assert all(len(p) <= 200 for p in parts)
    for previous, following in zip(parts, parts[1:], strict=False):
        assert previous[-20:] in following[:60], "the next part repeats the previous tail"


def test_when_english_section_long_then_split_at_word_boundaries():
    text = " ".join(f"word{i}" for i in range(400))
    parts = Chunker(target_chars=300, overlap_chars=50).split(text)

    assert len(parts) > 3
    words = set(text.split())
    assert all(set(p.split()) <= words for p in parts), "no word is cut in half"


def test_when_sibling_sections_tiny_then_merged_under_parent():
    chunks = Chunker(min_chars=40).chunk(_doc(
        Section(("核心客户", "服务频次"), "每 45 天至少面访一次。"),
        Section(("核心客户", "响应时效"), "4 小时内响应。"),
        Section(("重点客户", "服务频次"), "每 90 天至少面访一次，每 45 天至少接触一次，线上触达为辅，面访为主。"),
    ))  # fmt: skip

    assert [c.section_label for c in chunks] == ["核心客户", "重点客户 > 服务频次"]
    assert "响应时效" in chunks[0].text and "4 小时内响应" in chunks[0].text


def test_when_rechunked_then_ids_stable_and_hash_follows_content():
    doc = _doc(Section(("A",), "first version of the section text, long enough to stand alone."))
    first, again = Chunker().chunk(doc)[0], Chunker().chunk(doc)[0]
    edited = Chunker().chunk(
        _doc(Section(("A",), "second version of the section text, also long."))
    )[0]

    assert first.id == again.id == edited.id == chunk_id("tiering/standards", ("A",), 0)
    assert first.content_hash == again.content_hash != edited.content_hash
