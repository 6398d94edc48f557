"""Book-query slots by example: the bank's measure examples are validated with a clear message,
and a ranking whose measure the rules cannot name takes the one its nearest examples agree on —
never when they disagree or are far."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
import yaml

from assistant.engines.offline.book_parse import parse
from assistant.engines.offline.slot_examples import (
    FLOOR,
    SlotClassifier,
    load_slot_examples,
)
from assistant.errors import ConfigError

AS_OF = date(2026, 10, 15)


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "book_slots.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _section(tag: str) -> dict:
    return {"zh": [f"{tag} 问法{n}" for n in range(3)], "en": [f"{tag} ask {n}" for n in range(3)]}


def test_the_bundled_examples_name_known_measures_in_both_languages() -> None:
    examples = load_slot_examples()
    assert {"loan", "deposit", "value", "days_to_maturity"} <= set(examples.measures)
    assert all(s.zh and s.en for s in examples.measures.values())


@pytest.mark.parametrize(
    ("measures", "words"),
    [
        ({"loans_total": _section("x")}, "unknown measure 'loans_total'"),
        ({"loan": {"zh": ["借钱最多"], "en": ["a", "b", "c"]}}, "measures.loan.zh"),
        ({"loan": _section("same"), "deposit": _section("same")}, "listed under both"),
    ],
)
def test_when_the_file_is_wrong_then_the_error_names_the_problem(
    tmp_path: Path, measures: dict, words: str
) -> None:
    path = _write(tmp_path, {"version": "t", "measures": measures})
    with pytest.raises(ConfigError, match=words):
        load_slot_examples(path)


def test_doctor_reports_the_slot_file_and_names_a_bad_one(tmp_path: Path) -> None:
    from assistant.doctor import _slot_examples
    from assistant.wiring import Frontline
    from testkit.embeddings import HashingEmbeddings
    from testkit.settings import make_settings

    fl = Frontline(make_settings(tmp_path / "ok"), embedder=HashingEmbeddings())
    assert "measures from bundled tools/policy/book_slots.yaml" in _slot_examples(fl)
    bad = _write(tmp_path, {"version": "t", "measures": {"size": _section("x")}})
    settings = make_settings(tmp_path / "bad", book_slot_examples=bad)
    with pytest.raises(ConfigError, match="unknown measure 'size'"):
        _slot_examples(Frontline(settings, embedder=HashingEmbeddings()))


def _classifier(tmp_path: Path) -> SlotClassifier:
    path = _write(
        tmp_path, {"version": "t", "measures": {"loan": _section("l"), "deposit": _section("d")}}
    )
    examples = load_slot_examples(path)
    # Loan examples along axis 0, deposit examples along axis 1.
    labels = [measure for measure, _ in examples.labelled()]
    vectors = np.zeros((len(labels), 3), dtype=np.float32)
    for row, measure in enumerate(labels):
        vectors[row, 0 if measure == "loan" else 1] = 1.0
    return SlotClassifier(examples, vectors)


def test_when_the_nearest_examples_agree_then_they_name_the_measure(tmp_path: Path) -> None:
    assert _classifier(tmp_path).measure(np.array([1.0, 0.0, 0.0])) == "loan"


@pytest.mark.parametrize(
    "vector",
    [
        [0.0, 0.0, 1.0],  # near no example: the rules' default stands
        [0.7071, 0.7071, 0.0],  # as near one measure as the other: no guess
    ],
)
def test_when_the_examples_are_far_or_split_then_no_measure(tmp_path: Path, vector) -> None:
    clf = _classifier(tmp_path)
    assert clf.measure(np.array(vector, dtype=np.float32)) is None
    assert FLOOR > 0.7071  # the split case is below the floor as well as without a margin


@pytest.mark.parametrize(
    ("text", "unnamed"),
    [
        ("who owes us the most", True),
        ("钱跑得最多的三家", True),  # "跑" is no measure word the rules know
        ("前5大客户", True),
        ("top 3 by loans", False),
        ("存款最多的5个客户", False),
        ("30天没联系的客户", False),
        ("我的战略客户有哪些", False),  # no ranking asked
    ],
)
def test_a_ranking_without_a_measure_word_is_marked_for_the_examples(text, unnamed) -> None:
    assert parse(text, AS_OF).measure_unnamed is unnamed


@pytest.fixture(scope="module")
def bundled() -> tuple[SlotClassifier, object]:
    from knowledge.embeddings import (
        SentenceTransformerEmbedder,
        ensure_model,
        open_sentence_transformer,
    )
    from testkit.settings import make_settings

    folder = ensure_model(make_settings(Path(__file__).resolve().parents[2] / ".frontline"))
    embedder = SentenceTransformerEmbedder(open_sentence_transformer(folder), folder.name)
    return SlotClassifier.fit(load_slot_examples(), embedder), embedder


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("who owes us the most", "loan"),
        ("钱跑得最多的三家", "deposit_outflow"),
        ("哪几家用信最多", "loan"),
        ("最有钱的个人客户", "aum"),
        ("哪些客户最久没去拜访", "days_since_contact"),
        ("前三条规定是什么", None),  # a ranking of rules, not of clients: no measure
        ("给我前三名", None),  # names nothing: the rules' default stands
    ],
)
def test_the_examples_name_measures_in_words_they_have_not_seen(bundled, question, measure):
    classifier, embedder = bundled
    vector = embedder.embed_queries([question])[0]
    assert classifier.measure(vector) == measure, classifier.scores(vector)[:3]
