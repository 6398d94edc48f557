"""``frontline team show``: the team's measures as the bank's incentive rules define them."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, cast

import typer

from assistant.errors import UserError
from tools.intelligence.performance import PeriodKind

team_app = typer.Typer(help="Team performance, as the bank measures it.", no_args_is_help=True)


@team_app.command("show")
def show(
    as_rm: Annotated[str, typer.Option("--as", help="The rm_id of the reader, as in rms.csv")],
    period: Annotated[
        str | None, typer.Option("--period", help="month or quarter (default: the policy's)")
    ] = None,
    day: Annotated[
        str | None,
        typer.Option("--date", help="YYYY-MM-DD in the period (default: the extract's as-of)"),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="zh or en")] = "zh",
    json_out: Annotated[bool, typer.Option("--json", help="Print the rows as JSON")] = False,
) -> None:
    """Each RM the reader may see (a team lead: the team; a branch head: the branch, as
    aggregates), measured over the period against the one before."""
    from assistant.cli import _frontline, _out
    from assistant.team_view import render, team_view

    if period not in (None, "month", "quarter"):
        raise UserError("--period must be month or quarter")
    if lang not in ("zh", "en"):
        raise UserError("--lang must be zh or en")
    try:
        when = date.fromisoformat(day) if day else None
    except ValueError:
        raise UserError(f"--date must be YYYY-MM-DD, got {day!r}") from None
    view = team_view(_frontline(), as_rm, cast(PeriodKind | None, period), when)
    if json_out:
        rows = [
            r.model_dump(mode="json")
            | {"name": view.names.get(r.rm_id), "timeliness_rate": r.timeliness.rate}
            | {"previous": view.previous[r.rm_id].model_dump(mode="json", exclude={"late"})}
            for r in view.rows
        ]
        _out(json.dumps({"period": view.period.label, "rows": rows}, ensure_ascii=False, indent=2))
        return
    _out(render(view, lang))
