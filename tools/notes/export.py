"""What was captured in chat, for the CRM to pull (DESIGN §4.3).

Captured notes go out in the import format's ``interactions.csv``; the structured parts and the
``note_id`` ride along as extra columns, which the import keeps as attributes: an extract that
carries the file back counts each note once. Action outcomes ("done", "not now" with the
bank's reason code) go out as ``action_outcomes.csv``, one row per outcome, its id first.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from tools.bank.records import ActionOutcome, CapturedNote

REQUIRED = ["client_id", "date", "rm_id", "channel", "summary"]
EXTRA = ["note_id", "contact", "client_said", "next_step", "due_date", "captured_at"]
COLUMNS = REQUIRED + EXTRA
OUTCOME_COLUMNS = [
    "outcome_id", "client_id", "rm_id", "day", "action_key", "kind", "period", "outcome",
    "reason", "note", "hide_until", "channel", "recorded_at", "undone_at",
]  # fmt: skip
OUTCOMES_FILE = "action_outcomes.csv"


def write_rows(records: Sequence[object], columns: Sequence[str], out: TextIO) -> int:
    """Write ``records`` (their attributes named by ``columns``) as CSV; returns how many."""
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({c: _cell(getattr(record, c)) for c in columns})
    return len(records)


def export_rows(
    records: Sequence[object], columns: Sequence[str], target: Path, filename: str
) -> Path:
    """Write to ``target``: a file (``….csv``), or ``filename`` inside a folder (made when it
    does not exist yet)."""
    folder = target.is_dir() or (not target.exists() and target.suffix.lower() != ".csv")
    path = target / filename if folder else target
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        write_rows(records, columns, fh)
    return path


def write_notes(notes: Sequence[CapturedNote], out: TextIO) -> int:
    """Write ``notes`` as interactions.csv rows; returns how many."""
    return write_rows(notes, COLUMNS, out)


def export_notes(notes: Sequence[CapturedNote], target: Path) -> Path:
    """Write to ``target``: a file, or ``interactions.csv`` inside a folder."""
    return export_rows(notes, COLUMNS, target, "interactions.csv")


def write_outcomes(outcomes: Sequence[ActionOutcome], out: TextIO) -> int:
    return write_rows(outcomes, OUTCOME_COLUMNS, out)


def export_outcomes(outcomes: Sequence[ActionOutcome], target: Path) -> Path:
    return export_rows(outcomes, OUTCOME_COLUMNS, target, OUTCOMES_FILE)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat(timespec="seconds") if hasattr(value, "hour") else value.isoformat()  # type: ignore[call-arg]
    return str(value)
