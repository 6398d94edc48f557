"""What a prep says is read from the bank's extract: the test reads the CSVs itself and checks
the ``prepare_meeting`` tool against them, never against the engine's own analysis."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.prep.conftest import book, toolbox
from tools.prep.policy import load_prep_policy
from tools.prep.reminders import reminders
from tools.prep.tool import two_lines
from tools.toolbox import Refusal

pytestmark = pytest.mark.slow
POLICY = load_prep_policy()


def rows(fl, stem: str, client_id: str) -> list[dict[str, str]]:
    extract = Path(fl.settings.home) / "demo" / f"{stem}.csv"
    with extract.open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["client_id"] == client_id]


def test_when_preparing_then_the_last_contact_and_notes_are_the_extracts_latest(
    demo, busy_client
) -> None:
    fl, _ = demo
    cid = busy_client.client.client_id
    prep = toolbox(fl).call("prepare_meeting", {"client_id": cid})
    notes = sorted(rows(fl, "interactions", cid), key=lambda r: r["date"], reverse=True)
    assert prep["last_contact"]["date"] == notes[0]["date"]
    assert (
        prep["last_contact"]["days_ago"]
        == (fl.insights.as_of - date.fromisoformat(notes[0]["date"])).days
    )
    assert [n["date"] for n in prep["notes"]] == [r["date"] for r in notes[: POLICY.notes]]
    assert all(1 <= len(n["lines"]) <= POLICY.note_lines for n in prep["notes"])


def test_when_preparing_then_deposits_compare_the_contact_month_with_the_latest(
    demo, busy_client
) -> None:
    fl, _ = demo
    cid = busy_client.client.client_id
    prep = toolbox(fl, language="en").call("prepare_meeting", {"client_id": cid})
    months = sorted(rows(fl, "balances", cid), key=lambda r: r["month"])
    contact_month = prep["last_contact"]["date"][:7]
    base = [r for r in months if r["month"] <= contact_month][-1]
    latest = months[-1]
    deposit = [c for c in prep["changes"] if c["kind"] == "deposit"]
    if base["month"] == latest["month"]:
        assert deposit == []
        return
    (line,) = deposit
    assert f"{base['month']} " in line["text"] and f"{latest['month']} " in line["text"]
    rising = float(latest["avg_daily_deposit"]) >= float(base["avg_daily_deposit"])
    assert ("(+" in line["text"]) == rising


def test_when_preparing_then_every_holding_maturing_within_the_horizon_is_listed(
    demo, busy_client
) -> None:
    fl, _ = demo
    cid = busy_client.client.client_id
    as_of = fl.insights.as_of
    horizon = as_of + timedelta(days=POLICY.maturity_horizon_days)
    expected = sorted(
        (r["product_code"], r["maturity_date"])
        for r in rows(fl, "holdings", cid)
        if r.get("maturity_date") and as_of < date.fromisoformat(r["maturity_date"]) <= horizon
    )
    prep = toolbox(fl).call("prepare_meeting", {"client_id": cid})
    listed = sorted(
        (c["product_code"], c["date"]) for c in prep["changes"] if c["kind"] == "maturing"
    )
    assert expected and listed == expected


def test_when_preparing_then_the_agenda_is_the_top_next_best_actions_with_questions(
    demo, busy_client
) -> None:
    fl, _ = demo
    tb = toolbox(fl)
    cid = busy_client.client.client_id
    prep = tb.call("prepare_meeting", {"client_id": cid})
    actions = tb.call("recommend_next_actions", {"client_id": cid})["actions"]
    assert [a["title"] for a in prep["agenda"]] == [a["title"] for a in actions[: POLICY.agenda]]
    assert all(item["questions"] for item in prep["agenda"])


def test_when_an_agenda_product_is_above_the_clients_appetite_then_the_reminder_says_so(
    demo,
) -> None:
    """Suitability is decided from products.csv and clients.csv, checked over RM001's book."""
    fl, _ = demo
    risk = {p.product_code: int(p.risk_level[1]) for p in fl.insights.products.values()}
    seen = 0
    tb = toolbox(fl)
    for data in book(fl, "RM001")[:60]:
        prep = tb.call("prepare_meeting", {"client_id": data.client.client_id})
        appetite = data.client.risk_appetite
        for r in prep["compliance"]:
            seen += 1
            above = appetite is not None and risk[r["product_code"]] > int(appetite[1])
            assert r["suitable"] is (not above)
    assert seen, "no agenda in RM001's book names a product"


def test_when_a_product_needs_a_disclosure_then_the_banks_sentence_is_the_reminder(demo) -> None:
    fl, _ = demo
    profile = fl.templates.profile.disclosures
    products = fl.insights.products
    needs = [
        p
        for p in products.values()
        if profile and profile.rule_for(p.category) is not None and p.risk_level != "R1"
    ]
    assert needs, "the bank's profile words no disclosure for its catalogue"
    product = needs[0]
    (found,) = reminders([product.product_code], products, "C5", profile, "zh")
    sentence = profile.rule_for(product.category).sentence("zh", sms=False)  # type: ignore[union-attr]
    assert found.suitable and any(sentence in action for _, _, action in found.findings)
    (low,) = reminders([product.product_code], products, "C1", profile, "zh")
    assert not low.suitable or int(product.risk_level[1]) <= 1


def test_when_the_client_is_another_rms_then_the_prep_is_refused(demo) -> None:
    fl, _ = demo
    foreign = sorted(fl.bank.client_ids_of(["RM002"]))[0]
    tb = toolbox(fl, "RM001")
    with pytest.raises(Refusal):
        tb.call("prepare_meeting", {"client_id": foreign})
    assert tb.documents == [] and foreign not in tb.client_ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("短", ["短"]),
        ("一" * 130, ["一" * 60, "一" * 59 + "…"]),
        ("见 ⟦PERSON_1⟧ " + "x" * 10, ["见 ⟦PERSON_1⟧ " + "x" * 10]),
    ],
)
def test_a_note_is_cut_to_two_lines_without_splitting_a_token(text, expected) -> None:
    assert two_lines(text, 2, 60) == expected


def test_when_preparing_then_the_prep_reads_the_client_through_its_own_tools(
    demo, busy_client
) -> None:
    """The prep reads the profile, the signals and the notes through the tools an RM's
    questions use: each is recorded as the call it is, before the prep that composes them."""
    fl, _ = demo
    tb, cid = toolbox(fl), busy_client.client.client_id
    prep = tb.call("prepare_meeting", {"client_id": cid})
    called = [(c.name, c.args.get("client_id"), c.ok) for c in tb.calls]
    assert called == [
        ("get_client_profile", cid, True),
        ("get_client_signals", cid, True),
        ("get_interactions", cid, True),
        ("prepare_meeting", cid, True),
    ]
    # The notes shown are the ones get_interactions read, as many as the policy keeps.
    assert len(prep["notes"]) == min(load_prep_policy().notes, len(busy_client.interactions))


def test_when_the_prep_is_refused_then_no_read_of_the_client_is_recorded_as_done(demo) -> None:
    fl, _ = demo
    tb = toolbox(fl, "RM001")
    foreign = book(fl, "RM002")[0].client.client_id
    with pytest.raises(Refusal):
        tb.call("prepare_meeting", {"client_id": foreign})
    assert [c.ok for c in tb.calls] == [False]
