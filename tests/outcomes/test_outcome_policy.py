"""The outcome policy file, validated at start-up like the note policy (a bad file is one
line: file, field, problem) and checked by ``frontline doctor``; action keys are stable,
URL-safe and refuse anything they did not make; the hide window counts the bank's days."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml

from assistant.errors import ConfigError, UserError
from tools.bank.records import ActionOutcome
from tools.outcomes.keys import ActionRef, parse_key, quarter, ref_of
from tools.outcomes.policy import DEFAULT_OUTCOME_POLICY_PATH, load_outcome_policy
from tools.outcomes.service import OutcomeBook


def write(tmp_path: Path, change) -> Path:  # noqa: ANN001 - a function of the loaded dict
    data = yaml.safe_load(DEFAULT_OUTCOME_POLICY_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "outcomes.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d["reasons"]["timing"].update(hide_days=0), "hide_days"),
        (lambda d: d.update(reasons={}), "reasons"),
        (lambda d: d["reasons"].update({"Bad Code": d["reasons"]["timing"]}), "lower_snake_case"),
        (lambda d: d["periods"].update(maturity="fortnight"), "periods"),
        (lambda d: d["reasons"]["timing"].pop("en"), "en"),
    ],
)
def test_when_the_policy_is_bad_then_one_line_names_the_file_and_field(
    tmp_path: Path,
    change,
    problem: str,  # noqa: ANN001
) -> None:
    with pytest.raises(ConfigError) as bad:
        load_outcome_policy(write(tmp_path, change))
    message = str(bad.value)
    assert "outcomes.yaml" in message and problem in message and "\n" not in message


def test_the_bundled_policy_loads_and_doctor_reports_it(tmp_path: Path) -> None:
    from assistant.doctor import _outcome_policy
    from assistant.wiring import Frontline
    from testkit.embeddings import HashingEmbeddings
    from testkit.settings import make_settings

    policy = load_outcome_policy()
    assert policy.reasons and all(r.zh and r.en for r in policy.reasons.values())
    fl = Frontline(make_settings(tmp_path / "ok"), embedder=HashingEmbeddings())
    assert "not-now reasons from bundled tools/policy/outcomes.yaml" in _outcome_policy(fl)
    bad = write(tmp_path, lambda d: d["reasons"]["timing"].update(hide_days=-1))
    fl = Frontline(
        make_settings(tmp_path / "bad", outcome_policy=bad), embedder=HashingEmbeddings()
    )
    with pytest.raises(ConfigError, match="hide_days"):
        _outcome_policy(fl)


@pytest.mark.parametrize(
    "ref",
    [
        ActionRef("C000123", "maturity", "2026-12-10", "TD-01"),
        ActionRef("客户/0001 x", "service_cadence", "2026Q4"),
        ActionRef("kh-0042", "deposit_churn", "2026-09-01", None),
    ],
)
def test_a_key_round_trips_and_is_url_safe(ref: ActionRef) -> None:
    assert parse_key(ref.key) == ref
    assert all(c.isalnum() or c in "._-" for c in ref.key)


@pytest.mark.parametrize(
    "key", ["", "a1.", "a1.@@", "b1.QzAwMDEyMw", "a1.QzAwMDEyMw==", "a1." + "A" * 300]
)
def test_anything_else_is_not_a_key(key: str) -> None:
    with pytest.raises(UserError):
        parse_key(key)


class Occurred:
    def __init__(self, **dates: date | None) -> None:
        self.detected_on = dates.get("detected_on")
        self.event_date = dates.get("event_date")
        self.due_date = dates.get("due_date")
        self.product_code = None


def test_the_period_follows_the_policy_so_the_same_occurrence_keeps_its_key() -> None:
    policy = load_outcome_policy()
    seen = Occurred(event_date=date(2027, 1, 15), detected_on=date(2026, 12, 1))
    later = Occurred(event_date=date(2027, 1, 15), detected_on=date(2026, 12, 20))
    one = ref_of("C1", "maturity", seen, date(2026, 12, 1), policy)
    assert one == ref_of("C1", "maturity", later, date(2026, 12, 20), policy)
    assert one.period == "2027-01-15"  # a maturity is its maturity date
    standing = ref_of("C1", "fx_hedging", Occurred(), date(2026, 12, 3), policy)
    assert standing.period == quarter(date(2026, 12, 3)) == "2026Q4"


def outcome(outcome: str, day: date, hide_until: date | None = None) -> ActionOutcome:
    return ActionOutcome(
        outcome_id=f"out_{outcome}_{day}",
        action_key="a1.k",
        client_id="C1",
        rm_id="RM1",
        kind="maturity",
        period="2027-01-15",
        outcome=outcome,
        day=day,
        channel="api",
        reason="timing" if outcome == "not_now" else None,
        hide_until=hide_until,
        recorded_at=datetime(2026, 12, 3, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("day", "hidden"),
    [
        (date(2026, 12, 2), False),  # before it was recorded
        (date(2026, 12, 3), True),  # the day it was put off
        (date(2026, 12, 9), True),  # the seventh day
        (date(2026, 12, 10), False),  # hide_until: back
    ],
)
def test_not_now_hides_from_its_day_until_the_day_before_hide_until(
    day: date, hidden: bool
) -> None:
    put_off = outcome("not_now", date(2026, 12, 3), hide_until=date(2026, 12, 10))
    assert OutcomeBook([put_off], day).is_open("a1.k") is not hidden


def test_the_latest_outcome_stands_and_done_closes_for_good() -> None:
    put_off = outcome("not_now", date(2026, 12, 3), hide_until=date(2026, 12, 10))
    done = outcome("done", date(2026, 12, 4))
    assert not OutcomeBook([put_off, done], date(2030, 1, 1)).is_open("a1.k")
    assert OutcomeBook([put_off], date(2030, 1, 1)).is_open("a1.k")


def test_when_the_policy_file_is_bad_then_serve_stops_before_taking_requests(
    tmp_path: Path,
) -> None:
    from assistant.wiring import Frontline
    from integrations.server import build_app
    from testkit.embeddings import HashingEmbeddings
    from testkit.settings import make_settings

    bad = write(tmp_path, lambda d: d["reasons"]["timing"].update(hide_days=999))
    fl = Frontline(
        make_settings(tmp_path / "home", outcome_policy=bad), embedder=HashingEmbeddings()
    )
    with pytest.raises(ConfigError, match="outcomes.yaml"):
        build_app(fl)
    fl.close()
