"""Frontline's recognizers, one per file, and the explicit registry that assembles them.

Presidio's stock recognizers are not used: their ``\\b`` and ``\\w`` patterns misfire on Chinese
text (see OFFLINE-MODELS.md); each of ours is CJK-safe and works for both languages.
"""

from __future__ import annotations

from collections.abc import Sequence

from presidio_analyzer import EntityRecognizer, RecognizerRegistry

from assistant.privacy.dictionary import NameDictionary
from assistant.privacy.recognizers.account_number import AccountNumberRecognizer
from assistant.privacy.recognizers.address_en import EnglishAddressRecognizer
from assistant.privacy.recognizers.address_zh import ChineseAddressRecognizer
from assistant.privacy.recognizers.bank_card import BankCardRecognizer
from assistant.privacy.recognizers.chinese_person import ChinesePersonRecognizer, LacModel
from assistant.privacy.recognizers.company_name import CompanyNameRecognizer
from assistant.privacy.recognizers.email import AsciiEmailRecognizer
from assistant.privacy.recognizers.email_spelt import SpeltEmailRecognizer
from assistant.privacy.recognizers.english_person import (
    EnglishGivenNameRecognizer,
    EnglishPersonRecognizer,
)
from assistant.privacy.recognizers.landline_phone import LandlinePhoneRecognizer
from assistant.privacy.recognizers.mobile_phone import MobilePhoneRecognizer
from assistant.privacy.recognizers.name_dictionary import NameDictionaryRecognizer
from assistant.privacy.recognizers.resident_id import ResidentIdRecognizer
from assistant.privacy.recognizers.secret import SecretRecognizer
from assistant.privacy.recognizers.uscc import UsccRecognizer

LANGUAGES = ("zh", "en")
PATTERN_RECOGNIZERS = (
    ResidentIdRecognizer,
    UsccRecognizer,
    BankCardRecognizer,
    AccountNumberRecognizer,
    MobilePhoneRecognizer,
    LandlinePhoneRecognizer,
    AsciiEmailRecognizer,
    SpeltEmailRecognizer,
    ChineseAddressRecognizer,
    EnglishAddressRecognizer,
    SecretRecognizer,
)


def build_recognizers(
    language: str, dictionary: NameDictionary, lac: LacModel | None
) -> list[EntityRecognizer]:
    """All recognizers for one language. ``lac=None`` leaves out the statistical ones
    (the outgoing scan wants exact evidence only)."""
    recognizers: list[EntityRecognizer] = [
        cls(supported_language=language) for cls in PATTERN_RECOGNIZERS
    ]
    recognizers.append(NameDictionaryRecognizer(dictionary, supported_language=language))
    if lac is not None:
        recognizers.append(ChinesePersonRecognizer(lac, supported_language=language))
        recognizers.append(EnglishPersonRecognizer(supported_language=language))
        recognizers.append(EnglishGivenNameRecognizer(supported_language=language))
        recognizers.append(CompanyNameRecognizer(dictionary, supported_language=language))
    return recognizers


def build_registry(
    dictionary: NameDictionary,
    lac: LacModel | None,
    languages: Sequence[str] = LANGUAGES,
) -> RecognizerRegistry:
    """The registry our analyzer runs: every recognizer above, for every language."""
    recognizers = [r for lang in languages for r in build_recognizers(lang, dictionary, lac)]
    return RecognizerRegistry(recognizers=recognizers, supported_languages=list(languages))
