"""One Frontline over a bank of another convention (``tests/support/other_bank.py``): real
SQLite, the real privacy layer and core, the bundled playbooks with a fake embedder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.wiring import Frontline
from knowledge.ingest import default_playbook_dir
from testkit.embeddings import HashingEmbeddings
from tests.conftest import make_settings
from tests.support.other_bank import write_other_bank
from tools.bank.importer import import_extract


@pytest.fixture(scope="session")
def other_bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    home = tmp_path_factory.mktemp("other-bank")
    fl = Frontline(make_settings(home), embedder=HashingEmbeddings())
    import_extract(fl.sessions, write_other_bank(home / "extract"))
    fl.after_import()
    fl.ingestor.progress = False
    fl.ingestor.ingest([default_playbook_dir()])
    yield fl
    fl.close()
