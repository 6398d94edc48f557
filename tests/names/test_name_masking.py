"""Every form a client is named by is masked as that client, before any model sees it; known
client names win over guessed persons; ordinary sentences keep their common words."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.privacy.analyzer import PiiAnalyzer
from assistant.privacy.dictionary import NameDictionary
from assistant.privacy.entities import Entity
from assistant.privacy.nlp import blank_nlp_engine
from assistant.privacy.recognizers.chinese_person import LacModel
from evals.pii.generator import Generator
from tests.support.other_bank import CLIENTS, CONTACTS
from tools.bank.records import ClientRecord, ContactRecord, ProductRecord, RMRecord


def masked(fl, text: str) -> tuple[str, list[tuple[Entity, str | None]]]:
    m = fl.privacy.mask(text, rm_id="EMP0101", conversation_id="conv-masking")
    return m.text, [(e.entity_type, e.client_id) for e in m.entities]


@pytest.mark.parametrize(
    ("text", "raw", "client"),
    [
        ("东升机械最近怎么样", "东升机械", "KH-0042"),
        ("Dongsheng Jixie 的存款", "Dongsheng Jixie", "KH-0042"),
        ("how is dongsheng machinery doing", "dongsheng machinery", "KH-0042"),
        ("How should I serve Northwind?", "Northwind", "KH-0043"),
        ("Jiahe Chuanmei 的情况", "Jiahe Chuanmei", None),  # two clients share it
        ("蓝鲸星河的存款有多少", "蓝鲸星河", "KH-0049"),  # another book's: masked all the same
    ],
)
def test_when_a_client_is_named_by_a_form_then_the_form_becomes_its_token(
    other_bank, text, raw, client
) -> None:
    text_out, entities = masked(other_bank, text)
    assert raw not in text_out and "⟦CLIENT_" in text_out
    assert entities == [(Entity.CLIENT, client)]


@pytest.mark.parametrize(
    "text",
    ["call script for 王建国 at 东升", "东升的王建国想开通代发", "东升 的 王建国想开通代发"],
)
def test_when_a_contact_is_named_beside_a_short_head_then_both_are_that_clients(
    other_bank, text
) -> None:
    text_out, entities = masked(other_bank, text)
    assert "东升" not in text_out and "王建国" not in text_out
    assert sorted(entities) == [(Entity.CLIENT, "KH-0042"), (Entity.PERSON, "KH-0042")]


def test_when_a_contact_follows_a_shared_short_name_then_both_narrow_to_the_contacts_client(
    other_bank,
) -> None:
    _, entities = masked(other_bank, "佳禾传媒的周静想开通代发")
    assert entities == [(Entity.CLIENT, "KH-0044"), (Entity.PERSON, "KH-0044")]


def test_when_a_known_client_precedes_an_honorific_then_it_is_not_split_into_persons(
    other_bank,
) -> None:
    text_out, entities = masked(other_bank, "下午去见康益医疗张总")
    assert text_out.startswith("下午去见⟦CLIENT_") and "医疗" not in text_out
    assert entities[0] == (Entity.CLIENT, "KH-0050")


@pytest.mark.parametrize(
    "text",
    [
        "中国经济今年增速放缓，华东地区科技企业的融资需求上升。",
        "华东科技园区的企业代发需求旺盛。",
        "Global markets were calm; China's exports grew and trading volumes rose.",
        "旭日东升，今天先整理东升路网点的排班。",
        "The Northern Freight Index rose again.",
    ],
)
def test_when_a_sentence_only_uses_common_words_then_nothing_is_masked(other_bank, text) -> None:
    assert masked(other_bank, text) == (text, [])


def test_when_ordinary_banking_sentences_are_scanned_then_no_name_form_is_a_false_positive(
    other_bank,
) -> None:
    generator = Generator(seed=20261128)
    names = [(n, Entity.CLIENT, cid) for cid, _, n, _ in CLIENTS]
    names += [(n, Entity.PERSON, cid) for cid, n, _ in CONTACTS]
    dictionary = NameDictionary(names + generator.bank.names())
    analyzer = PiiAnalyzer(blank_nlp_engine(other_bank.settings.models_dir), dictionary, LacModel())
    negatives = [s for s in generator.samples("test", 0, 300) if not s.gold]
    flagged = [s.text for s in negatives if analyzer.analyze(s.text)]
    assert len(negatives) == 300 and flagged == []


class CrmBank:
    """A bank whose repository is its CRM's API, not the imported tables: the name dictionary
    reads only the repository methods it needs."""

    def all_clients(self) -> list[ClientRecord]:
        return [
            ClientRecord(cid, kind, name, rm, "杭州分行", date(2019, 4, 2))
            for cid, kind, name, rm in CLIENTS
        ]

    def all_contacts(self) -> list[ContactRecord]:
        return [ContactRecord(cid, name, title) for cid, name, title in CONTACTS]

    def all_rms(self) -> list[RMRecord]:
        return [RMRecord("EMP0101", "林海", "G1", "杭州分行", "rm")]

    def account_numbers(self) -> list[tuple[str, str]]:
        return [("KH-0042", "6222020200112233445")]

    def products(self) -> dict[str, ProductRecord]:  # its names are no one's PII
        return {"WM-9": ProductRecord("WM-9", "海盈进取一号", "wealth", "R3", "retail")}


def test_when_the_bank_is_backed_by_another_repository_then_the_dictionary_reads_it() -> None:
    dictionary = NameDictionary.from_repository(CrmBank())  # type: ignore[arg-type]
    assert dictionary.owners_of_name("东升机械") == {"KH-0042"}
    assert dictionary.owners_of_name("Dongsheng Jixie") == {"KH-0042"}
    assert dictionary.owners_of_name("佳禾传媒") == {"KH-0044", "KH-0045"}
    assert dictionary.client_for(Entity.ACCOUNT, "6222 0202 0011 2233 445") == "KH-0042"
    assert dictionary.is_staff("林海")
    assert dictionary.in_product_name("说海盈进取一号保本", 1, 3)


def test_when_a_pinyin_form_spells_an_english_word_then_prose_keeps_the_word() -> None:
    # 立科 reads "Like": matched in any case and spacing, it would mask every "I'd like to".
    names = NameDictionary(names=[("立科健康科技有限责任公司", Entity.CLIENT, "KH-0901")])
    assert names.find("I'd like to introduce our CD. Reply if you'd like the details.") == []
    assert [h.entry.client_id for h in names.find("How is Like Jiankang doing?")] == ["KH-0901"]
