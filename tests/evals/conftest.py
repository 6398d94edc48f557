"""The two evaluation banks, each with its playbooks ingested by the real e5 model, built once
per session for the slow evaluation gates (golden and blind answers, retrieval quality): the
demo bank with the bundled playbooks, and the Harbour bank with its own."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.wiring import Frontline
from evals.banks.experience import DEMO, HARBOUR, Planting, plant
from evals.banks.harbour import (
    BANK_PROFILE,
    CONTACT_POLICY,
    NOTE_POLICY,
    PERFORMANCE_POLICY,
    REFERRAL_POLICY,
    SIGNAL_POLICY,
    TIERING_POLICY,
)
from evals.banks.harbour.generate import generate
from testkit.demo import demo_extract, load_demo
from tests.conftest import make_settings
from tests.support.harbour import load_harbour
from tools.bank.importer import import_extract

REPO = Path(__file__).resolve().parents[2]
CONVERTED = REPO / ".frontline" / "models" / "multilingual-e5-small"


def _seeded(home: Path) -> Path:
    """``home`` with the embedded intent and slot examples of the repository's models folder
    (the same model, the same text: the same cache file), so each bank's home does not embed
    the 2,300 examples again (about a minute each on two cores); a home without them embeds
    them on first use and leaves them there for the next."""
    (home / "models").mkdir(parents=True, exist_ok=True)
    for cached in CONVERTED.parent.glob("*-examples-*.npy"):
        shutil.copy2(cached, home / "models" / cached.name)
    return home


def _share(fl: Frontline) -> None:
    """Keep what ``fl`` embedded for the next home (and the next run)."""
    _ = fl.intent_examples, fl.slot_examples
    for cached in fl.settings.models_dir.glob("*-examples-*.npy"):
        if not (CONVERTED.parent / cached.name).exists():
            shutil.copy2(cached, CONVERTED.parent / cached.name)


@pytest.fixture(scope="session")
def demo_frontline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    home = _seeded(tmp_path_factory.mktemp("golden-home"))
    fl = Frontline(make_settings(home, embedding_model=_embedding_model()))
    _share(fl)
    load_demo(fl, home / "demo")
    yield fl
    fl.close()


def _copied_home(shared: Frontline, home: Path) -> Path:
    """``home`` with ``shared``'s ingested playbooks (the store's files copied, nothing
    re-embedded) and its embedded intent and slot examples: a writable bank of its own costs an
    import, not an ingest."""
    shutil.copytree(shared.settings.chroma_path, home / "chroma")
    _ = shared.intent_examples, shared.slot_examples  # cached in its home
    shutil.copytree(shared.settings.models_dir, home / "models")
    return home


def _writable(
    settings: Settings, extract: Path, write: Callable[[Path], object], planting: Planting | None
) -> Frontline:
    """A bank of its own: the extract written afresh (and planted), imported."""
    fl = Frontline(settings)
    write(extract)
    if planting is not None:
        plant(extract, planting)
    import_extract(fl.sessions, extract)
    fl.after_import()
    return fl


def _writable_demo(shared: Frontline, home: Path, planting: Planting | None = None) -> Frontline:
    settings = make_settings(_copied_home(shared, home), embedding_model=_embedding_model())
    return _writable(settings, home / "demo", demo_extract, planting)


def _writable_harbour(shared: Frontline, home: Path, planting: Planting | None = None) -> Frontline:
    return _writable(
        _harbour_settings(_copied_home(shared, home)), home / "harbour", generate, planting
    )


@pytest.fixture
def writable_demo_frontline(
    demo_frontline: Frontline, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Frontline]:
    """A demo bank of its own for a set that writes (notes saved, actions marked): the same
    ingested playbooks, a fresh extract, so what one set records never changes what another set
    finds, whatever their order."""
    fl = _writable_demo(demo_frontline, tmp_path_factory.mktemp("writable-demo-home"))
    yield fl
    fl.close()


@pytest.fixture
def writable_harbour_frontline(
    harbour_frontline: Frontline, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Frontline]:
    """The Harbour bank of its own for a set that writes, as ``writable_demo_frontline``."""
    fl = _writable_harbour(harbour_frontline, tmp_path_factory.mktemp("writable-harbour-home"))
    yield fl
    fl.close()


@pytest.fixture
def experience_demo_frontline(
    demo_frontline: Frontline, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Frontline]:
    """A demo bank of its own with the client's experience planted (``evals.banks.experience``:
    complaints, surveys, watch-list ratings), for the sets that ask about them."""
    fl = _writable_demo(demo_frontline, tmp_path_factory.mktemp("experience-demo-home"), DEMO)
    yield fl
    fl.close()


@pytest.fixture
def experience_harbour_frontline(
    harbour_frontline: Frontline, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Frontline]:
    """The Harbour bank of its own with its own experience planted, as above."""
    home = tmp_path_factory.mktemp("experience-harbour-home")
    fl = _writable_harbour(harbour_frontline, home, HARBOUR)
    yield fl
    fl.close()


@pytest.fixture(scope="session")
def harbour_frontline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    home = _seeded(tmp_path_factory.mktemp("harbour-home"))
    fl = Frontline(_harbour_settings(home))
    load_harbour(fl, home / "harbour")
    yield fl
    fl.close()


def _harbour_settings(home: Path) -> Settings:
    return make_settings(
        home,
        embedding_model=_embedding_model(),
        bank_profile=BANK_PROFILE,
        tiering_policy=TIERING_POLICY,
        signal_policy=SIGNAL_POLICY,
        performance_policy=PERFORMANCE_POLICY,
        contact_policy=CONTACT_POLICY,
        note_policy=NOTE_POLICY,
        referral_policy=REFERRAL_POLICY,
    )


def _embedding_model() -> Path:
    """The converted e5 model of the repository's cache, converted once if it is not there."""
    from knowledge.embeddings import ensure_model

    if (CONVERTED / ".frontline-converted").exists():
        return CONVERTED
    return ensure_model(make_settings(REPO / ".frontline"))
