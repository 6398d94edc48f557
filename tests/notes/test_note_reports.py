"""How an RM says a note in chat, read by each bank's note policy (the bundled one and
Harbour's): a trigger, a report of a contact just made with what the client said, the reply
that saves or drops the draft — and a question about a client that must stay a question."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.notes.draft import body, is_empty
from tools.notes.policy import NotePolicy, load_note_policy

REPO = Path(__file__).resolve().parents[2]
POLICIES = {
    "bundled": REPO / "tools" / "policy" / "notes.yaml",
    "harbour": REPO / "evals" / "banks" / "harbour" / "notes.yaml",
}


@pytest.fixture(params=sorted(POLICIES), scope="module")
def policy(request: pytest.FixtureRequest) -> NotePolicy:
    return load_note_policy(POLICIES[request.param])


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("记录下 ⟦CLIENT_1⟧下月要办代发", "⟦CLIENT_1⟧下月要办代发"),
        ("帮我记下来：⟦CLIENT_1⟧想了解外汇套保", "⟦CLIENT_1⟧想了解外汇套保"),
        (
            "刚跟⟦PERSON_2⟧通了电话，他表示年底前考虑增加授信",
            "⟦PERSON_2⟧通了电话，他表示年底前考虑增加授信",
        ),
        ("今天拜访了⟦CLIENT_3⟧ 财务总监说明年要扩产", "⟦CLIENT_3⟧ 财务总监说明年要扩产"),
        ("just spoke with ⟦PERSON_1⟧ - he said they'd like a quote for FX forwards", None),
        ("met with ⟦CLIENT_2⟧ this morning, they are planning a new plant", None),
        ("make a note: ⟦CLIENT_1⟧ moves the payroll to us in March", None),
    ],
)
def test_when_an_rm_reports_what_a_client_said_then_it_is_a_note(
    policy: NotePolicy, text: str, note: str | None
) -> None:
    found = body(text, policy)
    assert found is not None and "⟦" in found
    if note is not None:
        assert found == note


@pytest.mark.parametrize(
    "text",
    [
        "⟦PERSON_1⟧上次说了什么？",
        "刚给⟦PERSON_1⟧打了电话，她说想换理财，推荐什么好",
        "刚跟⟦CLIENT_1⟧聊完 他们说想做代发 帮我准备方案",
        "今天见了⟦CLIENT_1⟧，他们说要扩产吗",
        "what did ⟦PERSON_1⟧ say last time?",
        "met ⟦CLIENT_1⟧ today, they want a loan - what should I offer",
        "just called ⟦CLIENT_1⟧ and they said no. can you draft a follow-up",
        "⟦CLIENT_1⟧说过要转大额存单",  # no opener: what a client said is not yet a report
        "⟦CLIENT_1⟧联系了吗",  # asks whether contact happened
        "called ⟦CLIENT_1⟧ about what?",
    ],
)
def test_when_an_rm_asks_about_a_client_then_nothing_is_captured(
    policy: NotePolicy, text: str
) -> None:
    assert body(text, policy) is None


@pytest.mark.parametrize(
    "text",
    ["called ⟦CLIENT_1⟧", "⟦PERSON_1⟧ 已联系", "⟦CLIENT_1⟧：拜访过了。", "⟦CLIENT_1⟧ contacted"],
)
def test_when_an_rm_reports_only_that_contact_happened_then_it_is_an_empty_note(
    policy: NotePolicy, text: str
) -> None:
    """A bare "X 已联系" is the note the data playbook forbids: captured, so it is refused with
    the reason, not answered with a profile as if nothing had been said."""
    found = body(text, policy)
    assert found is not None
    assert is_empty(found, policy, "zh" if "已" in text or "过" in text else "en")


@pytest.mark.parametrize(
    ("reply", "confirms", "cancels"),
    [
        ("对 保存吧", True, False),
        ("好的，存上", True, False),
        ("没问题，存", True, False),
        ("ok save it", True, False),
        ("Yes please!", True, False),
        ("sure, go ahead", True, False),
        ("不用了", False, True),
        ("算了 别存", False, True),
        ("no thanks", False, True),
        ("不是", False, False),  # neither: an edit ("是周三不是周二") or a new question
        ("不对", False, False),
        ("好的，下一步：周五前报价", False, False),  # an edit, not a bare yes
        ("yes but make it a call", False, False),
    ],
)
def test_a_reply_to_a_draft_is_read_whole(
    policy: NotePolicy, reply: str, confirms: bool, cancels: bool
) -> None:
    assert policy.is_reply(reply, policy.confirm) is confirms
    assert policy.is_reply(reply, policy.cancel) is cancels


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("截止改成周五", True),
        ("加上下次联系时间 12月2号", True),
        ("next contact on Monday", True),
        ("改成电话", False),
    ],
)
def test_a_deadline_edit_is_recognised_by_the_policys_words(
    policy: NotePolicy, text: str, due: bool
) -> None:
    assert bool(policy.due_re.search(text)) is due
