"""``frontline campaign draft`` / ``export`` / ``list``: segment campaigns from the terminal,
through the same desk the API uses (a progress bar while a large segment is drafted)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, cast

import typer
from pydantic import ValidationError

from assistant.errors import UserError

campaign_app = typer.Typer(help="Segment campaigns: draft, list, export.", no_args_is_help=True)


@campaign_app.command("draft")
def draft(
    as_rm: Annotated[str, typer.Option("--as", help="The rm_id drafting it, as in rms.csv")],
    segment: Annotated[
        str,
        typer.Option(
            "--segment",
            help='The clients, as list_book\'s query in JSON: \'{"tier": "core", '
            '"maturity_within_days": 30}\'',
        ),
    ] = "{}",
    channel: Annotated[str, typer.Option(help="wechat, sms, email or call")] = "wechat",
    purpose: Annotated[str, typer.Option(help="The draft purpose (draft_outreach's)")] = "general",
    product: Annotated[str | None, typer.Option(help="A product code to present")] = None,
    point: Annotated[
        list[str] | None, typer.Option("--point", help="A line every message carries (repeat)")
    ] = None,
    lang: Annotated[str | None, typer.Option(help="zh or en for every message")] = None,
    activity: Annotated[
        str | None,
        typer.Option(help="The activity (event or offer) whose contacts the policy caps"),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the summary as JSON")] = False,
) -> None:
    """Draft one message per client of the segment, hold back what the contact policy holds,
    record the campaign; prints the counts and its id (for ``export``)."""
    from assistant.campaigns import CampaignRequest
    from assistant.cli import _frontline, _out

    try:
        body = CampaignRequest(
            segment=json.loads(segment),
            channel=channel,  # type: ignore[arg-type]
            purpose=purpose,  # type: ignore[arg-type]
            product_code=product,
            points=point or [],
            activity=activity,
            language=lang,  # type: ignore[arg-type]
            reply_language=cast(str, lang or "zh"),  # type: ignore[arg-type]
        )
    except json.JSONDecodeError as exc:
        raise UserError(f"--segment is not JSON: {exc.msg}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise UserError(f"bad campaign ({where}): {first['msg']}") from None
    desk = _frontline().campaign_desk
    with typer.progressbar(length=1, label="drafting", file=None) as bar:
        seen = [0]

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - seen[0])
            seen[0] = done

        summary = desk.draft_now(as_rm, body, "cli", progress)
    if json_out:
        _out(summary.model_dump_json(indent=2))
        return
    _out(f"{summary.campaign_id}: {summary.segment}")
    _out(f"matched {summary.matched}, drafted {summary.drafted}, held {summary.held}")
    for code, n in sorted(summary.held_by_reason.items()):
        _out(f"  held ({code}): {n}")
    if summary.send_after:
        _out(f"  {summary.send_after}")
    _out(f"export: frontline campaign export {summary.campaign_id} --as {as_rm} --out FILE.xlsx")


@campaign_app.command("export")
def export(
    campaign_id: Annotated[str, typer.Argument(help="The campaign's id (cmp-…)")],
    as_rm: Annotated[str, typer.Option("--as", help="The rm_id who drafted it")],
    out: Annotated[Path, typer.Option("--out", help="FILE.csv or FILE.xlsx")],
    lang: Annotated[str, typer.Option(help="zh or en headers")] = "zh",
) -> None:
    """Write the campaign for the bank's messaging platform (display forms only). From now
    on its drafted messages count as marketing contacts."""
    from assistant.cli import _frontline, _out

    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise UserError("--out must end in .csv or .xlsx")
    found = _frontline().campaign_desk.export_now(as_rm, campaign_id, fmt, lang, "cli")  # type: ignore[arg-type]
    if found is None:
        raise UserError(f"no campaign {campaign_id} of {as_rm}")
    out.write_bytes(found.data)
    _out(f"wrote {out} ({len(found.data):,} bytes)")


@campaign_app.command("list")
def list_(as_rm: Annotated[str, typer.Option("--as", help="The rm_id")]) -> None:
    """The RM's campaigns, newest first."""
    from assistant.cli import _frontline, _out

    for c in _frontline().campaign_desk.campaigns(as_rm):
        exported = f"exported {c.exported_at[:16]}" if c.exported_at else "not exported"
        _out(
            f"{c.campaign_id}  {c.day}  {c.channel}  {c.drafted}/{c.matched} drafted  {exported}  {c.segment}"
        )


@campaign_app.command("worker")
def worker(
    burst: Annotated[
        bool, typer.Option("--burst", help="Run the queued jobs, then stop (for a cron or a test)")
    ] = False,
) -> None:
    """The campaign worker: drafts background campaigns from the Redis queue
    (FRONTLINE_REDIS_URL); a process type of its own in deploy/Procfile."""
    from assistant.campaign_jobs import serve_worker
    from assistant.cli import _frontline

    serve_worker(_frontline("INFO"), burst=burst)
