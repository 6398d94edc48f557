"""The demo bank, generated, imported and with the real playbooks ingested: the suite builds it
once per session (generation is deterministic) in a temp home with the hashing embedder; the
evaluation benchmark loads it the same way with the real model. ``warm_up`` runs one offline
turn so lazy loading (LAC, BM25, caches) is not counted or raced."""

from __future__ import annotations

import asyncio
import atexit
import json
import shutil
import tempfile
from functools import cache
from pathlib import Path

from assistant.core.types import Channel, Turn
from assistant.wiring import Frontline
from knowledge.ingest import default_playbook_dir
from testkit.embeddings import HashingEmbeddings
from testkit.settings import make_settings
from tools.bank.demo import generate_demo_bank
from tools.bank.importer import import_extract


@cache
def _generated_once() -> Path:
    """The default demo extract, generated once per process: generation is deterministic
    (the same seed writes the same bytes) and takes seconds, and a suite loads it dozens of
    times; each caller gets its own copy to import or change."""
    out = Path(tempfile.mkdtemp(prefix="frontline-demo-extract-"))
    atexit.register(shutil.rmtree, out, True)
    generate_demo_bank(out)
    return out


def demo_extract(out: Path) -> Path:
    """The default demo extract written into ``out`` (a copy of the one generated per process)."""
    shutil.copytree(_generated_once(), out, dirs_exist_ok=True)
    return out


def build_demo_frontline(home: Path, **settings: object) -> tuple[Frontline, dict]:
    fl = Frontline(make_settings(home, **settings), embedder=HashingEmbeddings())
    return fl, load_demo(fl, home / "demo")


def load_demo(fl: Frontline, extract: Path) -> dict:
    """Generate the demo extract into ``extract``, import it, ingest the bundled playbooks;
    returns the planted truth (``demo_truth.json``)."""
    demo_extract(extract)
    import_extract(fl.sessions, extract)
    fl.after_import()
    fl.ingestor.progress = False
    fl.ingestor.ingest([default_playbook_dir()])
    return json.loads((extract / "demo_truth.json").read_text(encoding="utf-8"))


def warm_up(fl: Frontline, channel: Channel = "api") -> None:
    """One offline turn about a client of RM001's (in both the demo bank and testkit's)."""
    question = "我该怎么服务华东精密机械有限公司？"
    turn = Turn(text=question, channel=channel, rm_id="RM001", engine="offline")
    asyncio.run(fl.core.answer(turn))
