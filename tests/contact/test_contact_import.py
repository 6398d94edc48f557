"""Consent and opt-out columns in an extract (DESIGN §4.3: ``marketing_consent``,
``opt_out_channels`` on clients.csv and contacts.csv): optional, validated like any cell (file,
line, column), kept as attributes the contact policy reads; a bank's own words for a channel
("短信、微信", "企业微信") are read as the draft channels."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from assistant.errors import ImportValidationError
from assistant.wiring import Frontline
from testkit.extract import small_extract, write_extract
from testkit.settings import make_settings
from tools.bank.importer import import_extract


@pytest.fixture
def fl(tmp_path: Path):
    frontline = Frontline(make_settings(tmp_path / "home"))
    yield frontline
    frontline.close()


def with_columns(client_rows: list[tuple[str, str]], contact: tuple[str, str] = ("", "")) -> dict:
    data = copy.deepcopy(small_extract())
    for row, (consent, opt_out) in zip(data["clients.csv"], client_rows, strict=False):
        row["marketing_consent"], row["opt_out_channels"] = consent, opt_out
    for row in data["clients.csv"][len(client_rows) :]:
        row["marketing_consent"], row["opt_out_channels"] = "", ""
    for row in data["contacts.csv"]:
        row["marketing_consent"], row["opt_out_channels"] = "", ""
    data["contacts.csv"][0]["marketing_consent"], data["contacts.csv"][0]["opt_out_channels"] = (
        contact
    )
    return data


def test_the_columns_are_kept_normalised_and_blank_says_nothing(fl: Frontline, tmp_path: Path):
    data = with_columns([("否", "短信、企业微信"), ("", "")], contact=("yes", "ALL"))
    import_extract(fl.sessions, write_extract(tmp_path / "x", data))
    first, second = fl.bank.get_clients(["C000001", "C000002"])
    assert first.attributes["marketing_consent"] is False
    assert first.attributes["opt_out_channels"] == "sms;wechat"
    assert "marketing_consent" not in second.attributes  # blank: not said, not "no"
    [data_first] = fl.bank.client_data(["C000001"])
    contact = next(c for c in data_first.contacts if c.attributes.get("opt_out_channels"))
    assert contact.attributes == {"marketing_consent": True, "opt_out_channels": "all"}


@pytest.mark.parametrize(
    ("consent", "opt_out", "where", "words"),
    [
        ("maybe", "", "clients.csv:2:", "marketing_consent: expected true/false"),
        ("", "sms;fax", "clients.csv:2:", "opt_out_channels: unknown channel 'fax'"),
    ],
)
def test_a_bad_value_is_named_by_file_line_and_column(
    fl: Frontline, tmp_path: Path, consent: str, opt_out: str, where: str, words: str
) -> None:
    directory = write_extract(tmp_path / "bad", with_columns([(consent, opt_out)]))
    with pytest.raises(ImportValidationError) as err:
        import_extract(fl.sessions, directory)
    assert any(p.startswith(where) and words in p for p in err.value.problems), err.value.problems


COMPLAINT = {
    "complaint_id": "TS-2026-001", "client_id": "C000001", "date": "2026-11-20",
    "channel": "branch", "category": "服务态度", "status": "处理中", "due_date": "2026-11-27",
    "summary": "客户反映柜面等候时间过长",
}  # fmt: skip


def test_complaints_are_optional_and_read_back_oldest_first(fl: Frontline, tmp_path: Path):
    data = copy.deepcopy(small_extract())
    import_extract(fl.sessions, write_extract(tmp_path / "none", data))  # no complaints.csv
    assert fl.bank.complaints_for(["C000001"]) == []
    later = COMPLAINT | {"complaint_id": "TS-2026-002", "date": "2026-11-25", "status": "已办结"}
    data["complaints.csv"] = [later, COMPLAINT]
    import_extract(fl.sessions, write_extract(tmp_path / "some", data))
    found = fl.bank.complaints_for(["C000001", "C000002"])
    assert [c.complaint_id for c in found] == ["TS-2026-001", "TS-2026-002"]
    assert found[0].due_date.isoformat() == "2026-11-27" and found[0].summary
    assert "2 complaints" in fl.bank.summary_line()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"client_id": "C999999"}, "complaints.csv:3:2: client_id: unknown client"),
        ({"complaint_id": "TS-2026-001"}, "complaints.csv:3:1: duplicate complaint_id"),
        ({"due_date": "27/11/2026"}, "complaints.csv:3:7: due_date: expected a date"),
    ],
)
def test_a_bad_complaint_row_is_named_by_file_line_and_column(
    fl: Frontline, tmp_path: Path, change: dict, words: str
) -> None:
    data = copy.deepcopy(small_extract())
    data["complaints.csv"] = [COMPLAINT, COMPLAINT | {"complaint_id": "TS-2026-009"} | change]
    with pytest.raises(ImportValidationError) as err:
        import_extract(fl.sessions, write_extract(tmp_path / "bad", data))
    assert any(p.startswith(words[:17]) and words[17:] in p for p in err.value.problems), (
        err.value.problems
    )


SURVEY = {
    "client_id": "C000001",
    "date": "2026-10-12",
    "score": "6",
    "scale": "",
    "channel": "sms",
    "comment": "柜台等太久",
}


def test_surveys_are_optional_and_read_back_oldest_first(fl: Frontline, tmp_path: Path):
    data = copy.deepcopy(small_extract())
    import_extract(fl.sessions, write_extract(tmp_path / "none", data))  # no surveys.csv
    assert fl.bank.surveys_for(["C000001"]) == []
    data["surveys.csv"] = [SURVEY | {"date": "2026-10-30", "score": "9"}, SURVEY]
    import_extract(fl.sessions, write_extract(tmp_path / "some", data))
    found = fl.bank.surveys_for(["C000001"])
    assert [(s.date.isoformat(), s.score) for s in found] == [
        ("2026-10-12", 6.0),
        ("2026-10-30", 9.0),
    ]
    assert found[0].comment == "柜台等太久" and found[0].scale is None
    assert "2 surveys" in fl.bank.summary_line()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"client_id": "C999999"}, "surveys.csv:2:1: client_id: unknown client"),
        ({"score": "-1"}, "surveys.csv:2:3: score"),
        ({"date": "12/10/2026"}, "surveys.csv:2:2: date: expected a date"),
    ],
)
def test_a_bad_survey_row_is_named_by_file_line_and_column(
    fl: Frontline, tmp_path: Path, change: dict, words: str
) -> None:
    data = copy.deepcopy(small_extract())
    data["surveys.csv"] = [SURVEY | change]
    with pytest.raises(ImportValidationError) as err:
        import_extract(fl.sessions, write_extract(tmp_path / "bad", data))
    assert any(p.startswith(words[:15]) and words[15:] in p for p in err.value.problems), (
        err.value.problems
    )


def test_relationships_are_optional_and_read_back(fl: Frontline, tmp_path: Path) -> None:
    data = copy.deepcopy(small_extract())
    data["relationships.csv"] = [
        {
            "client_id": "C000001",
            "related_client_id": "C000002",
            "relation": "household",
            "role": "",
        }
    ]
    import_extract(fl.sessions, write_extract(tmp_path / "some", data))
    [link] = fl.bank.relationships_for(["C000001"])
    assert (link.related_client_id, link.relation, link.role) == ("C000002", "household", None)


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        (
            [{"related_client_id": "C999999"}],
            "relationships.csv:2:2: related_client_id: unknown client",
        ),
        (
            [{"related_client_id": "C000001"}],
            "relationships.csv:2:2: related_client_id: the client itself",
        ),
        ([{"relation": "friend"}], "relationships.csv:2:3: relation"),
        (
            [{}, {"client_id": "C000002", "related_client_id": "C000001"}],
            "relationships.csv:3:1: duplicate link",
        ),
    ],
)
def test_a_bad_relationship_row_is_named_by_file_line_and_column(
    fl: Frontline, tmp_path: Path, rows: list[dict], words: str
) -> None:
    base = {
        "client_id": "C000001",
        "related_client_id": "C000002",
        "relation": "household",
        "role": "",
    }
    data = copy.deepcopy(small_extract())
    data["relationships.csv"] = [base | row for row in rows]
    with pytest.raises(ImportValidationError) as err:
        import_extract(fl.sessions, write_extract(tmp_path / "bad", data))
    assert any(p.startswith(words[:22]) and words[22:] in p for p in err.value.problems), (
        err.value.problems
    )
