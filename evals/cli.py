"""``frontline eval ...``: run a dataset, compare two runs, harvest thumbs-down turns.

The main CLI mounts this with ``app.add_typer(eval_app, name="eval")``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.errors import UserError

eval_app = typer.Typer(
    help="Evaluate the assistant on a dataset and gate on floors.", no_args_is_help=True
)


@eval_app.command("run")
def run(
    dataset: Annotated[Path, typer.Argument(help="JSONL dataset (DESIGN §4.8)")],
    out: Annotated[
        Path | None,
        typer.Option(help="Output folder (default FRONTLINE_HOME/evals/<dataset name>)"),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, max=16, help="Conversations run concurrently")] = 1,
    engine: Annotated[
        str | None, typer.Option(help="offline or llm (default: the configured engine)")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar")] = False,
) -> None:
    """Run every case through the assistant core; write results.jsonl, summary.json, report.html, report.md."""
    from assistant.config import get_settings
    from assistant.wiring import Frontline
    from evals.runner import run_eval

    if not dataset.is_file():
        raise UserError(f"{dataset}: no such dataset file")
    if engine not in (None, "offline", "llm"):
        raise UserError("--engine must be offline or llm")
    settings = get_settings()
    if settings.today is None:  # an evaluation reads the same on any day it is run
        settings = settings.model_copy(update={"today": "extract"})
    fl = Frontline(settings)
    target = out or fl.settings.home / "evals" / dataset.stem
    try:
        summary = run_eval(fl, dataset, target, workers=workers, engine=engine, progress=not quiet)
    finally:
        fl.close()
    m = summary.metrics
    for warning in summary.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(
        f"{m['cases']} cases ({summary.ran} run, {summary.skipped} resumed): pass rate {_pct(m['pass_rate'])}, "
        f"intent {_pct(m['intent_accuracy'])}, refusal recall {_pct(m['refusal']['recall'])}, "
        f"PII leaks {m['pii_leaks']}, errored {m['errored']}"
    )
    typer.echo(f"report: {target / 'report.html'}")


@eval_app.command("compare")
def compare_cmd(
    base: Annotated[Path, typer.Argument(help="Baseline out dir or summary.json")],
    new: Annotated[Path, typer.Argument(help="New out dir or summary.json")],
    floors: Annotated[
        Path | None, typer.Option(help="Floors file (default evals/floors.yaml)")
    ] = None,
) -> None:
    """Per-metric deltas and flipped cases; exit 1 when NEW is below a floor."""
    from evals.compare import compare, load_floors, render

    result = compare(base, new, load_floors(floors))
    for line in render(result):
        typer.echo(line)
    if not result.ok:
        raise typer.Exit(1)


@eval_app.command("from-feedback")
def from_feedback(
    out: Annotated[
        Path | None, typer.Option(help="Where to write the candidate cases (JSONL)")
    ] = None,
) -> None:
    """Turn thumbs-down turns into candidate cases (masked question, expect left for review)."""
    from assistant.config import get_settings
    from assistant.wiring import Frontline
    from evals.feedback import candidates_from_feedback, write_candidates

    fl = Frontline(get_settings())
    target = out or fl.settings.home / "evals" / "feedback-candidates.jsonl"
    cases = candidates_from_feedback(fl.conversations)
    write_candidates(cases, target)
    typer.echo(
        f"{len(cases)} candidate case(s) written to {target}; fill in `expect` before adding them to a dataset"
    )


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"
