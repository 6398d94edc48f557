"""The mention index narrows the names a question is tested against; what matches must be
exactly what testing every name finds, in the same order."""

from __future__ import annotations

from datetime import date

import pytest

from tools.bank.records import ClientRecord
from tools.client_tools import NameForms, _matches, mention_key
from tools.names.mentions import MentionIndex

NAMES = [
    "华东精密机械有限公司",
    "华东精密仪器股份有限公司",
    "东升机械制造有限公司",
    "上海华东贸易公司",
    "Williams Energy Storage Co., Ltd.",
    "Williams  Foods Inc.",  # two spaces: the two-word lead is not a substring of the name
    "Bosch",
    "Acme",
    "张伟",
]
QUESTIONS = [
    "我该怎么服务华东精密机械？",
    "华东精密",
    "华东",
    "东升机械最近怎么样",
    "How should I serve Williams Energy?",
    "williams foods deposits",
    "Williams  Foods payroll",  # the name as written, two spaces and all
    "draft a note to bosch",
    "bosch",
    "acme corp",
    "eng",
    "张伟的存款",
    "今天天气怎么样",
    "",
    "   ",
]


@pytest.fixture(scope="module")
def forms() -> list[NameForms]:
    return [
        NameForms.of(ClientRecord(f"C{i:03d}", "corporate", name, "RM1", "B1", date(2020, 1, 1)))
        for i, name in enumerate(NAMES)
    ]


@pytest.mark.parametrize("question", QUESTIONS)
def test_when_a_question_is_asked_then_the_index_finds_what_a_full_scan_finds(forms, question):
    index = MentionIndex(forms, mention_key)
    scanned = [f.client_id for f in forms if _matches(f, question)]
    indexed = [f.client_id for f in index.candidates(question) if _matches(f, question)]
    assert indexed == scanned


def test_when_a_question_names_one_client_then_few_names_are_tested(forms):
    index = MentionIndex(forms, mention_key)
    assert [f.name for f in index.candidates("东升机械最近怎么样")] == ["东升机械制造有限公司"]
    assert index.candidates("今天天气怎么样") == []


def test_when_the_question_is_part_of_a_name_then_every_name_is_a_candidate(forms):
    index = MentionIndex(forms, mention_key)
    assert len(index.candidates("精密机")) == len(forms)
