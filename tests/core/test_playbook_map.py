"""The playbook map (tools/policy/playbooks.yaml) is bank data: validated on load, checked
against the ingested library (doctor, start-up warning), and a library it does not describe —
another bank's playbooks, no mapping at all — still gets answers citing what retrieval finds."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.core.types import Turn
from assistant.doctor import run_checks
from assistant.errors import ConfigError
from assistant.wiring import Frontline
from testkit.embeddings import HashingEmbeddings
from testkit.extract import write_extract
from tests.conftest import make_settings
from tests.support.other_catalogue import other_bank_extract
from tools.bank.importer import import_extract
from tools.intelligence.policy import DEFAULT_PLAYBOOK_MAP_PATH, load_playbook_map

# Another bank's library: its own ids and wording, none of the bundled playbooks.
LIBRARY = {
    "retail/term-products-expiry.md": """---
id: bank-x/expiry
title: 存款产品到期管理办法
language: zh
---

# 存款产品到期管理办法

## 到期提醒

- 大额存单、定期存款到期前须提前联系客户，确认续存或转购意向并记录。
""",
    "service/visiting.md": """---
id: bank-x/visiting
title: 客户拜访规范
language: zh
---

# 客户拜访规范

## 拜访频次

- 贵宾客户每季度至少联系一次，服务标准以本规范为准。
""",
}
LIBRARY_IDS = {"bank-x/expiry", "bank-x/visiting"}


def test_the_bundled_map_loads_and_names_a_playbook_for_every_signal() -> None:
    bundled = load_playbook_map()
    signals = {"deposit_churn", "maturity", "dormancy", "growth", "product_gap", "suitability"}
    assert signals <= set(bundled.topics) and set(bundled.channels) == {
        "wechat",
        "sms",
        "email",
        "call",
    }


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("version: 1\ntopics:\n  maturity:\n    playbook: x\n", "topics.maturity.query"),
        (
            "version: 1\ntopics:\n  maturity:\n    query: {zh: a, en: b}\n    playbok: x\n",
            "playbok",
        ),
        ("version: 1\nchannels:\n  fax:\n    query: {zh: a, en: b}\n", "channels.fax"),
        ("version: 1\ntopics:\n  maturity:\n    query: {zh: '', en: b}\n", "query.zh"),
        ("- not a mapping\n", "top level"),
    ],
)
def test_when_the_map_is_malformed_then_loading_fails_in_one_line(
    tmp_path: Path, text: str, where: str
) -> None:
    bad = tmp_path / "playbooks.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_playbook_map(bad)
    assert str(bad) in str(err.value) and where in str(err.value) and "\n" not in str(err.value)


def test_when_ids_are_checked_then_either_language_edition_counts() -> None:
    bundled = load_playbook_map()
    everything = set(bundled.playbook_ids())
    assert bundled.missing_from(everything) == []
    english_only = {f"{d}-en" for d in everything}
    assert bundled.missing_from(english_only) == []
    missing = bundled.missing_from(everything - {"lifecycle/maturity-follow-up"})
    assert missing == ["topics.maturity: lifecycle/maturity-follow-up"]


def test_the_setting_points_the_engine_at_the_banks_own_map(tmp_path: Path) -> None:
    own = tmp_path / "map.yaml"
    own.write_text("version: 7\n", encoding="utf-8")
    settings = load_settings(_env_file=None, home=tmp_path, playbook_map=own)
    fl = Frontline(settings, embedder=HashingEmbeddings())
    assert fl.playbook_map.version == "7" and fl.playbook_map.topics == {}
    assert load_settings(_env_file=None, home=tmp_path).playbook_map is None
    assert DEFAULT_PLAYBOOK_MAP_PATH.name == "playbooks.yaml"


@pytest.fixture(scope="module")
def other_library(tmp_path_factory: pytest.TempPathFactory):
    """Another bank's extract and library, with the bundled map (which names none of its
    playbooks) or, via ``unmapped``, an empty one."""
    home = tmp_path_factory.mktemp("other-library")
    folder = home / "playbooks"
    for name, text in LIBRARY.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    empty_map = home / "empty-map.yaml"
    empty_map.write_text("version: 1\n", encoding="utf-8")
    built = {}
    for label, overrides in (("bundled", {}), ("empty", {"playbook_map": empty_map})):
        fl = Frontline(make_settings(home / label, **overrides), embedder=HashingEmbeddings())
        import_extract(fl.sessions, write_extract(home / label / "extract", other_bank_extract()))
        fl.after_import()
        fl.ingestor.progress = False
        fl.ingestor.ingest([folder])
        built[label] = fl
    yield built
    for fl in built.values():
        fl.close()


def test_when_mapped_playbooks_are_not_ingested_then_doctor_names_them(other_library) -> None:
    fl = other_library["bundled"]
    line = next(c for c in run_checks(fl) if c[0] == "playbook map")
    assert line[1] is False
    assert "topics.maturity: lifecycle/maturity-follow-up" in line[2] and "\n" not in line[2]


def test_when_mapped_playbooks_are_not_ingested_then_start_up_warns(
    other_library, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="frontline.wiring"):
        other_library["bundled"].warm_up()
    warned = " ".join(r.getMessage() for r in caplog.records)
    assert "lifecycle/maturity-follow-up" in warned and "not ingested" in warned


def test_the_policy_files_playbooks_are_checked_too(other_library) -> None:
    fl = other_library["empty"]  # no topics: only signals.yaml and tiering.yaml name playbooks
    missing = fl.unmapped_playbooks()
    assert "signals.maturity: lifecycle/maturity-follow-up" in missing
    assert not any(m.startswith(("topics.", "channels.")) for m in missing)


def test_when_every_named_playbook_is_ingested_then_doctor_is_ok(demo) -> None:
    fl, _ = demo
    line = next(c for c in run_checks(fl) if c[0] == "playbook map")
    assert line[1] is True, line


@pytest.mark.parametrize("label", ["bundled", "empty"])
def test_when_the_library_is_another_banks_then_answers_cite_what_retrieval_finds(
    other_library, label: str
) -> None:
    fl = other_library[label]
    answer = asyncio.run(
        fl.core.answer(Turn(text="我该怎么服务陈晓？", channel="cli", rm_id="RM002"))
    )
    assert answer.intent == "serve_client" and answer.citations
    cited = {c.doc_id for c in answer.citations}
    assert cited <= {"bank-x/expiry", "bank-x/visiting"} and "bank-x/expiry" in cited
    # No action points at a configured playbook this library does not hold.
    assert {a.playbook for a in answer.actions} <= {*LIBRARY_IDS, None}


def test_when_ingesting_then_the_cli_warns_about_configured_playbooks_not_ingested(
    other_library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from assistant import cli

    fl = other_library["bundled"]
    monkeypatch.setattr(cli, "_frontline", lambda *a, **k: fl)
    folder = fl.settings.home.parent / "playbooks"
    result = CliRunner().invoke(cli.app, ["ingest", str(folder), "--quiet"])
    assert result.exit_code == 0
    assert "warning: topics.maturity: lifecycle/maturity-follow-up is not ingested" in result.output
