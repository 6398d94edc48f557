"""``frontline data export-outcomes``: the RMs' done / not now as action_outcomes.csv for the
CRM, on SQLite and PostgreSQL — one row per outcome with the bank's reason code, a taken-back
outcome only when asked for, nothing before ``--since``, and a bad date refused plainly."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from tests.outcomes.conftest import Bank
from tests.outcomes.test_outcome_paths import keyed_items, toolbox
from tools.notes.export import OUTCOME_COLUMNS, OUTCOMES_FILE


def _export(bank: Bank, monkeypatch: pytest.MonkeyPatch, folder: Path, *args: str) -> list[dict]:
    monkeypatch.setattr("assistant.cli._frontline", lambda *a, **k: bank.fl)
    since = bank.clock.day.isoformat()
    result = CliRunner().invoke(
        app, ["data", "export-outcomes", "--since", since, str(folder), *args]
    )
    assert result.exit_code == 0, result.output
    with (folder / OUTCOMES_FILE).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_when_outcomes_are_exported_then_each_is_one_row_with_its_reason(
    bank: Bank, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first, second = keyed_items(bank)[:2]
    tb = toolbox(bank)
    tb.call("record_action_outcome", {"action_key": first.action_key, "outcome": "done"})
    tb.call(
        "record_action_outcome",
        {"action_key": second.action_key, "outcome": "not_now", "reason": "timing"},
    )
    tb.call("record_action_outcome", {"action_key": first.action_key, "outcome": "undo"})
    try:
        rows = _export(bank, monkeypatch, tmp_path)
        assert list(rows[0]) == OUTCOME_COLUMNS
        assert not [r for r in rows if r["action_key"] == first.action_key]  # taken back
        [row] = [r for r in rows if r["action_key"] == second.action_key]
        assert row["outcome_id"]
        assert (row["client_id"], row["rm_id"], row["outcome"], row["reason"]) == (
            second.client_id, "RM001", "not_now", "timing"
        )  # fmt: skip
        assert row["hide_until"] > row["day"] == bank.clock.day.isoformat()
        every = _export(bank, monkeypatch, tmp_path / "all", "--include-undone")
        undone = [r for r in every if r["action_key"] == first.action_key]
        assert undone and all(r["undone_at"] for r in undone)
    finally:
        tb.call("record_action_outcome", {"action_key": second.action_key, "outcome": "undo"})


def test_when_since_is_after_every_outcome_then_the_file_has_only_its_header(
    bank: Bank, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("assistant.cli._frontline", lambda *a, **k: bank.fl)
    tomorrow = (bank.clock.day + timedelta(days=1)).isoformat()
    result = CliRunner().invoke(app, ["data", "export-outcomes", "--since", tomorrow])
    assert result.exit_code == 0 and result.output.splitlines() == [",".join(OUTCOME_COLUMNS)]
    bad = CliRunner().invoke(app, ["data", "export-outcomes", "--since", "12/03/2026"])
    assert bad.exit_code != 0
