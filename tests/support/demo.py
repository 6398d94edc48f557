"""The demo bank, generated, imported and with the real playbooks ingested — built once per
test session (generation is deterministic) in a temp home, with a fake embedder so the suite
does not need the real model for every turn."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.wiring import Frontline
from knowledge.ingest import default_playbook_dir
from testkit.embeddings import HashingEmbeddings
from tests.conftest import make_settings
from tools.bank.demo import generate_demo_bank
from tools.bank.importer import import_extract


def build_demo_frontline(home: Path, **settings: object) -> tuple[Frontline, dict]:
    fl = Frontline(make_settings(home, **settings), embedder=HashingEmbeddings())
    return fl, load_demo(fl, home / "demo")


def load_demo(fl: Frontline, extract: Path) -> dict:
    """Generate the demo extract into ``extract``, import it, ingest the bundled playbooks;
    returns the planted truth (``demo_truth.json``)."""
    generate_demo_bank(extract)
    import_extract(fl.sessions, extract)
    fl.after_import()
    fl.ingestor.progress = False
    fl.ingestor.ingest([default_playbook_dir()])
    return json.loads((extract / "demo_truth.json").read_text(encoding="utf-8"))
