"""Tokens issued in one vault transaction are the tokens issued one call at a time: the same
numbers, the same client ties, the same masked texts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.privacy.entities import Entity
from assistant.privacy.keys import VaultKeys
from assistant.privacy.masker import PrivacyLayer
from assistant.privacy.vault import Vault
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


@pytest.fixture
def two_vaults(db: tuple, tmp_path: Path) -> Iterator[tuple[Vault, Vault]]:
    """Two empty vaults (two databases), one for each way of issuing."""
    engine, other = make_db(tmp_path / "other.db")
    keys = VaultKeys.derive(TEST_KEY)
    yield Vault(db[1], keys), Vault(other, keys)
    engine.dispose()


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
