"""The Harbour bank (evals/banks/harbour) generated, imported and with ITS playbooks ingested —
the second, independent bank the golden set ``golden-harbour.jsonl`` runs against."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import ImportValidationError
from assistant.wiring import Frontline
from evals.banks.harbour import PLAYBOOKS
from evals.banks.harbour.generate import generate
from evals.banks.harbour.ids import is_valid_resident_id
from tools.bank.importer import import_extract

# What the importer says when it refuses a 身份证; see ``refuses_only_valid_resident_ids``.
RESIDENT_ID_REFUSAL = re.compile(
    r"resident ID \(身份证\) fails its GB 11643 checksum \('([0-9Xx]{18})'\)"
)


def load_harbour(fl: Frontline, extract: Path) -> dict:
    """Generate the Harbour extract into ``extract``, import it, ingest only its playbooks;
    returns the truth (``truth.json``)."""
    truth = generate(extract)
    import_extract(fl.sessions, extract)
    fl.after_import()
    fl.ingestor.progress = False
    fl.ingestor.ingest([PLAYBOOKS])
    return truth


def refuses_only_valid_resident_ids(error: ImportValidationError) -> bool:
    """True when every problem is the importer refusing a 身份证 that GB 11643 accepts (the
    importer's validator also demands that the county code existed in the birth year, which
    is not part of the standard and wrong for real people)."""
    for problem in error.problems:
        match = RESIDENT_ID_REFUSAL.search(problem)
        if match is None or not is_valid_resident_id(match.group(1)):
            return False
    return bool(error.problems)
