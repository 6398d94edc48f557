"""Products named as an RM names them resolve through the loaded bank's own catalogue: another
bank's codes, names and categories, Chinese and English phrases, a product the bank lacks."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from assistant.core.types import Turn
from assistant.wiring import Frontline
from knowledge.glossary import default_glossary
from testkit.embeddings import HashingEmbeddings
from testkit.extract import write_extract
from tests.conftest import make_settings
from tests.support.other_catalogue import OTHER_BANK, other_bank_extract
from tools.bank.importer import import_extract
from tools.bank.records import ProductRecord
from tools.catalogue import Catalogue


def product(row: tuple[str, ...]) -> ProductRecord:
    code, name, category, risk, segment, description, name_en = row
    return ProductRecord(code, name, category, risk, segment, None, description, name_en or None)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue({r[0]: product(r) for r in OTHER_BANK}, glossary=default_glossary())


@pytest.mark.parametrize(
    ("phrase", "segment", "held", "expected"),
    [
        ("提醒他大额存单快到期了", "retail", (), "LD-2026-07"),
        ("提醒他大额存单快到期了", "corporate", (), "LD-CORP-1"),
        ("remind her that her CD matures next week", "retail", (), "LD-2026-07"),
        ("介绍一下理财", "retail", (), "WLTH-AX"),  # the lower risk when nothing else decides
        ("介绍一下理财", "retail", ("WLTH-BX",), "WLTH-BX"),  # what the client holds
        ("pitch our payroll service", "corporate", (), "PAY-SVC"),
        ("推荐代发", "corporate", (), "PAY-SVC"),
        ("薪福通的开通流程", None, (), "PAY-SVC"),  # the bank's own brand name
        ("they need an LC for the import", "corporate", (), "TF-LC"),
        ("开信用证", "corporate", (), "TF-LC"),
        ("set up cash pooling for the group", "corporate", (), "CP-01"),
        ("资金池方案", "corporate", (), "CP-01"),
        ("结构性存款到期", "retail", (), "SD-9"),
        ("a structured deposit", "corporate", (), "SD-9"),
        ("定期快到期了", "retail", (), "DEP/3Y"),
    ],
)
def test_when_a_phrase_names_a_kind_of_product_then_the_banks_own_product_is_found(
    catalogue: Catalogue, phrase: str, segment: str | None, held: tuple[str, ...], expected: str
) -> None:
    found = catalogue.resolve(phrase, segment=segment, held=held)
    assert found.matches and found.matches[0].product.product_code == expected


@pytest.mark.parametrize("phrase", ["推荐积存金", "buy some gold", "办一张信用卡", "家族信托方案"])
def test_when_the_bank_has_no_such_product_then_the_phrase_is_reported_missing(
    catalogue: Catalogue, phrase: str
) -> None:
    found = catalogue.resolve(phrase, segment="retail")
    assert found.missing and found.phrase and found.phrase.lower() in phrase.lower()


def test_when_no_product_is_named_then_nothing_is_resolved(catalogue: Catalogue) -> None:
    found = catalogue.resolve("给他写条微信，约下周拜访", segment="retail")
    assert found.phrase is None and not found.matches and not found.missing


@pytest.mark.parametrize("segment", ["retail", "corporate"])
def test_when_a_kind_is_asked_again_then_the_same_products_come_back_in_the_same_order(
    segment: str,
) -> None:
    """A kind's scores are kept by the catalogue; a fresh catalogue agrees with a used one."""
    used = Catalogue({r[0]: product(r) for r in OTHER_BANK}, glossary=default_glossary())
    for text in ("介绍一下理财", "pitch our payroll service", "介绍一下理财"):
        again = used.resolve(text, segment=segment)
        fresh = Catalogue({r[0]: product(r) for r in OTHER_BANK}, glossary=default_glossary())
        assert again == fresh.resolve(text, segment=segment)
        assert again.matches


def test_when_there_is_no_glossary_then_the_catalogue_texts_alone_still_resolve() -> None:
    plain = Catalogue({r[0]: product(r) for r in OTHER_BANK})
    assert plain.resolve("大额存单", segment="retail").matches[0].product.product_code == (
        "LD-2026-07"
    )
    assert plain.resolve("cash pooling").matches[0].product.product_code == "CP-01"


# --- the whole turn, over another bank's extract ------------------------------------------------


@pytest.fixture(scope="module")
def other_bank(tmp_path_factory: pytest.TempPathFactory):
    home = tmp_path_factory.mktemp("other-bank")
    fl = Frontline(make_settings(home), embedder=HashingEmbeddings())
    import_extract(fl.sessions, write_extract(home / "extract", other_bank_extract()))
    fl.after_import()
    yield fl
    fl.close()


def ask(fl: Frontline, question: str, rm_id: str):
    return asyncio.run(fl.core.answer(Turn(text=question, channel="cli", rm_id=rm_id)))


def drafted_with(answer) -> dict:
    return next(c.args for c in answer.tool_calls if c.name == "draft_outreach")


def test_when_a_retail_client_of_another_bank_has_a_cd_maturing_then_the_draft_uses_that_cd(
    other_bank: Frontline,
) -> None:
    answer = ask(other_bank, "给陈晓写条微信，提醒她大额存单快到期了", "RM002")
    assert answer.intent == "draft_outreach" and "engine:tool_error" not in answer.flags
    assert drafted_with(answer).get("product_code") == "LD-2026-07"
    assert "unknown product" not in answer.text


def test_when_asked_in_english_then_the_same_product_is_found(other_bank: Frontline) -> None:
    answer = ask(other_bank, "Draft a WeChat to 陈晓 reminding her the CD matures soon", "RM002")
    assert drafted_with(answer).get("product_code") == "LD-2026-07"


def test_when_the_bank_lacks_the_product_then_the_answer_says_so_in_one_line(
    other_bank: Frontline,
) -> None:
    zh = ask(other_bank, "给陈晓写条微信，推荐积存金", "RM002")
    en = ask(other_bank, "Draft a WeChat to 陈晓 about our gold accumulation plan", "RM002")
    assert "本行产品目录中没有「积存金」" in zh.text and not zh.refused
    assert "The bank's catalogue has no product" in en.text
    assert all(c.name != "draft_outreach" for c in zh.tool_calls + en.tool_calls)


def test_when_a_book_query_names_the_banks_payroll_then_the_gap_uses_its_code(
    other_bank: Frontline,
) -> None:
    answer = ask(other_bank, "Which of my corporate clients have no payroll with us?", "RM001")
    book = next(c.args for c in answer.tool_calls if c.name == "list_book")
    assert book.get("product_gap") == "PAY-SVC" and answer.intent == "book_query"


def test_when_another_bank_is_loaded_then_the_catalogue_is_its_own(other_bank: Frontline) -> None:
    assert set(other_bank.catalogue.products) == {r[0] for r in OTHER_BANK}


# A third catalogue (neither the demo's nor the Harbour test bank's): wealth products under a
# dashed English category with brand names that never say "理财", and a "deposit" category that
# holds current accounts beside time deposits.
THIRD_BANK = [
    ("W-7D", "企业七天理财", "wealth-management", "R2", "corporate", "", "Corporate 7-Day Wealth"),
    ("W-STEADY", "稳盈90天", "wealth-management", "R2", "retail", "期限3个月", "Steady 90"),
    ("W-GROW", "进取一号", "wealth-management", "R3", "retail", "", "Growth One"),
    ("MI-1", "海盈稳享", "managed-investment", "R2", "retail", "", "Steady Income"),
    ("D-CUR", "个人活期", "deposit", "R1", "retail", "", "Current Account"),
    ("D-TD", "个人定期存款", "deposit", "R1", "retail", "", "Time Deposit"),
    ("F-HY", "稳健债券基金", "mutual-fund", "R3", "retail", "", "Bond Fund"),
]


@pytest.fixture(scope="module")
def third() -> Catalogue:
    return Catalogue({r[0]: product(r) for r in THIRD_BANK}, glossary=default_glossary())


def codes(found) -> set[str]:
    return {m.product.product_code for m in found.matches}


def test_when_a_generic_word_names_a_category_then_every_product_of_it_is_found(
    third: Catalogue,
) -> None:
    # "理财" is the whole wealth category and, through the glossary's "managed investment",
    # the managed-investment one — not only the product whose name says 理财.
    assert codes(third.resolve("谁买了理财")) == {"W-7D", "W-STEADY", "W-GROW", "MI-1"}
    assert codes(third.resolve("who bought wealth management products")) >= {"W-STEADY", "W-GROW"}


def test_when_a_category_is_wider_than_the_word_then_only_the_named_products_are_found(
    third: Catalogue,
) -> None:
    assert codes(third.resolve("定期快到期了")) == {"D-TD"}  # not the current account
    assert third.resolve("混合型基金").missing  # a bond fund is no hybrid fund


@pytest.fixture(scope="module")
def payroll_watched(tmp_path_factory: pytest.TempPathFactory):
    """The other bank with its signal policy naming its own payroll category (代发)."""
    home = tmp_path_factory.mktemp("other-bank-policy")
    bundled = (Path(__file__).parents[2] / "tools" / "policy" / "signals.yaml").read_text("utf-8")
    policy = home / "signals.yaml"
    policy.write_text(
        bundled.replace("payroll_categories: [payroll]", "payroll_categories: [代发]")
    )
    fl = Frontline(make_settings(home, signal_policy=policy), embedder=HashingEmbeddings())
    import_extract(fl.sessions, write_extract(home / "extract", other_bank_extract()))
    fl.after_import()
    yield fl
    fl.close()


@pytest.mark.parametrize(
    "question",
    [
        "Which of my corporate clients don't run payroll with us?",
        "哪些企业客户还没在我行代发工资？",
    ],
)
def test_when_clients_lack_the_product_the_gap_signal_watches_then_the_gap_is_asked(
    payroll_watched: Frontline, question: str
) -> None:
    answer = ask(payroll_watched, question, "RM001")
    book = next(c.args for c in answer.tool_calls if c.name == "list_book")
    assert book.get("product_gap") == "PAY-SVC" and not book.get("lacks")


def test_when_a_lacked_product_is_not_watched_then_it_stays_a_lacks_filter(
    payroll_watched: Frontline,
) -> None:
    answer = ask(payroll_watched, "没开资金池的客户有哪些", "RM001")
    book = next(c.args for c in answer.tool_calls if c.name == "list_book")
    assert book.get("lacks") == ["资金池"] and not book.get("product_gap")


def test_a_product_is_found_by_the_tail_of_its_english_name_only_when_the_tail_is_its_own() -> None:
    from tools.bank.records import ProductRecord
    from tools.catalogue import Catalogue

    def product(code: str, name: str, name_en: str) -> ProductRecord:
        return ProductRecord(
            product_code=code, name=name, name_en=name_en, category="x", risk_level="R1",
            segment="corporate",
        )  # fmt: skip

    catalogue = Catalogue(
        {
            "P1": product("P1", "司库资金池", "Treasury Liquidity Pool"),
            "P2": product("P2", "单位一年期定期存款", "Corporate 1-Year Term Deposit"),
            "P3": product("P3", "单位三年期定期存款", "Corporate 3-Year Term Deposit"),
        }
    )
    assert [
        m.product.product_code for m in catalogue.resolve("who is on the liquidity pool").matches
    ] == ["P1"]
    # "Term Deposit" ends two names: it names neither alone
    assert catalogue.resolve("any term deposit clients").phrase != "单位一年期定期存款"
