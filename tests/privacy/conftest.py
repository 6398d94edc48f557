"""Fixtures for the privacy tests: a small bank in SQLite, one analyzer per session (the
spaCy pipelines and LAC load once), a vault and a privacy layer per test."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from assistant.audit import AUDIT_TABLES
from assistant.privacy.analyzer import PiiAnalyzer
from assistant.privacy.dictionary import NameDictionary
from assistant.privacy.keys import VaultKeys
from assistant.privacy.masker import PrivacyLayer
from assistant.privacy.models import VaultEntry
from assistant.privacy.nlp import blank_nlp_engine
from assistant.privacy.recognizers.chinese_person import LacModel
from assistant.privacy.vault import Vault
from assistant.storage.db import Base, make_sessionmaker
from tools.bank.models import BANK_TABLES, RM, Client, Contact, Team
from tools.bank.repository import SqlBankRepository

TEST_KEY = bytes(range(32))
TEST_KEY_B64 = base64.b64encode(TEST_KEY).decode()

# Two RMs' books: RM001 owns C001/C002, RM002 owns C003 (a foreign client among them).
CLIENTS: list[tuple[str, str, str, str, str | None, str | None, str | None]] = [
    (
        "C001",
        "corporate",
        "上海华远软件科技有限公司",
        "RM001",
        "91310000MA1FL4XQ3A",
        "021-68881234",
        "contact@huayuan.com.cn",
    ),
    (
        "C002",
        "individual",
        "张建国",
        "RM001",
        "110101199003074477",
        "13812345678",
        "zjg@example.com",
    ),
    (
        "C003",
        "corporate",
        "Stephen Williams Trading Ltd",
        "RM002",
        None,
        "13900001111",
        "sw@example.org",
    ),
]
CONTACTS: list[tuple[str, str, str, str | None, str | None]] = [
    ("C001", "王晓明", "13611112222", "wxm@huayuan.com.cn", "11010519491231002X"),
    ("C003", "Stephen Williams", "+86 139 0000 2222", "stephen@example.org", None),
    ("C003", "欧阳娜娜", "13700003333", None, None),
]


def _bank_rows() -> list[object]:
    rows: list[object] = [Team(team_id="T1", branch="上海分行")]
    rows += [
        RM(rm_id=r, name=r, team_id="T1", branch="上海分行", role="rm") for r in ("RM001", "RM002")
    ]
    for cid, kind, name, rm, reg, phone, email in CLIENTS:
        rows.append(
            Client(
                client_id=cid,
                client_type=kind,
                name=name,
                rm_id=rm,
                branch="上海分行",
                onboard_date=date(2020, 1, 1),
                registration_id=reg,
                phone=phone,
                email=email,
            )
        )
    for cid, name, phone, email, id_number in CONTACTS:
        rows.append(
            Contact(
                client_id=cid,
                name=name,
                title="财务总监",
                phone=phone,
                email=email,
                id_number=id_number,
            )
        )
    return rows


def make_db(path: Path) -> tuple[Engine, sessionmaker[Session]]:
    engine = create_engine(f"sqlite:///{path}")
    tables: list[Any] = [t.__table__ for t in BANK_TABLES] + [VaultEntry.__table__, *AUDIT_TABLES]
    Base.metadata.create_all(engine, tables=tables)
    return engine, make_sessionmaker(engine)


@pytest.fixture(scope="session")
def bank_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, sessionmaker[Session]]:
    engine, factory = make_db(tmp_path_factory.mktemp("bank") / "bank.db")
    with factory() as session, session.begin():
        session.add_all(_bank_rows())
    return engine, factory


@pytest.fixture(scope="session")
def dictionary(bank_db: tuple[Engine, sessionmaker[Session]]) -> NameDictionary:
    return NameDictionary.from_repository(SqlBankRepository(bank_db[1]))


@pytest.fixture(scope="session")
def analyzer(tmp_path_factory: pytest.TempPathFactory, dictionary: NameDictionary) -> PiiAnalyzer:
    models = tmp_path_factory.mktemp("models")
    return PiiAnalyzer(blank_nlp_engine(models), dictionary, LacModel())


@pytest.fixture
def db(tmp_path: Path) -> Iterator[tuple[Path, sessionmaker[Session]]]:
    path = tmp_path / "app.db"
    engine, factory = make_db(path)
    yield path, factory
    engine.dispose()


@pytest.fixture
def vault(db: tuple[Path, sessionmaker[Session]]) -> Vault:
    return Vault(db[1], VaultKeys.derive(TEST_KEY))


@pytest.fixture
def layer(analyzer: PiiAnalyzer, vault: Vault, dictionary: NameDictionary) -> PrivacyLayer:
    return PrivacyLayer(analyzer, vault, dictionary)
