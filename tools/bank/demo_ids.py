"""Identifiers and contact details for the demo bank: all checksum-valid and deterministic."""

from __future__ import annotations

import random
from datetime import date
from functools import cache

from stdnum import luhn
from stdnum.cn import ric, uscc

from tools.bank.demo_data import (
    EN_FREE_MAIL,
    FREE_MAIL,
    GIVEN_PINYIN,
    MOBILE_PREFIXES,
    REGIONS,
    RESIDENCES,
    RIC_AREAS,
    RIC_FALLBACK,
    SURNAME_PINYIN,
)

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _org_check(body: str) -> str:
    """GB 11714 organisation-code check character for the 8-character body."""
    total = sum(int(c, 36) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def make_uscc(rng: random.Random, area: str, registered: date) -> str:
    """统一社会信用代码 (GB 32100): 9 1 <area> <organisation code> <check>."""
    while True:
        if registered.year >= 2016:
            body = (
                "MA" + rng.choice("0123456789") + "".join(rng.choice(_ORG_CHARS) for _ in range(5))
            )
        else:
            body = "".join(rng.choice("0123456789") for _ in range(8))
        org = body + _org_check(body)
        if all(c in _ORG_CHARS for c in org):
            base = "91" + area + org
            return base + uscc.calc_check_digit(base)


@cache
def _areas_for_year(year: int) -> tuple[str, ...]:
    ok = []
    for area in RIC_AREAS:
        probe = f"{area}{year}0615001"
        if ric.is_valid(probe + ric.calc_check_digit(probe + "0")):
            ok.append(area)
    return tuple(ok) or tuple(RIC_FALLBACK)


def make_ric(rng: random.Random, birth: date, male: bool, prefer_area: str | None = None) -> str:
    """居民身份证号 (GB 11643) whose birth date and sex digit match the person."""
    areas = _areas_for_year(birth.year)
    area = prefer_area if prefer_area in areas and rng.random() < 0.6 else rng.choice(areas)
    seq = rng.randrange(0, 50) * 2 + (1 if male else 0)
    body = f"{area}{birth:%Y%m%d}{rng.randrange(0, 10)}{seq:02d}"
    return body + ric.calc_check_digit(body + "0")


def luhn_number(rng: random.Random, prefix: str, length: int) -> str:
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    return body + luhn.calc_check_digit(body)


class Registry:
    """Hands out unique phones, card and account numbers."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _unique(self, make) -> str:  # type: ignore[no-untyped-def]
        while True:
            value = make()
            if value not in self.used:
                self.used.add(value)
                return value

    def mobile(self) -> str:
        r = self.rng
        return self._unique(lambda: r.choice(MOBILE_PREFIXES) + f"{r.randrange(0, 10**8):08d}")

    def debit_card(self) -> str:
        r = self.rng
        return self._unique(
            lambda: luhn_number(r, r.choice(["621700", "621226", "622848", "621661"]), 19)
        )

    def credit_card(self) -> str:
        r = self.rng
        return self._unique(lambda: luhn_number(r, r.choice(["625802", "622588", "625965"]), 16))

    def loan_account(self) -> str:
        r = self.rng
        return self._unique(lambda: luhn_number(r, "62" + r.choice(["1483", "1788"]), 19))

    def corporate_account(self, area: str) -> str:
        r = self.rng
        return self._unique(lambda: luhn_number(r, area[:4], r.choice([15, 16, 17, 18])))


def weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs], k=1)[0]


def person_pinyin(name: str) -> tuple[str, str] | None:
    """(surname, given) pinyin of a Chinese name if every character is known."""
    for n in (2, 1):
        sur = SURNAME_PINYIN.get(name[:n])
        if sur:
            given = [GIVEN_PINYIN.get(c) for c in name[n:]]
            if given and all(given):
                return sur, "".join(g for g in given if g)
    return None


def personal_email(rng: random.Random, name: str, birth_year: int | None, english: bool) -> str:
    if english:
        first, _, last = name.partition(" ")
        local = rng.choice(
            [f"{first}.{last}", f"{first[0]}{last}", f"{first}{last}{rng.randrange(1, 99)}"]
        )
        return local.lower().replace("'", "") + "@" + rng.choice(EN_FREE_MAIL)
    domain = weighted(rng, FREE_MAIL)
    py = person_pinyin(name)
    if domain == "qq.com" or py is None:
        return f"{rng.randrange(10**5, 3 * 10**9)}@qq.com"
    sur, given = py
    year = birth_year or rng.randrange(1970, 2000)
    local = rng.choice(
        [
            f"{sur}{given}",
            f"{sur}.{given}",
            f"{sur}{given}{year % 100:02d}",
            f"{given}{sur}{rng.randrange(1, 999)}",
            f"{sur}_{given}{year}",
        ]
    )
    return f"{local}@{domain}"


def work_email(rng: random.Random, name: str, domain: str, english: bool) -> str:
    if english:
        first, _, last = name.partition(" ")
        return f"{first}.{last}".lower().replace("'", "") + "@" + domain
    py = person_pinyin(name)
    if py is None:
        return (
            f"{rng.choice(['finance', 'caiwu', 'office', 'info'])}{rng.randrange(1, 99)}@{domain}"
        )
    sur, given = py
    return (
        rng.choice([f"{sur}{given}", f"{sur}.{given}", f"{given}.{sur}", f"{sur}{given[0]}"])
        + "@"
        + domain
    )


def pick_place(rng: random.Random, branch: str) -> tuple[str, str, str, str, list[str]]:
    """(province, city, district, area code, roads), home city weighted first."""
    regions = REGIONS[branch]
    prov, city, districts, roads = regions[0] if rng.random() < 0.7 else rng.choice(regions)
    district = rng.choice(sorted(districts))
    return prov, city, district, districts[district], roads


def office_address(rng: random.Random, place: tuple[str, str, str, str, list[str]]) -> str:
    prov, city, district, _, roads = place
    tail = rng.choice(
        [
            "",
            f"{rng.randrange(1, 12)}幢{rng.randrange(1, 25)}{rng.randrange(1, 20):02d}室",
            f"{rng.randrange(2, 30)}楼",
            f"{rng.choice('ABCD')}座{rng.randrange(3, 28)}层",
        ]
    )
    return f"{prov}{city}{district}{rng.choice(roads)}{rng.randrange(1, 2999)}号{tail}"


def home_address(rng: random.Random, place: tuple[str, str, str, str, list[str]]) -> str:
    prov, city, district, _, roads = place
    room = f"{rng.randrange(1, 32)}{rng.randrange(1, 5):02d}室"
    if rng.random() < 0.5:
        return f"{prov}{city}{district}{rng.choice(roads)}{rng.randrange(1, 1999)}弄{rng.randrange(1, 60)}号{room}"
    return (
        f"{prov}{city}{district}{rng.choice(roads)}{rng.randrange(1, 999)}号{rng.choice(RESIDENCES)}"
        f"{rng.randrange(1, 40)}幢{rng.randrange(1, 4)}单元{room}"
    )
