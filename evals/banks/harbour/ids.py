"""Identifiers of the Harbour bank: PRC resident IDs (GB 11643), unified social credit codes
(GB 32100), phones, card numbers — check characters computed here, not by a library, so the
bank is independent of the validators the importer uses."""

from __future__ import annotations

import random
from datetime import date

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

# One real-looking county (or permit) code per province-level code, all 34 of them plus the
# residence-permit codes for Hong Kong (81), Macao (82) and Taiwan (83) residents.
COUNTY_CODES = {
    "11": ("110105", "110108"),
    "12": ("120101", "120104"),
    "13": ("130102", "130203"),
    "14": ("140105", "140202"),
    "15": ("150102", "150203"),
    "21": ("210102", "210203"),
    "22": ("220102", "220202"),
    "23": ("230102", "230202"),
    "31": ("310115", "310104"),
    "32": ("320106", "320205"),
    "33": ("330106", "330203"),
    "34": ("340104", "340202"),
    "35": ("350102", "350203"),
    "36": ("360102", "360202"),
    "37": ("370202", "370102"),
    "41": ("410105", "410302"),
    "42": ("420106", "420502"),
    "43": ("430104", "430202"),
    "44": ("440305", "440106"),
    "45": ("450103", "450202"),
    "46": ("460105", "460202"),
    "50": ("500103", "500106"),
    "51": ("510107", "510104"),
    "52": ("520102", "520302"),
    "53": ("530102", "530402"),
    "54": ("540102", "540202"),
    "61": ("610113", "610402"),
    "62": ("620102", "620402"),
    "63": ("630104", "630102"),
    "64": ("640104", "640202"),
    "65": ("650102", "650202"),
    "71": ("710000",),
    "81": ("810000",),
    "82": ("820000",),
    "83": ("830000",),
}
PROVINCES = tuple(COUNTY_CODES)

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def id_check_char(first17: str) -> str:
    """GB 11643 check character of the first 17 digits of a resident ID."""
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def is_valid_resident_id(value: str) -> bool:
    """GB 11643: 17 digits, a correct check character and a real birth date (nothing else)."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    try:
        birth = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return birth.year >= 1900 and value[17].upper() == id_check_char(value[:17])


def resident_id(rng: random.Random, province: str, birth: date, female: bool) -> str:
    county = rng.choice(COUNTY_CODES[province])
    seq = rng.randrange(0, 100) * 10 + rng.choice((0, 2, 4, 6, 8) if female else (1, 3, 5, 7, 9))
    first17 = f"{county}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17)


def _org_code(rng: random.Random) -> str:
    """A 9-character organisation code (GB 11714) with its own check character."""
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    value = sum(int(c, 36) * w for c, w in zip(body, ORG_WEIGHTS, strict=True))
    check = 11 - value % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def is_valid_uscc(value: str) -> bool:
    if len(value) != 18 or any(c not in USCC_CHARS for c in value):
        return False
    return value[17] == uscc_check_char(value[:17])


def uscc(rng: random.Random, county: str) -> str:
    first17 = f"91{county}{_org_code(rng)}"
    return first17 + uscc_check_char(first17)


def luhn_complete(body: str) -> str:
    total = 0
    for i, d in enumerate(reversed(body)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return body + str((10 - total % 10) % 10)


def account_no(rng: random.Random) -> str:
    """A 19-digit Luhn-valid account number under the bank's own BIN."""
    return luhn_complete("623166" + "".join(rng.choice("0123456789") for _ in range(12)))


def mobile(rng: random.Random) -> str:
    prefix = rng.choice(("133", "135", "139", "147", "152", "166", "177", "186", "191", "199"))
    return prefix + "".join(rng.choice("0123456789") for _ in range(8))


def landline(rng: random.Random) -> str:
    return f"0535-{rng.randrange(6000000, 6999999)}"
