"""BM25 over the stored chunks: exact product codes, rule numbers and terms dense vectors blur.

Chinese runs are cut with jieba (search mode, so 代发工资 also yields 代发 / 工资); everything
else becomes lower-case word tokens. The index is rebuilt from the Chroma documents when a
Retriever first needs it: for a few thousand chunks that takes well under a second after
jieba's dictionary is loaded (which a query needs anyway), so persisting it would only add a
second copy of the corpus that can drift from the store.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

SCORES_CACHE_SIZE = 512  # queries' score arrays kept per index (a few thousand floats each)
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[a-z0-9][a-z0-9_\-.]*[a-z0-9]|[a-z0-9]")
_STOP_ZH = frozenset(["的", "了", "是", "在", "和", "与", "及", "或", "我", "我的", "你", "您", "他", "她", "它", "们", "我们", "这", "那", "这个", "那个", "吗", "呢", "吧", "啊", "怎么", "怎么办", "什么", "如何", "哪些", "哪个", "多少", "一下", "一个", "有", "没有", "要", "需要", "可以", "应该", "请", "请问", "给", "把", "被", "对", "就", "都", "也", "还", "又", "很", "么"])  # fmt: skip
_STOP_EN = frozenset(["a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "is", "are", "was", "be", "do", "does", "did", "how", "what", "which", "who", "whom", "when", "where", "why", "i", "my", "me", "we", "our", "you", "your", "it", "its", "this", "that", "with", "by", "as", "from", "should", "can", "could", "would", "will"])  # fmt: skip


class TextTokenizer:
    """jieba for Chinese, regex words for the rest; one jieba instance per object."""

    def __init__(self) -> None:
        self._jieba = None
        self._lock = threading.Lock()

    def _cutter(self):
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    import jieba

                    jieba.setLogLevel(logging.WARNING)  # its start-up banner is noise
                    tokenizer = jieba.Tokenizer()
                    tokenizer.initialize()
                    self._jieba = tokenizer
        return self._jieba

    def tokens(self, text: str, *, query: bool = False) -> list[str]:
        """``query``: a question's words — a hyphenated one also as its parts (below)."""
        text = text.lower()
        out: list[str] = []
        last = 0
        for match in _CJK_RUN.finditer(text):
            out.extend(self._words(text[last : match.start()], query))
            out.extend(w for w in self._cutter().cut_for_search(match.group()) if w not in _STOP_ZH)
            last = match.end()
        out.extend(self._words(text[last:], query))
        return out

    @staticmethod
    def _words(text: str, query: bool = False) -> list[str]:
        out = []
        for w in _WORD.findall(text):
            if w not in _STOP_EN:
                out.append(w)
            # An RM's "branch-tier" is the playbook's "Branch tier": asked with a hyphen, a word
            # is also its parts. Only asked: the playbooks' own "follow-up" stays one word, so a
            # question about following up is not pulled to every line that says "follow-up". A
            # code with a digit ("WM-STEADY-90", "2026-07-01") stays whole.
            if query and "-" in w and not any(c.isdigit() for c in w):
                out.extend(p for p in w.split("-") if p and p not in _STOP_EN)
        return out


class BM25Index:
    """An immutable BM25 index over a list of texts; scores every text for a query."""

    def __init__(self, texts: Sequence[str], tokenizer: TextTokenizer) -> None:
        import bm25s

        self._tokenizer = tokenizer
        self.size = len(texts)
        corpus = [tokenizer.tokens(t) or ["\u2205"] for t in texts]  # bm25s rejects empty docs
        self._bm25 = bm25s.BM25(k1=1.2, b=0.75)
        if corpus:
            self._bm25.index(corpus, show_progress=False)
        self._vocab = set(self._bm25.vocab_dict) if corpus else set()
        # The playbooks' own words: a word they use is no typo of another (``vocabulary``).
        self.vocabulary = frozenset(self._vocab)
        # The index never changes, and the same queries come back turn after turn (an engine's
        # fixed playbook queries, their glossary phrases): cutting and scoring them once is
        # enough. Bounded; the arrays are read-only because they are shared.
        self._scores: OrderedDict[str, np.ndarray] = OrderedDict()
        self._scores_lock = threading.Lock()

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed text (zeros when no query term is known); read-only."""
        with self._scores_lock:
            cached = self._scores.get(query)
            if cached is not None:
                self._scores.move_to_end(query)
                return cached
        scores = self._score(query)
        scores.setflags(write=False)
        with self._scores_lock:
            self._scores[query] = scores
            while len(self._scores) > SCORES_CACHE_SIZE:
                self._scores.popitem(last=False)
        return scores

    def _score(self, query: str) -> np.ndarray:
        terms = [t for t in self._tokenizer.tokens(query, query=True) if t in self._vocab]
        if not terms or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float32)
