"""Import validation, atomicity and idempotence — on SQLite and on the machine's PostgreSQL."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assistant.errors import ImportValidationError
from assistant.wiring import Frontline
from testkit.extract import small_extract, write_extract
from tests.conftest import make_settings
from tools.bank import models as m
from tools.bank.importer import import_extract


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def frontline(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "postgres":
        url = request.getfixturevalue("pg_database")
        fl = Frontline(make_settings(tmp_path / "home", database_url=url))
        with fl.sessions.begin() as s:  # each test starts from an empty bank
            for table in reversed(m.BANK_TABLES):
                s.execute(m.Base.metadata.tables[table.__tablename__].delete())
            s.execute(m.Base.metadata.tables["extract_meta"].delete())
    else:
        fl = Frontline(make_settings(tmp_path / "home"))
    yield fl
    fl.close()


def counts(fl: Frontline) -> dict[str, int]:
    with fl.sessions() as s:
        return {
            t.__tablename__: s.scalar(select(func.count()).select_from(t)) or 0
            for t in m.BANK_TABLES
        }


def edited(file: str, row: int, column: str, value: str) -> dict:
    data = copy.deepcopy(small_extract())
    data[file][row][column] = value
    return data


# (case, file, row index, column, bad value, expected "file:line:column: ..." start, words in message)
BAD_CELLS = [
    ("bad_date", "clients.csv", 0, "onboard_date", "2019-13-02", "clients.csv:2:6:", "YYYY-MM-DD"),
    ("bad_month", "balances.csv", 1, "month", "2026/10", "balances.csv:3:2:", "YYYY-MM"),
    (
        "unknown_rm_on_interaction",
        "interactions.csv",
        0,
        "rm_id",
        "RM999",
        "interactions.csv:2:3:",
        "unknown RM",
    ),
    ("client_of_unknown_rm", "clients.csv", 1, "rm_id", "RM404", "clients.csv:3:4:", "unknown RM"),
    (
        "duplicate_client_id",
        "clients.csv",
        1,
        "client_id",
        "C000001",
        "clients.csv:3:1:",
        "duplicate client_id",
    ),
    (
        "uscc_checksum",
        "clients.csv",
        0,
        "registration_id",
        "91310000MA1FL8XQ30",
        "clients.csv:2:8:",
        "GB 32100",
    ),
    (
        "ric_checksum",
        "clients.csv",
        1,
        "registration_id",
        "110101199003074470",
        "clients.csv:3:8:",
        "GB 11643",
    ),
    (
        "contact_ric_checksum",
        "contacts.csv",
        0,
        "id_number",
        "310104197805123010",
        "contacts.csv:2:6:",
        "GB 11643",
    ),
    ("negative_balance", "holdings.csv", 1, "balance", "-5.00", "holdings.csv:3:3:", "negative"),
    (
        "negative_deposit",
        "balances.csv",
        0,
        "avg_daily_deposit",
        "-1",
        "balances.csv:2:3:",
        "negative",
    ),
    (
        "bad_client_type",
        "clients.csv",
        0,
        "client_type",
        "company",
        "clients.csv:2:2:",
        "'company'",
    ),
    ("bad_role", "rms.csv", 2, "role", "boss", "rms.csv:4:5:", "'boss'"),
    ("bad_risk_level", "products.csv", 0, "risk_level", "R9", "products.csv:2:4:", "'R9'"),
    (
        "bad_risk_appetite",
        "clients.csv",
        0,
        "risk_appetite",
        "C7",
        "clients.csv:2:9:",
        "expected 'C1'",
    ),
    (
        "holding_of_unknown_product",
        "holdings.csv",
        0,
        "product_code",
        "NOPE",
        "holdings.csv:2:2:",
        "unknown product",
    ),
    (
        "balance_of_unknown_client",
        "balances.csv",
        2,
        "client_id",
        "C999999",
        "balances.csv:4:1:",
        "unknown client",
    ),
    ("empty_required", "contacts.csv", 0, "title", "", "contacts.csv:2:3:", "empty"),
]


@pytest.mark.parametrize(
    ("case", "file", "row", "column", "value", "where", "words"),
    BAD_CELLS,
    ids=[c[0] for c in BAD_CELLS],
)
def test_when_a_cell_is_bad_then_import_names_file_line_column_and_loads_nothing(
    frontline: Frontline, tmp_path: Path, case, file, row, column, value, where, words
) -> None:
    directory = write_extract(tmp_path / case, edited(file, row, column, value))
    with pytest.raises(ImportValidationError) as err:
        import_extract(frontline.sessions, directory)
    assert any(p.startswith(where) and words in p for p in err.value.problems), err.value.problems
    assert sum(counts(frontline).values()) == 0


def test_when_a_required_column_is_missing_then_the_header_is_reported(
    frontline: Frontline, tmp_path: Path
) -> None:
    data = small_extract()
    for r in data["products.csv"]:
        del r["segment"]
    with pytest.raises(ImportValidationError) as err:
        import_extract(frontline.sessions, write_extract(tmp_path / "x", data))
    assert err.value.problems == ["products.csv:1:7: missing required column 'segment'"]


def test_when_a_file_is_missing_then_import_says_which(
    frontline: Frontline, tmp_path: Path
) -> None:
    directory = write_extract(tmp_path / "x")
    (directory / "interactions.csv").unlink()
    with pytest.raises(ImportValidationError) as err:
        import_extract(frontline.sessions, directory)
    assert err.value.problems == ["interactions.csv:0:0: file is missing from the extract"]


def test_when_every_problem_is_listed_then_several_files_report_together(
    frontline: Frontline, tmp_path: Path
) -> None:
    data = edited("clients.csv", 0, "onboard_date", "yesterday")
    data["holdings.csv"][0]["balance"] = "-1"
    with pytest.raises(ImportValidationError) as err:
        import_extract(frontline.sessions, write_extract(tmp_path / "x", data))
    assert {p.split(":")[0] for p in err.value.problems} == {"clients.csv", "holdings.csv"}


def test_when_a_bad_extract_follows_a_good_one_then_the_database_is_as_it_was(
    frontline: Frontline, tmp_path: Path
) -> None:
    import_extract(frontline.sessions, write_extract(tmp_path / "good"))
    before = counts(frontline)
    bad = edited("balances.csv", 2, "loan_balance", "-3")
    bad["clients.csv"].append(dict(bad["clients.csv"][1], client_id="C000003", registration_id=""))
    with pytest.raises(ImportValidationError):
        import_extract(frontline.sessions, write_extract(tmp_path / "bad", bad))
    assert counts(frontline) == before
    assert frontline.bank.get_clients(["C000003"]) == []


def test_when_the_same_extract_is_imported_twice_then_nothing_changes(
    frontline: Frontline, tmp_path: Path
) -> None:
    directory = write_extract(tmp_path / "x")
    first = import_extract(frontline.sessions, directory)
    second = import_extract(frontline.sessions, directory)
    assert not first.unchanged and second.unchanged
    assert counts(frontline) == {
        "teams": 1,
        "rms": 3,
        "clients": 2,
        "contacts": 1,
        "products": 2,
        "holdings": 2,
        "balances": 3,
        "interactions": 1,
        "complaints": 0,  # complaints.csv is optional; this extract has none
        "surveys": 0,  # so is surveys.csv
        "relationships": 0,  # and relationships.csv
    }


def test_when_a_newer_extract_arrives_then_it_replaces_the_old_snapshot(
    frontline: Frontline, tmp_path: Path
) -> None:
    import_extract(frontline.sessions, write_extract(tmp_path / "v1"))
    newer = edited("clients.csv", 1, "rm_id", "RM001")
    newer["balances.csv"].append(
        {
            "client_id": "C000002",
            "month": "2026-11",
            "avg_daily_deposit": "90000.00",
            "loan_balance": "0.00",
            "transaction_count": "3",
        }
    )
    result = import_extract(frontline.sessions, write_extract(tmp_path / "v2", newer))
    assert not result.unchanged
    assert frontline.bank.client_ids_of(["RM001"]) == {"C000001", "C000002"}
    assert str(frontline.bank.as_of()) == "2026-12-01"


def test_when_extra_columns_are_present_then_they_are_kept_as_attributes(
    frontline: Frontline, tmp_path: Path
) -> None:
    import_extract(frontline.sessions, write_extract(tmp_path / "x"))
    (client,) = frontline.bank.get_clients(["C000001"])
    assert client.attributes == {"segment_note": "key account"}


def test_when_client_data_is_read_then_it_holds_the_loaded_values_in_their_types(
    frontline: Frontline, tmp_path: Path
) -> None:
    """The repository reads row tuples; each record holds what the ORM objects hold, with
    amounts as floats, dates as dates and notes newest first."""
    import_extract(frontline.sessions, write_extract(tmp_path / "x"))
    ids = sorted(frontline.bank.client_ids_of(["RM001", "RM002"]))
    datas = frontline.bank.client_data(ids, interactions=2)
    with frontline.sessions() as s:
        holdings = s.scalars(select(m.Holding).order_by(m.Holding.id)).all()
        notes = s.scalars(select(m.Interaction).order_by(m.Interaction.date.desc())).all()
        by_id = {c.client_id: c for c in s.scalars(select(m.Client))}
    assert [d.client.client_id for d in datas] == ids
    for data in datas:
        cid = data.client.client_id
        assert data.client.name == by_id[cid].name
        assert data.client.attributes == dict(by_id[cid].attributes or {})
        assert [(h.product_code, h.balance, h.maturity_date) for h in data.holdings] == [
            (h.product_code, float(h.balance), h.maturity_date)
            for h in holdings
            if h.client_id == cid
        ]
        assert all(type(h.balance) is float for h in data.holdings)
        assert all(type(b.avg_daily_deposit) is float for b in data.balances)
        assert [(i.date, i.summary) for i in data.interactions] == [
            (i.date, i.summary) for i in notes if i.client_id == cid
        ][:2]


def test_when_bytes_are_not_utf8_then_the_file_is_rejected(
    frontline: Frontline, tmp_path: Path
) -> None:
    directory = write_extract(tmp_path / "x")
    (directory / "contacts.csv").write_bytes(
        b"client_id,name,title\nC000001," + "周建国".encode("gbk") + b",CFO\n"
    )
    with pytest.raises(ImportValidationError) as err:
        import_extract(frontline.sessions, directory)
    assert err.value.problems[0].startswith("contacts.csv:") and "UTF-8" in err.value.problems[0]


@pytest.mark.parametrize(
    ("file", "row", "column", "number"),
    [
        ("clients.csv", 1, "registration_id", "440305198001011235"),
        ("contacts.csv", 0, "id_number", "310115197603124032"),
        ("contacts.csv", 0, "id_number", "110105491231002"),  # first generation, 15 digits
    ],
)
def test_when_a_real_id_was_issued_where_the_holder_was_not_born_then_it_imports(
    frontline: Frontline, tmp_path: Path, file, row, column, number
) -> None:
    import_extract(
        frontline.sessions, write_extract(tmp_path / "x", edited(file, row, column, number))
    )
    assert counts(frontline)["clients"] == len(small_extract()["clients.csv"])


@pytest.mark.parametrize(
    ("file", "row", "column", "number"),
    [
        ("clients.csv", 1, "registration_id", "310115197511062058"),
        ("clients.csv", 0, "registration_id", "91310000MA1FL8XQ30"),
        ("contacts.csv", 0, "id_number", "310104197805123010"),
    ],
)
def test_when_an_identifier_is_refused_then_the_message_shows_only_a_partial_form(
    frontline: Frontline, tmp_path: Path, file, row, column, number
) -> None:
    with pytest.raises(ImportValidationError) as err:
        import_extract(
            frontline.sessions, write_extract(tmp_path / "x", edited(file, row, column, number))
        )
    text = "\n".join(err.value.problems) + str(err.value)
    assert number not in text and number[:3] in text and number[-4:] in text
