"""An example file may include more files (the questions RMs asked, grown per bank): they are
appended per intent and language, validated like the file itself, and a line under two
intents across the files is an error that names it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.engines.offline.examples import INTENTS, load_intent_examples
from assistant.errors import ConfigError


def _base(include: list[str]) -> dict:
    return {
        "version": "2026-12",
        "include": include,
        "intents": {
            i: {"zh": [f"{i} 问法{n}" for n in range(5)], "en": [f"{i} ask {n}" for n in range(5)]}
            for i in INTENTS
        },
    }


def _write(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_included_lines_are_appended_after_the_files_own(tmp_path: Path) -> None:
    _write(
        tmp_path / "asked.yaml",
        {"intents": {"book_query": {"zh": ["谁的存单下月到期", "book_query 问法1"]}}},
    )
    path = _write(tmp_path / "intents.yaml", _base(["asked.yaml"]))
    examples = load_intent_examples(path)
    assert examples.intents["book_query"].zh[-1] == "谁的存单下月到期"
    assert examples.intents["book_query"].zh.count("book_query 问法1") == 1  # not twice
    assert examples.intents["book_query"].en == [f"book_query ask {n}" for n in range(5)]
    alone = load_intent_examples(path, includes=False)
    assert "谁的存单下月到期" not in alone.intents["book_query"].zh


@pytest.mark.parametrize(
    ("included", "message"),
    [
        (None, "include: no file"),
        ({"intents": {"chit_chat": {"zh": ["嗨"]}}}, "unknown intent 'chit_chat'"),
        ({"intents": {"help": {"zh": [" "]}}}, "example 1 is empty"),
        ({"intents": {"help": {"fr": ["aide"]}}}, "intents.help.fr"),
        (
            {"intents": {"out_of_scope": {"en": ["help ask 2"]}}},
            "listed under both 'help' and 'out_of_scope'",
        ),
    ],
)
def test_a_bad_included_file_is_named_with_its_problem(
    tmp_path: Path, included: dict | None, message: str
) -> None:
    if included is not None:
        _write(tmp_path / "asked.yaml", included)
    path = _write(tmp_path / "intents.yaml", _base(["asked.yaml"]))
    with pytest.raises(ConfigError) as err:
        load_intent_examples(path)
    assert message in str(err.value)
    assert str(tmp_path) in str(err.value)
    assert "\n" not in str(err.value)


def test_the_bundled_file_includes_the_questions_rms_asked() -> None:
    alone = load_intent_examples(includes=False)
    grown = load_intent_examples()
    assert len(grown.labelled()) > 3 * len(alone.labelled())
    for intent in INTENTS:  # every intent gained, both banks' questions in
        assert len(grown.intents[intent].zh) >= len(alone.intents[intent].zh)
    lines = [text for _, text in grown.labelled()]
    assert any("⟦STAFF⟧" in line for line in lines)
