"""Tokens issued in one vault transaction are the tokens issued one call at a time: the same
numbers, the same client ties, the same masked texts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from assistant.privacy.entities import Entity
from assistant.privacy.keys import VaultKeys
from assistant.privacy.masker import PrivacyLayer
from assistant.privacy.models import VaultEntry
from assistant.privacy.vault import Vault
from assistant.storage.db import Base, make_sessionmaker
from tests.conftest import throwaway_database
from tests.privacy.conftest import TEST_KEY, make_db

SCOPE = {"rm_id": "RM001", "conversation_id": "conv-1"}
ITEMS = [
    ("张建国", Entity.CLIENT, None),
    ("13812345678", Entity.PHONE, None),
    ("张建国", Entity.CLIENT, "C002"),  # the same name, its client learnt later
    ("上海华远软件科技有限公司", Entity.CLIENT, "C001"),
    ("+86 138-1234-5678", Entity.PHONE, None),
]
NOTES = [
    "与张建国电话沟通，手机 13812345678",
    "上海华远软件科技有限公司财务来访",
    "张建国确认续存，回电 13812345678",
    "无",
]


def records(vault: Vault, tokens: list[str]) -> list[tuple]:
    found = vault.resolve_many(tokens, **SCOPE)
    return [(t, found[t].value, found[t].client_id) for t in tokens]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def two_vaults(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Vault, Vault]]:
    """Two empty vaults in two databases, one for each way of issuing."""
    keys = VaultKeys.derive(TEST_KEY)
    if request.param == "postgres":
        databases = [throwaway_database() for _ in range(2)]
        engines = [
            create_engine(next(db).replace("postgresql://", "postgresql+psycopg://"))
            for db in databases
        ]
        for engine in engines:
            Base.metadata.create_all(engine, tables=[VaultEntry.__table__])  # type: ignore[list-item]
    else:
        databases = []
        engines = [make_db(tmp_path / f"{n}.db")[0] for n in ("one", "batched")]
    yield Vault(make_sessionmaker(engines[0]), keys), Vault(make_sessionmaker(engines[1]), keys)
    for engine in engines:
        engine.dispose()
    for db in databases:
        next(db, None)  # drops it


def test_when_tokens_are_issued_in_one_batch_then_they_are_those_issued_one_by_one(two_vaults):
    one_by_one, batched = two_vaults
    singles = [one_by_one.token_for(v, k, client_id=c, **SCOPE) for v, k, c in ITEMS]
    together = batched.tokens_for(ITEMS, **SCOPE)
    assert (
        together == singles == ["⟦CLIENT_1⟧", "⟦PHONE_1⟧", "⟦CLIENT_1⟧", "⟦CLIENT_2⟧", "⟦PHONE_1⟧"]
    )
    fresh = [Vault(v._sessions, VaultKeys.derive(TEST_KEY)) for v in two_vaults]  # no cache
    assert records(fresh[1], together) == records(fresh[0], singles)
    assert records(fresh[1], ["⟦CLIENT_1⟧"])[0][2] == "C002"


def test_when_notes_are_masked_together_then_each_reads_as_masked_alone(
    analyzer, dictionary, two_vaults
):
    one_by_one, batched = two_vaults
    alone = PrivacyLayer(analyzer, one_by_one, dictionary)
    together = PrivacyLayer(analyzer, batched, dictionary)
    expected = [alone.mask(n, **SCOPE) for n in NOTES]
    assert together.mask_many(NOTES, **SCOPE) == expected
    assert "⟦PHONE_1⟧" in expected[2].text and "13812345678" not in expected[2].text
