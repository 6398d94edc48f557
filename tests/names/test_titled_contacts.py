"""A contact said by surname and title ("周总", "王经理", "Ms Johnson"): read from the form,
fitted to the contacts of the asker's own book only, and answered through the real core."""

from __future__ import annotations

import asyncio

import pytest

from assistant.core.types import Answer, Turn
from tests.names.test_client_resolution import seen
from tools.names.titles import Titled, addressed, surname, titled

CONTACTS = [
    ("A", "黄海燕", "法定代表人"),
    ("B", "黄建华", "会计"),
    ("C", "欧阳明", "总经理"),
    ("D", "Grace Huang", "CFO"),
    ("E", "曾丽", "出纳"),
    ("F", "叶青", "出纳"),
    ("G", "谢敏", "会计"),
]


@pytest.mark.parametrize(
    ("said", "form"),
    [
        ("黄总", Titled("黄")),
        ("王经理", Titled("王", ("经理", "manager"))),
        ("欧阳董", Titled("欧阳", ("董事", "chairman"))),
        ("Huang", Titled("huang")),  # the masker takes one word for a name after "Mr" only
    ],
)
def test_when_a_surname_and_title_is_said_then_the_form_is_read(said, form) -> None:
    assert titled(said) == form


@pytest.mark.parametrize("said", ["黄海燕", "王建国经理", "总经理", "Grace Huang", "经理"])
def test_when_a_full_name_or_a_bare_title_is_said_then_it_is_no_titled_form(said) -> None:
    assert titled(said) is None


def test_when_a_contacts_surname_is_read_then_compound_and_english_surnames_count() -> None:
    assert [surname(n) for n in ("黄海燕", "欧阳明", "Grace Huang")] == ["黄", "欧阳", "huang"]


@pytest.mark.parametrize(
    ("said", "clients"),
    [
        ("黄总", ["A", "B"]),  # 总 is said of anyone senior
        ("黄会计", ["B"]),  # a role narrows to the contact who has it
        ("黄经理", ["A", "B"]),  # … and narrows nothing when nobody has it
        ("欧阳总", ["C"]),
        ("Huang", ["A", "B", "D"]),  # pinyin of a Chinese surname, or an English surname
        ("Zeng", ["E"]),  # 曾 read as a surname, not as the library's "ceng"
        ("Xie", ["G"]),  # 叶 reads "xie" in old poems only: not while a usual reading fits
        ("Ye", ["F"]),
    ],
)
def test_when_a_titled_form_is_fitted_then_the_clients_with_that_contact_are_found(
    said, clients
) -> None:
    form = titled(said)
    assert form is not None and addressed(form, CONTACTS) == clients


def ask(fl, text: str, rm: str = "EMP0101") -> Answer:
    return asyncio.run(fl.core.answer(Turn(text=text, channel="cli", rm_id=rm)))


@pytest.mark.parametrize(
    ("question", "client"),
    [
        ("周总最近存款怎么样？", "KH-0044"),
        ("帮我给王经理写一条微信", "KH-0042"),  # another book's 王建国 is never a candidate
        ("How should I serve Ms Johnson?", "KH-0043"),
    ],
)
def test_when_a_contact_of_the_own_book_is_said_by_surname_and_title_then_the_client_is_served(
    other_bank, question, client
) -> None:
    answer = ask(other_bank, question)
    assert not answer.refused, answer.text
    assert answer.client_ids == [client], answer.text


def test_when_only_another_books_contact_has_the_surname_then_it_is_answered_as_nobodys(
    other_bank,
) -> None:
    foreign = ask(other_bank, "欧阳总最近存款怎么样？")  # a contact of EMP0102's client
    nobody = ask(other_bank, "司马总最近存款怎么样？")
    assert foreign.refused and foreign.client_ids == []
    assert seen(foreign) == seen(nobody)
