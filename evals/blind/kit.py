"""``python -m evals.blind.kit OUT``: the folder each blind writer gets, one per evaluation bank.

Only what a bank would hand a new colleague: the extract's CSVs (never the generator's truth
file), the playbooks, the four policy files, the date the assistant believes it is and the
one-page contract. Never the engine, the golden sets or an earlier round.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from evals.banks.harbour import catalog as harbour_catalog
from evals.banks.harbour.generate import DEFAULT_SEED, generate
from knowledge.ingest import default_playbook_dir
from tools.bank.demo import generate_demo_bank

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
POLICY_FILES = ("bank", "tiering", "signals", "notes", "contact")
DEMO_AS_OF = "2026-11-01"  # generate_demo_bank's default as-of date


def _copy_playbooks(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("_test", "_test*"))


def build(out: Path) -> list[Path]:
    """Write OUT/demo and OUT/harbour; return the two folders."""
    demo, harbour = out / "demo", out / "harbour"
    generate_demo_bank(demo / "data")
    (demo / "data" / "demo_truth.json").unlink()
    _copy_playbooks(default_playbook_dir(), demo / "playbooks")
    generate(harbour / "data", DEFAULT_SEED)
    (harbour / "data" / "truth.json").unlink(missing_ok=True)
    _copy_playbooks(REPO / "evals" / "banks" / "harbour" / "playbooks", harbour / "playbooks")
    for folder, policies, today in (
        (demo, REPO / "tools" / "policy", DEMO_AS_OF),
        (harbour, REPO / "evals" / "banks" / "harbour", harbour_catalog.AS_OF),
    ):
        (folder / "policy").mkdir(parents=True, exist_ok=True)
        for name in POLICY_FILES:
            shutil.copy2(policies / f"{name}.yaml", folder / "policy" / f"{name}.yaml")
        (folder / "TODAY.txt").write_text(today + "\n", encoding="utf-8")
        shutil.copy2(HERE / "CONTRACT.md", folder / "CONTRACT.md")
    return [demo, harbour]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m evals.blind.kit", description=__doc__)
    parser.add_argument("out", type=Path, help="an empty directory")
    for folder in build(parser.parse_args(argv).out):
        print(folder)


if __name__ == "__main__":
    main()
