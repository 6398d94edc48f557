"""Follow-up resolution without a bank: ordinals over the last list, pronouns and ellipsis over
the last client, edits of the last draft, and the state carried to the next turn."""

from __future__ import annotations

import pytest

from assistant.engines.offline import followup
from assistant.engines.offline.slots import extract

LIST = ["A1", "A2", "A3", "A4"]


@pytest.mark.parametrize(
    ("text", "picked"),
    [
        ("第二个帮我写个话术", ["A2"]),
        ("第2家怎么跟进", ["A2"]),
        ("最后一个呢", ["A4"]),
        ("后面两个", ["A3", "A4"]),
        ("前两个客户", ["A1", "A2"]),
        ("the first one - when did I last talk to them?", ["A1"]),
        ("draft an email to the third one", ["A3"]),
        ("the last one", ["A4"]),
        ("the last two please", ["A3", "A4"]),
        ("#2", ["A2"]),
        ("第五个", []),
        (
            "第二季度到期的客户有哪些",
            [],
        ),  # a quarter, not a position  # past the end of the list: nothing, not a wrap-around
        ("怎么服务", []),
    ],
)
def test_when_a_turn_counts_into_the_last_list_then_the_position_picks(text, picked) -> None:
    assert followup._by_position(text, LIST) == picked


async def test_when_the_last_answer_was_about_a_client_then_an_ellipsis_asks_about_it() -> None:
    state = {"client_ids": ["A1"], "last_intent": "client_facts"}
    slots = extract("那理财呢？", "zh")
    follow = await followup.resolve(None, "那理财呢？", state, slots)  # type: ignore[arg-type]
    assert follow.client_ids == ["A1"] and follow.default_intent == "client_facts"
    assert slots.client_ids == ["A1"]


@pytest.mark.parametrize("text", ["帮我写个微信约他们财务下周见面", "draft them an SMS"])
async def test_when_a_pronoun_stands_for_the_last_client_then_it_is_that_client(text) -> None:
    slots = extract(text)
    follow = await followup.resolve(None, text, {"client_ids": ["A1"]}, slots)  # type: ignore[arg-type]
    assert follow.client_ids == ["A1"]


async def test_when_no_client_is_remembered_then_nothing_is_invented() -> None:
    slots = extract("那理财呢？", "zh")
    follow = await followup.resolve(None, "那理财呢？", {}, slots)  # type: ignore[arg-type]
    assert follow.client_ids == [] and follow.intent is None and slots.client_ids == []


@pytest.mark.parametrize(
    ("text", "channel", "language", "style"),
    [
        ("改成邮件", "email", "zh", None),
        ("改发短信", "sms", "zh", None),
        ("in English pls", "wechat", "en", None),
        ("改成英文", "wechat", "en", None),
        ("shorter please", "wechat", "zh", "short"),
        ("精简一下", "wechat", "zh", "short"),
        ("正式一点", "wechat", "zh", "formal"),
        ("make it less formal", "wechat", "zh", "casual"),
        ("口语一点", "wechat", "zh", "casual"),
        ("改成邮件，简短点", "email", "zh", "short"),
    ],
)
async def test_when_the_last_draft_is_edited_then_its_slots_carry_over(
    text, channel, language, style
) -> None:
    draft = {
        "client_id": "A1",
        "channel": "wechat",
        "purpose": "maturity_reminder",
        "language": "zh",
        "product_code": "P1",
    }
    slots = extract(text)
    follow = await followup.resolve(None, text, {"last_draft": draft}, slots)  # type: ignore[arg-type]
    assert follow.intent == "draft_outreach" and slots.client_ids == ["A1"]
    assert (slots.channel, slots.target_language, slots.style) == (channel, language, style)
    assert (slots.purpose, slots.product_code) == ("maturity_reminder", "P1")


async def test_when_an_english_draft_is_put_back_into_chinese_then_the_language_changes() -> None:
    draft = {"client_id": "A1", "channel": "email", "purpose": "general", "language": "en"}
    slots = extract("改成中文")
    await followup.resolve(None, "改成中文", {"last_draft": draft}, slots)  # type: ignore[arg-type]
    assert slots.target_language == "zh"


async def test_when_a_short_draft_is_moved_to_another_channel_then_it_stays_short() -> None:
    draft = {"client_id": "A1", "channel": "wechat", "purpose": "general", "style": "short"}
    slots = extract("改成邮件")
    await followup.resolve(None, "改成邮件", {"last_draft": draft}, slots)  # type: ignore[arg-type]
    assert (slots.channel, slots.style) == ("email", "short")


@pytest.mark.parametrize(
    ("text", "include", "points"),
    [
        ("加上到期日", ["maturity_date"], []),
        ("再加上到期日和金额", ["maturity_date", "amount"], []),
        ("add the maturity date", ["maturity_date"], []),
        ("加一句 到期后可以续存", [], ["到期后可以续存"]),
    ],
)
async def test_when_a_fact_is_asked_for_then_the_draft_includes_it(text, include, points) -> None:
    draft = {"client_id": "A1", "channel": "wechat", "purpose": "maturity_reminder"}
    slots = extract(text)
    await followup.resolve(None, text, {"last_draft": draft}, slots)  # type: ignore[arg-type]
    assert (slots.include, slots.points) == (include, points)


async def test_when_a_line_is_added_to_the_draft_then_it_becomes_a_point() -> None:
    draft = {"client_id": "A1", "channel": "wechat", "purpose": "general"}
    slots = extract("再加一句 保证收益3%")
    await followup.resolve(None, "再加一句 保证收益3%", {"last_draft": draft}, slots)  # type: ignore[arg-type]
    assert slots.points == ["保证收益3%"]


async def test_when_a_new_client_is_named_then_the_last_draft_is_not_edited() -> None:
    draft = {"client_id": "A1", "channel": "wechat", "purpose": "general"}
    slots = extract("给⟦CLIENT_2⟧改成邮件")
    follow = await followup.resolve(None, "给⟦CLIENT_2⟧改成邮件", {"last_draft": draft}, slots)  # type: ignore[arg-type]
    assert follow.intent is None and slots.client_ids == []


def test_a_pending_which_one_lasts_one_turn_and_a_refusal_forgets_the_client() -> None:
    asked = {"client_ids": [], "candidates": ["A1", "A2"], "pending_intent": "serve_client"}
    after = followup.carry({"client_ids": ["A9"], "last_list": LIST}, asked, "serve_client", False)
    assert after["candidates"] == ["A1", "A2"] and after["last_list"] == LIST
    answered = followup.carry(after, {"client_ids": ["A1"]}, "serve_client", False)
    assert "candidates" not in answered and answered["client_ids"] == ["A1"]
    refused = followup.carry(answered, {}, "client_facts", True)
    assert refused["client_ids"] == []


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("最大的那个", ("value", True)),
        ("存款最多的那家", ("deposit", True)),
        ("贷款最少的那个", ("loan", False)),
        ("the one with the most loans", ("loan", True)),
        ("the biggest one - draft an email to their finance contact", ("value", True)),
        ("the smallest one by AUM", ("aum", False)),
        ("最近到期的那个", ("days_to_maturity", False)),
        ("the one that matures first", ("days_to_maturity", False)),
        ("最久没联系的那家", ("days_since_contact", True)),
        ("流出最多的那家", ("deposit_outflow", True)),
        ("上海那家", None),
        ("第二个", None),
    ],
)
def test_when_a_turn_ranks_the_list_then_the_measure_and_direction_are_read(text, wanted) -> None:
    assert followup.superlative(text) == wanted
