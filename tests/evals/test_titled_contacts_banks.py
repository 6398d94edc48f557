"""A contact said by surname and title ("陈总", "Mr Qin") on the two evaluation banks: inside a
conversation about a client it is that client's contact; outside one, the asker's own client
with such a contact, or a "which one?" among the asker's own; never another book's client.
A company's short head beside such a contact, or its head and trade, names the asker's own
client where the bank holds several of that head.

Slow: the banks are built with their playbooks ingested by the real embedding model."""

from __future__ import annotations

import asyncio

import pytest

from assistant.core.types import Answer, Turn
from assistant.engines.offline.phrases import PHRASES
from assistant.wiring import Frontline

pytestmark = pytest.mark.slow


def chat(fl: Frontline, rm: str, *questions: str) -> list[Answer]:
    answers: list[Answer] = []
    conversation = None
    for q in questions:
        turn = Turn(text=q, channel="cli", rm_id=rm, conversation_id=conversation)
        answers.append(asyncio.run(fl.core.answer(turn)))
        conversation = answers[-1].conversation_id
    return answers


def served(answer: Answer, client: str) -> bool:
    return not answer.refused and answer.client_ids == [client]


def offered(answer: Answer) -> bool:
    return not answer.refused and answer.text.startswith(
        (PHRASES["ambiguous"]["zh"], PHRASES["ambiguous"]["en"])
    )


# --- demo bank (RM001's book has a dozen clients with a contact surnamed 陈) ---------------


def test_demo_when_a_conversation_is_about_a_client_then_its_titled_contact_is_that_clients(
    demo_frontline,
) -> None:
    about, draft = chat(
        demo_frontline, "RM001", "久骏医疗最近存款怎么样", "帮我约一下陈总，写个微信"
    )
    assert served(about, "C000305")
    assert served(draft, "C000305") and draft.intent == "draft_outreach", draft.text


def test_demo_when_no_conversation_narrows_a_common_surname_then_the_rm_picks_among_own(
    demo_frontline,
) -> None:
    (answer,) = chat(demo_frontline, "RM001", "陈总最近怎么样")
    assert offered(answer), answer.text
    assert set(answer.client_ids) <= set(demo_frontline.bank.client_ids_of(["RM001"]))


@pytest.mark.parametrize(
    ("question", "client"),
    [
        ("谢总最近存款怎么样？", "C000043"),  # the one 谢 in RM001's book, of 18 in the bank
        ("draft a wechat to Mr Qin about a visit", "C000116"),
    ],
)
def test_demo_when_one_own_client_has_the_titled_contact_then_it_is_served(
    demo_frontline, question, client
) -> None:
    (answer,) = chat(demo_frontline, "RM001", question)
    assert served(answer, client), answer.text


def test_demo_when_a_role_fits_two_own_clients_then_the_reply_picks_one(demo_frontline) -> None:
    which, picked = chat(demo_frontline, "RM001", "赵会计最近怎么样", "第二个")
    assert offered(which) and "C001101" in which.text and "C001807" in which.text
    assert served(picked, "C001807")


def test_demo_when_another_rm_says_the_same_titled_form_then_only_their_own_are_offered(
    demo_frontline,
) -> None:
    (answer,) = chat(demo_frontline, "RM002", "秦总最近怎么样")  # RM001's C000116 has a 秦 too
    assert "C000116" not in answer.text and "C000116" not in answer.client_ids


# --- Harbour bank ------------------------------------------------------------------------


def test_harbour_when_a_short_head_stands_beside_a_titled_contact_then_the_own_client_is_served(
    harbour_frontline,
) -> None:
    (answer,) = chat(
        harbour_frontline, "E20452", "启航的武总最近存款怎么样"
    )  # four 启航 in the bank
    assert served(answer, "KH2007000842"), answer.text


def test_harbour_when_a_head_and_its_trade_are_said_then_the_own_client_is_served(
    harbour_frontline,
) -> None:
    (answer,) = chat(harbour_frontline, "E30155", "浪花船舶最近存款怎么样")  # ten 浪花 in the bank
    assert served(answer, "KH2006000999"), answer.text


def test_harbour_when_a_conversation_is_about_a_client_then_its_titled_contact_is_that_clients(
    harbour_frontline,
) -> None:
    about, draft = chat(harbour_frontline, "E20452", "东升机械最近怎么样", "给张总发个微信约拜访")
    assert served(about, "KH2015000101")
    assert served(draft, "KH2015000101") and draft.intent == "draft_outreach", draft.text
    (alone,) = chat(harbour_frontline, "E20452", "张总最近怎么样")  # three of E20452's have one
    assert offered(alone), alone.text


def test_harbour_when_only_other_books_have_the_surname_then_it_is_answered_as_nobodys(
    harbour_frontline,
) -> None:
    (foreign,) = chat(harbour_frontline, "E30155", "张总最近怎么样")
    (nobody,) = chat(harbour_frontline, "E30155", "司马总最近怎么样")
    assert foreign.refused and foreign.client_ids == []
    assert (foreign.text, foreign.refusal_reason) == (nobody.text, nobody.refusal_reason)
