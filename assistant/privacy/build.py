"""Building the privacy layer from settings and the application database."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from assistant.config import Settings
from assistant.privacy.analyzer import PiiAnalyzer
from assistant.privacy.dictionary import NameDictionary
from assistant.privacy.keys import VaultKeys, load_master_key
from assistant.privacy.masker import PrivacyLayer
from assistant.privacy.nlp import blank_nlp_engine
from assistant.privacy.recognizers.chinese_person import LacModel
from assistant.privacy.vault import DEFAULT_TTL, Vault
from tools.bank.repository import BankRepository, SqlBankRepository

log = logging.getLogger("assistant.privacy")


def build_privacy_layer(
    settings: Settings,
    session_factory: sessionmaker[Session],
    bank: BankRepository | None = None,
    *,
    ttl: timedelta = DEFAULT_TTL,
) -> PrivacyLayer:
    """Wire analyzer, vault and name dictionary from settings, the application database (the
    vault) and the bank repository (names; by default the imported extract in that database)."""
    keys = VaultKeys.derive(load_master_key(settings))
    dictionary = _load_dictionary(bank or SqlBankRepository(session_factory))
    analyzer = PiiAnalyzer(blank_nlp_engine(settings.models_dir), dictionary, LacModel())
    vault = Vault(session_factory, keys, ttl=ttl)
    return PrivacyLayer(analyzer, vault, dictionary, link_hosts=settings.link_hosts)


def _load_dictionary(bank: BankRepository) -> NameDictionary:
    try:
        return NameDictionary.from_repository(bank)
    except SQLAlchemyError:
        # No bank loaded yet (fresh database): start empty; refresh_dictionary after import.
        log.warning("bank tables not readable; the name dictionary starts empty")
        return NameDictionary()
