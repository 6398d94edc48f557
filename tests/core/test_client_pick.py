"""Which client a description or a measure picks among the ones on screen, on the demo bank:
English and pinyin place words come from each client's own address, never from a list."""

from __future__ import annotations

import pytest

from tools.client_pick import latin_forms, pick_clients, rank_clients
from tools.entitlement import resolve_caller
from tools.toolbox import Toolbox

ASKED = ["C000029", "C000103"]  # 华东精密机械 (青浦区) / 华东精密电子 (静安区)


def test_latin_forms_are_the_pinyin_of_the_clients_own_place_and_the_english_of_its_trade() -> None:
    forms = latin_forms("东升机械有限公司", "制造业", "杭州分行", "浙江省杭州市萧山区")
    assert {"hangzhou", "xiaoshan", "zhejiang", "machinery"} <= forms
    assert "shanghai" not in forms


@pytest.fixture
def tb(demo) -> Toolbox:
    fl, _ = demo
    return Toolbox(fl.tool_services(), resolve_caller(fl.bank, "RM001"), "conv-pick", "zh")


@pytest.mark.parametrize(
    ("text", "picked"),
    [
        ("the Qingpu one", ["C000029"]),
        ("the one in Jingan", ["C000103"]),
        ("the machinery one", ["C000029"]),
        ("电子那家", ["C000103"]),
        ("the Shanghai one", []),  # both are: no guess
        ("the Hangzhou one", []),  # neither is
    ],
)
def test_when_a_reply_describes_one_candidate_then_it_is_picked(tb, text, picked) -> None:
    assert pick_clients(tb, text, ASKED) == picked


def test_when_candidates_are_ranked_then_a_foreign_client_is_never_among_them(tb, demo) -> None:
    fl, _ = demo
    foreign = next(iter(fl.bank.client_ids_of(["RM002"])))
    ranked = rank_clients(tb, [*ASKED, foreign], "deposit")
    assert set(ranked) == set(ASKED)
    deposits = {
        d.client.client_id: d.balances[-1].avg_daily_deposit for d in fl.bank.client_data(ASKED)
    }
    assert ranked[0] == max(deposits, key=lambda cid: deposits[cid])
