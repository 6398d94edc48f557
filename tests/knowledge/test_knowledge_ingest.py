from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.ingest import IngestReport, default_playbook_dir

ZH = """
    ---
    id: lifecycle/churn
    title: 存款流失挽回
    language: zh
    review_date: 2027-06-30
    ---
    # 存款流失挽回
    ## 预警规则
    月日均存款较前三个月下降百分之三十以上触发流失预警，客户经理须在五个工作日内联系客户。
    ## 挽回方案
    针对利率敏感客户推荐大额存单，针对资金周转客户提供现金管理方案，并记录挽回结果。
    """
EN = """
    ---
    id: tiering/standards-en
    title: Service standards
    language: en
    ---
    # Service standards
    ## Strategic clients
    Visit strategic clients at least every thirty days and contact them every fourteen days.
    ## Core clients
    Visit core clients at least every forty-five days and respond within four hours.
    """


@pytest.fixture
def playbooks(tmp_path: Path, write_playbook) -> Path:
    root = tmp_path / "playbooks"
    write_playbook(root, "lifecycle/churn.md", ZH)
    write_playbook(root, "tiering/standards-en.md", EN)
    return root


def _ids(store, doc_id: str) -> set[str]:
    return {c.id for c in store.all() if c.metadata["doc_id"] == doc_id}


def test_first_ingest_adds_every_section(ingestor, store, playbooks):
    report = ingestor.ingest([playbooks])

    assert (report.files, report.chunks_added, report.errors) == (2, 4, [])
    assert store.count() == 4
    assert report.summary_line().startswith("ingested 2 file(s): 4 chunk(s) added, 0 updated")


def test_when_nothing_changed_then_nothing_is_reembedded(ingestor, fake_embedder, playbooks):
    ingestor.ingest([playbooks])
    fake_embedder.embedded.clear()

    report = ingestor.ingest([playbooks])

    assert (report.chunks_unchanged, report.chunks_added, report.chunks_updated) == (4, 0, 0)
    assert fake_embedder.embedded == []


def test_when_one_file_edited_then_only_its_changed_chunk_is_reembedded(
    ingestor, fake_embedder, store, playbooks
):
    ingestor.ingest([playbooks])
    en_before = _ids(store, "tiering/standards-en")
    fake_embedder.embedded.clear()
    path = playbooks / "lifecycle/churn.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("五个工作日", "三个工作日"), encoding="utf-8"
    )

    report = ingestor.ingest([playbooks])

    assert (report.chunks_updated, report.chunks_unchanged, report.chunks_added) == (1, 3, 0)
    assert len(fake_embedder.embedded) == 1 and "三个工作日" in fake_embedder.embedded[0]
    assert _ids(store, "tiering/standards-en") == en_before


def test_when_only_metadata_changes_then_metadata_updated_without_embedding(
    ingestor, fake_embedder, store, playbooks
):
    ingestor.ingest([playbooks])
    fake_embedder.embedded.clear()
    path = playbooks / "lifecycle/churn.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("2027-06-30", "2028-01-31"), encoding="utf-8"
    )

    report = ingestor.ingest([playbooks])

    assert report.chunks_updated == 2 and fake_embedder.embedded == []
    dates = {
        c.metadata["review_date"] for c in store.all() if c.metadata["doc_id"] == "lifecycle/churn"
    }
    assert dates == {"2028-01-31"}


def test_when_file_deleted_then_its_chunks_are_gone(ingestor, store, playbooks):
    ingestor.ingest([playbooks])
    (playbooks / "tiering/standards-en.md").unlink()

    report = ingestor.ingest([playbooks])

    assert report.chunks_removed == 2
    assert _ids(store, "tiering/standards-en") == set() and len(_ids(store, "lifecycle/churn")) == 2


def test_when_section_removed_then_its_chunks_are_gone(ingestor, store, playbooks, write_playbook):
    ingestor.ingest([playbooks])
    write_playbook(playbooks, "tiering/standards-en.md", EN.split("    ## Core clients")[0])

    report = ingestor.ingest([playbooks])

    sections = {
        c.metadata["section"] for c in store.all() if c.metadata["doc_id"] == "tiering/standards-en"
    }
    assert report.chunks_removed == 1 and sections == {"Strategic clients"}


def test_when_one_file_corrupt_then_error_names_it_and_others_ingested(ingestor, store, playbooks):
    bad = playbooks / "products" / "broken.pdf"
    bad.parent.mkdir()
    bad.write_bytes(b"%PDF-1.7 garbage without any objects")

    report = ingestor.ingest([playbooks])

    assert len(report.errors) == 1 and report.errors[0].startswith(f"{bad}:")
    assert report.chunks_added == 4 and store.count() == 4
    assert "1 error(s)" in report.summary_line()


def test_when_path_missing_then_reported_not_raised(ingestor, tmp_path: Path):
    report = ingestor.ingest([tmp_path / "nope"])

    assert report == IngestReport(
        errors=[f"{tmp_path / 'nope'}: no such file or folder"], seconds=report.seconds
    )


def test_default_playbook_dir_is_the_packaged_folder():
    folder = default_playbook_dir()

    assert folder.name == "playbooks" and folder.parent.name == "knowledge"
    assert any(folder.rglob("*.md"))
