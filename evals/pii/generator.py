"""Synthetic PII sentences with gold spans, from the templates of :mod:`evals.pii.templates`.

Values come from Faker (zh_CN, en_US) and from generators of valid, checksummed identifiers
(resident IDs, USCCs, Luhn card numbers). Identifiers are built from the standards here, never
filtered through the validators the recognizers use (a test checks that the two share no code):
resident IDs take their region from the full administrative code list, current and retired
(python-stdnum's data file, read as data), and birth dates from 1930-2010, independently, and
are written the ways people write them (grouped, spaced digit by digit, in Chinese numerals, with
an invisible character inside, first-generation 15 digits, residence permits). A synthetic bank (clients and contacts) is built
first; ``{CLIENT}``/``{PERSON}`` slots draw from it (the name dictionary knows them) while
``{NEWPERSON}`` slots draw names it does not know.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import stdnum
from faker import Faker
from stdnum import luhn

from assistant.privacy.entities import Entity
from evals.pii import templates as T

USCC_SYMBOLS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CITIES = ["上海", "北京", "深圳", "杭州", "南京", "苏州", "成都", "武汉", "广州", "天津"]
SUFFIXES = ["有限公司", "股份有限公司", "有限责任公司", "集团有限公司"]
EN_SUFFIXES = ["Ltd", "Inc.", "LLC", "Limited", "PLC"]
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ZH_NUMERALS = str.maketrans("0123456789", "〇一二三四五六七八九")
PERMITS = ("810000", "820000", "830000")  # residence permits: Hong Kong, Macao, Taiwan residents
TLDS = ["com", "cn", "net", "com.cn", "org"]


def region_codes() -> list[str]:
    """Every six-digit county-level code in python-stdnum's administrative-division list,
    current and retired (``[-2010]崇文区`` is kept: people born there still carry it)."""
    codes: list[str] = []
    province = ""
    path = Path(stdnum.__file__).parent / "cn" / "loc.dat"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line[:2].isdigit():
            province = line[:2]
        elif line.startswith("  ") and line.strip()[:4].isdigit():
            codes.append(province + line.strip()[:4])
    return codes


def gb11643_check(first17: str) -> str:
    """ISO 7064 MOD 11-2 as GB 11643 writes it: weights 2^(17-i) mod 11, value (12 - sum) mod 11."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    return "0123456789X"[(12 - total % 11) % 11]


def gb32100_check(first17: str) -> str:
    total = sum(USCC_SYMBOLS.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return USCC_SYMBOLS[(31 - total % 31) % 31]


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    type: str  # scored type: NAME, PHONE, EMAIL, ID, USCC, CARD, ACCOUNT, ADDRESS
    group: str  # finer label for recall breakdowns (e.g. NAME:unknown-en)


@dataclass(slots=True)
class Sample:
    text: str
    lang: str
    split: str
    template: str
    gold: list[Gold] = field(default_factory=list)


@dataclass(slots=True)
class SyntheticBank:
    """Names the privacy layer's dictionary is built from: ``(name, entity, client_id)``."""

    clients_zh: list[str] = field(default_factory=list)
    clients_short: list[str] = field(default_factory=list)
    clients_en: list[str] = field(default_factory=list)
    persons_zh: list[str] = field(default_factory=list)
    persons_en: list[str] = field(default_factory=list)

    def names(self) -> list[tuple[str, Entity, str]]:
        out = [
            (n, Entity.CLIENT, f"C{i:05d}") for i, n in enumerate(self.clients_zh + self.clients_en)
        ]
        out += [
            (n, Entity.PERSON, f"C{i % 500:05d}")
            for i, n in enumerate(self.persons_zh + self.persons_en)
        ]
        return out


class Generator:
    def __init__(self, seed: int = 20261128, bank_size: int = 300) -> None:
        self.rng = random.Random(seed)
        self.zh = Faker("zh_CN")
        self.en = Faker("en_US")
        self.zh.seed_instance(seed)
        self.en.seed_instance(seed + 1)
        self.bank = self._bank(bank_size)
        self.regions = region_codes()
        self._known = {n for n, _, _ in self.bank.names()}

    # -- the synthetic bank ------------------------------------------------------------------
    def _bank(self, size: int) -> SyntheticBank:
        bank = SyntheticBank()
        while len(bank.clients_zh) < size:
            industry = self.rng.choice(["科技", "实业", "贸易", "传媒", "物流"])
            core = self.zh.company_prefix() + industry
            if core in bank.clients_short:  # Faker has 83 prefixes: widen with a given name
                core = core[: -len(industry)] + self.zh.first_name() + industry
            name = self.rng.choice(CITIES) + core + self.rng.choice(SUFFIXES)
            if name not in bank.clients_zh and core not in bank.clients_short:
                bank.clients_zh.append(name)
                bank.clients_short.append(core)
        bank.clients_zh += list({self.zh.name() for _ in range(size // 3)})  # individual clients
        bank.clients_en = list(
            {
                f"{self.en.last_name()} {self.rng.choice(['Trading', 'Holdings', 'Capital', 'Industries'])} {self.rng.choice(EN_SUFFIXES)}"
                for _ in range(size // 3)
            }
        )
        bank.persons_zh = list({self.zh.name() for _ in range(size * 2)})
        bank.persons_en = list({self.en.name() for _ in range(size // 2)} - {""})
        bank.persons_en = [
            n
            for n in bank.persons_en
            if not re.search(r"\b(MD|DDS|PhD|DVM|Jr\.|Sr\.|II|III|IV|V)$", n)
        ]
        return bank

    # -- slot values: (text, gold-span-within-text or None for the whole, type, group) ------
    def value(self, slot: str) -> tuple[str, tuple[int, int] | None, str, str]:
        fill: Callable[[], tuple[str, tuple[int, int] | None, str, str]] = getattr(
            self, "_" + slot.lower()
        )
        return fill()

    def _client(self):
        return self.rng.choice(self.bank.clients_zh), None, "NAME", "NAME:known"

    def _client_short(self):
        return self.rng.choice(self.bank.clients_short), None, "NAME", "NAME:short-form"

    def _client_en(self):
        name = self.rng.choice(self.bank.clients_en)
        if self.rng.random() < 0.3:  # written without the legal suffix
            name = name.rsplit(" ", 1)[0]
        return name, None, "NAME", "NAME:known"

    def _person(self):
        return self.rng.choice(self.bank.persons_zh), None, "NAME", "NAME:known"

    def _person_en(self):
        return self.rng.choice(self.bank.persons_en), None, "NAME", "NAME:known"

    def _newperson(self):
        while (name := self.zh.name()) in self._known:
            pass
        return name, None, "NAME", "NAME:unknown-zh"

    def _newperson_en(self):
        name = f"{self.en.first_name()} {self.en.last_name()}"
        if self.rng.random() < 0.5:
            title = self.rng.choice(["Mr.", "Ms.", "Mrs.", "Dr."]) + " "
            return (
                title + name,
                (len(title), len(title) + len(name)),
                "NAME",
                "NAME:unknown-en-titled",
            )
        return name, None, "NAME", "NAME:unknown-en-bare"

    def _phone(self):
        digits = self.rng.choice(["13", "15", "17", "18", "19"]) + "".join(
            self.rng.choices("0123456789", k=9)
        )
        a, b, c = digits[:3], digits[3:7], digits[7:]
        form = self.rng.choices(
            [
                digits,
                f"+86 {digits}",
                f"+86-{a}-{b}-{c}",
                f"0086{digits}",
                f"{a} {b} {c}",
                f"{a}-{b}-{c}",
                digits.translate(FULLWIDTH),
                f"({a}){b}{c}",
            ],
            weights=[50, 10, 5, 5, 10, 10, 10, 6],
        )[0]
        return form, None, "PHONE", "PHONE:mobile"

    def _service(self):
        head = self.rng.choice(["400", "800"])
        rest = "".join(self.rng.choices("0123456789", k=7))
        sep = self.rng.choice(["-", " ", ""])
        return f"{head}{sep}{rest[:3]}{sep}{rest[3:]}", None, "PHONE", "PHONE:service"

    def _landline(self):
        area = self.rng.choice(["010", "021", "020", "0755", "0571", "025", "028"])
        local = str(self.rng.randint(2, 8)) + "".join(self.rng.choices("0123456789", k=7))
        form = self.rng.choice(
            [
                f"{area}-{local}",
                f"({area}){local}",
                f"{area} {local[:4]} {local[4:]}",
                f"+86 {area[1:]} {local}",
            ]
        )
        return form, None, "PHONE", "PHONE:landline"

    def _email(self):
        address = self.en.email()
        if self.rng.random() >= 0.25:
            return address, None, "EMAIL", "EMAIL"
        local, domain = address.split("@")
        domain = domain.rsplit(".", 1)[0] + "." + self.rng.choice(TLDS)
        at, dot = self.rng.choice(
            [
                (" at ", " dot "),
                ("(at)", "(dot)"),
                ("[at]", "."),
                (" 艾特 ", " 点 "),
                (" AT ", " DOT "),
            ]
        )
        return local + at + domain.replace(".", dot), None, "EMAIL", "EMAIL:spelt-out"

    def _birth(self, first: int = 1930, last: int = 2010) -> date:
        span = (date(last, 12, 31) - date(first, 1, 1)).days
        return date(first, 1, 1) + timedelta(days=self.rng.randint(0, span))

    def _id(self):
        region = self.rng.choice(PERMITS) if self.rng.random() < 0.08 else None
        body = (region or self.rng.choice(self.regions)) + self._birth().strftime("%Y%m%d")
        body += "".join(self.rng.choices("0123456789", k=3))
        number = body + gb11643_check(body)
        if region:
            return number, None, "ID", "ID:permit"
        forms = {
            "ID": number,
            "ID:grouped": self.rng.choice(["-", " "]).join((number[:6], number[6:14], number[14:])),
            "ID:digit-by-digit": " ".join(number),
            "ID:zh-numerals": number.translate(ZH_NUMERALS),
            "ID:invisible-char": number[:4] + "\u200b" + number[4:],
            "ID:full-width": number.translate(FULLWIDTH),
        }
        group = self.rng.choices(list(forms), weights=[60, 10, 6, 6, 6, 12])[0]
        text = forms[group]
        if text.endswith("X") and self.rng.random() < 0.3:
            text = text[:-1] + self.rng.choice(["x", " X"])
        return text, None, "ID", group

    def _id15(self):
        body = self.rng.choice(self.regions) + self._birth(1930, 1999).strftime("%y%m%d")
        return body + "".join(self.rng.choices("0123456789", k=3)), None, "ID", "ID:15-digit"

    def _passport(self):
        letters = self.rng.choice(["E", "G", "EA", "EB", "EH"])
        digits = "".join(self.rng.choices("0123456789", k=9 - len(letters)))
        return letters + digits, None, "ID", "ID:passport"

    def _uscc(self):
        body = (
            self.rng.choice(["91", "92", "93", "12", "52", "Y1"])
            + self.rng.choice(self.regions)
            + "".join(self.rng.choices(USCC_SYMBOLS, k=9))
        )
        return body + gb32100_check(body), None, "USCC", "USCC"

    def _card(self):
        prefix, length = self.rng.choice(
            [("62", 19), ("62", 16), ("4", 16), ("5", 16), ("622", 18)]
        )
        body = prefix + "".join(self.rng.choices("0123456789", k=length - len(prefix) - 1))
        number = body + luhn.calc_check_digit(body)
        sep = self.rng.choice(["", "", " ", "-"])
        text = sep.join(number[i : i + 4] for i in range(0, len(number), 4)) if sep else number
        return text, None, "CARD", "CARD"

    def _account(self):
        digits = "".join(self.rng.choices("0123456789", k=self.rng.randint(12, 22)))
        return digits, None, "ACCOUNT", "ACCOUNT"

    def _address(self):
        province = self.rng.choice(["", "江苏省", "浙江省", "广东省", "四川省", "湖北省"])
        city = (
            self.rng.choice(["南京市", "杭州市", "深圳市", "成都市", "武汉市"])
            if province
            else self.rng.choice(["上海市", "北京市", "天津市", "重庆市"])
        )
        district = self.zh.district() + "区"
        street = self.zh.street_name()
        tail = f"{self.rng.randint(1, 999)}号" + self.rng.choice(
            ["", f"{self.rng.randint(1, 30)}栋{self.rng.randint(101, 2505)}室"]
        )
        return province + city + district + street + tail, None, "ADDRESS", "ADDRESS:zh"

    def _address_en(self):
        street = self.en.street_address()
        if self.rng.random() < 0.7:
            street += f", {self.en.city()}, {self.en.state_abbr()} {self.en.zipcode()}"
        return street, None, "ADDRESS", "ADDRESS:en"

    # -- non-PII numbers for the false-positive set ----------------------------------------
    def negative_value(self, slot: str) -> str:
        r = self.rng
        return {
            "AMOUNT": lambda: r.choice(
                [
                    f"{r.uniform(1e4, 1e9):,.2f}",
                    f"{r.uniform(1e4, 1e9):.2f}",
                    str(r.randint(10_000, 99_999_999)),
                ]
            ),
            "AMOUNT13": lambda: str(r.randint(10**12, 10**13 - 1)),
            "DATE": lambda: r.choice(
                [
                    "20261127",
                    "2026-11-27",
                    "2026年11月27日",
                    f"2025{r.randint(1, 12):02d}{r.randint(1, 28):02d}",
                ]
            ),
            "RATE": lambda: f"{r.uniform(0.5, 8):.2f}%",
            "PRODUCT": lambda: r.choice(
                [
                    f"PRD{r.randint(1000, 99999)}",
                    f"JJ{r.randint(2020, 2026)}A{r.randint(1, 999):03d}",
                    f"R2-{r.randint(100000, 999999)}",
                ]
            ),
            "CONTRACT": lambda: r.choice(
                [
                    f"HT{r.randint(10**12, 10**13 - 1)}",
                    f"2026-JK-{r.randint(1, 999999):06d}",
                    f"2026{r.randint(10**11, 10**12 - 1)}",
                ]
            ),
            "COUNT": lambda: str(r.randint(1, 5000)),
            "YEAR": lambda: str(r.randint(2020, 2026)),
        }[slot]()

    # -- sentences ---------------------------------------------------------------------------
    def fill(self, template: str, split: str, lang: str, negative: bool = False) -> Sample:
        sample = Sample("", lang, split, template)
        pieces: list[str] = []
        cursor, pos = 0, 0
        for match in re.finditer(r"\{([A-Z_0-9]+)\}", template):
            literal = template[cursor : match.start()]
            pieces.append(literal)
            pos += len(literal)
            if negative:
                text = self.negative_value(match.group(1))
            else:
                text, inner, kind, group = self.value(match.group(1))
                s, e = inner or (0, len(text))
                sample.gold.append(Gold(pos + s, pos + e, kind, group))
            pieces.append(text)
            pos += len(text)
            cursor = match.end()
        pieces.append(template[cursor:])
        sample.text = "".join(pieces)
        return sample

    def samples(self, split: str, n_positive: int = 800, n_negative: int = 300) -> list[Sample]:
        zh, en, neg = (
            (T.TEST_ZH, T.TEST_EN, T.NEGATIVE_TEST)
            if split == "test"
            else (T.TUNING_ZH, T.TUNING_EN, T.NEGATIVE_TUNING)
        )
        pool = [(t, "zh") for t in zh] + [(t, "en") for t in en]
        out: list[Sample] = []
        for _ in range(n_positive):
            template, lang = self.rng.choice(pool)
            out.append(self.fill(template, split, lang))
        for _ in range(n_negative):
            template = self.rng.choice(neg)
            lang = "zh" if re.search(r"[\u4e00-\u9fff]", template) else "en"
            out.append(self.fill(template, split, lang, negative=True))
        return out
