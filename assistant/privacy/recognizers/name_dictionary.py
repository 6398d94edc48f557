"""Known client and contact names (CLIENT / PERSON) from the bank's own tables, matched exactly
through a :class:`NameDictionary`; the hit carries the owning client id."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from assistant.privacy.dictionary import NameDictionary
from assistant.privacy.entities import Entity
from assistant.privacy.recognizers.base import recognized

SCORE = 0.95


class NameDictionaryRecognizer(EntityRecognizer):
    """Swap ``dictionary`` to refresh; a lookup never sees a half-built dictionary."""

    def __init__(self, dictionary: NameDictionary, supported_language: str = "zh") -> None:
        self.dictionary = dictionary
        super().__init__(
            supported_entities=[Entity.CLIENT.value, Entity.PERSON.value],
            name="NameDictionaryRecognizer",
            supported_language=supported_language,
        )

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        wanted = set(entities or self.supported_entities)
        return [
            recognized(
                self,
                hit.entry.entity_type.value,
                hit.start,
                hit.end,
                SCORE,
                name=hit.entry.name,
                client_ids=sorted(hit.entry.client_ids),
            )
            for hit in self.dictionary.find(text)
            if hit.entry.entity_type.value in wanted
        ]
