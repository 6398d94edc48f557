"""The search glossary: loading and validation, expansion, and what it does for retrieval."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from knowledge.glossary import _CJK, Glossary, default_glossary
from knowledge.metadata import SearchFilter
from knowledge.retrieval import Retriever, edition_key
from tests.conftest import make_settings

GROUPS = [
    ["代发工资", "代发", "payroll", "salary disbursement", "发工资"],
    ["大额存单", "large-denomination CD", "large CD"],
]


def test_chinese_phrases_match_inside_text_and_english_only_whole_words() -> None:
    glossary = Glossary(GROUPS)
    expansion = glossary.expand("工厂想在我行发工资，怎么谈")
    assert expansion.matched == ("发工资",)
    assert expansion.phrases == ("代发工资", "代发", "payroll", "salary disbursement")
    assert glossary.expand("Payroll cut-off").phrases[:2] == ("代发工资", "代发")
    assert glossary.expand("payrollx and largecd").phrases == ()  # no partial English words
    # The other grammatical number of an English phrase is the phrase ("payrolls", "holiday").
    assert glossary.expand("payrolls").phrases[:2] == ("代发工资", "代发")


def test_phrases_already_in_the_query_are_not_added_and_groups_combine() -> None:
    expansion = Glossary(GROUPS).expand("代发工资客户买大额存单 large CD")
    assert "代发工资" not in expansion.phrases and "large CD" not in expansion.phrases
    assert {"payroll", "large-denomination CD"} <= set(expansion.phrases)
    assert expansion.apply("q") == "q " + " ".join(expansion.phrases)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("groups: [[代发, payroll], [payroll, 工资]]", "'payroll' is in group 1 and group 2"),
        ("groups: [[代发]]", "group 1 must list at least two phrases"),
        ("groups: [[代发, '  ']]", "group 1 has an empty or non-text phrase"),
        ("terms: []", "expected a top-level 'groups:' list"),
        ("groups: [unclosed", "not valid YAML"),
    ],
)
def test_when_glossary_is_broken_then_config_error_names_file_and_group(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        Glossary.load(path)
    assert str(path) in str(caught.value)


def test_bundled_glossary_loads_and_every_group_bridges_both_languages() -> None:
    glossary = default_glossary()
    assert len(glossary.groups) >= 200
    for group in glossary.groups:
        assert any(_CJK.search(p) for p in group), group
        assert any(not _CJK.search(p) for p in group), group


def test_settings_point_the_retriever_at_the_banks_own_glossary(tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text("version: 1\ngroups:\n  - [对公结算, corporate settlement]\n", "utf-8")
    settings = make_settings(tmp_path / "home", search_glossary=path)
    retriever = Retriever(settings, embedder=object())  # type: ignore[arg-type]
    assert retriever.glossary.expand("对公结算").phrases == ("corporate settlement",)


PLAYBOOKS = {
    "payroll.md": """
        ---
        id: products/payroll
        title: 代发工资业务指引
        language: zh
        ---
        # 代发工资业务指引
        ## 准入条件
        代发工资适用于员工五十人以上、在我行开立基本账户的对公客户。
        """,
    "payroll-en.md": """
        ---
        id: products/payroll-en
        title: Payroll services
        language: en
        ---
        # Payroll services
        ## Eligibility
        Payroll services suit corporate clients with fifty or more employees.
        """,
    "expat.md": """
        ---
        id: service/expat-client-service-en
        title: Serving expatriate clients
        language: en
        ---
        # Serving expatriate clients
        ## Account opening documents
        Expat clients bring a passport and a residence permit to open an account.
        """,
}


@pytest.fixture
def retriever(tmp_path, write_playbook, ingestor, fake_embedder, retriever_factory) -> Retriever:
    root = tmp_path / "playbooks"
    for name, body in PLAYBOOKS.items():
        write_playbook(root, name, body)
    assert ingestor.ingest([root]).errors == []
    glossary = Glossary([*GROUPS, ["外籍", "老外", "expat", "expatriate"], ["护照", "passport"]])
    return retriever_factory(fake_embedder, glossary=glossary, clock=lambda: dt.date(2026, 6, 1))


def test_when_query_is_chinese_then_bm25_reaches_the_english_playbook_through_the_glossary(
    retriever: Retriever,
) -> None:
    spec = SearchFilter.parse(None)
    doc = {c.id: c.metadata["doc_id"] for c in retriever.corpus().chunks}
    question = "老外开户要带护照吗"
    assert "service/expat-client-service-en" not in [
        doc[i] for i in retriever.bm25_ranking(question, spec, expand=False)
    ]
    assert [doc[i] for i in retriever.bm25_ranking(question, spec)][0] == (
        "service/expat-client-service-en"
    )


@pytest.mark.parametrize(
    ("language", "first"), [("en", "products/payroll-en"), ("zh", "products/payroll")]
)
def test_when_both_editions_are_found_then_the_readers_comes_first(
    retriever: Retriever, language: str, first: str
) -> None:
    passages = retriever.search(
        "代发工资 payroll services eligibility", k=3, prefer_language=language
    )
    docs = [p.doc_id for p in passages]
    assert docs[0] == first
    assert {"products/payroll", "products/payroll-en"} <= set(docs)  # the other edition stays


def test_edition_key_joins_language_editions() -> None:
    assert (
        edition_key("products/payroll-en") == edition_key("products/payroll") == "products/payroll"
    )
    assert edition_key("service/expat-client-service-en") == "service/expat-client-service"


@pytest.mark.parametrize(
    ("query", "term"),
    [
        ("what on-time rate gets full marks", "及时率"),
        ("how is my follow-up on-time rate worked out", "信号跟进及时率"),
    ],
)
def test_bundled_glossary_reads_an_on_time_rate_as_the_follow_up_timeliness_score(
    query: str, term: str
) -> None:
    assert term in default_glossary().expand(query).phrases
