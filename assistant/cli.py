"""``frontline`` command line (DESIGN §4.1).

A user error prints one line on stderr and exits 2; there is no traceback for a bad file, an
unknown RM or an empty question.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Literal, cast

import typer
from langchain_core.tools import ToolException

from assistant.brief_cli import brief_app
from assistant.campaign_cli import campaign_app
from assistant.config import get_settings
from assistant.errors import FrontlineError, ImportValidationError, UserError
from assistant.referral_cli import referral_app
from assistant.team_cli import team_app
from assistant.wiring import Frontline
from evals.cli import eval_app

app = typer.Typer(
    help="Frontline: the relationship manager's assistant.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
data_app = typer.Typer(help="Load bank data.", no_args_is_help=True)
audit_app = typer.Typer(help="Audit trail.", no_args_is_help=True)
app.add_typer(data_app, name="data")
app.add_typer(audit_app, name="audit")
app.add_typer(eval_app, name="eval")
app.add_typer(brief_app, name="brief")
app.add_typer(team_app, name="team")
app.add_typer(campaign_app, name="campaign")
app.add_typer(referral_app, name="referral")


def _frontline(console_level: str = "WARNING") -> Frontline:
    from assistant.logs import configure_logging

    settings = get_settings()
    configure_logging(settings, console_level=console_level)
    return Frontline(settings)


def _out(line: str) -> None:
    typer.echo(line)


@data_app.command("import")
def data_import(
    directory: Annotated[Path, typer.Argument(help="Folder of the extract's CSV files")],
) -> None:
    """Validate and load a bank extract (all of it, or nothing)."""
    from tools.bank.importer import import_extract

    fl = _frontline()
    result = import_extract(fl.sessions, directory)
    fl.after_import()
    state = "unchanged (same extract already loaded)" if result.unchanged else "loaded"
    _out(f"{state}: " + ", ".join(f"{k} {v:,}" for k, v in result.counts.items()))


@data_app.command("demo")
def data_demo(
    out: Annotated[
        Path | None, typer.Option(help="Where to write the CSVs (default FRONTLINE_HOME/demo)")
    ] = None,
    seed: Annotated[int, typer.Option(help="Generator seed")] = 20261127,
) -> None:
    """Write the seeded demo bank in the import format and load it through `data import`."""
    from tools.bank.demo import generate_demo_bank
    from tools.bank.importer import import_extract

    fl = _frontline()
    target = out or fl.settings.home / "demo"
    target.mkdir(parents=True, exist_ok=True)
    generate_demo_bank(target, seed=seed)
    result = import_extract(fl.sessions, target)
    fl.after_import()
    _out(f"demo bank written to {target}")
    _out(
        ("unchanged: " if result.unchanged else "loaded: ")
        + ", ".join(f"{k} {v:,}" for k, v in result.counts.items())
    )
    _out(fl.bank.summary_line())


@data_app.command("export-notes")
def data_export_notes(
    since: Annotated[str, typer.Option(help="Notes captured on or after this day (YYYY-MM-DD)")],
    directory: Annotated[
        Path | None, typer.Argument(help="Folder to write interactions.csv into")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="File to write (default: stdout)")] = None,
) -> None:
    """Interactions captured in chat, as the import format's interactions.csv, for the CRM."""
    from tools.notes.export import export_notes, write_notes

    notes = _frontline().bank.captured_notes(_since(since))
    target = out or directory
    if target is None:
        write_notes(notes, sys.stdout)
        return
    path = export_notes(notes, target)
    typer.echo(f"{len(notes)} note(s) written to {path}", err=True)


@data_app.command("export-outcomes")
def data_export_outcomes(
    since: Annotated[str, typer.Option(help="Outcomes recorded on or after this day (YYYY-MM-DD)")],
    directory: Annotated[
        Path | None, typer.Argument(help="Folder to write action_outcomes.csv into")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="File to write (default: stdout)")] = None,
    include_undone: Annotated[
        bool, typer.Option(help="Also outcomes the RM took back (their undone_at is set)")
    ] = False,
) -> None:
    """The RMs' done / not now on suggested actions, as action_outcomes.csv, for the CRM."""
    from tools.notes.export import export_outcomes, write_outcomes

    bank = _frontline().bank
    outcomes = bank.outcomes_for(since=_since(since), include_undone=include_undone)
    target = out or directory
    if target is None:
        write_outcomes(outcomes, sys.stdout)
        return
    path = export_outcomes(outcomes, target)
    typer.echo(f"{len(outcomes)} outcome(s) written to {path}", err=True)


def _since(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"--since: not a date (YYYY-MM-DD): {value!r}") from None


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in Chinese or English")],
    as_rm: Annotated[
        str, typer.Option("--as", help="The rm_id of the RM asking, as in the bank's rms.csv")
    ],
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the Answer object as JSON")
    ] = False,
    conversation: Annotated[
        str | None, typer.Option("--conversation", help="Continue a conversation")
    ] = None,
    engine: Annotated[
        str | None, typer.Option(help="offline or llm (default: llm when configured)")
    ] = None,
) -> None:
    """One turn from the shell."""
    import asyncio

    from assistant.core.types import Turn

    if not question.strip():
        raise UserError("the question is empty")
    if engine not in (None, "offline", "llm"):
        raise UserError("--engine must be offline or llm")
    fl = _frontline()
    turn = Turn(
        text=question,
        channel="cli",
        rm_id=as_rm,
        conversation_id=conversation,
        engine=cast(Literal["offline", "llm"] | None, engine),  # checked above
    )
    answer = asyncio.run(fl.core.answer(turn))
    if json_out:
        _out(answer.model_dump_json(indent=2))
        return
    _out(answer.text)
    for c in answer.citations:
        _out(f"[{c.n}] {c.doc_id} › {c.section}" + (" (past review date)" if c.stale else ""))
    if answer.flags:
        _out("flags: " + ", ".join(answer.flags))


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (default: the bundled playbooks)")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar")] = False,
) -> None:
    """Ingest playbooks (md, pdf, docx, html) into the vector store; incremental."""
    from knowledge.ingest import default_playbook_dir

    fl = _frontline()
    targets = list(paths or [default_playbook_dir()])
    for p in targets:
        if not p.exists():
            raise UserError(f"{p}: no such file or folder")
    fl.ingestor.progress = not quiet
    report = fl.ingestor.ingest(targets)
    _out(report.summary_line())
    for err in report.errors:
        typer.echo(f"warning: {err}", err=True)
    for line in fl.unmapped_playbooks():
        typer.echo(f"warning: {line} is not ingested; answered by search instead", err=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Bind address")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
) -> None:
    """Serve the API, the web widget, Slack and Teams."""
    import uvicorn

    from integrations.api.ops import is_loopback
    from integrations.http_protocol import protocol_with_read_deadline
    from integrations.server import build_app

    fl = _frontline(console_level="INFO")
    if fl.settings.demo_page and not is_loopback(host):
        raise UserError(
            "FRONTLINE_DEMO_PAGE hands an API token to anyone who opens /: "
            f"serve it on 127.0.0.1 only (asked for {host})"
        )
    uvicorn.run(
        build_app(fl),
        host=host,
        port=port,
        http=protocol_with_read_deadline(fl.settings.request_read_timeout_s),
        log_level=fl.settings.log_level.lower(),
        timeout_graceful_shutdown=30,
    )


@app.command()
def doctor() -> None:
    """Check every configured dependency, one line each."""
    from assistant.doctor import run_checks

    failed = 0
    for name, ok, detail in run_checks(_frontline()):
        _out(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
        failed += not ok
    if failed:
        raise FrontlineError(f"{failed} check(s) failed")


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the audit hash chain; report the first broken link."""
    from assistant.audit import AuditLog

    result = AuditLog(_frontline().sessions).verify()
    if not result.ok:
        raise FrontlineError(
            f"audit chain broken at seq {result.first_broken_seq}: {result.reason}"
        )
    _out(f"audit chain ok: {result.checked:,} records")


def main() -> None:
    try:
        app()
    except ImportValidationError as exc:
        for problem in exc.problems:
            typer.echo(problem, err=True)
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except FrontlineError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except ToolException as exc:  # the core answers tool failures; this is the last line
        typer.echo(f"error: a tool failed ({exc})", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
