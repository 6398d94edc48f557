"""``python -m evals.banks.harbour OUT_DIR [--seed N]``: write the Harbour bank extract."""

from __future__ import annotations

import argparse
from pathlib import Path

from evals.banks.harbour.generate import DEFAULT_SEED, generate


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m evals.banks.harbour", description=__doc__)
    parser.add_argument("out", type=Path, help="directory to write the CSV files into")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    truth = generate(args.out, args.seed)
    counts = {k: len(v) for k, v in truth["patterns"].items()}
    print(f"wrote {args.out} (as of {truth['as_of']}): {counts}")


if __name__ == "__main__":
    main()
