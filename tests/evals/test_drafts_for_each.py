"""A draft for each of several clients, on both banks: "给这几家都写个微信" after a list writes one
draft per client of the list, each from that client's own data; an edit said next redoes them
all; a list longer than a chat answer holds is drafted in part and says how many it left; one
client in view stays one draft; a promise asked of them all is declined."""

from __future__ import annotations

import pytest

from assistant.engines.offline.draft_each import MOST
from tests.support.turns import ask, plain_rms
from tools.campaign.run import PREVIEW

BANKS = ["demo_frontline", "harbour_frontline"]


def _rm_with_book(fl, size: int) -> str:  # type: ignore[no-untyped-def]
    return next(r for r in plain_rms(fl) if len(fl.bank.client_ids_of([r])) >= size)


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_each_of_a_list_gets_its_own_draft_and_an_edit_redoes_them_all(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = _rm_with_book(fl, 3)
    listed = ask(fl, "我名下存款最多的三个客户", rm)
    assert listed.intent == "book_query" and len(listed.client_ids) == 3, listed.text[:300]
    drafts = ask(fl, "给这三家都写个微信", rm, listed.conversation_id)
    assert drafts.intent == "draft_outreach" and not drafts.refused
    assert drafts.client_ids == listed.client_ids, drafts.text[:300]
    assert drafts.text.count("外联草稿 · wechat") == 3
    # Each section is headed by its own client, in the list's order.
    name = {c.client_id: c.name for c in fl.bank.get_clients(listed.client_ids)}
    names = [name[cid] for cid in listed.client_ids]
    heads = [line[4:] for line in drafts.text.splitlines() if line.startswith("### ")]
    assert heads == names
    edited = ask(fl, "改成短信", rm, listed.conversation_id)
    assert edited.intent == "draft_outreach" and edited.client_ids == listed.client_ids
    assert edited.text.count("外联草稿 · sms") == 3 and "wechat" not in edited.text


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_in_english_each_of_them_is_a_draft_not_a_count_per_rm(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = _rm_with_book(fl, 2)
    listed = ask(fl, "top 2 clients by deposits", rm)
    assert len(listed.client_ids) == 2
    drafts = ask(fl, "draft an email to each of them", rm, listed.conversation_id)
    assert drafts.intent == "draft_outreach", drafts.text[:300]
    assert drafts.client_ids == listed.client_ids
    assert drafts.text.count("Outreach draft · email") == 2


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_long_list_is_a_campaign_over_every_client_on_it(
    bank: str, request: pytest.FixtureRequest
) -> None:
    """More than a chat answer holds: every client of the list drafted as a campaign (#18), the
    answer its counts, a preview and the downloads — no client left out."""
    fl = request.getfixturevalue(bank)
    size = MOST + 2
    rm = _rm_with_book(fl, size)
    listed = ask(fl, f"我名下存款最多的{size}个客户", rm)
    assert len(listed.client_ids) == size, listed.text[:300]
    drafts = ask(fl, "给他们都写个微信", rm, listed.conversation_id)
    assert f"共 {size} 位客户：已起草 {size} 条微信" in drafts.text, drafts.text[:400]
    assert set(drafts.client_ids) <= set(listed.client_ids) and len(drafts.client_ids) == PREVIEW
    assert len(drafts.documents) == 2


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_one_client_in_view_stays_one_draft(bank: str, request: pytest.FixtureRequest) -> None:
    fl = request.getfixturevalue(bank)
    rm = _rm_with_book(fl, 2)
    listed = ask(fl, "我名下存款最多的两个客户", rm)
    first = ask(fl, "第一个最近怎么样", rm, listed.conversation_id)
    assert first.client_ids[:1] == listed.client_ids[:1]
    one = ask(fl, "给他们写个微信", rm, listed.conversation_id)
    assert one.intent == "draft_outreach" and one.client_ids == listed.client_ids[:1]
    assert one.text.count("外联草稿") == 1


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_promise_asked_of_them_all_is_declined(bank: str, request: pytest.FixtureRequest) -> None:
    fl = request.getfixturevalue(bank)
    rm = _rm_with_book(fl, 2)
    listed = ask(fl, "我名下存款最多的两个客户", rm)
    drafts = ask(fl, "给这两家都发个微信，就说保本保收益", rm, listed.conversation_id)
    assert drafts.intent == "draft_outreach" and drafts.refused
    assert "保本保收益" not in drafts.text.split("```")[1]
