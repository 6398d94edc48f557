"""Settings for a throw-away home."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings, load_settings


def make_settings(home: Path, **overrides: object) -> Settings:
    """Settings that ignore any .env in the working tree, counting from the extract's as-of
    date (FRONTLINE_TODAY=extract) so a test reads the same on any day; a test of the clock
    passes ``today=None``."""
    return load_settings(_env_file=None, home=home, **({"today": "extract"} | overrides))
