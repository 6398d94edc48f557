"""Captured notes in the import format's ``interactions.csv`` (DESIGN §4.3), for the CRM to
pull. The structured parts and the ``note_id`` ride along as extra columns, which the import
keeps as attributes: an extract that carries the file back counts each note once."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from tools.bank.records import CapturedNote

REQUIRED = ["client_id", "date", "rm_id", "channel", "summary"]
EXTRA = ["note_id", "contact", "client_said", "next_step", "due_date", "captured_at"]
COLUMNS = REQUIRED + EXTRA


def write_notes(notes: Sequence[CapturedNote], out: TextIO) -> int:
    """Write ``notes`` as interactions.csv rows; returns how many."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for note in notes:
        writer.writerow({c: _cell(getattr(note, c)) for c in COLUMNS})
    return len(notes)


def export_notes(notes: Sequence[CapturedNote], target: Path) -> Path:
    """Write to ``target``: a file, or ``interactions.csv`` inside a folder."""
    path = target / "interactions.csv" if target.is_dir() else target
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        write_notes(notes, fh)
    return path


def _cell(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat(timespec="seconds") if hasattr(value, "hour") else value.isoformat()  # type: ignore[call-arg]
    return str(value)
