"""No literal of the demo bank in the product's code: its id scheme (C + 6 digits, RM + 3
digits), its product codes, its playbook ids. Those belong to the bank's data — the extract,
the playbook library and the bank-editable policy files — not to code another bank runs.

Scanned: assistant/, tools/, knowledge/, integrations/. Not scanned: the demo generator
(tools/bank/demo*, its catalogue), bank-editable YAML policy (tools/policy/*.yaml) and the
playbook library (knowledge/playbooks/) — all of them data. The bundled search glossary is
scanned: every bank gets it, so it speaks of products by their words, never the demo's codes.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from tools.bank.demo import CATALOG

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("assistant", "tools", "knowledge", "integrations")
TEXT_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".html", ".js", ".css", ".md", ".txt", ".mako"}
ID_SCHEME = re.compile(r"(?<![A-Za-z0-9_])(?:C\d{6}|RM\d{3})(?![A-Za-z0-9_])")
PLAYBOOKS = ROOT / "knowledge" / "playbooks"


def is_data(path: Path) -> bool:
    rel = path.relative_to(ROOT).as_posix()
    return (
        rel.startswith(("tools/bank/demo", "knowledge/playbooks/"))
        or rel == CATALOG.relative_to(ROOT).as_posix()
        or (rel.startswith("tools/policy/") and path.suffix in (".yaml", ".yml"))
    )


def scanned_files() -> list[Path]:
    files = [
        p
        for top in SCANNED
        for p in sorted((ROOT / top).rglob("*"))
        if p.is_file() and p.suffix in TEXT_SUFFIXES and "__pycache__" not in p.parts
    ]
    return [p for p in files if not is_data(p)]


@cache
def product_codes() -> frozenset[str]:
    """The demo catalogue's codes, read where the demo generator reads them."""
    rows = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))["products"]
    return frozenset(str(row[0]) for row in rows)


@cache
def playbook_ids() -> frozenset[str]:
    """Every playbook's id: its front matter ``id``, else its path under the library."""
    ids = set()
    for path in PLAYBOOKS.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        found = re.search(r"^id:\s*(\S+)\s*$", text.split("\n---", 1)[0], re.M)
        ids.add(found.group(1) if found else path.relative_to(PLAYBOOKS).with_suffix("").as_posix())
    return frozenset(ids)


def literal_pattern() -> re.Pattern[str]:
    codes = sorted(product_codes(), key=len, reverse=True)
    docs = sorted(playbook_ids(), key=len, reverse=True)
    words = "|".join(re.escape(c) for c in codes)
    paths = "|".join(re.escape(d) for d in docs)
    return re.compile(
        rf"(?<![A-Za-z0-9_])(?:{words})(?![A-Za-z0-9_])|(?<![\w/.-])(?:{paths})(?![\w/-])"
    )


def hits(path: Path) -> list[str]:
    pattern = literal_pattern()
    found = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for m in (*ID_SCHEME.finditer(line), *pattern.finditer(line)):
            found.append(f"{path.relative_to(ROOT).as_posix()}:{n}: {m.group()}")
    return found


def test_the_guard_knows_the_demo_banks_literals() -> None:
    assert len(product_codes()) >= 20 and len(playbook_ids()) >= 40
    assert ID_SCHEME.search('client_id="C000123"') and ID_SCHEME.search("as RM001")
    assert literal_pattern().search('"products/payroll"') and literal_pattern().search("RCD01")
    assert not literal_pattern().search("knowledge/playbooks/products/payroll-guide.md")


@pytest.mark.parametrize("top", SCANNED)
def test_no_demo_bank_literal_in_code(top: str) -> None:
    found = [h for p in scanned_files() if p.parts[len(ROOT.parts)] == top for h in hits(p)]
    assert found == [], "demo-bank literals in code (move them to the bank's data):\n" + "\n".join(
        found
    )
