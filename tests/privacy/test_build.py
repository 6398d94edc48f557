"""``build_privacy_layer``: offline wiring from settings, blank pipelines saved once."""

from __future__ import annotations

from sqlalchemy import create_engine

from assistant.privacy import PrivacyLayer, build_privacy_layer
from assistant.privacy.entities import Entity
from assistant.privacy.models import VaultEntry
from assistant.storage.db import Base, make_sessionmaker
from tests.conftest import make_settings
from tools.bank.repository import SqlBankRepository


def test_when_built_from_settings_then_pipelines_saved_and_dictionary_loaded(tmp_path, bank_db):
    settings = make_settings(tmp_path / "home")
    layer = build_privacy_layer(settings, bank_db[1])
    assert isinstance(layer, PrivacyLayer)
    for lang in ("zh", "en"):
        assert (settings.home / "models" / f"spacy-blank-{lang}" / "config.cfg").exists()
    assert layer.dictionary.owners_of_name("张建国") == {"C002"}


def test_when_bank_not_loaded_yet_then_empty_dictionary_and_refresh_fills_it(tmp_path, bank_db):
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    Base.metadata.create_all(engine, tables=[VaultEntry.__table__])
    layer = build_privacy_layer(make_settings(tmp_path / "home"), make_sessionmaker(engine))
    assert len(layer.dictionary) == 0
    layer.refresh_dictionary(SqlBankRepository(bank_db[1]))
    masked = layer.mask("张建国来电", rm_id="RM001", conversation_id="c")
    assert [(e.entity_type, e.client_id) for e in masked.entities] == [(Entity.CLIENT, "C002")]
