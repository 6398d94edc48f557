"""Posted chat messages map back to their turn in the shared database: feedback that cites only
a message id (Teams' built-in buttons) works on whichever replica receives it."""

from __future__ import annotations

import pytest

from assistant.storage.conversations import ConversationStore
from assistant.storage.db import make_engine, make_sessionmaker
from assistant.storage.schema import upgrade
from tests.conftest import make_settings


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def replicas(request, tmp_path):
    """Two stores over one database, each with its own engine, as two replicas have."""
    url = request.getfixturevalue("fresh_pg_database") if request.param == "postgres" else None
    engines = [make_engine(make_settings(tmp_path / "home", database_url=url)) for _ in range(2)]
    upgrade(engines[0])
    yield [ConversationStore(make_sessionmaker(e)) for e in engines]
    for engine in engines:
        engine.dispose()


def _turn(store: ConversationStore, turn_id: str) -> None:
    store.append(
        conversation_id="teams:t1:a:1",
        rm_id="RM001",
        channel="teams",
        turn_id=turn_id,
        masked_question="⟦CLIENT_1⟧ 下一步怎么跟进？",
        masked_answer={"text": "…"},
        state={},
    )


def test_when_one_replica_posts_then_the_other_resolves_the_message(replicas) -> None:
    first, second = replicas
    _turn(first, "turn-1")
    first.link_replies("teams", ["stream-1", "msg-9", "stream-1"], "turn-1")
    assert second.turn_of_reply("teams", "msg-9") == ("teams:t1:a:1", "turn-1")
    assert second.turn_of_reply("teams", "stream-1") == ("teams:t1:a:1", "turn-1")
    assert second.turn_of_reply("slack", "msg-9") is None  # ids are per channel
    assert second.turn_of_reply("teams", "never-posted") is None


def test_when_an_id_is_linked_again_then_it_keeps_its_first_turn(replicas) -> None:
    first, second = replicas
    _turn(first, "turn-1")
    _turn(first, "turn-2")
    first.link_replies("teams", ["msg-1"], "turn-1")
    second.link_replies("teams", ["msg-1", "msg-2"], "turn-2")
    assert first.turn_of_reply("teams", "msg-1") == ("teams:t1:a:1", "turn-1")
    assert first.turn_of_reply("teams", "msg-2") == ("teams:t1:a:1", "turn-2")
