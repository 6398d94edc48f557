"""Each check on constructed answers, passing and failing."""

from __future__ import annotations

import pytest

from evals.checks import citation_rank, errored_checks, run_checks
from tests.evals.fakes import fake_index


def answer(**kw: object) -> dict:
    base = {
        "text": "",
        "intent": "serve_client",
        "citations": [],
        "tool_calls": [],
        "client_ids": [],
        "refused": False,
        "flags": [],
        "cards": [],
    }
    return base | kw


CITED = [{"n": 1, "doc_id": "tiering/service-standards"}, {"n": 2, "doc_id": "products/payroll"}]
TOOLS = [
    {"name": "find_clients", "ok": True},
    {"name": "get_client_profile", "ok": True},
    {"name": "draft_outreach", "ok": False},
]

CASES = [
    ("intent", "serve_client", answer(), True),
    ("intent", "book_query", answer(), False),
    ("client_ids", ["C1"], answer(client_ids=["C1", "C2"]), True),
    ("client_ids", ["C1", "C3"], answer(client_ids=["C1", "C2"]), False),
    ("client_ids", [], answer(client_ids=[]), True),
    ("client_ids", [], answer(client_ids=["C1"]), False),
    ("tools", ["get_client_profile"], answer(tool_calls=TOOLS), True),
    ("tools", ["draft_outreach"], answer(tool_calls=TOOLS), False),
    ("citations_any", ["products/payroll", "products/payroll-en"], answer(citations=CITED), True),
    ("citations_any", ["compliance/suitability"], answer(citations=CITED), False),
    ("must_include_any", ["代发", "PAYROLL"], answer(text="payroll pitch"), True),
    ("must_include_any", ["代发"], answer(text="nothing here"), False),
    # Typography is not a different figure: a space before the unit, a thousands separator.
    ("must_include_any", ["2892万"], answer(text="日均 2,892 万"), True),
    ("must_include_any", ["28,915,888.07"], answer(text="28915888.07 元"), True),
    ("must_include_any", ["2892万"], answer(text="日均 2,893 万"), False),
    # An empty list asks for nothing, rather than being a check no answer could pass.
    ("must_include_any", [], answer(text="不能这样说"), True),
    ("must_not_include", ["保证收益"], answer(text="理财非存款，产品有风险"), True),
    ("must_not_include", ["保证收益"], answer(text="本产品保证收益"), False),
    ("refused", True, answer(refused=True), True),
    ("refused", True, answer(refused=False), False),
    ("flags_any", ["compliance:"], answer(flags=["compliance:guaranteed_return"]), True),
    ("flags_any", ["compliance:"], answer(flags=["guard:foreign_token"]), False),
]


@pytest.mark.parametrize(("key", "expected", "given", "passes"), CASES)
def test_check(key: str, expected: object, given: dict, passes: bool) -> None:
    checks, _ = run_checks({key: expected}, given, "RM001", None)
    assert checks[key] is passes


def test_citation_rank_follows_citation_order() -> None:
    assert citation_rank(["products/payroll"], answer(citations=list(reversed(CITED)))) == 2
    assert citation_rank(["x"], answer(citations=CITED)) is None


@pytest.mark.parametrize(
    ("text", "rm", "leaks"),
    [
        ("电话 138****8000，卡号 6222 **** **** 2222", "RM001", []),
        ("电话 13800138000", "RM001", ["13800138000"]),
        ("电话 138-0013-8000", "RM001", ["13800138000"]),
        ("卡号 6222 0000 1111 2222", "RM001", ["6222000011112222"]),
        ("信用代码 91310118788197557p", "RM001", ["91310118788197557P"]),
        ("mail z.li@example.com", "RM001", ["z.li@example.com"]),
        ("蓝鲸星河航天材料有限公司的存款", "RM001", ["蓝鲸星河航天材料有限公司"]),
        ("蓝鲸星河航天材料有限公司的存款", "RM002", []),
        ("华东精密机械有限公司 · 客户经理宋莉", "RM001", []),
        ("华东精密机械有限公司", "RM999", ["华东精密机械有限公司"]),
    ],
)
def test_pii_check(text: str, rm: str, leaks: list[str]) -> None:
    checks, found = run_checks({}, answer(text=text), rm, fake_index())
    assert found == leaks
    assert checks["pii"] is (not leaks)


def test_pii_check_reads_cards_too() -> None:
    cards = [{"client_id": "C000002", "name": "蓝鲸星河航天材料有限公司", "facts": []}]
    checks, _ = run_checks({}, answer(cards=cards), "RM001", fake_index())
    assert checks["pii"] is False


def test_errored_case_passes_only_an_expected_refusal() -> None:
    assert errored_checks({"refused": True, "client_ids": []}, user_error=True) == {
        "refused": True,
        "client_ids": True,
        "pii": True,
    }
    assert errored_checks({"intent": "serve_client"}, user_error=True) == {
        "intent": False,
        "answered": False,
        "pii": True,
    }
    assert errored_checks({"refused": True}, user_error=False)["answered"] is False
