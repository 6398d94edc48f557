"""Referrals between departments (公私联动) on the demo bank: consent first, the sender's own
client only, routed by the bank's policy to the receiving side (own branch first, least loaded),
due in working days by the bank's calendar, raised to the receiver's lead once when late, the
receiver's word on it, and credit for both sides — and who sees what."""

from __future__ import annotations

import asyncio
import re
from datetime import date
from pathlib import Path

import pytest

from assistant.core.types import Answer, Turn
from assistant.errors import ConfigError, UserError
from assistant.referrals import ReferralDesk, ReferralRefused
from assistant.storage.referrals import ReferralStore
from assistant.wiring import Frontline
from tests.contact.conftest import STAFF_RM
from tools.entitlement import resolve_caller
from tools.referrals.policy import ReferralPolicy, load_referral_policy

pytestmark = pytest.mark.slow  # the package's demo bank

SENDER = "RM002"  # 上海分行, team T01 (RM001's clients are the contact tests')
HARBOUR_POLICY = Path(__file__).parents[2] / "evals" / "banks" / "harbour" / "referrals.yaml"


def ask(fl: Frontline, text: str, rm: str = SENDER, conversation: str | None = None) -> Answer:
    turn = Turn(text=text, channel="api", rm_id=rm, conversation_id=conversation)
    return asyncio.run(fl.core.answer(turn))


def corporate_client(fl: Frontline, rm: str = SENDER, skip: int = 0) -> tuple[str, str, str]:
    """(client id, its short name as RMs say it, a contact title it has) from the extract."""
    clients = [c for c in fl.bank.all_clients() if c.rm_id == rm and c.client_type == "corporate"]
    for client in clients[skip:]:
        contacts = fl.bank.client_data([client.client_id])[0].contacts
        titles = [c.title for c in contacts if c.title and not c.is_primary]
        if titles:
            return client.client_id, client.name, titles[0]
    raise AssertionError("no corporate client with a contact")


class Notices:
    """A notifier that keeps what it was asked to send (the channels have their own tests)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def notify(self, rm, text, on_sent=None) -> bool:  # type: ignore[no-untyped-def]
        self.sent.append((rm.rm_id, text))
        if on_sent:
            on_sent()
        return True


def desk_on(fl: Frontline, today: date, notices: Notices | None = None) -> ReferralDesk:
    desk = ReferralDesk(
        ReferralStore(fl.sessions),
        fl.bank,
        fl.referral_policy,
        fl.policies.signals.calendar,
        lambda: today,
    )
    desk.notifier = notices
    return desk


# -- the policy file -------------------------------------------------------------------------


def test_both_banks_policies_load_and_name_their_sides() -> None:
    demo, harbour = load_referral_policy(), load_referral_policy(HARBOUR_POLICY)
    assert demo.target_in("把他转介给私行") == "private_banking"
    assert demo.target_in("refer her to Private Banking") == "private_banking"
    assert demo.target_in("转给零售那边") == "retail_wealth"
    assert demo.target_in("PBOC 的新规") is None  # "PB" is a whole word only
    assert harbour.target_in("转给财富团队") == "wealth" and harbour.playbook is None
    assert demo.deadline_working_days == harbour.deadline_working_days == 3


def test_a_word_naming_two_sides_or_a_bad_deadline_is_a_config_error(tmp_path: Path) -> None:
    good = load_referral_policy().model_dump()
    twice = dict(good)
    twice["targets"] = {
        "a": {"label": {"zh": "甲", "en": "A"}, "words": ["私行"], "teams": ["T1"]},
        "b": {"label": {"zh": "乙", "en": "B"}, "words": ["私行"], "teams": ["T2"]},
    }
    with pytest.raises(ValueError, match="names both"):
        ReferralPolicy.model_validate(twice)
    bad = tmp_path / "referrals.yaml"
    bad.write_text("version: x\ndeadline_working_days: 0\ntargets: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="deadline_working_days"):
        load_referral_policy(bad)


# -- in chat ---------------------------------------------------------------------------------


def test_consent_is_asked_first_and_the_reply_makes_the_referral(fl: Frontline) -> None:
    client_id, name, title = corporate_client(fl)
    asked = ask(fl, f"把{name}的{title}转介给私行，有家族财富传承的需求")
    assert asked.intent == "referral" and "同意" in asked.text and "已转介" not in asked.text
    assert desk_on(fl, fl.today()).sent(resolve_caller(fl.bank, SENDER)) == []
    made = ask(fl, "口头同意了", conversation=asked.conversation_id)
    assert "已转介" in made.text, made.text
    ref = re.search(r"R[0-9A-F]{8}", made.text).group(0)  # type: ignore[union-attr]
    found = ReferralStore(fl.sessions).get(ref)
    assert found is not None and found.from_rm == SENDER and found.client_id == client_id
    assert found.consent == "verbal" and found.contact_title == title
    receiver = fl.bank.get_rm(found.to_rm)
    assert receiver is not None and receiver.team_id in ("T02", "T04", "T06")
    assert receiver.branch == fl.bank.get_rm(SENDER).branch  # type: ignore[union-attr]
    # Sunday 2026-11-01 + 3 working days = Wednesday 2026-11-04
    assert found.day == date(2026, 11, 1) and found.due == date(2026, 11, 4)
    assert "2026-11-04" in made.text and receiver.name in made.text
    # the need is the RM's words, masked: the client's name never reaches the table
    assert name not in found.need and "⟦" in found.need


def test_a_referral_said_to_be_without_consent_is_declined(fl: Frontline) -> None:
    _, name, _ = corporate_client(fl, skip=1)
    before = len(ReferralStore(fl.sessions).sent_by(SENDER))
    answer = ask(fl, f"{name}老板还没同意，先把他转介给私行吧")
    assert answer.refused and answer.text.startswith("不行"), answer.text
    english = ask(fl, f"refer {name} to private banking without his consent")
    assert english.refused and english.text.startswith("No")
    assert len(ReferralStore(fl.sessions).sent_by(SENDER)) == before


def test_another_rms_client_cannot_be_referred(fl: Frontline) -> None:
    other, name, _ = corporate_client(fl, rm="RM009")
    answer = ask(fl, f"把{other}转介给私行，客户口头同意了")
    assert answer.refused and answer.client_ids == []
    assert all(r.client_id != other for r in ReferralStore(fl.sessions).sent_by(SENDER))
    assert name not in answer.text


def test_the_receiver_sees_the_name_not_the_data_and_the_sender_sees_the_status(
    fl: Frontline,
) -> None:
    client_id, name, title = corporate_client(fl, skip=2)
    made = ask(fl, f"把{name}的{title}介绍给私人银行顾问，客户已书面同意")
    ref = re.search(r"R[0-9A-F]{8}", made.text).group(0)  # type: ignore[union-attr]
    found = ReferralStore(fl.sessions).get(ref)
    assert found is not None and found.consent == "written"
    listed = ask(fl, "有转给我的转介吗", rm=found.to_rm)
    assert ref in listed.text and name in listed.text and title in listed.text
    (client,) = fl.bank.get_clients([client_id])
    for identifier in (client.phone, client.email, client.registration_id):
        assert not identifier or identifier not in listed.text
    data = ask(fl, f"{name}的存款有多少", rm=found.to_rm)
    assert data.refused  # named to the receiver, never opened to them
    # the sender may not speak for the receiver; the receiver's word moves it on
    assert ask(fl, f"转介 {ref} 已联系").refused
    contacted = ask(fl, f"转介 {ref} 已联系", rm=found.to_rm)
    assert "已联系" in contacted.text and "期限" in contacted.text, contacted.text
    status = ask(fl, "我的转介进度")
    assert ref in status.text and "已联系" in status.text
    assert title not in status.text.split(ref)[1].split("\n")[0]  # status only


def test_routing_prefers_the_senders_branch_and_the_least_loaded(fl: Frontline) -> None:
    desk = desk_on(fl, date(2026, 11, 2))
    sender = fl.bank.get_rm("RM009")  # 杭州分行
    assert sender is not None
    first = desk.route(sender, "private_banking").rm
    assert first.branch == "杭州分行" and first.team_id == "T04"
    loads = desk.store.open_counts([r.rm_id for r in fl.bank.all_rms()])
    peers = [r for r in fl.bank.all_rms() if r.team_id == "T04" and r.role == "rm"]
    assert loads.get(first.rm_id, 0) == min(loads.get(r.rm_id, 0) for r in peers)
    with pytest.raises(UserError, match="refer to one of"):
        desk.route(sender, "nowhere")


def test_a_late_first_contact_is_raised_to_the_receivers_lead_once(fl: Frontline) -> None:
    notices = Notices()
    day = date(2026, 9, 30)  # before the National Day holiday: 3 working days end 10-10
    desk = desk_on(fl, day, notices)
    client_id, _, _ = corporate_client(fl, skip=3)
    caller = resolve_caller(fl.bank, SENDER)
    referral, receiver = desk.create(
        caller, client_id, target="retail_wealth", to_rm=None, consent="verbal",
        need="员工理财需求", scope="test-scope", channel="api",
    )  # fmt: skip
    assert referral.due == date(2026, 10, 10)  # 10-10 is a working Saturday (调休)
    assert notices.sent[0][0] == receiver.rm_id and referral.referral_id in notices.sent[0][1]
    assert desk.store.get(referral.referral_id).notified_at is not None  # type: ignore[union-attr]
    assert desk.sweep(date(2026, 10, 10))["escalated"] == []  # due today: not late yet
    raised = desk.sweep(date(2026, 10, 12))
    assert raised["escalated"] == [referral.referral_id]
    lead_id, text = notices.sent[-1]
    lead = fl.bank.get_rm(lead_id)
    assert lead is not None and lead.role == "team_lead" and lead.team_id == receiver.team_id
    (client,) = fl.bank.get_clients([client_id])
    assert referral.referral_id in text and client.name not in text  # no client named
    assert desk.sweep(date(2026, 10, 13))["escalated"] == []  # once, whichever run
    receiver_now = resolve_caller(fl.bank, receiver.rm_id)
    late = desk_on(fl, date(2026, 10, 13)).update(receiver_now, referral.referral_id, "contacted")
    assert late.contacted_on == date(2026, 10, 13) and late.on_time() is False


def test_a_won_referral_counts_for_both_sides(fl: Frontline) -> None:
    desk = desk_on(fl, date(2026, 11, 20))
    client_id, _, _ = corporate_client(fl, skip=4)
    caller = resolve_caller(fl.bank, SENDER)
    referral, receiver = desk.create(
        caller, client_id, target="corporate", to_rm=None, consent="app", need="结算",
        scope="test-scope",
    )  # fmt: skip
    with pytest.raises(ReferralRefused):
        desk.update(caller, referral.referral_id, "won")  # the sender cannot close it
    won = desk.update(resolve_caller(fl.bank, receiver.rm_id), referral.referral_id, "won")
    assert won.status == "won" and won.on_time() is True
    with pytest.raises(UserError, match="already"):
        desk.update(resolve_caller(fl.bank, receiver.rm_id), referral.referral_id, "lost")
    credit = desk.credit([SENDER, receiver.rm_id], date(2026, 11, 20), date(2026, 11, 20))
    assert credit[SENDER]["sent"] == 1 and credit[SENDER]["won"] == 1
    assert credit[receiver.rm_id]["received"] == 1 and credit[receiver.rm_id]["won"] == 1
    assert credit[receiver.rm_id]["on_time"] == 1


def test_without_consent_or_with_an_unknown_way_the_desk_refuses(fl: Frontline) -> None:
    desk = desk_on(fl, date(2026, 11, 20))
    client_id, _, _ = corporate_client(fl)
    caller = resolve_caller(fl.bank, SENDER)
    with pytest.raises(ReferralRefused):
        desk.create(caller, client_id, target="corporate", to_rm=None, consent="none",
                    need="", scope="s")  # fmt: skip
    with pytest.raises(UserError, match="consent"):
        desk.create(caller, client_id, target="corporate", to_rm=None, consent="maybe",
                    need="", scope="s")  # fmt: skip


def test_a_contact_who_is_a_client_already_goes_to_their_own_rm(fl: Frontline) -> None:
    [link] = [
        r for c in fl.bank.all_clients() if c.rm_id == SENDER
        for r in fl.bank.relationships_for([c.client_id])
    ]  # fmt: skip
    assert link.relation == "employer" and link.role
    staff_rm = fl.bank.get_clients([link.related_client_id])[0].rm_id
    desk = desk_on(fl, date(2026, 11, 20))
    caller = resolve_caller(fl.bank, SENDER)
    referral, receiver = desk.create(
        caller, link.client_id, target="private_banking", to_rm=None, consent="verbal",
        need="", scope="s", contact_title=link.role,
    )  # fmt: skip
    assert receiver.rm_id == staff_rm == STAFF_RM and referral.target == "rm"
    other, _ = desk.create(
        caller, link.client_id, target="private_banking", to_rm=None, consent="verbal",
        need="", scope="s",
    )  # fmt: skip
    assert other.to_rm != STAFF_RM  # the company itself: the side's RM, by the policy


def test_the_team_view_credits_both_sides_of_a_won_referral(fl: Frontline) -> None:
    from assistant.team_view import render, team_view, view_summary

    day = fl.today()
    desk = desk_on(fl, day)
    client_id, _, _ = corporate_client(fl, skip=5)
    referral, receiver = desk.create(
        resolve_caller(fl.bank, SENDER), client_id, target="private_banking", to_rm=None,
        consent="verbal", need="", scope="s",
    )  # fmt: skip
    desk.update(resolve_caller(fl.bank, receiver.rm_id), referral.referral_id, "won")
    lead = next(
        r.rm_id
        for r in fl.bank.all_rms()
        if r.team_id == receiver.team_id and r.role == "team_lead"
    )
    view = team_view(fl, lead, "month", day)
    row = next(r for r in view_summary(view)["rows"] if r["rm_id"] == receiver.rm_id)
    assert row["referrals"]["received"] >= 1 and row["referrals"]["won"] >= 1
    assert "转介 发出" in render(view, "zh") and "referrals sent" in render(view, "en")
    senders = team_view(fl, "RM004", "month", day)  # the sender's lead (T01) sees their side
    sent = next(r for r in view_summary(senders)["rows"] if r["rm_id"] == SENDER)
    assert sent["referrals"]["sent"] >= 1 and sent["referrals"]["won"] >= 1


def test_the_receiver_and_their_lead_see_it_in_the_brief(fl: Frontline) -> None:
    day = fl.today()
    client_id, name, title = corporate_client(fl, skip=6)
    referral, receiver = desk_on(fl, day).create(
        resolve_caller(fl.bank, SENDER), client_id, target="corporate", to_rm=None,
        consent="written", need="", scope="s", contact_title=title,
    )  # fmt: skip
    brief = fl.briefs.build(receiver.rm_id, day, "zh")
    line = next(ln for ln in brief.text.splitlines() if referral.referral_id in ln)
    assert name in line and title in line and referral.due.isoformat() in line, line
    assert "转介待办" in brief.text and "[redacted]" not in line
    lead = next(
        r.rm_id
        for r in fl.bank.all_rms()
        if r.team_id == receiver.team_id and r.role == "team_lead"
    )
    team = fl.briefs.build(lead, day, "en")
    assert referral.referral_id in team.text and "Referrals waiting" in team.text
    sender = fl.briefs.build(SENDER, day, "zh")
    assert referral.referral_id not in sender.text  # the sender's is the status in chat


def test_doctor_reports_the_policy_and_a_receiving_team_the_extract_lacks(
    fl: Frontline, tmp_path: Path
) -> None:
    from assistant.doctor import _referral_policy

    assert "3 receiving sides" in _referral_policy(fl)
    text = HARBOUR_POLICY.read_text(encoding="utf-8")  # Harbour's teams, not the demo bank's
    other = Frontline(fl.settings.model_copy(update={"referral_policy": HARBOUR_POLICY}))
    try:
        with pytest.raises(ConfigError, match="GC-WEALTH"):
            _referral_policy(other)
    finally:
        other.close()
    assert "GC-WEALTH" in text
