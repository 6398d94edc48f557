"""The name dictionary's scan (one Aho-Corasick pass, a trie for spaced forms) finds exactly
what a plain leftmost-longest scan over every position finds, on names and texts it did not
build: random Chinese and English company and person names, random prose around them."""

from __future__ import annotations

import random

from assistant.privacy.dictionary import NameDictionary, _bounded
from assistant.privacy.entities import Entity
from assistant.privacy.normalize import ascii_lower

HANZI = "华东精密机械新方光伏星旭生物科技蓝鲸河东升制造王建国李娜张伟海港北风"
LATIN = ["north", "wind", "harbour", "freight", "dong", "sheng", "star", "blue", "co", "ltd"]


def _names(rng: random.Random) -> list[tuple[str, Entity, str]]:
    names = []
    for k in range(60):
        if rng.random() < 0.5:
            name = "".join(rng.choice(HANZI) for _ in range(rng.randint(2, 8)))
        else:
            name = " ".join(rng.choice(LATIN).title() for _ in range(rng.randint(1, 3)))
        kind = Entity.CLIENT if rng.random() < 0.7 else Entity.PERSON
        names.append((name, kind, f"K-{k}"))
    return names


def _reference(dictionary: NameDictionary, text: str) -> list[tuple[int, int, str]]:
    """Every position, every known key, longest bounded first — no automaton."""
    lowered = ascii_lower(text)
    keys = sorted(dictionary._entries, key=len, reverse=True)
    hits, i = [], 0
    while i < len(text):
        for key in keys:
            if lowered.startswith(key, i) and _bounded(text, i, i + len(key)):
                hits.append((i, i + len(key), dictionary._entries[key].name))
                i += len(key)
                break
        else:
            i += 1
    return hits


def test_exact_scan_matches_a_plain_leftmost_longest_scan() -> None:
    rng = random.Random(7)
    for _ in range(20):
        names = _names(rng)
        dictionary = NameDictionary(names)
        pieces = [n for n, _, _ in names] + list(HANZI) + LATIN + [" ", "，", "。", "x", "1"]
        for _ in range(30):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
            found = [
                (h.start, h.end, h.entry.name)
                for h in dictionary._exact_hits(text, ascii_lower(text))
            ]
            assert found == _reference(dictionary, text), text


def test_spaced_forms_take_the_longest_run_and_stop_at_other_separators() -> None:
    dictionary = NameDictionary([("东升机械制造有限公司", Entity.CLIENT, "K-1")])

    def spans(text: str) -> list[str]:
        return [text[h.start : h.end] for h in dictionary.find(text)]

    assert spans("call Dongsheng Jixie today") == ["Dongsheng Jixie"]
    assert spans("dongsheng-jixie-zhizao 的方案") == ["dongsheng-jixie-zhizao"]
    assert spans("dong sheng ji xie ok") == ["dong sheng ji xie"]
    assert spans("Dongsheng/Jixie") == []  # a slash is not how a name is spaced
    assert spans("dongsheng jixiang") == []  # a run that stops spelling a form is no name


def test_a_short_head_must_be_a_word_of_the_sentence_not_half_of_one() -> None:
    dictionary = NameDictionary([("新开电子科技有限公司", Entity.CLIENT, "K-1")])

    def spans(text: str) -> list[str]:
        return [text[h.start : h.end] for h in dictionary.find(text)]

    assert spans("下午去见新开电子张总") == ["新开电子"]
    assert spans("新开那边最近存款怎么样") == ["新开"]
    assert spans("对公新开户首次面访时限") == []  # 开户 is the word, 新开 only half of it
