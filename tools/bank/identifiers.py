"""Identifier checks by the standards they name, and nothing more.

One module answers "is this a resident ID / USCC / card number?" for the importer, the privacy
recognizers and the compliance rules alike. python-stdnum's ``ric.is_valid`` also refuses an ID
whose county code did not exist in the birth year (its own historical table); IDs are issued
where a person is registered, not where they were born, so that test refuses — and leaves
unmasked — real people's IDs. Here the checks are exactly what the standards define:

- 身份证 (GB 11643-1999): 17 digits and a check character (ISO 7064 MOD 11-2), a real birth date
  after 1900 and not in the future, and a province-level code in front. The same layout serves
  residence permits for Hong Kong, Macao and Taiwan residents (81 / 82 / 83) and the 2023
  foreign permanent-residence card (9 + province code).
- First-generation 身份证 (GB 11643-1989): 15 digits, province code, a real date ``YYMMDD`` in
  the 1900s, no check character. Still found in old core-banking records.
- 统一社会信用代码 (GB 32100-2015): 18 symbols over the 31-symbol alphabet (no I O S V Z), the
  administrative division code (positions 3-8) in digits, and the check character. stdnum also
  requires positions 1-2 to be digits, which refuses codes registered by "other" authorities
  (``Y1…``); the standard allows letters there.
- Card numbers: 13-19 digits passing Luhn (ISO/IEC 7812); nothing about issuers.
"""

from __future__ import annotations

import re
from datetime import date

# Province-level codes (GB/T 2260, first two digits), plus 71 Taiwan and the residence-permit
# codes 81 Hong Kong, 82 Macao, 83 Taiwan (GB/T 2260 has 71; permits use 830000).
PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_SEPARATORS = re.compile(r"[\s\-\u200b-\u200d\u2060\ufeff]")


def compact(value: str) -> str:
    """The value without spaces, hyphens and zero-width characters, upper-cased."""
    return _SEPARATORS.sub("", value).upper()


def resident_id_check_char(first17: str) -> str:
    """GB 11643 check character of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def _real_date(year: int, month: int, day: int, today: date | None) -> bool:
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= (today or date.today())


def _region_ok(value: str) -> bool:
    """A province code in front; the 2023 permanent-residence card puts a 9 before it."""
    if value[0] == "9":
        return int(value[1:3]) in PROVINCES
    return int(value[:2]) in PROVINCES


def is_resident_id(value: str, today: date | None = None) -> bool:
    """An 18-character resident ID (or HK/Macao/Taiwan residence permit) by GB 11643."""
    v = compact(value)
    if len(v) != 18 or not v[:17].isdigit() or v[17] not in "0123456789X":
        return False
    if not _region_ok(v) or not _real_date(int(v[6:10]), int(v[10:12]), int(v[12:14]), today):
        return False
    return resident_id_check_char(v[:17]) == v[17]


def is_resident_id_15(value: str) -> bool:
    """A first-generation 15-digit resident ID: province code and a real 19YYMMDD date."""
    v = compact(value)
    if len(v) != 15 or not v.isdigit() or int(v[:2]) not in PROVINCES:
        return False
    return _real_date(1900 + int(v[6:8]), int(v[8:10]), int(v[10:12]), None)


def is_any_resident_id(value: str) -> bool:
    return is_resident_id(value) or is_resident_id_15(value)


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_uscc(value: str) -> bool:
    """A unified social credit code by GB 32100."""
    v = compact(value)
    if len(v) != 18 or any(c not in USCC_ALPHABET for c in v) or not v[2:8].isdigit():
        return False
    return uscc_check_char(v[:17]) == v[17]


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def is_card_number(value: str) -> bool:
    """13-19 digits passing Luhn (separators allowed)."""
    v = compact(value)
    return v.isdigit() and 13 <= len(v) <= 19 and luhn_ok(v)


def partial(value: str) -> str:
    """A display form for error messages and logs: never the full value."""
    v = value.strip()
    if len(v) >= 11:
        return v[:3] + "*" * (len(v) - 7) + v[-4:]
    return v[:1] + "*" * max(len(v) - 2, 1) + v[-1:] if len(v) > 2 else "*" * len(v)
