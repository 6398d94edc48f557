"""``list_book`` runs the typed book query over a small bank built by testkit (and over another
bank's conventions); a team lead may name an RM of their team and nobody else's."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Iterator

import pytest

from assistant.core.types import Turn
from assistant.wiring import Frontline
from testkit.embeddings import HashingEmbeddings
from testkit.extract import small_extract, write_extract
from tests.conftest import make_settings
from tests.support.other_catalogue import other_bank_extract
from tools.bank.importer import import_extract
from tools.entitlement import resolve_caller
from tools.toolbox import Refusal, Toolbox


def _balances(client_id: str, deposit: float, loan: float) -> list[dict[str, str]]:
    return [
        {
            "client_id": client_id,
            "month": month,
            "avg_daily_deposit": f"{deposit:.2f}",
            "loan_balance": f"{loan:.2f}",
            "transaction_count": "20",
        }
        for month in ("2026-08", "2026-09", "2026-10")
    ]


def bigger_bank(data: dict[str, list[dict[str, str]]]) -> dict[str, list[dict[str, str]]]:
    """The testkit bank plus a second team and a few corporate clients of RM001 with loans."""
    data = copy.deepcopy(data)
    rm = dict(data["rms.csv"][0])
    data["rms.csv"] += [
        rm | {"rm_id": "RM004", "name": "周平", "team_id": "T02", "role": "team_lead",
              "slack_user_id": "U004"},
        rm | {"rm_id": "RM005", "name": "吴刚", "team_id": "T02", "slack_user_id": "U005"},
    ]  # fmt: skip
    base = dict(data["clients.csv"][0]) | {"registration_id": "", "phone": "", "employees": ""}
    loans = {"C000101": 9e7, "C000102": 3e7, "C000103": 6e7, "C000104": 0.0}
    for n, (cid, loan) in enumerate(loans.items()):
        data["clients.csv"].append(base | {"client_id": cid, "name": f"测试{n}号科技有限公司"})
        data["balances.csv"] += _balances(cid, 1e7 * (n + 1), loan)
    data["clients.csv"].append(
        base | {"client_id": "C000201", "name": "远方贸易有限公司", "rm_id": "RM005"}
    )
    data["balances.csv"] += _balances("C000201", 5e7, 1e8)
    return data


def _frontline(tmp: pytest.TempPathFactory, name: str, data: dict) -> Iterator[Frontline]:
    home = tmp.mktemp(name)
    fl = Frontline(make_settings(home), embedder=HashingEmbeddings())
    import_extract(fl.sessions, write_extract(home / "extract", data))
    fl.after_import()
    yield fl
    fl.close()


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    yield from _frontline(tmp_path_factory, "book-bank", bigger_bank(small_extract()))


@pytest.fixture(scope="module")
def other_bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    yield from _frontline(tmp_path_factory, "book-other", bigger_bank(other_bank_extract()))


def toolbox(fl: Frontline, rm: str) -> Toolbox:
    return Toolbox(fl.tool_services(), resolve_caller(fl.bank, rm), f"conv-book-{rm}", "zh")


def ids(result: dict) -> list[str]:
    return [c["client_id"] for c in result["clients"]]


def test_when_ranked_by_loans_then_the_top_n_by_loan_balance_come_first(bank: Frontline) -> None:
    out = toolbox(bank, "RM001").call("list_book", {"sort_by": "loan", "limit": 2})
    assert ids(out) == ["C000101", "C000103"] and out["matched"] == 5
    assert "贷款余额" in out["query"] and "前 2 名" in out["query"]


def test_when_a_threshold_is_given_then_only_clients_above_it_match(bank: Frontline) -> None:
    args = {"thresholds": [{"measure": "loan", "op": "gte", "value": 5e7}], "count_only": True}
    out = toolbox(bank, "RM001").call("list_book", args)
    assert out["matched"] == 2 and set(ids(out)) == {"C000101", "C000103"}


def test_when_days_since_contact_is_asked_then_clients_without_recent_contact_match(
    bank: Frontline,
) -> None:
    out = toolbox(bank, "RM001").call("list_book", {"no_contact_days": 30})
    # C000001 was visited 20 days before the extract date; the others never were.
    assert "C000001" not in ids(out) and {"C000101", "C000104"} <= set(ids(out))


@pytest.mark.parametrize("word", ["代发", "payroll"])
def test_when_a_product_is_named_then_holders_resolve_through_the_catalogue(
    bank: Frontline, other_bank: Frontline, word: str
) -> None:
    for fl in (bank, other_bank):  # CPAY01 in one bank, PAY-SVC in the other
        held = toolbox(fl, "RM001").call("list_book", {"holds": [word]})
        lacking = toolbox(fl, "RM001").call("list_book", {"lacks": [word]})
        assert ids(held) == ["C000001"] and "C000001" not in ids(lacking)


def test_when_the_catalogue_has_no_such_product_then_the_tool_says_so(bank: Frontline) -> None:
    from tools.toolbox import ToolError

    with pytest.raises(ToolError, match="no product"):
        toolbox(bank, "RM001").call("list_book", {"holds": ["家族信托"]})


def test_when_a_team_lead_names_an_rm_of_the_team_then_only_that_rms_clients_are_listed(
    bank: Frontline,
) -> None:
    out = toolbox(bank, "RM003").call("list_book", {"rm": "李强"})
    assert ids(out) == ["C000002"] and out["rm"]["rm_id"] == "RM002"


@pytest.mark.parametrize(
    ("caller", "named"),
    [
        ("RM003", "周平"),
        ("RM003", "RM005"),
        ("RM001", "李强"),
        ("RM004", "王敏"),
        ("RM001", "nobody"),
    ],
)
def test_when_an_rm_outside_the_callers_scope_is_named_then_refused(
    bank: Frontline, caller: str, named: str
) -> None:
    with pytest.raises(Refusal):
        toolbox(bank, caller).call("list_book", {"rm": named})


def test_when_an_rm_names_themself_then_their_own_book_is_listed(bank: Frontline) -> None:
    assert "C000101" in ids(toolbox(bank, "RM001").call("list_book", {"rm": "王敏"}))


def test_when_a_lead_asks_per_rm_then_every_rm_of_the_team_is_counted(bank: Frontline) -> None:
    out = toolbox(bank, "RM003").call("list_book", {"group_by_rm": True})
    assert [(r["rm_id"], r["clients"]) for r in out["per_rm"]] == [("RM001", 5), ("RM002", 1)]


def ask(fl: Frontline, question: str, rm_id: str):
    return asyncio.run(fl.core.answer(Turn(text=question, channel="cli", rm_id=rm_id)))


def test_when_a_lead_asks_in_words_about_a_team_rm_then_the_answer_lists_that_rm_only(
    bank: Frontline,
) -> None:
    answer = ask(bank, "小王那边贷款最多的前两个客户", "RM003")
    assert answer.intent == "book_query" and not answer.refused
    assert answer.client_ids == ["C000101", "C000103"]
    assert "王敏 名下" in answer.text and "前 2 名" in answer.text


@pytest.mark.parametrize(("question", "rm"), [("周平名下贷款最多的客户", "RM003"),
                                             ("李强名下有几个客户", "RM001")])  # fmt: skip
def test_when_an_rm_out_of_scope_is_named_in_words_then_the_answer_is_a_refusal(
    bank: Frontline, question: str, rm: str
) -> None:
    answer = ask(bank, question, rm)
    assert answer.refused and answer.client_ids == []


@pytest.mark.parametrize(
    ("language", "signal", "product"),
    [("zh", "存款流失预警", "代发工资（CPAY01）"), ("en", "deposit churn", "CPAY01")],
)
def test_a_book_line_names_signals_and_products_in_the_rms_words(
    bank: Frontline, language: str, signal: str, product: str
) -> None:
    import dataclasses
    from datetime import date

    intel = bank.tool_services().intelligence
    row = intel._book(frozenset({"C000001"}))[1][0]
    row = dataclasses.replace(
        row,
        signals=("deposit_churn",),
        next_maturity=date(2027, 1, 5),
        next_maturity_product="CPAY01",
    )
    summary = intel._row(row, language)["summary"]
    assert signal in summary and product in summary and "deposit_churn" not in summary
