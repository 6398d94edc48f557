"""The team measures (tools.intelligence.performance, assistant.team_view) on both evaluation
banks: a planted slow RM is the laggard; coverage, deposit growth and new payroll clients agree
with a recomputation straight from the extract's CSVs; maturity contacts count only when both
are made; the score bands and the policy file as the incentive rules say; who sees whom."""

from __future__ import annotations

import statistics
from datetime import UTC, date, timedelta
from pathlib import Path

import pytest

from assistant.errors import ConfigError, UserError
from assistant.team_view import PeriodError, render, team_view
from tests.brief.conftest import Bank
from tools.bank.records import (
    ActionOutcome,
    ClientData,
    ClientRecord,
    HoldingRecord,
    InteractionRecord,
)
from tools.intelligence.performance import Period, TimelinessPolicy, load_performance_policy

CATEGORY_OF_PAYROLL = {"demo": "payroll", "harbour": "salary-agency"}


def _last_quarter(bank: Bank) -> Period:
    """The whole quarter before the one the extract's as-of day is in: deadlines fell in it."""
    return Period.containing("quarter", bank.as_of).previous()


def _lead_of(bank: Bank, rm_id: str) -> str:
    team = next(r["team_id"] for r in bank.rows("rms") if r["rm_id"] == rm_id)
    return next(
        r["rm_id"] for r in bank.rows("rms") if r["team_id"] == team and r["role"] == "team_lead"
    )


@pytest.mark.slow
def test_the_planted_slow_rm_is_the_laggard_and_nobody_else_moves(
    planted: tuple[Bank, str, str], request: pytest.FixtureRequest
) -> None:
    bank, slow, name = planted
    period = _last_quarter(bank)
    view = team_view(bank.fl, _lead_of(bank, slow), "quarter", period.end)
    rows = {r.rm_id: r for r in view.rows}
    mine = rows[slow]
    assert mine.timeliness.due > 0 and mine.timeliness.done == 0, mine
    assert mine.timeliness_score == 0.0 and mine.coverage.done == 0
    assert {i.client_id for i in mine.late} and all(i.kind for i in mine.late)
    first = render(view).splitlines()[1]
    assert f"（{slow}）" in first, render(view)  # the laggard leads the table
    # The plant touched one RM: the same team on the bank as generated measures the same.
    clean: Bank = request.getfixturevalue(f"{name}_bank")
    same = {
        r.rm_id: r for r in team_view(clean.fl, _lead_of(clean, slow), "quarter", period.end).rows
    }
    assert same[slow].coverage.done > 0  # the RM's contacts in the quarter were what was dropped
    for rm_id, row in rows.items():
        if rm_id != slow:
            assert row == same[rm_id], rm_id


def _months_closed_by(day: date) -> str:
    return f"{day + timedelta(days=1):%Y-%m}"


def _deposits(bank: Bank, client_ids: set[str], day: date) -> float:
    """The book's 3-month average daily deposits on ``day``, from balances.csv alone."""
    closed = _months_closed_by(day)
    total = 0.0
    for cid in client_ids:
        months = sorted(
            (b["month"], float(b["avg_daily_deposit"]))
            for b in bank.rows("balances")
            if b["client_id"] == cid and b["month"] < closed
        )[-3:]
        total += statistics.fmean(v for _, v in months) if months else 0.0
    return total


@pytest.mark.slow
@pytest.mark.parametrize("name", ["demo", "harbour"])
def test_coverage_growth_and_new_payroll_agree_with_the_csvs(
    name: str, request: pytest.FixtureRequest
) -> None:
    bank: Bank = request.getfixturevalue(f"{name}_bank")
    rm = next(r["rm_id"] for r in bank.rows("rms") if r["role"] == "rm")
    period = _last_quarter(bank)
    row = team_view(bank.fl, rm, "quarter", period.end).rows[0]
    book = bank.book(rm)
    contacted = {
        i["client_id"]
        for i in bank.rows("interactions")
        if i["client_id"] in book
        and i["rm_id"] == rm
        and period.start <= date.fromisoformat(i["date"]) <= period.end
    }
    assert (row.coverage.done, row.coverage.due) == (len(contacted), len(book))
    before = period.start - timedelta(days=1)
    growth = _deposits(bank, book, period.end) - _deposits(bank, book, before)
    assert row.deposit_growth == pytest.approx(growth, rel=1e-9, abs=0.01)
    payroll = {
        p["product_code"]
        for p in bank.rows("products")
        if p["category"] == CATEGORY_OF_PAYROLL[name]
    }
    new = {
        h["client_id"]
        for h in bank.rows("holdings")
        if h["client_id"] in book
        and h["product_code"] in payroll
        and period.start <= date.fromisoformat(h["opened_date"]) <= period.end
    }
    assert row.new_payroll_clients == len(new)


def _client(*contacts: date, maturity: date) -> ClientData:
    return ClientData(
        client=ClientRecord(
            client_id="X1", client_type="retail", name="测试", rm_id="R1", branch="B",
            onboard_date=date(2020, 1, 1),
        ),
        holdings=(HoldingRecord("X1", "TD1", 100000.0, date(2025, 1, 1), maturity_date=maturity),),
        balances=(),
        interactions=tuple(
            InteractionRecord("X1", d, "R1", "phone", "提醒客户定期到期，客户考虑续存一年") for d in contacts
        ),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("days_before", "on_time"),
    [((35, 10), True), ((35,), False), ((10,), False), ((35, 3), False), ((100, 10), False)],
)
def test_a_maturity_is_on_time_only_with_both_contacts_in_their_windows(
    demo_bank: Bank, days_before: tuple[int, ...], on_time: bool
) -> None:
    maturity = date(2026, 9, 20)  # second reminder due 2026-09-13, in the third quarter
    data = _client(*(maturity - timedelta(days=d) for d in days_before), maturity=maturity)
    row = demo_bank.fl.performance.for_rm(
        "R1", [data], Period("quarter", date(2026, 7, 1), date(2026, 9, 30))
    )
    assert (row.timeliness.done, row.timeliness.due) == (int(on_time), 1)


@pytest.mark.parametrize(
    ("rate", "score"),
    [
        (1.0, 1.0),
        (0.95, 1.0),
        (0.93, 0.8),
        (0.90, 0.8),
        (0.89, 0.6),
        (0.72, 0.0),
        (0.70, 0.0),
        (0.5, 0.0),
        (None, None),
    ],
)
def test_the_score_loses_a_fifth_per_five_points_below_full_marks(
    rate: float | None, score: float | None
) -> None:
    bands = load_performance_policy().timeliness
    assert isinstance(bands, TimelinessPolicy)
    assert bands.score(rate) == (pytest.approx(score) if score is not None else None)


def test_a_bad_performance_policy_is_one_line_naming_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "performance.yaml"
    bad.write_text(
        "version: 1\nplaybook: x\ntimeliness: {full_marks_at: 0.6, step: 0.05, step_loss: 0.2, "
        "zero_below: 0.7, coach_below: 0.8}\neffective_client: {corporate_avg_deposit_at_least: 1, "
        "retail_aum_at_least: 1}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as err:
        load_performance_policy(bad)
    assert "performance.yaml: timeliness" in str(err.value) and "\n" not in str(err.value)
    fixed = bad.read_text("utf-8").replace("full_marks_at: 0.6", "full_marks_at: 0.95")
    bad.write_text(fixed.replace("playbook", "playbok"), encoding="utf-8")
    with pytest.raises(ConfigError, match="playbok"):
        load_performance_policy(bad)


@pytest.mark.slow
def test_who_sees_whom(planted: tuple[Bank, str, str]) -> None:
    bank, slow, _ = planted
    period = _last_quarter(bank)
    own = team_view(bank.fl, slow, "quarter", period.end)
    assert [r.rm_id for r in own.rows] == [slow]
    lead = _lead_of(bank, slow)
    team = {
        r["rm_id"]
        for r in bank.rows("rms")
        if r["team_id"] == next(x["team_id"] for x in bank.rows("rms") if x["rm_id"] == slow)
        and r["role"] in ("rm", "team_lead")
    }
    with_books = {rm for rm in team if bank.book(rm)}
    assert {r.rm_id for r in team_view(bank.fl, lead, "quarter", period.end).rows} == with_books
    head = team_view(bank.fl, "BH9001", "quarter", period.end)
    branch = next(r["branch"] for r in bank.rows("rms") if r["rm_id"] == slow)
    staff = {
        r["rm_id"]
        for r in bank.rows("rms")
        if r["branch"] == branch and r["role"] in ("rm", "team_lead")
    }
    assert slow in {r.rm_id for r in head.rows} and {r.rm_id for r in head.rows} <= staff
    assert head.aggregate_only and all(not r.late for r in head.rows)
    assert not any(cid in render(head) for cid in bank.book(slow))  # no client named
    admin = next((r["rm_id"] for r in bank.rows("rms") if r["role"] == "admin"), None)
    if admin is not None:
        with pytest.raises(UserError, match="admin"):
            team_view(bank.fl, admin, "quarter", period.end)


def test_doctor_reports_the_policy_and_names_a_bad_one(tmp_path: Path) -> None:
    from assistant.doctor import _performance_policy
    from assistant.wiring import Frontline
    from testkit.embeddings import HashingEmbeddings
    from testkit.settings import make_settings

    fl = Frontline(make_settings(tmp_path / "ok"), embedder=HashingEmbeddings())
    assert "performance/incentive-rules" in _performance_policy(fl)
    bad = tmp_path / "performance.yaml"
    bad.write_text("version: 1\nperiod: year\n", encoding="utf-8")
    fl = Frontline(
        make_settings(tmp_path / "bad", performance_policy=bad), embedder=HashingEmbeddings()
    )
    with pytest.raises(ConfigError, match="performance.yaml"):
        _performance_policy(fl)


@pytest.mark.parametrize(("name", "kind"), [("demo", "quarter"), ("harbour", "month")])
def test_the_default_period_is_the_policys_around_the_extracts_last_day(
    name: str, kind: str, request: pytest.FixtureRequest
) -> None:
    bank: Bank = request.getfixturevalue(f"{name}_bank")
    rm = next(r["rm_id"] for r in bank.rows("rms") if r["role"] == "rm")
    view = team_view(bank.fl, rm)
    last = bank.as_of - timedelta(days=1)
    assert view.period.kind == kind and view.period.start <= last <= view.period.end
    assert view.period.end <= bank.as_of  # never past the extract
    with pytest.raises(PeriodError, match=str(bank.as_of)):
        team_view(bank.fl, rm, day=bank.as_of + timedelta(days=1))


def _holder(
    demo_bank: Bank, *, grade: str, contacts: tuple[date, ...], said: str = ""
) -> ClientData:
    """A retail client of grade ``grade`` holding the catalogue's riskiest investment since
    June, with ``contacts`` by their RM."""
    products = demo_bank.fl.performance.products
    riskiest = max(
        (p for p in products.values() if p.risk_level and p.segment in ("retail", "both")),
        key=lambda p: p.risk_level or "",
    )
    return ClientData(
        client=ClientRecord(
            client_id="X2", client_type="retail", name="测试", rm_id="R1", branch="B",
            onboard_date=date(2020, 1, 1), risk_appetite=grade,
        ),
        holdings=(HoldingRecord("X2", riskiest.product_code, 50000.0, date(2026, 6, 15)),),
        balances=(),
        interactions=tuple(InteractionRecord("X2", d, "R1", "phone", said) for d in contacts),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("contacts", "said", "done"),
    [
        ((), "", 0),
        ((date(2026, 8, 3),), "电话告知客户产品风险高于其承受能力，约下周重新测评", 1),
        ((date(2026, 8, 3),), "已联系", 0),  # 记录内容空洞视为未跟进
        ((date(2026, 8, 3),), "called", 0),
    ],
)
def test_a_mismatch_seen_at_a_month_end_counts_in_a_past_quarter(
    demo_bank: Bank, contacts: tuple[date, ...], said: str, done: int
) -> None:
    """Seen on 31 July (the first checkpoint after the June purchase), due three working days
    on: counted in the third quarter — late without a contact or with a note that says
    nothing, on time with the call on record."""
    data = _holder(demo_bank, grade="C1", contacts=contacts, said=said)
    q3 = Period("quarter", date(2026, 7, 1), date(2026, 9, 30))
    row = demo_bank.fl.performance.for_rm("R1", [data], q3)
    assert (row.timeliness.done, row.timeliness.due) == (done, 1)
    assert {i.kind for i in row.late} == ({"suitability"} if not done else set())


def test_a_second_payroll_holding_is_no_new_payroll_client(demo_bank: Bank) -> None:
    payroll = next(p for p in demo_bank.fl.performance.products.values() if p.category == "payroll")
    q3 = Period("quarter", date(2026, 7, 1), date(2026, 9, 30))

    def client(*opened: date) -> ClientData:
        return ClientData(
            client=ClientRecord("X3", "corporate", "测试", "R1", "B", date(2020, 1, 1)),
            holdings=tuple(HoldingRecord("X3", payroll.product_code, 0.0, d) for d in opened),
            balances=(),
            interactions=(),
        )

    first = demo_bank.fl.performance.for_rm("R1", [client(date(2026, 8, 1))], q3)
    again = demo_bank.fl.performance.for_rm("R1", [client(date(2025, 1, 1), date(2026, 8, 1))], q3)
    assert (first.new_payroll_clients, again.new_payroll_clients) == (1, 0)


def test_a_done_with_a_note_answers_its_signal_and_a_bare_or_late_one_does_not(
    planted: tuple[Bank, str, str],
) -> None:
    """The incentive rules count a follow-up 在系统留痕 within its deadline: an RM's "done" on the
    action, with a note that says something, is one; a "done" that says nothing ("已联系"), or
    one after the deadline, is not."""
    bank, slow, _ = planted
    fl = bank.fl
    period = _last_quarter(bank)
    books = {slow: fl.insights.book_data(frozenset(fl.bank.client_ids_of([slow])))}
    (before,) = fl.performance.for_rms(books, period)
    late = [i for i in before.late if i.kind != "maturity"][0]

    def done(note: str, day: date) -> ActionOutcome:
        return ActionOutcome(
            outcome_id=f"o-{note}-{day}", action_key=f"{late.client_id}:{late.kind}:x",
            client_id=late.client_id, rm_id=slow, kind=late.kind, period=period.label,
            outcome="done", day=day, channel="api", note=note,
        )  # fmt: skip

    said = done("电话联系客户，说明了挽留方案，下周面谈", late.due_date)
    (after,) = fl.performance.for_rms(books, period, [said])
    assert after.timeliness.done == before.timeliness.done + 1
    assert late not in after.late and len(after.late) == len(before.late) - 1
    for unanswered in (
        done("已联系", late.due_date),
        done("电话联系客户，说明了挽留方案", late.due_date + timedelta(days=1)),
    ):
        (same,) = fl.performance.for_rms(books, period, [unanswered])
        assert same.timeliness == before.timeliness, unanswered


def test_a_kept_view_is_dropped_when_an_outcome_is_recorded_or_taken_back(
    harbour_bank: Bank,
) -> None:
    """``GET /v1/team`` keeps a view until the data under it changes: an outcome recorded (on
    any replica: the mark is read from the database) or taken back is such a change."""
    from datetime import datetime

    fl = harbour_bank.fl
    lead = next(r["rm_id"] for r in harbour_bank.rows("rms") if r["role"] == "team_lead")
    first = fl.team_reports.view(lead, "quarter", None)
    assert fl.team_reports.view(lead, "quarter", None) is first  # kept
    client = sorted(harbour_bank.book_of_all())[0]
    outcome = ActionOutcome(
        outcome_id="o-kept-view", action_key=f"{client}:service_cadence:x", client_id=client,
        rm_id=lead, kind="service_cadence", period="x", outcome="done",
        day=harbour_bank.as_of, channel="api", note="电话回访，客户确认续作",
        recorded_at=datetime.now(UTC),
    )  # fmt: skip
    fl.bank.add_outcome(outcome)
    second = fl.team_reports.view(lead, "quarter", None)
    assert second is not first
    assert fl.bank.undo_outcome("o-kept-view", datetime.now(UTC))
    assert fl.team_reports.view(lead, "quarter", None) is not second
