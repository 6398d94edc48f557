"""Segment campaigns (#18) on the demo bank with consent, an opt-out and an open complaint
planted: the counts drafted and held back by reason match a computation from the extract's
CSV files alone; the XLSX opens and reads back with no full identifier in it; an exported
campaign counts as contacts for the cadence; another RM's book is refused; the chat, the API
(with progress events) and the CLI all reach the same desk."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections import Counter
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from assistant.campaigns import CampaignRequest
from assistant.core.types import Turn
from assistant.errors import EntitlementError, UserError
from assistant.wiring import Frontline
from integrations.api import ApiLimits, create_app
from testkit.settings import make_settings
from tests.api.conftest import RM1_TOKEN, RM2_TOKEN, auth, parse_sse
from tests.api.fakes import api_core
from tests.contact.conftest import NO_SMS, REFUSED, RM
from tools.book_query import BookQuery
from tools.contact import load_contact_policy

pytestmark = pytest.mark.slow  # the package's demo bank


def _csv(fl: Frontline, name: str) -> list[dict[str, str]]:
    with (fl.extract_dir / name).open(encoding="utf-8", newline="") as fh:  # type: ignore[attr-defined]
        return list(csv.DictReader(fh))


def expected_sms_holds(fl: Frontline, rm: str, client_type: str, month: str) -> Counter:
    """From the CSV files only: each of the RM's clients of the type, the first reason the
    contact policy (tools/policy/contact.yaml) holds a marketing SMS for, or 'drafted'."""
    open_complaints = {
        c["client_id"]
        for c in _csv(fl, "complaints.csv")
        if c["status"] not in ("closed", "resolved", "已结案", "已办结", "已解决", "已关闭")
    }
    sms_this_month = Counter(
        i["client_id"]
        for i in _csv(fl, "interactions.csv")
        if i["channel"] == "sms" and i["date"].startswith(month)
    )
    out: Counter = Counter()
    for c in _csv(fl, "clients.csv"):
        if c["rm_id"] != rm or c["client_type"] != client_type:
            continue
        reasons = []
        if c.get("marketing_consent") == "false":
            reasons.append("no_consent")
        elif "sms" in c.get("opt_out_channels", "").split(";"):
            reasons.append("opted_out")
        if c["client_id"] in open_complaints:
            reasons.append("open_complaint")
        if sms_this_month[c["client_id"]] >= 4:
            reasons.append("monthly_cap")
        out.update(reasons or ["drafted"])
    return out


def identifiers(fl: Frontline) -> set[str]:
    """Every full identifier of the extract (phones, e-mails, ID and registration numbers,
    account numbers, addresses)."""
    values: set[str] = set()
    for name, columns in {
        "clients.csv": ("phone", "email", "registration_id", "address"),
        "contacts.csv": ("phone", "email", "id_number"),
        "holdings.csv": ("account_no",),
    }.items():
        for row in _csv(fl, name):
            values |= {row[c] for c in columns if row.get(c)}
    return values


def test_the_counts_match_a_computation_from_the_extract(fl: Frontline) -> None:
    body = CampaignRequest(
        segment=BookQuery.model_validate({"client_type": "corporate"}),
        channel="sms",
        purpose="product_intro",
    )
    summary = fl.campaign_desk.draft_now(RM, body, "api")
    expected = expected_sms_holds(fl, RM, "corporate", fl.today().isoformat()[:7])
    assert {REFUSED, NO_SMS, fl.complaining} <= {c["client_id"] for c in summary.held_clients}  # type: ignore[attr-defined]
    assert summary.drafted == expected["drafted"] > 100
    assert summary.held_by_reason == {k: v for k, v in expected.items() if k != "drafted"}
    assert summary.held == 3 and summary.matched == sum(expected.values())
    recorded = fl.bank.campaign(summary.campaign_id)
    assert recorded is not None and (recorded.drafted, recorded.held) == (summary.drafted, 3)
    assert recorded.exported_at is None  # a draft is not a send


def test_the_xlsx_reads_back_with_display_forms_only(fl: Frontline) -> None:
    body = CampaignRequest(
        segment=BookQuery.model_validate({"tier": "core"}),
        channel="wechat",
        points=["诚邀您参加12月18日的财富讲座"],
    )
    summary = fl.campaign_desk.draft_now(RM, body, "api")
    file = fl.campaign_desk.export_now(RM, summary.campaign_id, "xlsx", "zh", "api")
    assert file is not None and file.name.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(file.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:2] == ("客户号", "客户") and len(rows) == 2 + summary.matched
    names = {c.client_id: c.name for c in fl.bank.get_clients([r[0] for r in rows[2:]])}
    for client_id, client, *_rest, message in rows[2:]:
        assert client == names[client_id]  # the RM's own client, by name
        assert "财富讲座" in message and "⟦" not in message  # restored, nothing left masked
    cells = json.dumps(rows, ensure_ascii=False, default=str)
    assert not [v for v in identifiers(fl) if v in cells]
    assert fl.bank.campaign(summary.campaign_id).exported_at is not None  # type: ignore[union-attr]


def test_an_exported_campaign_counts_towards_the_monthly_cap(fl: Frontline) -> None:
    client = sorted(fl.bank.client_ids_of([RM]) - {REFUSED, NO_SMS, fl.complaining})[-1]  # type: ignore[attr-defined]
    body = CampaignRequest(
        segment=BookQuery.model_validate({"among": [client]}),
        channel="call",
        purpose="product_intro",
    )
    for _ in range(2):  # the call cap is 2 a month
        first = fl.campaign_desk.draft_now(RM, body, "api")
        assert first.drafted == 1
        fl.campaign_desk.export_now(RM, first.campaign_id, "csv", "zh", "api")
    third = fl.campaign_desk.draft_now(RM, body, "api")
    assert third.held_by_reason == {"monthly_cap": 1}


def test_one_activity_reaches_a_client_at_most_three_times_across_channels(fl: Frontline) -> None:
    """同一活动全渠道合计不超过 3 次触达: three exported contacts of one activity on three
    channels, the fourth held whatever its channel; a draft never exported, another activity
    and a service message do not count or are not held."""
    client = sorted(fl.bank.client_ids_of([RM]) - {REFUSED, NO_SMS, fl.complaining})[-2]  # type: ignore[attr-defined]

    def campaign(channel: str, activity: str = "Year-end  Gala", purpose: str = "general"):
        return fl.campaign_desk.draft_now(
            RM,
            CampaignRequest(
                segment=BookQuery.model_validate({"among": [client]}),
                channel=channel,  # type: ignore[arg-type]
                purpose=purpose,  # type: ignore[arg-type]
                points=["诚邀您参加年终客户答谢会"],
                activity=activity,
            ),
            "api",
        )

    assert campaign("sms").drafted == 1  # drafted, never exported: no contact made
    for channel in ("wechat", "sms", "email"):
        sent = campaign(channel)
        assert sent.drafted == 1, (channel, sent.held_by_reason)  # the 1st, 2nd and 3rd
        fl.campaign_desk.export_now(RM, sent.campaign_id, "csv", "zh", "api")
    assert fl.bank.campaign(sent.campaign_id).activity == "year-end gala"  # type: ignore[union-attr]
    fourth = campaign("email", activity="year-end gala")  # the same activity, said otherwise
    assert fourth.held_by_reason == {"activity_cap": 1}
    assert "同一活动全渠道合计不超过 3 次" in fourth.held_clients[0]["reasons"][0]
    assert campaign("email", activity="Spring seminar").drafted == 1
    assert campaign("email", purpose="maturity_reminder").held == 0  # service: never capped
    harbour = load_contact_policy("evals/banks/harbour/contact.yaml")
    assert harbour.activity_cap is None  # its playbooks set no such cap


def test_another_rms_book_and_an_unknown_product_are_refused(fl: Frontline) -> None:
    with pytest.raises(EntitlementError):
        fl.campaign_desk.draft_now(
            RM, CampaignRequest(segment=BookQuery.model_validate({"rm": "RM002"})), "api"
        )
    with pytest.raises(UserError, match="unknown product"):
        fl.campaign_desk.draft_now(
            RM, CampaignRequest(segment=BookQuery.model_validate({}), product_code="NOPE"), "api"
        )
    summary = fl.campaign_desk.draft_now(
        RM, CampaignRequest(segment=BookQuery.model_validate({"tier": "core"})), "api"
    )
    assert fl.campaign_desk.export_now("RM002", summary.campaign_id, "csv", "zh", "api") is None


def test_a_segment_asked_in_chat_is_a_campaign_with_its_downloads(fl: Frontline) -> None:
    answer = asyncio.run(
        fl.core.answer(
            Turn(
                text="给我名下所有对公客户各发一条短信，邀请参加12月18日的企业家沙龙",
                channel="api",
                rm_id=RM,
            )
        )
    )
    assert answer.intent == "draft_outreach" and "营销活动" in answer.text, answer.text
    assert "暂缓 3 位" in answer.text and "有未结投诉 1" in answer.text
    assert "诚邀您参加12月18日的企业家沙龙" in answer.text
    assert {d.media_type.split(";")[0] for d in answer.documents} == {
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    assert len(answer.client_ids) <= 3 + 10  # the clients it names, not the whole segment


@pytest.fixture
async def http(tmp_path: Path, fl: Frontline):
    app = create_app(
        api_core(),
        make_settings(tmp_path / "home", api_tokens=f"{RM1_TOKEN}:RM001,{RM2_TOKEN}:RM002"),
        limits=ApiLimits(rate_per_minute=100_000, rate_burst=100_000),
        campaigns=lambda: fl.campaign_desk,
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as client:
        yield client


async def test_the_api_drafts_streams_progress_and_serves_the_files(
    http: httpx.AsyncClient, fl: Frontline
) -> None:
    body = {"segment": {"client_type": "corporate"}, "channel": "sms", "purpose": "product_intro"}
    events = parse_sse((await http.post("/v1/campaigns/stream", json=body, headers=auth())).text)
    progress = [json.loads(d) for e, d in events if e == "progress"]
    assert progress and progress[-1]["done"] == progress[-1]["total"] > 100
    assert [d["done"] for d in progress] == sorted(d["done"] for d in progress)
    (summary,) = [json.loads(d) for e, d in events if e == "campaign"]
    assert summary["held"] == 3
    csv_file = await http.get(summary["export"]["csv"], headers=auth())
    assert csv_file.status_code == 200 and csv_file.headers["cache-control"] == "no-store"
    lines = csv_file.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("客户号,客户")
    # Another RM's token finds nothing; a malformed id is refused before any lookup.
    assert (await http.get(summary["export"]["csv"], headers=auth(RM2_TOKEN))).status_code == 404
    assert (await http.get("/v1/campaigns/../x.csv", headers=auth())).status_code == 404
    listed = (await http.get("/v1/campaigns", headers=auth())).json()
    assert summary["campaign_id"] in {c["campaign_id"] for c in listed}
    other = await http.post("/v1/campaigns", json={"segment": {"rm": "RM002"}}, headers=auth())
    assert other.status_code == 403


def test_the_cli_drafts_and_exports(fl: Frontline, tmp_path: Path, monkeypatch) -> None:
    from assistant import cli

    monkeypatch.setattr(cli, "_frontline", lambda *a, **k: fl)
    runner = CliRunner()
    drafted = runner.invoke(
        cli.app,
        ["campaign", "draft", "--as", RM, "--segment", '{"tier": "core"}', "--json"],
    )
    assert drafted.exit_code == 0, drafted.output
    campaign_id = json.loads(drafted.output[drafted.output.index("{") :])["campaign_id"]
    out = tmp_path / "c.xlsx"
    exported = runner.invoke(
        cli.app, ["campaign", "export", campaign_id, "--as", RM, "--out", str(out)]
    )
    assert exported.exit_code == 0 and load_workbook(out).active.max_row > 2
