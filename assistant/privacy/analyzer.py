"""``PiiAnalyzer``: Presidio's ``AnalyzerEngine`` with our registry, run on NFKC text, spans
mapped back to the caller's text, overlaps resolved and known values tied to their client."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import NlpEngine

from assistant.privacy.dictionary import NameDictionary
from assistant.privacy.entities import NAME_ENTITIES, Detection, Entity
from assistant.privacy.normalize import HAS_CJK, OffsetMap, canonical_value, nfkc_with_offsets
from assistant.privacy.recognizers import LANGUAGES, build_registry
from assistant.privacy.recognizers.chinese_person import LacModel
from assistant.privacy.recognizers.company_name import CompanyNameRecognizer
from assistant.privacy.recognizers.name_dictionary import NameDictionaryRecognizer
from tools.names.titles import ZH_TITLED

SCAN_ENTITIES = (
    Entity.ID,
    Entity.USCC,
    Entity.CARD,
    Entity.PHONE,
    Entity.EMAIL,
    Entity.CLIENT,
    Entity.PERSON,
)


class PiiAnalyzer:
    """Finds PII in zh/en text. ``exact_only=True`` leaves out the statistical recognizers
    (LAC person names, honorific names), as the outgoing scan wants."""

    def __init__(
        self,
        nlp_engine: NlpEngine,
        dictionary: NameDictionary,
        lac: LacModel | None,
        languages: Sequence[str] = LANGUAGES,
    ) -> None:
        self.dictionary = dictionary
        self.languages = tuple(languages)
        self._engine = self._make_engine(nlp_engine, dictionary, lac)
        self._exact = self._make_engine(nlp_engine, dictionary, None)
        # None of our recognizers reads tokens or lemmas, so the spaCy pass Presidio would run
        # on every text (a third of the time per sentence) is replaced by empty artifacts.
        self._no_artifacts = {lang: nlp_engine.process_text("", lang) for lang in self.languages}

    def _make_engine(
        self, nlp_engine: NlpEngine, dictionary: NameDictionary, lac: LacModel | None
    ) -> AnalyzerEngine:
        return AnalyzerEngine(
            registry=build_registry(dictionary, lac, self.languages),
            nlp_engine=nlp_engine,
            supported_languages=list(self.languages),
        )

    def set_dictionary(self, dictionary: NameDictionary) -> None:
        """Swap in a rebuilt dictionary (one attribute assignment per recognizer)."""
        recognizers = [*self._engine.registry.recognizers, *self._exact.registry.recognizers]
        for recognizer in recognizers:
            if isinstance(recognizer, NameDictionaryRecognizer | CompanyNameRecognizer):
                recognizer.dictionary = dictionary
        self.dictionary = dictionary

    def language_of(self, text: str) -> str:
        lang = "zh" if HAS_CJK.search(text) else "en"
        return lang if lang in self.languages else self.languages[0]

    def analyze(
        self,
        text: str,
        *,
        language: str | None = None,
        entities: Iterable[Entity] | None = None,
        exact_only: bool = False,
    ) -> list[Detection]:
        """Non-overlapping detections, sorted by position, offsets into ``text``.

        ``exact_only`` skips the statistical recognizers (LAC and honorific person names)."""
        if not text or not text.strip():
            return []
        normal = nfkc_with_offsets(text)
        engine = self._exact if exact_only else self._engine
        lang = language or self.language_of(normal.text)
        results = engine.analyze(
            normal.text,
            language=lang,
            entities=[e.value for e in entities] if entities else None,
            nlp_artifacts=self._no_artifacts[lang],
        )
        detections = [self._detection(text, normal, r) for r in results]
        return resolve_overlaps(
            [
                d
                for d in clients_over_guessed_persons(detections, text)
                if not (d.entity_type is Entity.PERSON and self._not_a_person(text, d))
                and not (d.entity_type in NAME_ENTITIES and self._in_product_name(text, d))
            ]
        )

    def _not_a_person(self, text: str, d: Detection) -> bool:
        """A member of staff, or a word of a product's name the statistics took for a name."""
        return self.dictionary.is_staff(d.value) or (
            d.recognizer != NameDictionaryRecognizer.__name__
            and self.dictionary.in_product_name(text, d.start, d.end)
        )

    def _in_product_name(self, text: str, d: Detection) -> bool:
        """A client's short name inside the bank's own product name ("海韵" of 海韵建材 in the
        card 海韵金卡信用卡): the product, written in full, is no one's name."""
        return (
            d.recognizer == NameDictionaryRecognizer.__name__
            and self.dictionary.in_product_name(text, d.start, d.end)
        )

    def _detection(self, original: str, normal: OffsetMap, result: RecognizerResult) -> Detection:
        start, end = normal.original_span(result.start, result.end)
        entity_type = Entity(result.entity_type)
        meta = result.recognition_metadata or {}
        if "name" in meta:  # dictionary hit: the bank's own spelling, its owning client
            ids = meta["client_ids"]
            value, client_id = meta["name"], ids[0] if len(ids) == 1 else None
        else:
            value = canonical_value(entity_type, normal.text[result.start : result.end])
            client_id = self._known_client(entity_type, value)
        return Detection(
            entity_type,
            start,
            end,
            result.score,
            value,
            client_id,
            meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, ""),
        )

    def _known_client(self, entity_type: Entity, value: str) -> str | None:
        client_id = self.dictionary.client_for(entity_type, value)
        if client_id is None and entity_type in (Entity.CARD, Entity.ACCOUNT):
            other = Entity.ACCOUNT if entity_type is Entity.CARD else Entity.CARD
            client_id = self.dictionary.client_for(other, value)
        return client_id


def clients_over_guessed_persons(detections: list[Detection], text: str = "") -> list[Detection]:
    """A known client name beats a person the statistical recognizers guessed over it:
    "下午去见康益医疗张总" is the client and 张总, not two people around "医疗"; "给睿茂孟总写封
    邮件" is the client 睿茂 and 孟总, not one person "睿茂孟总"; "给立拓胡总写条微信", where the
    guess stops before the title ("立拓胡"), is the client 立拓 and 胡总 (``text``: the words the
    detections were found in)."""
    known = [
        d
        for d in detections
        if d.entity_type is Entity.CLIENT and d.recognizer == NameDictionaryRecognizer.__name__
    ]
    # Known contacts too: "韩铁军企微回复" is the contact 韩铁军 and the channel 企微, not a stranger
    # "韩铁军企" (the guess runs one character into the next word).
    people = [
        d
        for d in detections
        if d.entity_type is Entity.PERSON and d.recognizer == NameDictionaryRecognizer.__name__
    ]
    out = []
    for d in detections:
        guessed = (
            d.entity_type is Entity.PERSON and d.recognizer != NameDictionaryRecognizer.__name__
        )
        if guessed and any(_cuts_into(d, k) or _runs_into_a_word(d, k, text) for k in known):
            continue
        if guessed and any(_runs_into_a_word(d, k, text) for k in people):
            continue
        if guessed and (head := _client_at_start(d, known)) is not None:
            d = _trimmed(d, head.end, d.end)
        elif guessed and (titled := _titled_after_client(d, known, text)) is not None:
            d = titled
        if guessed:
            d = _titled(d)
        out.append(d)
    return out


# A surname and the title RMs call a contact by ("刘总", "孟董"): the person LAC tagged may run
# on into the next word ("刘总发个企微" -> "刘总发").
TITLED = re.compile(r"^[\u4e00-\u9fff]总(?=[\u4e00-\u9fff])")


def _client_at_start(person: Detection, known: list[Detection]) -> Detection | None:
    """A known Chinese client name the guessed person starts with and runs past ("睿茂孟总"):
    the rest is the person. A name that holds a client's whole name in English ("Lisa
    Walker" over the client "Walker") is not split — there the client is at the end."""
    return next(
        (
            k
            for k in known
            if k.start == person.start
            and k.end < person.end
            and HAS_CJK.match(person.value)
            # the rest is a contact said by surname and title ("孟总"), not the rest of a name:
            # "陈建军" holds a client 陈建 and is still one person
            and ZH_TITLED.fullmatch(person.value[k.length :])
        ),
        None,
    )


# What follows a name in a request and is no part of it ("给李梅发条企微": the guess "李梅发" is the
# client 李梅 and the verb 发): verbs and particles a given name rarely ends in.
_AFTER_NAME = frozenset(
    "发说打的要在是和跟最有给那这问讲让叫找约去来也都还又就呢吧啊吗了过现近上下"
    "企微电邮短回"  # a channel said right after the name: 企微, 微信, 电话, 邮件, 短信, 回复
)


def _runs_into_a_word(person: Detection, client: Detection, text: str) -> bool:
    """The guessed person is a known Chinese client name and one more character that starts
    the next word ("李梅发条…"): the client, not a stranger whose name no one at the bank knows."""
    return (
        bool(text)
        and client.start == person.start
        and person.end == client.end + 1
        and HAS_CJK.match(person.value) is not None
        and text[client.end : client.end + 1] in _AFTER_NAME
    )


def _titled_after_client(person: Detection, known: list[Detection], text: str) -> Detection | None:
    """The guessed person "立拓胡" of "给立拓胡总…": a known Chinese client name, then one
    surname whose title follows the guess in ``text`` — the contact said by surname and title,
    as ``_client_at_start`` reads "睿茂孟总". "陈建军" (a client 陈建 inside) is untouched: no
    title follows."""
    for k in known:
        if not (k.start == person.start and k.end < person.end and HAS_CJK.match(person.value)):
            continue
        m = ZH_TITLED.match(text[k.end : k.end + 6]) if text else None
        if m and k.end + m.end() > person.end and m.group("surname") == text[k.end : person.end]:
            return replace(person, start=k.end, end=k.end + m.end(), value=m.group(0))
    return None


def _trimmed(d: Detection, start: int, end: int) -> Detection:
    value = d.value[start - d.start : end - d.start]
    return replace(d, start=start, end=end, value=value)


def _titled(d: Detection) -> Detection:
    m = TITLED.match(d.value)
    return _trimmed(d, d.start, d.start + m.end()) if m and d.length > m.end() else d


def _cuts_into(person: Detection, client: Detection) -> bool:
    """The guessed person overlaps the client's name without holding all of it ("Lisa Walker"
    holds "Walker" and stays a person; "康益" inside "康益医疗" does not)."""
    overlaps = person.start < client.end and client.start < person.end
    holds = (
        person.start <= client.start and client.end <= person.end and person.length > client.length
    )
    return overlaps and not holds


def resolve_overlaps(detections: list[Detection]) -> list[Detection]:
    """Keep the longest span where spans overlap (ties: higher score, then earlier)."""
    chosen: list[Detection] = []
    taken: list[tuple[int, int]] = []
    for det in sorted(detections, key=lambda d: (-d.length, -d.score, d.start)):
        if all(det.end <= s or det.start >= e for s, e in taken):
            chosen.append(det)
            taken.append((det.start, det.end))
    return sorted(chosen, key=lambda d: d.start)
