"""Team leads' complaint measures (服务体验): complaints received in the period, those handled
late (closed after the due date, or still open past it) and first-contact resolution over the
closed ones whose record says — at their boundaries, and from complaints.csv's optional
resolution columns."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date
from pathlib import Path

import pytest

from assistant.errors import ImportValidationError
from assistant.team_view import render, team_view, view_summary
from assistant.wiring import Frontline
from testkit.extract import small_extract, write_extract
from testkit.settings import make_settings
from tools.bank.importer import import_extract
from tools.bank.records import ComplaintRecord
from tools.intelligence.performance import Period

pytestmark = pytest.mark.slow  # the package's demo bank

OCTOBER = Period("month", date(2026, 10, 1), date(2026, 10, 31))


def _complaint(n: int, received: date, due: date, status: str, **how: object) -> ComplaintRecord:
    return ComplaintRecord(
        f"T-{n}",
        "",
        received,
        "branch",
        "服务效率",
        status,
        due,
        None,
        **how,  # type: ignore[arg-type]
    )


def test_late_and_first_contact_resolution_at_their_boundaries(fl: Frontline) -> None:
    book = fl.insights.book_data(frozenset(fl.bank.client_ids_of(["RM003"])))
    planted = [
        # closed on its due day: on time, resolved at first contact
        _complaint(1, date(2026, 10, 2), date(2026, 10, 9), "已办结",
                   closed_date=date(2026, 10, 9), first_contact_resolved=True),
        # closed a day after: late, not resolved at first contact
        _complaint(2, date(2026, 10, 3), date(2026, 10, 10), "已办结",
                   closed_date=date(2026, 10, 11), first_contact_resolved=False),
        # open, due on the period's last day: not late yet
        _complaint(3, date(2026, 10, 20), date(2026, 10, 31), "处理中"),
        # open, due the day before the period ends: late
        _complaint(4, date(2026, 10, 20), date(2026, 10, 30), "处理中"),
        # closed by status with no day said, resolution not said: counted neither way
        _complaint(5, date(2026, 10, 21), date(2026, 10, 28), "已结案"),
        # received before the period: not this period's
        _complaint(6, date(2026, 9, 30), date(2026, 10, 7), "处理中"),
    ]  # fmt: skip
    first = dataclasses.replace(book[0], complaints=tuple(planted))
    row = fl.performance.for_rm("RM003", [first, *book[1:]], OCTOBER)
    assert (row.complaints, row.complaints_late) == (5, 2)
    assert (row.first_contact_resolution.done, row.first_contact_resolution.due) == (1, 2)


def test_a_lead_sees_the_teams_complaints_in_the_view(fl: Frontline) -> None:
    client = fl.complaining  # type: ignore[attr-defined]  # TS-1: received 10-28, due 11-04, open
    view = team_view(fl, "RM004", "month", date(2026, 10, 15))
    row = next(r for r in view_summary(view)["rows"] if r["rm_id"] == "RM001")
    assert row["complaints"]["received"] == 1 and row["complaints"]["late"] == 0
    assert "投诉 1（逾期办结或未结 0" in render(view, "zh") and client not in render(view, "zh")
    assert "complaints 1 (0 late" in render(view, "en")


def test_the_resolution_columns_are_read_and_checked(tmp_path: Path) -> None:
    fl = Frontline(make_settings(tmp_path / "home"))
    try:
        data = copy.deepcopy(small_extract())
        row = {"complaint_id": "K-1", "client_id": "C000001", "date": "2026-10-02",
               "channel": "phone", "category": "服务", "status": "已办结", "due_date": "2026-10-09",
               "summary": "", "closed_date": "2026-10-08", "first_contact_resolved": "是"}  # fmt: skip
        data["complaints.csv"] = [row]
        import_extract(fl.sessions, write_extract(tmp_path / "x", data))
        [found] = fl.bank.complaints_for(["C000001"])
        assert found.closed_date == date(2026, 10, 8) and found.first_contact_resolved is True
        data["complaints.csv"] = [row | {"closed_date": "10/08/2026"}]
        with pytest.raises(ImportValidationError) as err:
            import_extract(fl.sessions, write_extract(tmp_path / "bad", data))
        assert any("closed_date" in p for p in err.value.problems)
    finally:
        fl.close()
