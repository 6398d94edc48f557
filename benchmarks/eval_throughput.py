"""Evaluation throughput: golden-set cases per minute with 1 and 2 workers, offline engine.

    .venv/bin/python benchmarks/eval_throughput.py [--dataset evals/datasets/golden.jsonl] [--home DIR]

Without ``--home`` it builds a temporary FRONTLINE_HOME (demo bank + playbooks, a few minutes of
ingestion); with ``--home`` it reuses one where `frontline data demo` and `frontline ingest`
already ran. The converted e5 model is reused from ``<repo>/.frontline/models`` when present.
One warm-up turn runs first so model loading is not counted.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from assistant.config import load_settings
from assistant.wiring import Frontline
from evals.runner import run_eval
from testkit.demo import load_demo, warm_up

REPO = Path(__file__).resolve().parents[1]
CONVERTED = REPO / ".frontline" / "models" / "multilingual-e5-small"


def build(home: Path, fresh: bool) -> Frontline:
    overrides = (
        {"embedding_model": CONVERTED} if (CONVERTED / ".frontline-converted").exists() else {}
    )
    fl = Frontline(load_settings(_env_file=None, home=home, **overrides))
    if fresh:
        load_demo(fl, home / "demo")
    warm_up(fl, channel="eval")
    return fl


def measure(fl: Frontline, dataset: Path, workers: int, scratch: Path) -> tuple[int, float, float]:
    started = time.perf_counter()
    summary = run_eval(
        fl, dataset, scratch / f"w{workers}", workers=workers, engine="offline", progress=False
    )
    elapsed = time.perf_counter() - started
    return summary.metrics["cases"], elapsed, summary.metrics["pass_rate"] or 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dataset", type=Path, default=REPO / "evals" / "datasets" / "golden.jsonl"
    )
    parser.add_argument(
        "--home",
        type=Path,
        help="an existing FRONTLINE_HOME with the demo bank and playbooks loaded",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eval-bench-") as tmp:
        fl = build(args.home or Path(tmp) / "home", fresh=args.home is None)
        print(f"{'workers':>7} {'cases':>6} {'seconds':>8} {'cases/min':>10} {'pass rate':>10}")
        for workers in (1, 2):
            cases, seconds, pass_rate = measure(fl, args.dataset, workers, Path(tmp))
            print(
                f"{workers:>7} {cases:>6} {seconds:>8.1f} {cases / seconds * 60:>10.1f} {pass_rate:>10.3f}"
            )
        fl.close()


if __name__ == "__main__":
    main()
