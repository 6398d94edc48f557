"""Privacy-layer benchmark: masking throughput and the latency a turn pays for privacy
(mask the question + restore the answer, final scan included), with a bank-sized dictionary
(~2,400 clients, ~6,000 contacts, names from Faker) and the vault in SQLite.

    .venv/bin/python -m benchmarks.privacy [--sentences 600] [--turns 300]

Target: p95 added latency per turn <= 20 ms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from assistant.config import load_settings
from assistant.privacy.analyzer import PiiAnalyzer
from assistant.privacy.dictionary import NameDictionary
from assistant.privacy.entities import Entity
from assistant.privacy.keys import VaultKeys
from assistant.privacy.masker import PrivacyLayer
from assistant.privacy.models import VaultEntry
from assistant.privacy.nlp import blank_nlp_engine
from assistant.privacy.recognizers.chinese_person import LacModel
from assistant.privacy.vault import Vault
from assistant.storage.db import Base, make_engine, make_sessionmaker
from evals.pii.generator import Generator

CLIENTS, CONTACTS = 2400, 6000


def bank_dictionary(gen: Generator) -> tuple[NameDictionary, int, int]:
    bank = gen.bank
    clients = (bank.clients_zh + bank.clients_en)[:CLIENTS]
    while len(bank.persons_zh) + len(bank.persons_en) < CONTACTS:
        bank.persons_zh.append(gen.zh.name())
    contacts = (bank.persons_zh + bank.persons_en)[:CONTACTS]
    names = [(n, Entity.CLIENT, f"C{i:05d}") for i, n in enumerate(clients)]
    names += [(n, Entity.PERSON, f"C{i % CLIENTS:05d}") for i, n in enumerate(contacts)]
    return NameDictionary(names), len(clients), len(contacts)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.privacy", description=__doc__)
    parser.add_argument("--sentences", type=int, default=600)
    parser.add_argument("--turns", type=int, default=300)
    args = parser.parse_args(argv)

    gen = Generator(seed=7, bank_size=1800)
    dictionary, n_clients, n_contacts = bank_dictionary(gen)
    texts = [s.text for s in gen.samples("test", args.sentences, 0)]
    with tempfile.TemporaryDirectory() as tmp:
        # The application's own engine settings (SQLite, WAL) with its home in a temp dir.
        engine = make_engine(load_settings(_env_file=None, home=Path(tmp)))
        Base.metadata.create_all(engine, tables=[Base.metadata.tables[VaultEntry.__tablename__]])
        vault = Vault(make_sessionmaker(engine), VaultKeys.derive(bytes(32)))
        analyzer = PiiAnalyzer(
            blank_nlp_engine(load_settings(_env_file=None).models_dir), dictionary, LacModel()
        )
        layer = PrivacyLayer(analyzer, vault, dictionary)
        layer.mask("预热：张三的电话13812345678", rm_id="warm", conversation_id="warm")

        started = time.perf_counter()
        for text in texts:
            analyzer.analyze(text)
        detect_rate = len(texts) / (time.perf_counter() - started)

        started = time.perf_counter()
        for i, text in enumerate(texts):
            layer.mask(text, rm_id="RM001", conversation_id=f"tp-{i // 10}")
        mask_rate = len(texts) / (time.perf_counter() - started)

        entitled = {f"C{i:05d}" for i in range(0, CLIENTS, 2)}
        latencies, detect_ms, restore_ms = [], [], []
        for i in range(args.turns):
            question = texts[i % len(texts)]
            conversation = f"turn-{i // 5}"
            t0 = time.perf_counter()
            masked = layer.mask(question, rm_id="RM001", conversation_id=conversation)
            t1 = time.perf_counter()
            answer = f"好的。关于{masked.text}，建议本周内跟进，并核对⟦PHONE_1⟧。"
            layer.restore(
                answer, rm_id="RM001", conversation_id=conversation, entitled_client_ids=entitled
            )
            t2 = time.perf_counter()
            analyzer.analyze(question)
            detect_ms.append((time.perf_counter() - t2) * 1000)
            latencies.append((t2 - t0) * 1000)
            restore_ms.append((t2 - t1) * 1000)
        engine.dispose()

    print(
        f"dictionary: {n_clients} clients, {n_contacts} contacts ({len(dictionary)} indexed forms)"
    )
    print(f"detection only: {detect_rate:.0f} sentences/s")
    print(f"masking (detection + vault, SQLite): {mask_rate:.0f} sentences/s")
    print(
        f"added latency per turn (mask question + restore answer), {args.turns} turns: "
        f"p50 {statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms, "
        f"max {max(latencies):.1f} ms"
    )
    print(
        f"  of which detection of the question p50 {statistics.median(detect_ms):.1f} ms / "
        f"p95 {percentile(detect_ms, 0.95):.1f} ms; restore + final scan p50 "
        f"{statistics.median(restore_ms):.1f} ms / p95 {percentile(restore_ms, 0.95):.1f} ms; "
        "the rest is the vault write (one SQLite transaction)"
    )


if __name__ == "__main__":
    main()
