"""A bank's note policy is read before `serve` takes requests: a broken file stops it with one
line naming the file, not the first RM who says "记一下"."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.wiring import Frontline
from integrations.server import build_app
from testkit.embeddings import HashingEmbeddings
from testkit.settings import make_settings

BUNDLED = Path(__file__).resolve().parents[2] / "tools" / "policy" / "notes.yaml"


def test_when_the_note_policy_is_broken_then_serve_stops_before_taking_requests(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "notes.yaml"
    text = BUNDLED.read_text(encoding="utf-8")
    bad.write_text(text.replace("triggers:", "triggerz:", 1), encoding="utf-8")
    fl = Frontline(make_settings(tmp_path / "home", note_policy=bad), embedder=HashingEmbeddings())
    try:
        with pytest.raises(ConfigError, match="notes.yaml"):
            build_app(fl)
    finally:
        fl.close()


def test_when_the_note_policy_is_sound_then_serve_builds(tmp_path: Path) -> None:
    fl = Frontline(make_settings(tmp_path / "home"), embedder=HashingEmbeddings())
    try:
        assert build_app(fl) is not None
    finally:
        fl.close()
