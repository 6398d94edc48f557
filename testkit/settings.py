"""Settings for a throw-away home."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings, load_settings


def make_settings(home: Path, **overrides: object) -> Settings:
    """Settings that ignore any .env in the working tree."""
    return load_settings(_env_file=None, home=home, **overrides)
