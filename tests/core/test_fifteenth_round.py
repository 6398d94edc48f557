"""Kinds of turn the fourteenth round's leftovers and the fifteenth blind round's dev halves
showed misread (not their words), read without a bank."""

from __future__ import annotations

from assistant.engines.offline.clients import _option


def test_a_which_one_tells_two_clients_of_one_name_apart() -> None:
    a = {
        "name": "⟦CLIENT_1⟧",
        "client_id": "C1",
        "client_type": "retail",
        "branch": "杭州分行",
        "onboarded": 2011,
    }
    b = {**a, "client_id": "C2", "branch": "上海分行", "onboarded": 2019}
    zh = [_option(m, "zh") for m in (a, b)]
    assert zh[0] != zh[1].replace("C2", "C1")
    assert "杭州分行" in zh[0] and "2011年开户" in zh[0] and "零售客户" in zh[0]
    assert "client since 2019" in _option(b, "en") and "Retail" in _option(b, "en")


def test_a_colleagues_client_in_a_which_one_says_whose_it_is() -> None:
    m = {
        "name": "⟦CLIENT_1⟧",
        "client_id": "C1",
        "client_type": "corporate",
        "rm": {"name": "周以宁"},
    }
    assert "周以宁" in _option(m, "zh") and "对公客户" in _option(m, "zh")
