"""A client named by one of its contacts' English first name ("Peter's company") is found in
the caller's own book, and only when the first name points at one client."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from tools.bank.records import ClientData, ClientRecord, ContactRecord
from tools.client_tools import by_given_name


class _Insights:
    """The one call ``by_given_name`` makes: the caller's book, with contacts."""

    def __init__(self, contacts: dict[str, list[str]]) -> None:
        self.data = [
            ClientData(
                ClientRecord(cid, "corporate", f"Client {cid}", "RM9", "HQ", date(2020, 1, 1)),
                (),
                (),
                (),
                tuple(ContactRecord(cid, name, "CFO") for name in names),
            )
            for cid, names in contacts.items()
        ]

    def book_data(self, client_ids: frozenset[str]) -> list[ClientData]:
        return [d for d in self.data if d.client.client_id in client_ids]


def _toolbox(contacts: dict[str, list[str]]) -> Any:  # stands in for a Toolbox: only what is read
    return SimpleNamespace(
        services=SimpleNamespace(intelligence=_Insights(contacts)),
        caller=SimpleNamespace(client_ids=frozenset(contacts)),
    )


BOOK = {"A": ["Hugo Lam", "王建国"], "B": ["Nadia Chen", "Irene Ko"], "C": ["Irene Wu"]}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hugo's firm — what's the loan balance?", ["A"]),
        ("draft a note to Nadia about the renewal", ["B"]),
        ("Irene's company", []),  # two clients have an Irene
        ("hugo", []),  # not written as a name
        ("What does the policy say?", []),
    ],
)
def test_when_a_contact_first_name_is_used_then_its_one_client_is_found(text, found) -> None:
    assert by_given_name(_toolbox(BOOK), text) == found
