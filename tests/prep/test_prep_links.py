"""Prep download ids: bound to the RM they were issued to, unforgeable, expiring."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from assistant.prep.links import PrepLinks

KEY = bytes(range(32))


def test_when_the_issuing_rm_opens_the_id_then_it_names_the_client_and_language() -> None:
    links = PrepLinks(KEY)
    doc_id, _ = links.seal("RM001", "C1", "en", 14)
    ref = links.open("RM001", doc_id)
    assert ref is not None and (ref.client_id, ref.language) == ("C1", "en")
    assert "C1" not in doc_id  # the client id is not readable in the URL


def test_when_another_rm_or_another_key_opens_the_id_then_nothing_opens() -> None:
    doc_id, _ = PrepLinks(KEY).seal("RM001", "C1", "zh", 14)
    assert PrepLinks(KEY).open("RM002", doc_id) is None
    assert PrepLinks(bytes(32)).open("RM001", doc_id) is None


def test_when_the_id_is_tampered_or_malformed_then_nothing_opens() -> None:
    links = PrepLinks(KEY)
    doc_id, _ = links.seal("RM001", "C1", "zh", 14)
    flipped = doc_id[:-2] + ("A" if doc_id[-2] != "A" else "B") + doc_id[-1]
    for bad in (flipped, doc_id[:-4], "", "../../etc/passwd", "x" * 400, "a.b"):
        assert links.open("RM001", bad) is None


def test_when_the_id_has_expired_then_nothing_opens() -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    issued = PrepLinks(KEY, clock=lambda: now)
    doc_id, expires = issued.seal("RM001", "C1", "zh", 14)
    assert expires == now + timedelta(days=14)
    later = PrepLinks(KEY, clock=lambda: now + timedelta(days=15))
    assert later.open("RM001", doc_id) is None


def test_ids_are_unguessable_each_issue_differs() -> None:
    links = PrepLinks(KEY)
    assert links.seal("RM001", "C1", "zh", 14)[0] != links.seal("RM001", "C1", "zh", 14)[0]
