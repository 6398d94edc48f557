"""Repeated queries are cut and scored once per index; what comes back is what a fresh
scoring gives, and shared results cannot be changed by a caller."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.glossary import Glossary
from knowledge.lexical import BM25Index, TextTokenizer

TEXTS = ["代发工资业务办理流程", "大额存单起存金额", "payroll services for corporate clients"]


@pytest.fixture(scope="module")
def index() -> BM25Index:
    return BM25Index(TEXTS, TextTokenizer())


@pytest.mark.parametrize("query", ["代发工资怎么办", "payroll", "没有的词"])
def test_when_a_query_comes_back_then_its_scores_are_the_first_ones(index, query):
    first = index.scores(query)
    assert index.scores(query) is first
    np.testing.assert_array_equal(first, BM25Index(TEXTS, TextTokenizer()).scores(query))


def test_when_a_caller_writes_into_shared_scores_then_it_is_refused(index):
    with pytest.raises(ValueError):
        index.scores("大额存单")[0] = 1.0


def test_when_a_query_is_expanded_again_then_the_same_phrases_come_back():
    glossary = Glossary([["代发工资", "payroll"], ["大额存单", "large CD"]])
    first = glossary.expand("代发工资客户买大额存单")
    assert glossary.expand("代发工资客户买大额存单") is first
    assert first.phrases == ("payroll", "large CD")
    assert glossary.expand("payroll cut-off").phrases == ("代发工资",)
