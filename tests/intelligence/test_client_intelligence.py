"""The facade: one object gives a caller the tier, signals and ranked actions of a client."""

from __future__ import annotations

from datetime import timedelta

from tests.intelligence.factory import AS_OF, catalog, holding, interaction, make_client, policies
from tools.intelligence import ClientIntelligence
from tools.intelligence.signals import PeerStats, detect_signals
from tools.intelligence.tiering import assign_tier


def test_when_client_analyzed_then_tier_signals_and_actions_agree_with_the_parts() -> None:
    intel = ClientIntelligence(policies(), catalog())
    data = make_client(
        employees=300,
        deposits=[60e6] * 3 + [40e6] * 3,
        interactions=[interaction(AS_OF)],
        holdings=[holding("CDEP02", 5e6, maturity=AS_OF + timedelta(days=25))],
    )
    peers = intel.peers([data])
    insight = intel.analyze(data, peers, AS_OF)
    assert insight.tier == assign_tier(data, catalog(), policies())
    assert insight.signals == detect_signals(data, catalog(), peers, policies(), AS_OF)
    assert {s.kind for s in insight.signals} == {"deposit_churn", "maturity", "product_gap"}
    assert insight.actions[0].signal_kind == "deposit_churn"
    assert [a.playbook for a in insight.actions] == [
        "lifecycle/deposit-churn-rescue",
        "lifecycle/maturity-follow-up",
        "products/payroll",
    ]


def test_when_peers_built_from_tier_results_or_names_then_same_view() -> None:
    datas = [make_client(client_id=f"C{i}", holdings=[holding("CCM01")]) for i in range(6)]
    by_result = PeerStats.from_population(
        datas, catalog(), {d.client.client_id: assign_tier(d, catalog(), policies()) for d in datas}
    )
    by_name = PeerStats.from_population(
        datas, catalog(), {d.client.client_id: "key" for d in datas}
    )
    probe = make_client(client_id="X")
    assert by_result.view(probe, "key") == by_name.view(probe, "key")
    assert by_name.view(probe, "key").ratios == {"CCM01": 1.0}


def test_when_book_and_follow_ups_asked_through_the_facade_then_they_run() -> None:
    intel = ClientIntelligence(policies(), catalog())
    datas = [make_client(client_id="C1", deposits=[10e6] * 3 + [7e6] * 3)]
    assert [r.client_id for r in intel.book().analyze(datas, AS_OF)] == ["C1"]
    assert [
        g.signal_kind for g in intel.follow_up_gaps(datas, None, AS_OF + timedelta(days=10))
    ] == ["deposit_churn"]
