"""The offline engine's wording: every phrase in both languages, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from assistant.engines.offline.phrases import FINDING_LABELS, PHRASES


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(PHRASES))
def test_every_phrase_has_both_languages_with_the_same_placeholders(key: str) -> None:
    phrase = PHRASES[key]
    assert set(phrase) == {"zh", "en"} and phrase["zh"] and phrase["en"]
    assert fields(phrase["zh"]) == fields(phrase["en"])


def test_every_finding_label_has_both_languages() -> None:
    assert all(zh and en for zh, en in FINDING_LABELS.values())
