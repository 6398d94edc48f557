"""``frontline brief show`` and ``frontline brief send`` (DESIGN §4.1)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Literal, cast

import typer

from assistant.errors import UserError

if TYPE_CHECKING:
    from assistant.brief.model import Brief

brief_app = typer.Typer(help="The morning brief.", no_args_is_help=True)

DateOption = Annotated[
    str | None,
    typer.Option("--date", help="YYYY-MM-DD (default: the bank's day, FRONTLINE_TODAY)"),
]
VIEWS = ("slack-home", "slack-dm", "teams-card")  # channel payloads ``show --view`` prints


def _day(value: str | None, default: Callable[[], date]) -> date:
    if value is None:
        return default()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"--date must be YYYY-MM-DD, got {value!r}") from None


def _language(value: str) -> Literal["zh", "en"]:
    if value not in ("zh", "en"):
        raise UserError("--lang must be zh or en")
    return cast(Literal["zh", "en"], value)


@brief_app.command("show")
def show(
    as_rm: Annotated[str, typer.Option("--as", help="The rm_id of the reader, as in rms.csv")],
    day: DateOption = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="zh or en (default: the RM's own language)")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the brief as JSON")] = False,
    view: Annotated[
        str | None,
        typer.Option("--view", help="Print a channel's payload: slack-home, slack-dm, teams-card"),
    ] = None,
) -> None:
    """The RM's brief (a team lead's: the team brief) for a day, as the channels show it."""
    from assistant.cli import _frontline, _out

    if view is not None and view not in VIEWS:
        raise UserError(f"--view must be one of {', '.join(VIEWS)}")
    fl = _frontline()
    from assistant.brief.send import reader_language

    language = _language(lang) if lang is not None else None
    language = language or reader_language(fl.conversations.last_language)(as_rm)
    brief = fl.briefs.build(as_rm, _day(day, fl.today), language, channel="cli")
    if view is not None:
        _out(json.dumps(_channel_view(brief, view), ensure_ascii=False, indent=2))
        return
    _out(brief.model_dump_json(indent=2) if json_out else brief.text)


def _channel_view(brief: Brief, view: str) -> object:
    """What a channel is sent for ``brief`` (to preview a bank's Slack or Teams rendering)."""
    if view == "slack-home":
        from integrations.slack.brief_blocks import home_view

        return home_view(brief)
    if view == "slack-dm":
        from integrations.slack.brief_blocks import brief_blocks

        return brief_blocks(brief)
    if view == "teams-card":
        from integrations.teams.brief_card import brief_card

        return brief_card(brief)
    raise UserError(f"--view must be one of {', '.join(VIEWS)}")


@brief_app.command("send")
def send(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be sent; claim nothing")
    ] = False,
    day: DateOption = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="zh or en for every brief (default: each RM's own language)"),
    ] = None,
) -> None:
    """Send the day's briefs now, once per RM, as Slack DMs and Teams messages (the server's
    scheduler does it at FRONTLINE_BRIEF_AT); ``--dry-run`` prints them and claims nothing.
    Each brief is in the language its RM last wrote to the assistant in unless ``--lang``."""
    from assistant.cli import _frontline, _out

    fl = _frontline()
    # A send claims the real day (once per RM and day), whatever FRONTLINE_TODAY pins.
    when = _day(day, lambda: datetime.now(fl.settings.zone).date())
    language = _language(lang) if lang is not None else None
    if dry_run:
        from assistant.brief.send import reader_language, send_briefs
        from assistant.brief.sinks import StdoutSink

        report = send_briefs(
            fl.briefs,
            fl.brief_claims,
            StdoutSink(_out),
            when,
            dry_run=True,
            language=language,
            language_of=reader_language(fl.conversations.last_language),
        )
        typer.echo(report.summary(True), err=True)
        return
    from integrations.server import deliver_briefs, delivery_channels

    channels = delivery_channels(fl)
    if not channels:
        # Claiming a brief that reaches nobody would keep the scheduler from sending it.
        raise UserError(
            "no channel to send briefs on: set FRONTLINE_SLACK_BOT_TOKEN or the Teams bot's "
            "FRONTLINE_TEAMS_APP_ID and FRONTLINE_TEAMS_APP_PASSWORD (--dry-run prints them)"
        )
    report = asyncio.run(deliver_briefs(fl, channels, when, language))
    typer.echo(report.summary(False), err=True)
    if report.failed:
        raise typer.Exit(1)
