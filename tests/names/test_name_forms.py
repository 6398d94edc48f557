"""The forms a company is named by: short, head, pinyin and English; never a common word."""

from __future__ import annotations

import pytest

from tools.names.forms import company_forms


def strong(name: str) -> set[str]:
    return {f.text for f in company_forms(name) if f.strong}


def weak(name: str) -> set[str]:
    return {f.text for f in company_forms(name) if not f.strong}


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        (
            "东升机械制造有限公司",
            {"东升机械制造", "东升机械", "Dongsheng Jixie", "Dongsheng Machinery"},
        ),
        ("上海佳禾传媒有限公司", {"佳禾传媒", "上海佳禾", "Jiahe Chuanmei", "Jiahe Media"}),
        ("华东精密机械有限公司", {"华东精密", "华东精密机械"}),
        ("Northwind Freight Co., Ltd.", {"Northwind Freight", "Northwind"}),
        ("Tate Holdings Ltd", {"Tate Holdings"}),
        ("Lee & Adams Solar (Hangzhou) Co., Ltd.", {"Lee & Adams Solar", "Lee & Adams"}),
    ],
)
def test_when_a_company_is_named_then_its_short_head_pinyin_and_english_forms_exist(
    name, forms
) -> None:
    assert forms <= strong(name)


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("东升机械制造有限公司", {"东升", "Dongsheng"}),  # two characters: only beside a contact
        ("Walker Capital", {"Walker"}),  # a surname on its own is a person first
        ("Tate Holdings Ltd", {"Tate"}),
        ("立科健康科技有限责任公司", {"Like"}),  # pinyin that spells an English word
        ("丽萨精密仪器有限公司", {"Lisa"}),  # or an English first name
        ("缇娜服饰有限公司", {"Tina"}),
        ("杭州百合服饰有限公司", {"Baihe"}),
    ],
)
def test_when_a_head_is_short_or_a_persons_name_then_it_is_only_a_weak_form(name, forms) -> None:
    assert forms <= weak(name)
    assert not forms & strong(name)


@pytest.mark.parametrize(
    ("name", "common"),
    [
        ("华东科技有限公司", {"华东科技", "华东", "科技"}),
        ("中国银行股份有限公司", {"中国银行", "中国", "银行"}),
        ("中国华东科技集团有限公司", {"中国华东科技", "中国", "华东", "科技"}),
        ("Global Trading Ltd", {"Global Trading", "Global"}),
        ("China Resources Holdings", {"China Resources", "China"}),
        ("陈晓", {"陈晓"}),  # a person's name has no short forms
    ],
)
def test_when_a_form_would_be_a_common_word_then_it_is_not_a_form(name, common) -> None:
    assert not common & {f.text for f in company_forms(name)}
