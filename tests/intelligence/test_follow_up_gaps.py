"""Follow-up gaps: a playbook deadline passed with no qualifying contact by the client's RM."""

from __future__ import annotations

from datetime import date

import pytest

from tests.intelligence.factory import catalog, holding, interaction, make_client, policies
from tools.intelligence.followup import follow_up_gaps, requirements

DETECTED = date(2026, 11, 1)  # October's figures close: the churn is visible from here
DUE = date(2026, 11, 6)  # 5 working days later
LATER = date(2026, 11, 16)


def churned(*contacts, client_id: str = "C000001"):
    return make_client(
        client_id=client_id, deposits=[10e6] * 3 + [7e6] * 3, interactions=list(contacts)
    )


def gaps_of(book, as_of: date = LATER, **kwargs):
    return follow_up_gaps(book, catalog(), None, policies(), as_of, **kwargs)


def test_when_policy_loaded_then_deadlines_come_from_it() -> None:
    needs = requirements(policies())
    assert {k: v.working_days for k, v in needs.items()} == {
        "deposit_churn": 5,
        "dormancy": 10,
        "suitability": 3,
    }
    assert needs["deposit_churn"].channels == ("visit", "phone")


CHURN_CASES = [
    ("no_contact_at_all", [], True),
    ("visit_in_time", [interaction(date(2026, 11, 3), "visit")], False),
    ("phone_on_the_due_date", [interaction(DUE, "phone")], False),
    ("wechat_does_not_count_for_churn", [interaction(date(2026, 11, 3), "wechat")], True),
    ("visit_by_another_rm", [interaction(date(2026, 11, 3), "visit", rm_id="RM002")], True),
    ("visit_before_detection", [interaction(date(2026, 10, 20), "visit")], True),
    ("visit_after_the_deadline", [interaction(date(2026, 11, 10), "visit")], True),
]


@pytest.mark.parametrize(
    ("case", "contacts", "is_gap"), CHURN_CASES, ids=[c[0] for c in CHURN_CASES]
)
def test_when_churn_not_followed_up_in_time_then_gap(case: str, contacts, is_gap: bool) -> None:
    found = gaps_of([churned(*contacts)])
    assert bool(found) is is_gap
    if is_gap:
        [gap] = found
        assert (gap.signal_kind, gap.detected_on, gap.due_date, gap.days_overdue) == (
            "deposit_churn",
            DETECTED,
            DUE,
            10,
        )
        assert gap.rm_id == "RM001" and gap.playbook == "lifecycle/deposit-churn-rescue"


def test_when_visit_came_late_then_gap_records_it() -> None:
    [gap] = gaps_of([churned(interaction(date(2026, 11, 10), "visit"))])
    assert gap.late_follow_up_on == date(2026, 11, 10)


def test_when_deadline_not_yet_passed_then_pending_only_on_request() -> None:
    assert gaps_of([churned()], as_of=date(2026, 11, 3)) == []
    [pending] = gaps_of([churned()], as_of=date(2026, 11, 3), include_pending=True)
    assert pending.days_overdue == -3


@pytest.mark.parametrize(("channel", "is_gap"), [("wechat", False), (None, True)])
def test_when_suitability_mismatch_then_any_contact_within_three_days_counts(
    channel, is_gap: bool
) -> None:
    contacts = [interaction(date(2026, 11, 2), channel)] if channel else []
    data = make_client(
        client_type="retail",
        risk_appetite="C2",
        holdings=[holding("RFD02", 5e4), holding("RGLD01", 1e4)],
        interactions=contacts,
    )
    found = gaps_of([data])
    assert [g.signal_kind for g in found] == (
        ["suitability"] if is_gap else []
    )  # one gap, not one per holding
    if is_gap:
        assert found[0].due_date == date(2026, 11, 4)


def test_when_dormant_since_months_then_overdue_from_when_it_was_detected() -> None:
    data = make_client(deposits=[5e6] * 10, transactions=[3, 3] + [0] * 8)
    [gap] = gaps_of([data], as_of=date(2026, 11, 1))
    assert (gap.signal_kind, gap.detected_on, gap.due_date) == (
        "dormancy",
        date(2026, 9, 1),
        date(2026, 9, 15),
    )
    assert gap.days_overdue == 47


def test_when_several_clients_then_most_overdue_first() -> None:
    dormant = make_client(client_id="C000002", deposits=[5e6] * 10, transactions=[3, 3] + [0] * 8)
    book = [
        churned(),
        dormant,
        churned(interaction(date(2026, 11, 2), "visit"), client_id="C000003"),
    ]
    assert [(g.client_id, g.signal_kind) for g in gaps_of(book)] == [
        ("C000002", "dormancy"),
        ("C000001", "deposit_churn"),
    ]
