"""The client's experience holds marketing back (#18), on the package's demo bank with one open
complaint planted: no offer is recommended while it is open (the resolution is), a marketing
draft is held and a complaint reply — a service message — is written with the complaint's own
dates; a client on the bank's risk watch list gets no marketing message (its policy's words said);
the book is asked for overdue complaints and for the watch list; a misspelt action kind in a
policy file is refused at load."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest

from assistant.core.types import Answer, Turn
from assistant.engines.offline.book_parse import parse
from assistant.errors import ConfigError
from assistant.wiring import Frontline
from evals.banks.harbour import TIERING_POLICY
from tests.contact.conftest import RM
from tools.bank.records import ClientData
from tools.contact import load_contact_policy
from tools.content_tools import watch_holds
from tools.entitlement import resolve_caller
from tools.intelligence.policy import DEFAULT_SIGNALS_PATH, load_policies
from tools.toolbox import Toolbox

pytestmark = pytest.mark.slow  # the package's demo bank


def ask(fl: Frontline, text: str, conversation: str | None = None) -> Answer:
    turn = Turn(text=text, channel="api", rm_id=RM, conversation_id=conversation)
    return asyncio.run(fl.core.answer(turn))


def _name(fl: Frontline, client_id: str) -> str:
    (client,) = fl.bank.get_clients([client_id])
    return client.name


def test_no_offer_is_recommended_while_a_complaint_is_open(fl: Frontline) -> None:
    complaining = fl.complaining  # type: ignore[attr-defined]
    services = fl.tool_services()
    paused = set(services.intelligence.policy.signals.complaint.paused_actions)  # type: ignore[union-attr]
    assert {"product_offer", "payroll_offer", "corporate_retail_synergy"} <= paused
    tb = Toolbox(services, resolve_caller(fl.bank, RM), "conv-xp-actions", "zh")
    # (the golden experience sets hold clients whose offers it would otherwise name)
    actions = tb.call("recommend_next_actions", {"client_id": complaining})["actions"]
    titles = [a["title"] for a in actions]
    assert any("投诉" in t for t in titles), titles  # the resolution first among them
    assert not [t for t in titles if t.startswith(("推荐", "公私联动", "Propose"))], titles


def test_a_pitch_is_held_and_a_complaint_reply_is_written(fl: Frontline) -> None:
    name = _name(fl, fl.complaining)  # type: ignore[attr-defined]
    pitch = ask(fl, f"给{name}写条微信介绍一下单位结构性存款")
    assert pitch.refused and "contact:open_complaint" in pitch.flags, pitch.text
    assert "```" not in pitch.text and "投诉处理期间暂停营销" in pitch.text
    reply = ask(fl, f"给{name}写条投诉进展的短信")
    assert not reply.refused and "complaint_reply" in reply.text, reply.text
    assert "服务效率" in reply.text and "2026-11-04" in reply.text  # the planted complaint's


def test_a_watched_client_gets_no_marketing_message_but_a_service_one() -> None:
    overlay = load_policies().tiering.risk_overlay
    assert overlay is not None and "CCC" in overlay.ratings
    contact = load_contact_policy()
    from tools.bank.records import ClientRecord

    watched = ClientData(
        client=ClientRecord(
            client_id="X1", client_type="corporate", name="x", rm_id="R", branch="b",
            onboard_date=date(2020, 1, 1), risk_rating="CCC",
        ),
        contacts=(), holdings=(), balances=(), interactions=(),
    )  # fmt: skip
    (held,) = watch_holds(overlay, watched, contact, "product_intro")
    assert held.code == "risk_watch" and "评级 CCC" in held.zh and overlay.standard_zh in held.zh
    assert watch_holds(overlay, watched, contact, "maturity_reminder") == []
    quiet = overlay.model_copy(update={"pause_marketing": False})
    assert watch_holds(quiet, watched, contact, "product_intro") == []


def test_the_book_is_asked_for_overdue_complaints_and_the_watch_list() -> None:
    harbour = load_policies(TIERING_POLICY).tiering
    overdue = parse("哪些投诉已经超期了", date(2026, 11, 1)).query
    assert overdue.signal == "complaint" and overdue.signal_overdue
    en = parse("which of my clients have overdue complaints?", date(2026, 11, 1)).query
    assert en.signal_overdue and not en.follow_up_gaps
    assert parse("客户投诉多少天内要办结", date(2026, 11, 1)).query.signal is None
    watch = parse("风险关注户有哪些", date(2026, 7, 1), tiering=harbour)
    assert watch.structured and watch.query.risk_watch
    rule = parse("风险关注户多久走访一次", date(2026, 7, 1), tiering=harbour)
    assert not rule.structured  # the watch standard asked: a rule, not a list


def test_the_open_complaint_not_yet_due_is_not_overdue(fl: Frontline) -> None:
    tb = Toolbox(fl.tool_services(), resolve_caller(fl.bank, RM), "conv-xp-book", "zh")
    open_ = tb.call("list_book", {"signal": "complaint"})
    assert [c["client_id"] for c in open_["clients"]] == [fl.complaining]  # type: ignore[attr-defined]
    late = tb.call("list_book", {"signal": "complaint", "signal_overdue": True})
    assert late["clients"] == []  # due 2026-11-04, the extract's day is 2026-11-01
    assert tb.call("list_book", {"risk_watch": True})["clients"] == []  # nobody is watched here


def test_a_misspelt_action_kind_in_a_policy_file_is_refused_at_load(tmp_path: Path) -> None:
    text = DEFAULT_SIGNALS_PATH.read_text(encoding="utf-8")
    bad = tmp_path / "signals.yaml"
    bad.write_text(
        text.replace("paused_actions: [product_offer,", "paused_actions: [product_ofer,")
    )
    with pytest.raises(ConfigError, match="product_ofer"):
        load_policies(signals_path=bad)
