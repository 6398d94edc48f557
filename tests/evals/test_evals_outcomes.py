"""The action-outcome golden set (zh and en: done and not now by ordinal and by client, a
reason outside the bank's policy asked back, undo, another book's client and a team lead
refused, a question that is no mark) on the offline engine stays above the evals/floors.yaml
floors that apply to it; so do the referral sets (公私联动: consent asked first, the referral
made, another book's client and an admin refused, the receiver and their lead see it), and the
client-experience sets on banks with complaints, surveys and watch-list ratings planted.

Slow like the golden set: the full demo bank, the real embedding model, the real core. It runs
on a demo bank of its own: what other sets record (a saved note closes a signal) changes
nothing here. The same set of cases is written for the Harbour bank (its clients, its staff
ids, its playbooks' citations) and held to the same floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.wiring import Frontline
from evals.compare import breaches, floors_for_a_partial_set, load_floors
from evals.runner import load_dataset, run_eval

DATASETS = Path(__file__).resolve().parents[2] / "evals" / "datasets"
OUTCOMES = DATASETS / "golden-outcomes.jsonl"
HARBOUR_OUTCOMES = DATASETS / "golden-outcomes-harbour.jsonl"
# Referrals write too (consent asked, referral made, the receiver's list): run on the same bank
# after the outcome set — neither reads what the other writes.
REFERRALS = DATASETS / "golden-referrals.jsonl"
HARBOUR_REFERRALS = DATASETS / "golden-referrals-harbour.jsonl"


# The client's experience (#18): complaints, surveys and watch-list ratings planted in a bank of
# its own (``evals.banks.experience``); marketing held back while a complaint is open or the client
# is watched, a complaint reply written, the book asked for them, a team lead's measures.
EXPERIENCE = DATASETS / "golden-experience.jsonl"
HARBOUR_EXPERIENCE = DATASETS / "golden-experience-harbour.jsonl"


def _held(fl: Frontline, dataset: Path, out: Path) -> None:
    summary = run_eval(fl, dataset, out, engine="offline", progress=False)
    assert summary.metrics["cases"] >= 10
    assert not summary.warnings
    floors = floors_for_a_partial_set(summary.metrics, load_floors())
    assert breaches(summary.metrics, floors) == [], (out / "report.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_outcome_set_on_the_offline_engine_stays_above_the_floors(
    writable_demo_frontline: Frontline, tmp_path: Path
) -> None:
    _held(writable_demo_frontline, OUTCOMES, tmp_path / "out")
    assert writable_demo_frontline.bank.outcomes_for(rm_ids=["RM001"]) == []  # all taken back
    _held(writable_demo_frontline, REFERRALS, tmp_path / "referrals")
    assert len(writable_demo_frontline.referrals.store.sent_by("RM002")) == 2  # consent first


@pytest.mark.slow
def test_harbour_outcome_set_stays_above_the_same_floors(
    writable_harbour_frontline: Frontline, tmp_path: Path
) -> None:
    fl = writable_harbour_frontline
    _held(fl, HARBOUR_OUTCOMES, tmp_path / "out")
    rm_ids = sorted({c.as_rm for c in load_dataset(HARBOUR_OUTCOMES).cases})
    assert fl.bank.outcomes_for(rm_ids=rm_ids) == []  # all taken back
    _held(fl, HARBOUR_REFERRALS, tmp_path / "referrals")
    assert len(fl.referrals.store.sent_by("E20452")) == 2


@pytest.mark.slow
def test_experience_set_stays_above_the_floors_on_a_planted_demo_bank(
    experience_demo_frontline: Frontline, tmp_path: Path
) -> None:
    _held(experience_demo_frontline, EXPERIENCE, tmp_path / "out")


@pytest.mark.slow
def test_harbour_experience_set_stays_above_the_same_floors(
    experience_harbour_frontline: Frontline, tmp_path: Path
) -> None:
    _held(experience_harbour_frontline, HARBOUR_EXPERIENCE, tmp_path / "out")
