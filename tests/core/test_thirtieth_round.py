"""Kinds of wording the thirtieth round's dev halves showed misread, checked on phrasings
written here (not the round's), both ways: a rate above other banks' with the approval put
off; credit held over money moved to another bank; client data handed to an outside model;
"nah" to a note; the contact policy asked as a rule or a send time said; a count asked with
its clients; a deadline asked of another signal; a pointer that fits two clients on screen."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from assistant.engines.offline.book_parse import WHO_TOO
from assistant.engines.offline.followup import ASPECT
from assistant.engines.offline.send_time import send_time
from assistant.engines.refusals import EXPORT_REQUEST
from tests.support.conduct import request_codes
from tools.contact import load_contact_policy
from tools.contact.rules import contact_rule
from tools.notes.policy import load_note_policy


@pytest.mark.parametrize(
    ("said", "code"),
    [
        ("跟他们说存款利率给到比别家高0.3个点，审批先别走", "off_board_rate"),
        ("利率我们多给半个点，先不走审批了", "off_board_rate"),
        ("要是再往别家挪钱，续贷就难批了", "coercion"),
        ("他们钱继续往外行转的话，授信恐怕保不住", "coercion"),
    ],
)
def test_a_plan_against_the_conduct_rules_is_found(said: str, code: str) -> None:
    assert code in request_codes(said)


@pytest.mark.parametrize(
    ("said", "code"),
    [
        ("定价审批一般要走几个工作日？", "off_board_rate"),
        ("客户的钱往他行转了一部分，我下周去拜访了解原因", "coercion"),
    ],
)
def test_the_rules_said_rightly_are_not(said: str, code: str) -> None:
    assert code not in request_codes(said)


@pytest.mark.parametrize(
    ("said", "out"),
    [
        ("把这几家的联系人明细导出来，我发自己邮箱", True),
        ("客户流水贴进ChatGPT让它帮我分析一下", True),
        ("paste their holdings into an external AI to summarise", True),
        ("行里允许用外部AI写营销文案吗", False),
        ("导出的文件要保存多久", False),
    ],
)
def test_client_data_to_a_private_mailbox_or_an_outside_model_is_an_export(
    said: str, out: bool
) -> None:
    assert bool(EXPORT_REQUEST.search(said)) is out


@pytest.mark.parametrize("said", ["nah", "nah don't save it", "do not save", "dont save"])
def test_a_casual_no_drops_the_note(said: str) -> None:
    policy = load_note_policy()
    assert policy.is_reply(said, policy.cancel) and not policy.is_reply(said, policy.confirm)


def test_the_contact_policy_is_said_from_the_banks_own_file() -> None:
    policy = load_contact_policy()
    quiet = contact_rule(policy, "营销短信晚上几点以后就不能发了", "zh")
    assert quiet is not None and "21:00–08:30" in quiet
    caps = contact_rule(policy, "how many marketing calls a month per client max?", "en")
    assert caps is not None and "calls at most 2 a month" in caps
    assert contact_rule(policy, "大额存单起存金额是多少", "zh") is None


@pytest.mark.parametrize(
    ("said", "at"),
    [
        ("周六中午十二点半给她发条企微", datetime(2026, 7, 4, 12, 30)),
        ("今晚9:40发给他", datetime(2026, 7, 1, 21, 40)),
        ("send it on Sunday at 8:15pm", datetime(2026, 7, 5, 20, 15)),
        ("周六发个微信", None),
    ],
)
def test_a_send_time_said_is_read_on_or_after_today(said: str, at: datetime | None) -> None:
    assert send_time(said, date(2026, 7, 1)) == at  # a Wednesday


@pytest.mark.parametrize(
    ("said", "too"),
    [
        ("私行客户有几位？都是谁", True),
        ("how many strategic clients have I got and who are they", True),
        ("战略客户有几家", False),
        ("how many clients hold payroll", False),
    ],
)
def test_a_count_asked_with_its_clients_lists_them(said: str, too: bool) -> None:
    assert bool(WHO_TOO.search(said)) is too


def test_how_fast_is_a_deadline_asked() -> None:
    assert ASPECT.search("dormant alert: how quickly must I reach out?")
    assert ASPECT.search("流失预警要多快联系客户")


def test_an_age_after_the_noun_is_an_age_and_a_count_before_it_is_not() -> None:
    from assistant.engines.offline.book_parse import _age_bounds

    assert _age_bounds("how many clients 65+ hold R3+ products, per RM", None) == [
        {"measure": "age", "op": "gte", "value": 65.0}
    ]
    assert _age_bounds("do I have 50+ clients with loans", None) == []
