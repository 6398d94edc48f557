"""Which words ask for the contact dates of a maturity (the dates are then the client's), and
which ask the rule in days or something else entirely ("打款", "打算" are not calls). Phrasings
written for this test, not taken from the blind rounds."""

from __future__ import annotations

import pytest

from assistant.engines.offline.contact_dates import asks_contact_date


@pytest.mark.parametrize(
    "text",
    [
        "按规定我最晚哪天得联系她？",
        "二次提醒是几号",
        "第一次联系最迟什么时候",
        "那我应该哪天打",
        "哪天打给他们合适",
        "when should I call him about the renewal?",
        "what's the latest date I can contact them?",
        "second reminder due when?",
    ],
)
def test_a_date_asked_for_a_contact_is_a_contact_date(text: str) -> None:
    assert asks_contact_date(text)


@pytest.mark.parametrize(
    "text",
    [
        "到期前多少天要联系客户",  # the rule, in days
        "客户说要什么时候打款",
        "他打算什么时候赎回",
        "存单什么时候到期",
        "how many days before maturity do we call?",
        "上次联系是哪天",  # a past contact, a fact
    ],
)
def test_the_rule_in_days_or_another_date_is_not(text: str) -> None:
    assert not asks_contact_date(text)
