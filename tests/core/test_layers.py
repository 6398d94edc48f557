"""The import layers: shared ground is imported downwards only, and bank data has one door.

A bank that backs ``BankRepository`` with its CRM's API must get the whole assistant, so nothing
but the SQL repository, the importer and the schema may touch the ORM tables; and ``tools/`` and
``knowledge/`` must stay usable without the engines, the hosts or the channel integrations.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What tools/ and knowledge/ may never import: the engines and everything above them.
ABOVE_TOOLS = (
    "assistant.engines",
    "assistant.wiring",
    "assistant.cli",
    "assistant.hosts",
    "assistant.doctor",
    "integrations",
    "evals",
    "testkit",
)
# The composition root wires the HTTP server and the eval runner into the CLI; the brief
# sub-command is part of it (``brief show --view`` previews a channel's own rendering).
COMPOSITION_ROOTS = {"assistant/cli.py", "assistant/brief_cli.py"}
ORM_MODULE = "tools.bank.models"
ORM_DOORS = {"tools/bank/repository.py", "tools/bank/importer.py", "assistant/storage/schema.py"}


def imports_of(path: Path) -> set[str]:
    """Absolute module names a file imports, including ``from pkg import module`` forms."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and node.value == ORM_MODULE:
            # Module names listed as strings (Alembic's model list) count as imports too.
            found.add(ORM_MODULE)
    return found


def sources(*packages: str) -> list[Path]:
    return sorted(p for pkg in packages for p in (ROOT / pkg).rglob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def reaches(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


def test_tools_and_knowledge_never_reach_up_into_the_engines() -> None:
    offenders = {
        rel(p): hits
        for p in sources("tools", "knowledge")
        if (hits := reaches(imports_of(p), ABOVE_TOOLS))
    }
    assert offenders == {}


def test_the_assistant_core_does_not_import_the_channel_integrations() -> None:
    offenders = {
        rel(p): hits
        for p in sources("assistant")
        if rel(p) not in COMPOSITION_ROOTS
        and (hits := reaches(imports_of(p), ("integrations", "evals")))
    }
    assert offenders == {}


def test_only_the_repository_reads_the_orm_tables() -> None:
    readers = {
        rel(p)
        for p in sources("assistant", "tools", "knowledge", "integrations", "evals")
        if reaches(imports_of(p), (ORM_MODULE,))
    }
    assert "tools/bank/repository.py" in readers  # the scan sees the real door
    assert readers <= ORM_DOORS, sorted(readers - ORM_DOORS)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from tools.bank import models as m\n", True),
        ("import tools.bank.models\n", True),
        ("MODULES = ['tools.bank.models']\n", True),
        ("from tools.bank.records import ClientRecord\n", False),
    ],
)
def test_the_import_scan_sees_every_form(tmp_path: Path, source: str, expected: bool) -> None:
    # The guard above is only as good as this scan: each way of importing must be seen.
    f = tmp_path / "sample.py"
    f.write_text(source, encoding="utf-8")
    assert bool(reaches(imports_of(f), (ORM_MODULE,))) is expected
