"""The token vault: stable typed tokens, encryption at rest, expiry, scope isolation, keys."""

from __future__ import annotations

import base64
import stat
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from assistant.errors import ConfigError
from assistant.privacy.entities import Entity
from assistant.privacy.keys import VaultKeys, load_master_key
from assistant.privacy.vault import Vault
from tests.conftest import make_settings

SCOPE = {"rm_id": "RM001", "conversation_id": "conv-1"}


def test_when_same_value_twice_then_same_token(vault):
    first = vault.token_for("13812345678", Entity.PHONE, **SCOPE)
    again = vault.token_for("+86 138-1234-5678", Entity.PHONE, **SCOPE)
    assert first == again == "⟦PHONE_1⟧"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([("张三", Entity.PERSON), ("李四", Entity.PERSON)], ["⟦PERSON_1⟧", "⟦PERSON_2⟧"]),
        ([("张三", Entity.PERSON), ("13812345678", Entity.PHONE)], ["⟦PERSON_1⟧", "⟦PHONE_1⟧"]),
        ([("a@b.cn", Entity.EMAIL), ("A@B.CN", Entity.EMAIL)], ["⟦EMAIL_1⟧", "⟦EMAIL_1⟧"]),
    ],
)
def test_when_values_issued_then_numbered_per_type_in_conversation(vault, values, expected):
    assert [vault.token_for(v, kind, **SCOPE) for v, kind in values] == expected


def test_when_new_conversation_then_numbering_restarts(vault):
    vault.token_for("张三", Entity.PERSON, **SCOPE)
    assert (
        vault.token_for("李四", Entity.PERSON, rm_id="RM001", conversation_id="conv-2")
        == "⟦PERSON_1⟧"
    )


def test_when_token_resolved_in_its_scope_then_value_and_client_returned(vault):
    token = vault.token_for("张建国", Entity.CLIENT, client_id="C002", **SCOPE)
    record = vault.resolve(token, **SCOPE)
    assert (record.value, record.entity_type, record.client_id) == ("张建国", Entity.CLIENT, "C002")


@pytest.mark.parametrize(
    "other_scope",
    [
        {"rm_id": "RM002", "conversation_id": "conv-1"},
        {"rm_id": "RM001", "conversation_id": "conv-9"},
    ],
)
def test_when_token_resolved_from_another_scope_then_nothing(vault, other_scope):
    token = vault.token_for("张建国", Entity.CLIENT, client_id="C002", **SCOPE)
    assert vault.resolve(token, **other_scope) is None


def test_when_db_file_inspected_then_no_plaintext(vault, db):
    values = ["张建国", "13812345678", "110101199003074477", "zjg@example.com"]
    for value, kind in zip(
        values, [Entity.CLIENT, Entity.PHONE, Entity.ID, Entity.EMAIL], strict=True
    ):
        vault.token_for(value, kind, **SCOPE)
    raw = b"".join(p.read_bytes() for p in db[0].parent.glob("app.db*"))  # db, -wal, -journal
    for value in values:
        assert value.encode() not in raw
    assert b"PHONE_1" in raw  # the file was written


def test_when_row_moved_to_another_scope_then_it_does_not_decrypt(vault, db):
    token = vault.token_for("张建国", Entity.CLIENT, **SCOPE)
    with db[1]() as session, session.begin():
        session.execute(text("UPDATE vault_entries SET rm_id = 'RM002'"))
    fresh = Vault(db[1], VaultKeys.derive(bytes(range(32))))
    assert fresh.resolve(token, rm_id="RM002", conversation_id="conv-1") is None


def test_when_entry_expires_then_unresolvable_and_value_gets_new_token(db):
    now = [datetime(2026, 11, 1, tzinfo=UTC)]
    vault = Vault(
        db[1], VaultKeys.derive(bytes(range(32))), ttl=timedelta(days=30), clock=lambda: now[0]
    )
    token = vault.token_for("张三", Entity.PERSON, **SCOPE)
    now[0] += timedelta(days=31)
    assert vault.resolve(token, **SCOPE) is None
    assert vault.token_for("张三", Entity.PERSON, **SCOPE) == "⟦PERSON_2⟧"
    assert vault.purge_expired() == 1


def test_when_client_learnt_later_then_existing_token_gains_it(vault):
    token = vault.token_for("13812345678", Entity.PHONE, **SCOPE)
    assert vault.token_for("13812345678", Entity.PHONE, client_id="C002", **SCOPE) == token
    assert vault.resolve(token, **SCOPE).client_id == "C002"


def test_when_no_key_configured_then_key_file_created_private_and_reused(tmp_path):
    settings = make_settings(tmp_path / "home")
    key = load_master_key(settings)
    path = tmp_path / "home" / "vault.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) == 32 and load_master_key(settings) == key


def test_when_key_configured_then_it_is_used(tmp_path):
    encoded = base64.b64encode(b"k" * 32).decode()
    settings = make_settings(tmp_path / "home", vault_key=encoded)
    assert load_master_key(settings) == b"k" * 32
    assert not (tmp_path / "home" / "vault.key").exists()


@pytest.mark.parametrize("bad", ["not base64!!", base64.b64encode(b"short").decode()])
def test_when_key_malformed_then_config_error(tmp_path, bad):
    with pytest.raises(ConfigError):
        load_master_key(make_settings(tmp_path / "home", vault_key=bad))


async def test_when_serving_then_expired_entries_are_purged_after_warm_up(db):
    import asyncio
    from types import SimpleNamespace

    from integrations.server import purge_vault_periodically

    now = [datetime(2026, 1, 1, tzinfo=UTC)]
    vault = Vault(
        db[1], VaultKeys.derive(bytes(range(32))), ttl=timedelta(days=30), clock=lambda: now[0]
    )
    vault.token_for("张三", Entity.PERSON, **SCOPE)
    now[0] += timedelta(days=31)
    fl = SimpleNamespace(privacy=SimpleNamespace(vault=vault))
    warm_up = asyncio.get_running_loop().create_future()
    purge = asyncio.create_task(purge_vault_periodically(fl, 0.01, after=warm_up))
    await asyncio.sleep(0.05)
    assert _rows(db) == 1  # nothing touches the vault before the warm-up has built it
    warm_up.set_result(None)
    for _ in range(100):
        if _rows(db) == 0:
            break
        await asyncio.sleep(0.01)
    purge.cancel()
    assert _rows(db) == 0


def _rows(db) -> int:
    with db[1]() as session:
        return session.execute(text("SELECT count(*) FROM vault_entries")).scalar_one()
