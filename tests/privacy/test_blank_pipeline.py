"""The blank spaCy pipelines Presidio loads are written on first use into the home's models
folder; several processes starting at once on a fresh home (an evaluation's two streams, a
server's workers) must all end with one whole pipeline and no leftovers."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import spacy

from assistant.privacy.nlp import blank_pipeline_dir


def _write(models_dir: str) -> str:
    return str(blank_pipeline_dir(Path(models_dir), "zh"))


def test_when_processes_start_together_on_a_fresh_home_then_each_gets_the_whole_pipeline(
    tmp_path: Path,
) -> None:
    models = tmp_path / "models"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        targets = pool.map(_write, [str(models)] * 8)
    assert set(targets) == {str(models / "spacy-blank-zh")}
    assert sorted(p.name for p in models.iterdir()) == ["spacy-blank-zh"]  # no writer's copy left
    assert spacy.load(targets[0]).lang == "zh"


def test_when_the_pipeline_is_there_then_it_is_used_as_it_is(tmp_path: Path) -> None:
    target = blank_pipeline_dir(tmp_path, "en")
    stamp = (target / "config.cfg").stat().st_mtime_ns
    assert blank_pipeline_dir(tmp_path, "en") == target
    assert (target / "config.cfg").stat().st_mtime_ns == stamp
