"""The Harbour bank generator: deterministic, its identifiers well-formed by the standards
(checked here with data the generator did not produce), every file importable, and the
golden set consistent with the generated truth."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from evals.banks.harbour import PLAYBOOKS
from evals.banks.harbour.generate import generate
from evals.banks.harbour.golden import build_cases, render
from evals.banks.harbour.ids import PROVINCES, is_valid_resident_id, is_valid_uscc
from evals.checks import KNOWN_EXPECT_KEYS
from evals.compare import load_floors
from tools.bank.importer import validate_extract

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "evals" / "datasets" / "golden-harbour.jsonl"
REAL_SHAPED = ("440305198001011235", "310115197603124032")


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("harbour")
    generate(out)
    return out


def rows(extract: Path, name: str) -> list[dict]:
    with (extract / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def resident_ids(extract: Path) -> Iterator[str]:
    for c in rows(extract, "clients"):
        if c["client_type"] == "retail" and c["registration_id"]:
            yield c["registration_id"]
    yield from (p["id_number"] for p in rows(extract, "contacts") if p["id_number"])


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("440305198001011235", True),
        ("310115197603124032", True),
        ("11010519491231002X", True),  # the standard's own worked example
        ("440305198001011234", False),  # wrong check character
        ("440305198002301235", False),  # 30 February
        ("44030519800101123", False),  # 17 characters
    ],
)
def test_gb11643_check_on_ids_the_generator_did_not_make(value: str, valid: bool) -> None:
    assert is_valid_resident_id(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [("91350100M000100Y43", True), ("91350100M000100Y44", False), ("9135010OM000100Y43", False)],
)
def test_gb32100_check_on_codes_the_generator_did_not_make(value: str, valid: bool) -> None:
    assert is_valid_uscc(value) is valid


def test_generation_is_deterministic(extract: Path, tmp_path: Path) -> None:
    generate(tmp_path)
    for path in sorted(extract.glob("*.csv")) + [extract / "truth.json"]:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("clients", "client_id"),
        ("rms", "rm_id"),
        ("products", "product_code"),
        ("holdings", "account_no"),
    ],
)
def test_ids_are_unique(extract: Path, name: str, key: str) -> None:
    values = [r[key] for r in rows(extract, name)]
    assert len(values) == len(set(values))


def test_every_resident_id_passes_gb11643_and_the_set_covers_every_province(extract: Path) -> None:
    values = list(resident_ids(extract))
    assert all(is_valid_resident_id(v) for v in values)
    assert {v[:2] for v in values} >= set(PROVINCES)
    decades = {int(v[6:10]) // 10 * 10 for v in values}
    assert decades >= {1930, 1940, 1950, 1960, 1970, 1980, 1990, 2000}
    assert set(REAL_SHAPED) <= set(values)


def test_every_uscc_passes_gb32100(extract: Path) -> None:
    codes = [
        c["registration_id"] for c in rows(extract, "clients") if c["client_type"] == "corporate"
    ]
    assert codes and all(is_valid_uscc(c) for c in codes)


def test_conventions_are_not_the_demo_banks(extract: Path) -> None:
    clients, rms = rows(extract, "clients"), rows(extract, "rms")
    assert all(re.fullmatch(r"KH20\d{8}", c["client_id"]) for c in clients)
    assert all(re.fullmatch(r"E\d{5}", r["rm_id"]) for r in rms)
    assert {r["role"] for r in rms} >= {"rm", "team_lead"}
    assert len({r["branch"] for r in rms}) == 2
    assert max(b["month"] for b in rows(extract, "balances")) == "2026-06"
    assert 250 <= len(clients) <= 400


def test_truth_names_planted_patterns_in_the_data(extract: Path) -> None:
    truth = json.loads((extract / "truth.json").read_text(encoding="utf-8"))
    ids = {c["client_id"] for c in rows(extract, "clients")}
    for pattern, members in truth["patterns"].items():
        assert members, pattern
        assert set(members) <= ids, pattern


def test_every_file_imports_through_the_real_importer(extract: Path) -> None:
    counts = validate_extract(extract).counts()
    assert counts["clients"] == len(rows(extract, "clients"))


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_playbooks_have_front_matter_own_ids_and_one_planted_instruction() -> None:
    paths = sorted(PLAYBOOKS.rglob("*.md"))
    metas = [_front_matter(p) for p in paths]
    ids = [m["id"] for m in metas]
    assert len(ids) == len(set(ids))
    assert {m["language"] for m in metas} == {"zh", "en"}
    assert all(m.get("title") for m in metas)
    planted = [p for p in paths if "Ignore all previous instructions" in p.read_text("utf-8")]
    assert [p.stem for p in planted] == ["holiday-service-notice"]


def test_golden_set_is_consistent_with_the_bank(extract: Path) -> None:
    cases = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line]
    truth = json.loads((extract / "truth.json").read_text(encoding="utf-8"))
    clients = {c["client_id"] for c in rows(extract, "clients")}
    rms = {r["rm_id"] for r in rows(extract, "rms")}
    case_ids = {c["id"] for c in cases}
    assert len(cases) >= 130 and len(case_ids) == len(cases)
    assert {c["language"] for c in cases} == {"zh", "en"}
    assert {c["expect"].get("intent") for c in cases} >= {
        "serve_client",
        "draft_outreach",
        "client_facts",
        "book_query",
        "playbook_qa",
        "help",
        "out_of_scope",
    }
    floors = {k.split(".")[1] for k in load_floors() if k.startswith("by_category.")}
    assert floors <= {c["category"] for c in cases}
    for case in cases:
        assert set(case["expect"]) <= set(KNOWN_EXPECT_KEYS), case["id"]
        assert set(case["expect"].get("client_ids", [])) <= clients, case["id"]
        assert case.get("follow_up_of") in (None, *case_ids), case["id"]
        if case["category"] != "unknown_rm":
            assert case["as_rm"] in rms, case["id"]
    assert truth["as_of"] == "2026-07-01"


def test_committed_golden_set_is_what_the_builder_writes(extract: Path) -> None:
    """After a generator change, regenerate: python -m evals.banks.harbour.golden OUT.jsonl"""
    assert render(build_cases(extract)) == GOLDEN.read_text(encoding="utf-8")
