"""One turn through the whole core, as a channel would send it: the helper whole-turn tests share."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable, Iterator

from assistant.core.types import Answer, Turn
from assistant.wiring import Frontline
from tools.bank.records import ClientData
from tools.entitlement import resolve_caller


def ask(fl: Frontline, text: str, rm: str, conversation: str | None = None) -> Answer:
    turn = Turn(text=text, channel="cli", rm_id=rm, conversation_id=conversation)
    return asyncio.run(fl.core.answer(turn))


def plain_rms(fl: Frontline) -> list[str]:
    """The bank's RMs who are neither team leads nor admins: the askers of most whole-turn tests."""
    return [r.rm_id for r in fl.bank.all_rms() if r.role == "rm"]


def retail_clients_sharing(
    fl: Frontline, key: Callable[[str], str | None], roles: tuple[str, ...] = ("rm",)
) -> Iterator[tuple[str, str, dict[str, str]]]:
    """Askers of ``roles`` with the retail clients within their reach grouped by ``key`` of the
    name (a surname, its pinyin): each asker, a key two to five clients share, and those
    clients by name. The whole-turn tests read their clients from each bank's own data."""
    for rm in fl.bank.all_rms():
        if rm.role not in roles:
            continue
        reach = sorted(resolve_caller(fl.bank, rm.rm_id).client_ids)
        grouped: dict[str, dict[str, str]] = defaultdict(dict)
        for c in fl.bank.get_clients(reach):
            if c.client_type == "retail" and (k := key(c.name)):
                grouped[k][c.name] = c.client_id
        for said, named in sorted(grouped.items()):
            if 2 <= len(named) <= 5:
                yield rm.rm_id, said, named


def books(fl: Frontline) -> Iterator[tuple[str, ClientData]]:
    """(RM, client data) for every client of every plain RM, in the bank's order."""
    for rm in plain_rms(fl):
        for data in fl.bank.client_data(sorted(fl.bank.client_ids_of([rm]))):
            yield rm, data


def book_rows(fl: Frontline, rm: str) -> list:
    """The book rows (tier, signals, measures) of one RM's clients, as the book query reads them."""
    return fl.insights.book_rows(frozenset(fl.bank.client_ids_of([rm])))
