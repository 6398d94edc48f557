"""Referrals over HTTP (#18, ``/v1/referrals``): the same desk and tools as chat, over real HTTP
(httpx over the ASGI app, bearer tokens): consent required and another book's client refused (403, as chat refuses them), the
referral made with its need masked before it is kept, the receiver's list with the client by
name and no full identifier, the sender's list with the status only, only the receiver's word
moves it on, and the audit trail holds ids, never a name or a phone number."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import select

from assistant.audit import AuditEvent
from assistant.storage.referrals import ReferralStore
from assistant.wiring import Frontline
from integrations.api import ApiLimits, create_app
from testkit.settings import make_settings
from tests.api.fakes import api_core

pytestmark = pytest.mark.slow  # the package's demo bank

SENDER = "RM009"  # 杭州, corporate (the chat referral tests send from RM002)
PHONE = "13812345678"


def _token(rm_id: str) -> str:
    return f"tok-{rm_id.lower()}-0123456789abcdef"


def auth(rm_id: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {_token(rm_id)}"}


@pytest.fixture
async def http(tmp_path, fl: Frontline):
    staff = [r.rm_id for r in fl.bank.all_rms()]
    app = create_app(
        api_core(),
        make_settings(tmp_path / "home", api_tokens=",".join(f"{_token(r)}:{r}" for r in staff)),
        limits=ApiLimits(rate_per_minute=100_000, rate_burst=100_000),
        referrals=lambda: fl.referral_calls,
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as client:
        yield client


async def test_a_referral_made_listed_and_moved_on_over_http(
    http: httpx.AsyncClient, fl: Frontline
) -> None:
    client = next(
        c for c in fl.bank.all_clients() if c.rm_id == SENDER and c.client_type == "corporate"
    )
    other = next(c for c in fl.bank.all_clients() if c.rm_id == "RM010")
    body = {"client_id": client.client_id, "to": "private_banking",
            "need": f"财务总监想做家族财富规划，回电{PHONE}"}  # fmt: skip

    refused = await http.post(
        "/v1/referrals", json=body | {"consent": "none"}, headers=auth(SENDER)
    )
    assert refused.status_code == 403 and "consent" in refused.text.lower()  # a refusal, as in chat
    foreign = body | {"client_id": other.client_id, "consent": "verbal"}
    assert (await http.post("/v1/referrals", json=foreign, headers=auth(SENDER))).status_code == 403
    assert (await http.get("/v1/referrals?direction=sent", headers=auth(SENDER))).json()[
        "sent"
    ] == []

    made = await http.post("/v1/referrals", json=body | {"consent": "verbal"}, headers=auth(SENDER))
    assert made.status_code == 201, made.text
    out = made.json()
    assert out["client"] == client.name and out["consent"] == "verbal" and "⟦" not in made.text
    kept = ReferralStore(fl.sessions).get(out["referral_id"])
    assert kept is not None and PHONE not in kept.need  # masked before it was kept

    received = await http.get("/v1/referrals?direction=received", headers=auth(kept.to_rm))
    (mine,) = [r for r in received.json()["received"] if r["referral_id"] == kept.referral_id]
    assert mine["client"] == client.name and "家族财富规划" in mine["need"]
    for identifier in (PHONE, client.phone, client.email, client.registration_id):
        assert not identifier or identifier not in received.text

    sent = (await http.get("/v1/referrals?direction=sent", headers=auth(SENDER))).json()["sent"]
    (status,) = [r for r in sent if r["referral_id"] == kept.referral_id]
    assert status["status"] == "sent" and "need" not in status

    moved = {"status": "contacted", "language": "en"}
    path = f"/v1/referrals/{kept.referral_id.lower()}"
    assert (await http.post(path, json=moved, headers=auth(SENDER))).status_code == 403
    done = await http.post(path, json=moved, headers=auth(kept.to_rm))
    assert done.status_code == 200 and done.json()["status_label"] == "contacted"
    unknown = await http.post("/v1/referrals/R00000000", json=moved, headers=auth(kept.to_rm))
    assert unknown.status_code == 403  # as another's: whether an id exists is not said
    assert (
        await http.post("/v1/referrals/../x", json=moved, headers=auth(SENDER))
    ).status_code in (404, 422)

    with fl.sessions() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.kind.like("referral_%"))).all()
    trail = json.dumps([e.payload for e in events], ensure_ascii=False)
    assert kept.referral_id in trail and client.client_id in trail
    assert client.name not in trail and PHONE not in trail


def test_the_cli_sends_lists_and_updates(fl: Frontline, monkeypatch) -> None:
    from typer.testing import CliRunner

    from assistant import cli

    monkeypatch.setattr(cli, "_frontline", lambda *a, **k: fl)
    runner = CliRunner()
    client = [c for c in fl.bank.all_clients() if c.rm_id == SENDER][1]
    args = ["referral", "send", "--as", SENDER, "--client", client.client_id, "--to", "私行"]
    refused = runner.invoke(cli.app, [*args, "--consent", "maybe"])
    assert refused.exit_code != 0 and "consent: one of verbal, written, app" in str(
        refused.exception
    )
    sent = runner.invoke(cli.app, [*args, "--consent", "written", "--need", "养老规划"])
    assert sent.exit_code == 0, sent.output
    made = json.loads(sent.output[sent.output.index("{") :])
    assert made["client"] == client.name and made["due"]
    receiver = ReferralStore(fl.sessions).get(made["referral_id"]).to_rm  # type: ignore[union-attr]
    listed = runner.invoke(
        cli.app, ["referral", "list", "--as", receiver, "--direction", "received"]
    )
    assert listed.exit_code == 0 and made["referral_id"] in listed.output
    won = runner.invoke(
        cli.app, ["referral", "update", made["referral_id"], "--as", receiver, "--status", "won"]
    )
    assert won.exit_code == 0 and '"status": "won"' in won.output
