"""The contact policy at each rule's boundary, with both evaluation banks' files and calendars:
quiet hours (the minute they start and end, across midnight, on a working and a rest day), the
N-th contact of the month on a channel, opt-out per channel (client and contact), no consent,
a contact already made the same day — and service messages never held. The expected holds are
written here from the policy's wording, not read from the code."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from evals.banks.harbour import CONTACT_POLICY as HARBOUR_CONTACT
from evals.banks.harbour import SIGNAL_POLICY as HARBOUR_SIGNALS
from tools.bank.records import ClientRecord, ComplaintRecord, ContactRecord, InteractionRecord
from tools.contact import ContactPolicy, holds, load_contact_policy
from tools.intelligence.policy import load_policies

MONDAY = date(2026, 12, 7)  # a working day in both banks' calendars
SATURDAY = date(2026, 12, 12)
NEW_YEAR = date(2026, 1, 1)  # a public holiday on a weekday (元旦)
# Each bank's contact file with its own interaction channel values for a phone call and WeChat.
BANKS = {
    "demo": (load_contact_policy(), load_policies().signals.calendar, "phone", "wechat"),
    "harbour": (
        load_contact_policy(HARBOUR_CONTACT),
        load_policies(signals_path=HARBOUR_SIGNALS).signals.calendar,
        "call",
        "wecom",
    ),
}


def client(**attributes: object) -> ClientRecord:
    return ClientRecord(
        client_id="K1", client_type="retail", name="某客户", rm_id="R1", branch="B",
        onboard_date=date(2020, 1, 1), attributes=dict(attributes),
    )  # fmt: skip


def contacts(channel: str, *days: date) -> list[InteractionRecord]:
    return [InteractionRecord("K1", d, "R1", channel, "说了什么") for d in days]


def codes(
    bank: str,
    at: datetime,
    *,
    who: ClientRecord | None = None,
    seen: list[InteractionRecord] | None = None,
    purpose: str = "product_intro",
    channel: str = "wechat",
    contact: ContactRecord | None = None,
) -> list[str]:
    policy, calendar, _, _ = BANKS[bank]
    found = holds(
        policy, who or client(), seen or [], contact=contact, purpose=purpose, channel=channel,
        at=at, is_working_day=calendar.is_working_day,
    )  # fmt: skip
    return [h.code for h in found]


def at(day: date, hh: int, mm: int) -> datetime:
    return datetime.combine(day, time(hh, mm))


@pytest.mark.parametrize("bank", BANKS)
@pytest.mark.parametrize(
    ("when", "quiet"),
    [
        (at(MONDAY, 20, 59), False),
        (at(MONDAY, 21, 0), True),
        (at(MONDAY, 23, 59), True),
        (at(MONDAY + timedelta(days=1), 0, 0), True),  # past midnight, still the night's window
        (at(MONDAY, 8, 29), True),
        (at(MONDAY, 8, 30), False),
        (at(SATURDAY, 11, 59), False),
        (at(SATURDAY, 12, 0), True),
        (at(SATURDAY, 13, 59), True),
        (at(SATURDAY, 14, 0), False),
        (at(SATURDAY, 19, 59), False),
        (at(SATURDAY, 20, 0), True),
        (at(NEW_YEAR, 12, 30), True),  # a holiday is a rest day though a Thursday
        (at(NEW_YEAR, 15, 0), False),
    ],
)
def test_quiet_hours_start_and_end_on_the_minute(bank: str, when: datetime, quiet: bool) -> None:
    assert ("quiet_hours" in codes(bank, when)) is quiet


@pytest.mark.parametrize("bank", BANKS)
def test_quiet_hours_only_delay_a_message(bank: str) -> None:
    policy, calendar, _, _ = BANKS[bank]
    [hold] = holds(
        policy, client(), [], purpose="product_intro", channel="sms", at=at(MONDAY, 22, 0),
        is_working_day=calendar.is_working_day,
    )  # fmt: skip
    assert hold.until_later and "08:30" in hold.zh and "08:30" in hold.en


@pytest.mark.parametrize("bank", BANKS)
def test_the_months_cap_holds_the_next_contact_on_that_channel_only(bank: str) -> None:
    _, _, phone, wechat = BANKS[bank]
    noon = at(MONDAY, 10, 0)
    one_call = contacts(phone, date(2026, 12, 1))
    two_calls = contacts(phone, date(2026, 12, 1), date(2026, 12, 3))
    last_month = contacts(phone, date(2026, 11, 20), date(2026, 11, 28), date(2026, 11, 30))
    assert "monthly_cap" not in codes(bank, noon, seen=one_call, channel="call")
    assert "monthly_cap" in codes(bank, noon, seen=two_calls, channel="call")  # cap 2 a month
    assert "monthly_cap" not in codes(bank, noon, seen=last_month, channel="call")
    assert "monthly_cap" not in codes(bank, noon, seen=two_calls, channel="wechat")
    eight = contacts(wechat, *(date(2026, 12, d) for d in range(1, 7)), date(2026, 11, 30))
    assert "monthly_cap" not in codes(bank, noon, seen=eight, channel="wechat")  # 6 this month
    eight += contacts(wechat, date(2026, 12, 4), date(2026, 12, 5))
    assert "monthly_cap" in codes(bank, noon, seen=eight, channel="wechat")  # the 9th is held


@pytest.mark.parametrize("bank", BANKS)
def test_an_opt_out_holds_that_channel_and_no_consent_holds_every_one(bank: str) -> None:
    noon = at(MONDAY, 10, 0)
    no_sms = client(opt_out_channels="sms")
    assert codes(bank, noon, who=no_sms, channel="sms") == ["opted_out"]
    assert codes(bank, noon, who=no_sms, channel="wechat") == []
    assert codes(bank, noon, who=client(opt_out_channels="all"), channel="email") == ["opted_out"]
    assert codes(bank, noon, who=client(marketing_consent=False), channel="call") == ["no_consent"]
    assert codes(bank, noon, who=client(marketing_consent=True), channel="call") == []
    cfo = ContactRecord("K1", "某财务", "财务总监", attributes={"opt_out_channels": "wechat"})
    assert codes(bank, noon, contact=cfo, channel="wechat") == ["opted_out"]


@pytest.mark.parametrize("bank", BANKS)
def test_a_client_contacted_today_gets_no_marketing_the_same_day_where_the_bank_says_so(
    bank: str,
) -> None:
    policy, calendar, phone, _ = BANKS[bank]
    noon, today = at(MONDAY, 10, 0), contacts(phone, MONDAY)
    assert codes(bank, noon, seen=today) == []  # off in both files: contacts carry no purpose
    strict = policy.model_copy(update={"same_day": True})

    def held(seen: list[InteractionRecord]) -> list[str]:
        found = holds(
            strict, client(), seen, purpose="product_intro", channel="wechat", at=noon,
            is_working_day=calendar.is_working_day,
        )  # fmt: skip
        return [h.code for h in found]

    assert held(today) == ["contacted_today"]
    assert held(contacts(phone, MONDAY - timedelta(days=1))) == []


@pytest.mark.parametrize("bank", BANKS)
@pytest.mark.parametrize(
    "purpose", ["maturity_reminder", "loan_maturity", "churn_care", "suitability_review"]
)
def test_a_service_message_is_never_held(bank: str, purpose: str) -> None:
    _, _, phone, _ = BANKS[bank]
    everything = client(marketing_consent=False, opt_out_channels="all")
    late = at(SATURDAY, 22, 0)
    assert codes(bank, late, who=everything, seen=contacts(phone, SATURDAY), purpose=purpose) == []


def test_a_bad_policy_file_names_the_file_and_the_field(tmp_path: Path) -> None:
    good = Path(load_contact_policy.__globals__["DEFAULT_CONTACT_POLICY_PATH"]).read_text("utf-8")
    cases = {
        "monthly_caps": good.replace("{sms: 4,", "{sms: 0,"),
        "quiet_hours": good.replace('{from: "21:00", to: "08:30"}', '{from: "21:00", to: "21:00"}'),
        "channels": good.replace("  sms: [sms]", "  fax: [fax]"),
    }
    for field, text in cases.items():
        path = tmp_path / f"{field}.yaml"
        path.write_text(text, "utf-8")
        with pytest.raises(ConfigError, match=rf"{path.name}: {field}"):
            load_contact_policy(path)
    assert isinstance(load_contact_policy(), ContactPolicy)


@pytest.mark.parametrize("bank", BANKS)
def test_an_open_complaint_pauses_marketing_and_a_closed_one_does_not(bank: str) -> None:
    policy, calendar, _, _ = BANKS[bank]

    def complaint(status: str) -> ComplaintRecord:
        return ComplaintRecord(
            "TS1", "K1", date(2026, 12, 1), "branch", "服务态度", status, date(2026, 12, 8)
        )

    def held(status: str, purpose: str = "product_intro") -> list[str]:
        found = holds(
            policy, client(), [], complaints=[complaint(status)], purpose=purpose,
            channel="wechat", at=at(MONDAY, 10, 0), is_working_day=calendar.is_working_day,
        )  # fmt: skip
        return [h.code for h in found]

    assert held("处理中") == ["open_complaint"]
    assert held("open") == ["open_complaint"]
    assert held("已办结") == [] and held("Resolved") == []
    assert held("处理中", purpose="maturity_reminder") == []  # a service message still goes
