"""Product gaps: what peers of the same tier (and industry) hold, and the payroll rule."""

from __future__ import annotations

import pytest

from tests.intelligence.factory import AS_OF, catalog, holding, make_client, policies
from tools.intelligence.signals import PeerStats, detect_signals


def peer(n: int, codes: list[str], industry: str = "制造业", client_type: str = "corporate"):
    cid = f"P{n:06d}"
    return make_client(
        client_id=cid,
        client_type=client_type,
        industry=industry,
        holdings=[holding(c, 1_000, client_id=cid) for c in codes],
    )


def gaps(data, population) -> dict[str, dict]:
    peers = PeerStats.build(population, catalog(), policies())
    found = detect_signals(data, catalog(), peers, policies(), AS_OF)
    return {s.product_code or "": s.facts for s in found if s.kind == "product_gap"}


def test_when_most_peers_hold_a_product_the_client_lacks_then_gap() -> None:
    population = [peer(i, ["CDEP01", "CCM01"]) for i in range(6)]
    client = make_client(holdings=[holding("CDEP01", 1)])
    found = gaps(client, [*population, client])
    assert set(found) == {"CCM01"}
    assert found["CCM01"]["peer_count"] == 6 and found["CCM01"]["peer_ratio"] == 1.0


def test_when_share_of_holders_just_under_ratio_then_no_gap() -> None:
    # 2 of 5 peers (40%) hold CFX01; 3 of 5 (60%) hold CCM01, the policy asks for 50%.
    population = [
        peer(i, ["CFX01", "CCM01"] if i < 2 else (["CCM01"] if i == 2 else [])) for i in range(5)
    ]
    found = gaps(make_client(), population)
    assert set(found) == {"CCM01"}


def test_when_holders_are_in_another_industry_then_they_are_not_peers() -> None:
    population = [peer(i, ["CTF01"], industry="外贸") for i in range(6)]
    assert gaps(make_client(industry="制造业"), population) == {}


def test_when_too_few_peers_then_no_peer_gap() -> None:
    minimum = policies().signals.product_gap.min_peers
    population = [peer(i, ["CCM01"]) for i in range(minimum - 1)]
    assert gaps(make_client(), population) == {}


def test_when_client_is_in_the_population_then_not_its_own_peer() -> None:
    client = make_client(holdings=[holding("CCM01", 1)])
    population = [peer(i, []) for i in range(5)] + [client]
    assert gaps(client, population) == {}
    minimum = policies().signals.product_gap.min_peers
    lacking = make_client(client_id="C000009")
    others = [peer(i, ["CCM01"]) for i in range(minimum)]
    assert "CCM01" in gaps(lacking, [*others, lacking])


def test_when_retail_peers_hold_a_product_then_gap_whatever_their_industry() -> None:
    population = [peer(i, ["RCD01"], client_type="retail") for i in range(6)]
    found = gaps(make_client(client_type="retail"), population)
    assert set(found) == {"RCD01"}


PAYROLL = [
    ("many_employees_no_payroll", "corporate", 150, [], True),
    ("exactly_the_minimum", "corporate", None, [], True),
    ("one_below_the_minimum", "corporate", -1, [], False),
    ("already_has_payroll", "corporate", 500, ["CPAY01"], False),
    ("retail_never", "retail", 500, [], False),
]


@pytest.mark.parametrize(
    ("case", "client_type", "employees", "codes", "expected"), PAYROLL, ids=[c[0] for c in PAYROLL]
)
def test_when_many_employees_and_no_payroll_then_payroll_gap(
    case, client_type, employees, codes, expected
) -> None:
    minimum = policies().signals.product_gap.payroll_min_employees
    count = minimum if employees is None else (minimum + employees if employees < 0 else employees)
    data = make_client(
        client_type=client_type, employees=count, holdings=[holding(c) for c in codes]
    )
    found = detect_signals(data, catalog(), None, policies(), AS_OF)
    payroll = [s for s in found if s.kind == "product_gap" and s.facts.get("basis") == "payroll"]
    assert bool(payroll) is expected
    if expected:
        assert payroll[0].product_code == "CPAY01"
        assert payroll[0].playbook == "products/payroll"


def test_when_peers_also_hold_payroll_then_one_payroll_gap_not_two() -> None:
    population = [peer(i, ["CPAY01"]) for i in range(6)]
    found = gaps(make_client(employees=300), population)
    assert list(found) == ["CPAY01"] and found["CPAY01"]["basis"] == "payroll"
