"""A list narrowed by what the RM says next is the same list as the one question asking both:
"有存款流失预警的客户有哪些" then "只看重点客户及以上的" lists exactly the clients of "有存款流失预警
的战略、核心、重点客户" — on both banks, their own tiers, their own data. And a draft goes to the
contact the RM names by surname and title, not the primary one."""

from __future__ import annotations

import pytest

from assistant.wiring import Frontline
from tests.support.turns import ask

BANKS = ["demo_frontline", "harbour_frontline"]


def _rm_with_most_clients(fl: Frontline) -> str:
    rms = [r.rm_id for r in fl.bank.all_rms() if r.role == "rm"]
    return max(rms, key=lambda rm: len(fl.bank.client_ids_of([rm])))


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_list_narrowed_next_is_the_list_asked_for_at_once(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm = _rm_with_most_clients(fl)
    tiering = fl.policies.tiering
    corporate = tiering.ladder("corporate")
    top, second = corporate[0], corporate[1]
    listed = ask(fl, "我名下的对公客户有哪些", rm)
    assert listed.intent == "book_query" and listed.client_ids
    narrowed = ask(fl, f"只看{second.label_zh}及以上的", rm, listed.conversation_id)
    at_once = ask(fl, f"我名下的{top.label_zh}和{second.label_zh}有哪些", rm)
    assert narrowed.intent == "book_query" and not narrowed.refused
    assert sorted(narrowed.client_ids) == sorted(at_once.client_ids)
    assert set(narrowed.client_ids) <= set(listed.client_ids) | set(at_once.client_ids)
    # Narrowed again, the first narrowing still holds.
    again = ask(fl, "只看贷款超过1000万的", rm, narrowed.conversation_id)
    assert set(again.client_ids) <= set(narrowed.client_ids)


@pytest.mark.slow
@pytest.mark.parametrize("bank", BANKS)
def test_a_draft_goes_to_the_contact_named_by_surname_and_title(
    bank: str, request: pytest.FixtureRequest
) -> None:
    fl = request.getfixturevalue(bank)
    rm, client, contact = _client_with_a_second_contact(fl)
    surname = contact.name[0]
    title = "经理" if "经理" in contact.title else "总"
    answer = ask(fl, f"帮我写个给{client.name}的电话开场白 打给{surname}{title}", rm)
    assert answer.intent == "draft_outreach" and answer.client_ids == [client.client_id]
    assert contact.name in answer.text, answer.text[:200]


def _client_with_a_second_contact(fl: Frontline):  # type: ignore[no-untyped-def]
    """A corporate client of an RM whose non-primary contact is the only one of its surname
    there and holds a title RMs call by ("财务经理", "总经理")."""
    for rm in sorted(r.rm_id for r in fl.bank.all_rms() if r.role == "rm"):
        for data in fl.bank.client_data(sorted(fl.bank.client_ids_of([rm]))):
            if data.client.client_type != "corporate" or data.client.name[0] < "\u4e00":
                continue
            for p in data.contacts:
                same = [q for q in data.contacts if q.name[:1] == p.name[:1]]
                titled = any(t in p.title for t in ("经理", "总"))
                if not p.is_primary and len(same) == 1 and titled and len(p.name) in (2, 3):
                    return rm, data.client, p
    pytest.fail("no client with a second, titled contact")
