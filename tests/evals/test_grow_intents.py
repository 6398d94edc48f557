"""Growing intent examples from the questions RMs asked: what ties a line to one bank is
neutralised from that bank's extract, a line asked under two intents teaches neither, and a
held-out half is never read."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from evals.grow_intents import bank_words, main, merge, neutral
from tools.bank.records import ProductRecord, RMRecord


def _bank() -> SimpleNamespace:
    rms = [
        RMRecord("E20452", "韩晓彤", "GC-CORP", "港城支行", "rm"),
        RMRecord("E30162", "Emily Carter", "BH-MIXED", "滨海新区支行", "rm"),
    ]
    products = {
        "FND-BOND": ProductRecord(
            "FND-BOND", "债券基金优选", "mutual-fund", "R2", "retail", name_en="Select Bond Fund"
        ),
    }
    clients = [SimpleNamespace(client_id="KH2015000101")]
    bank = SimpleNamespace(
        all_rms=lambda: rms, products=lambda: products, all_clients=lambda: clients
    )
    return SimpleNamespace(bank=bank)


def test_staff_names_product_codes_and_ids_are_neutralised_from_the_extract() -> None:
    zh = bank_words(_bank(), "zh")  # type: ignore[arg-type]
    en = bank_words(_bank(), "en")  # type: ignore[arg-type]
    assert neutral("晓彤那边 FND-BOND 谁拿了", zh) == "⟦STAFF⟧那边 债券基金优选 谁拿了"
    assert neutral("韩晓彤的客户 KH2019000250 呢", zh) == "⟦STAFF⟧的客户 ⟦ID⟧ 呢"
    assert neutral("does Emily's client hold fnd-bond?", en) == (
        "does ⟦STAFF⟧'s client hold Select Bond Fund?"
    )
    # a risk rating, a word that merely contains a name, another shape of number: left alone
    assert neutral("C3 clients of EmilyX, E204520", en) == "C3 clients of EmilyX, E204520"


def test_a_line_under_two_intents_is_dropped_and_known_lines_are_not_repeated() -> None:
    base = {"book_query": {"zh": ["谁的存单到期"], "en": []}}
    more = {
        "client_facts": {"zh": ["谁的存单到期", "⟦CLIENT_1⟧存款多少"], "en": ["balance?"]},
        "help": {"zh": [], "en": ["What can you do"]},
    }
    merged = merge(base, more, known={"what can you do"})
    assert merged["book_query"]["zh"] == []
    assert merged["client_facts"] == {"zh": ["⟦CLIENT_1⟧存款多少"], "en": ["balance?"]}
    assert merged["help"]["en"] == []


def test_a_held_out_half_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([str(tmp_path / "out.yaml"), "evals/datasets/blind18-demo-holdout.jsonl"])
    assert "held-out half" in capsys.readouterr().err
    assert not (tmp_path / "out.yaml").exists()
