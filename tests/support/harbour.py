"""The Harbour bank (evals/banks/harbour) generated, imported and with ITS playbooks ingested —
the second, independent bank the golden set ``golden-harbour.jsonl`` runs against."""

from __future__ import annotations

from pathlib import Path

from assistant.wiring import Frontline
from evals.banks.harbour import PLAYBOOKS
from evals.banks.harbour.generate import generate
from tools.bank.importer import import_extract


def load_harbour(fl: Frontline, extract: Path) -> dict:
    """Generate the Harbour extract into ``extract``, import it, ingest only its playbooks;
    returns the truth (``truth.json``)."""
    truth = generate(extract)
    import_extract(fl.sessions, extract)
    fl.after_import()
    fl.ingestor.progress = False
    fl.ingestor.ingest([PLAYBOOKS])
    return truth
