"""``frontline`` command line (DESIGN §4.1).

A user error prints one line on stderr and exits 2; there is no traceback for a bad file, an
unknown RM or an empty question.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.config import get_settings
from assistant.errors import FrontlineError, ImportValidationError
from assistant.wiring import Frontline

app = typer.Typer(help="Frontline: the relationship manager's assistant.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
data_app = typer.Typer(help="Load bank data.", no_args_is_help=True)
audit_app = typer.Typer(help="Audit trail.", no_args_is_help=True)
app.add_typer(data_app, name="data")
app.add_typer(audit_app, name="audit")


def _frontline() -> Frontline:
    return Frontline(get_settings())


def _out(line: str) -> None:
    typer.echo(line)


@data_app.command("import")
def data_import(directory: Annotated[Path, typer.Argument(help="Folder of the extract's CSV files")]) -> None:
    """Validate and load a bank extract (all of it, or nothing)."""
    from tools.bank.importer import import_extract

    fl = _frontline()
    result = import_extract(fl.sessions, directory)
    state = "unchanged (same extract already loaded)" if result.unchanged else "loaded"
    _out(f"{state}: " + ", ".join(f"{k} {v:,}" for k, v in result.counts.items()))


@data_app.command("demo")
def data_demo(
    out: Annotated[Path | None, typer.Option(help="Where to write the CSVs (default FRONTLINE_HOME/demo)")] = None,
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
    _out(f"demo bank written to {target}")
    _out(("unchanged: " if result.unchanged else "loaded: ") +
         ", ".join(f"{k} {v:,}" for k, v in result.counts.items()))
    _out(fl.bank.summary_line())


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the audit hash chain; report the first broken link."""
    from assistant.audit import AuditLog

    result = AuditLog(_frontline().sessions).verify()
    if not result.ok:
        raise FrontlineError(f"audit chain broken at seq {result.first_broken_seq}: {result.reason}")
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


if __name__ == "__main__":
    main()
