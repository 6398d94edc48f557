"""``frontline referral send`` / ``list`` / ``update``: referrals between departments (公私联动)
from the terminal, through the same calls as ``/v1/referrals`` (JSON out)."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated, Literal, cast

import typer
from pydantic import ValidationError

from assistant.errors import UserError
from assistant.referral_calls import ReferralRequest, ReferralUpdate

referral_app = typer.Typer(
    help="Referrals between departments: send, list, update.", no_args_is_help=True
)
Lang = Literal["zh", "en"]


def _calls():  # type: ignore[no-untyped-def]
    from assistant.cli import _frontline

    return _frontline().referral_calls


def _print(out: dict) -> None:
    typer.echo(json.dumps(out, ensure_ascii=False, indent=2))


def _checked(model, **fields):  # type: ignore[no-untyped-def]
    try:
        return model(**fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise UserError(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None


@referral_app.command("send")
def send(
    as_rm: Annotated[str, typer.Option("--as", help="The referring rm_id, as in rms.csv")],
    client_id: Annotated[str, typer.Option("--client", help="Your own client's id")],
    to: Annotated[str, typer.Option(help="A target of the referral policy, or an RM id")],
    consent: Annotated[str, typer.Option(help="verbal, written or app (required)")],
    need: Annotated[str, typer.Option(help="What the client needs")] = "",
    contact: Annotated[
        str | None, typer.Option(help="The contact's title, if not the client")
    ] = None,
    lang: Annotated[str, typer.Option(help="zh or en")] = "zh",
) -> None:
    """Refer one of your clients (or its contact) with the client's consent."""
    body = _checked(ReferralRequest, client_id=client_id, to=to, consent=consent, need=need,
                    contact_title=contact, language=lang)  # fmt: skip
    _print(_calls().refer_now(as_rm, body, "cli"))


@referral_app.command("list")
def listed(
    as_rm: Annotated[str, typer.Option("--as", help="The rm_id, as in rms.csv")],
    direction: Annotated[str, typer.Option(help="sent, received or both")] = "both",
    open_only: Annotated[
        bool, typer.Option("--open", help="Only those awaiting an outcome")
    ] = False,
    lang: Annotated[str, typer.Option(help="zh or en")] = "zh",
) -> None:
    """The referrals you sent (status only) and those sent to you (or your team)."""
    if direction not in ("sent", "received", "both"):
        raise UserError("--direction must be sent, received or both")
    if lang not in ("zh", "en"):
        raise UserError("--lang must be zh or en")
    _print(asyncio.run(_calls().listed(as_rm, direction, open_only, cast(Lang, lang), "cli")))


@referral_app.command("update")
def update(
    referral_id: Annotated[str, typer.Argument(help="The referral's id (R + 8 characters)")],
    as_rm: Annotated[str, typer.Option("--as", help="The receiving rm_id (or their lead)")],
    status: Annotated[str, typer.Option(help="contacted, won, lost or declined")],
    lang: Annotated[str, typer.Option(help="zh or en")] = "zh",
) -> None:
    """The receiver's word on a referral sent to them."""
    body = _checked(ReferralUpdate, status=status, language=lang)
    _print(_calls().update_now(as_rm, referral_id.strip().upper(), body, "cli"))
