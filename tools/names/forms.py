"""The forms an RM names a company by, derived from the name the bank holds.

"东升机械制造有限公司" is also "东升机械制造", "东升机械", "Dongsheng Jixie", "Dongsheng Machinery" and,
beside one of its contacts ("东升的王建国"), just "东升". "Northwind Freight Co., Ltd." is also
"Northwind Freight" and "Northwind". A form is kept only when it is distinctive: what remains
after dropping places, region words and industry words must be a name of its own, so "华东科技",
"中国", "Global" or "China" never become a client.

Strong forms name the client wherever they appear; weak ones (a two- or three-character head,
its pinyin) only next to a contact of that client. Forms are cached per name: the privacy layer
and the tools build from the same extract.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from pypinyin import Style, lazy_pinyin, pinyin

from assistant.privacy.places import PLACE_PREFIXES


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


MIN_STRONG_ZH = 4  # CJK characters; shorter heads are weak
MIN_STRONG_EN = 4  # letters of a one-word English head

_ZH_SUFFIX = re.compile(
    r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|股份公司|分公司|公司)$|集团$"
)
_EN_SUFFIX = re.compile(
    r"[,.]?\s+(?:Co\.?,?\s*Ltd|Company\s+Limited|Ltd|Limited|Inc|Incorporated|LLC|L\.L\.C|PLC|"
    r"Corp|Corporation|Company|Co|GmbH|AG|S\.A|Pte\.?\s*Ltd|Pte|Group|Holdings)\.?$",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\s*[（(][^）)]{1,20}[）)]\s*")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")

# Industry words a Chinese company name ends with, and how an English speaker says them.
INDUSTRY_ZH: dict[str, str] = {
    "机械": "Machinery", "制造": "Manufacturing", "科技": "Technology", "技术": "Technology",
    "电子": "Electronics", "信息": "Information", "网络": "Network", "软件": "Software",
    "电脑": "Computer", "计算机": "Computer", "智能": "Smart", "数据": "Data", "通信": "Telecom",
    "传媒": "Media", "文化": "Culture", "广告": "Advertising", "影视": "Film", "贸易": "Trading",
    "商贸": "Trading", "进出口": "Import Export", "实业": "Industrial", "工业": "Industrial",
    "发展": "Development", "物流": "Logistics", "运输": "Transport", "货运": "Freight",
    "供应链": "Supply Chain", "航运": "Shipping", "医药": "Pharmaceutical", "制药": "Pharma",
    "医疗": "Medical", "器械": "Devices", "生物": "Bio", "健康": "Health", "新材料": "New Materials",
    "材料": "Materials", "化工": "Chemical", "塑胶": "Plastics", "塑料": "Plastics",
    "制品": "Products", "纺织": "Textile", "服饰": "Apparel", "服装": "Garment",
    "建材": "Building Materials", "建设": "Construction", "建筑": "Construction",
    "工程": "Engineering", "装饰": "Decoration", "置业": "Property", "房地产": "Real Estate",
    "地产": "Real Estate", "开发": "Development", "物业": "Property", "管理": "Management",
    "服务": "Services", "咨询": "Consulting", "汽车": "Auto", "零部件": "Parts",
    "机电": "Electromechanical", "设备": "Equipment", "电气": "Electric", "能源": "Energy",
    "新能源": "New Energy", "电力": "Power", "环保": "Environmental", "航天": "Aerospace",
    "食品": "Food", "农业": "Agriculture", "农产品": "Agricultural", "茶业": "Tea",
    "餐饮": "Catering", "酒店": "Hotel", "日用品": "Household", "家居": "Home",
    "包装": "Packaging", "印刷": "Printing", "投资": "Investment", "控股": "Holdings",
    "资产": "Asset", "金融": "Financial", "租赁": "Leasing", "教育": "Education", "旅游": "Travel",
    "外贸": "Foreign Trade", "批发": "Wholesale", "零售": "Retail", "交通": "Transport",
    "冷链": "Cold Chain", "货代": "Freight Forwarding", "仓储": "Warehousing", "港口": "Port",
    "水产": "Seafood", "养殖": "Farming", "海水": "Marine", "加工": "Processing",
    "船舶": "Ship", "配件": "Parts", "装备": "Equipment", "代理": "Agency", "精细": "Fine",
    "钢铁": "Steel", "矿业": "Mining", "煤炭": "Coal", "石油": "Petroleum", "化纤": "Chemical Fiber",
    "造纸": "Paper", "家电": "Appliances", "半导体": "Semiconductor", "光伏": "Solar",
    "电池": "Battery", "储能": "Energy Storage", "航空": "Aviation", "文旅": "Culture Tourism",
    "酒业": "Liquor", "餐饮业": "Catering", "商业": "Commercial", "渔业": "Fishery",
}  # fmt: skip
_ZH_OF_EN: dict[str, str] = {}
for _zh, _en in INDUSTRY_ZH.items():
    _ZH_OF_EN.setdefault(_en.lower(), _zh)  # the first is the usual word: Technology is 科技
# Words that say where or how big, not who: a form made only of these is not a name.
GENERIC_ZH = frozenset(
    _words(
        "华东 华南 华北 华中 华西 西南 西北 东北 江南 江北 中国 中华 全国 国际 环球 亚太 长三角 珠三角 "
        "东方 南方 北方 中心 联合 第一 集团 总部 银行 证券 保险 信托 基金"
    )
)
INDUSTRY_EN = frozenset(
    _words("""freight logistics trading trade holdings capital industries industrial industry technology
    technologies tech energy storage solar battery batteries systems system medical devices pharma
    pharmaceutical pharmaceuticals life sciences science precision machinery retail foods food
    textiles textile electronics electronic materials chemicals chemical motors auto automotive
    engineering construction properties property realty investment investments partners consulting
    services service solutions software media shipping airlines bank insurance manufacturing
    international global group enterprises enterprise development resources trust securities
    fund funds""")
)
COMMON_EN = frozenset(
    _words("""the and of a an global china chinese asia asian pacific united general first national
    international golden great new royal star grand east west north south eastern western northern
    southern central city metro smart green blue red best prime premier apex summit alpha omega delta
    sun sky ocean river mountain world universal american euro europe oriental modern future
    union""")
)
PLACES_EN = frozenset(
    _words("""china shanghai beijing shenzhen guangzhou hangzhou ningbo suzhou wuxi changzhou nanjing
    hongkong hong kong tianjin chongqing xiamen qingdao dalian wuhan chengdu shaoxing jiaxing
    taizhou wenzhou nantong""")
)


@dataclass(frozen=True, slots=True)
class NameForm:
    """One way a company is named besides its full name."""

    text: str  # as an RM would write it: "东升机械", "Dongsheng Jixie", "Northwind"
    strong: bool  # names the client by itself; weak forms only beside one of its contacts
    spaced: bool = False  # pinyin / English rendering: matched with or without spaces


def company_forms(name: str) -> tuple[NameForm, ...]:
    """Every distinctive form of ``name`` other than the name itself (empty for a person)."""
    return _forms(" ".join(name.split()))


@lru_cache(maxsize=16384)
def _forms(name: str) -> tuple[NameForm, ...]:
    forms = _zh_forms(name) if _has_cjk(name) else _en_forms(name)
    seen: dict[str, NameForm] = {}
    for form in forms:
        key = form.text.lower()
        if form.text != name and (key not in seen or (form.strong and not seen[key].strong)):
            seen[key] = form
    return tuple(seen.values())


MIN_PERSON_PINYIN = 2  # characters of a Chinese name written in pinyin


SHORT_PINYIN_NAME = 4  # "Lina", "Yubo": run together, a first name as likely as a client


def person_forms(name: str) -> tuple[NameForm, ...]:
    """A retail client's Chinese name as typed on an English keyboard: "汪海燕" is "Wang Haiyan"
    and "Haiyan Wang". A two-character name unless it reads as English: both syllables
    everyday words ("He Can" is "he can"), the whole one word or name, or so short run
    together that it could be a first name ("Li Na" is "Lina"). One syllable that is also a
    word or a name ("Yang", "Yu", "Wang") is no reason: side by side they are still the client
    ("Sheng Yang", "Zheng Yu", "Wang Gang")."""
    name = name.strip()
    if not (MIN_PERSON_PINYIN <= len(name) <= 4 and _CJK.match(name)):
        return ()
    pairs = [(s, g) for s in pinyins(name[0]) for g in pinyins(name[1:])]
    if len(name) == 2:
        everyday = _everyday_en()

        def english(s: str, g: str) -> bool:
            run = compact(s + g)
            return (
                {s.lower(), g.lower()} <= everyday
                or run in everyday
                or len(run) <= SHORT_PINYIN_NAME
            )

        # The usual reading decides: a rarer reading of "Li Na" is no reason to match "Lina".
        if not pairs or english(*pairs[0]):
            return ()
        pairs = [(s, g) for s, g in pairs if not english(s, g)]
    return tuple(
        NameForm(form, True, spaced=True) for s, g in pairs for form in (f"{s} {g}", f"{g} {s}")
    )


def compact(text: str) -> str:
    """The key of a spaced form: lower-case letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


# --- Chinese names -------------------------------------------------------------------------
def _zh_forms(name: str) -> list[NameForm]:
    bare = _PARENS.sub("", _ZH_SUFFIX.sub("", name)).strip()
    if bare == name and len(name) <= 4:
        return []  # no legal suffix and short: a person's name, said in full
    rest = _strip_place(bare)
    place = bare[: len(bare) - len(rest)]
    head, words = _split_industry(rest)
    if not _distinctive_zh(head):
        return []
    out: list[NameForm] = []
    if len(head) > 2 and _distinctive_zh(head[:2]):
        # A long head ("瑞洋海产", "海鸿冷链"): its first two characters are how RMs say it,
        # naming the company alone when they are no everyday word.
        short, rare = head[:2], _rare_word(head[:2])
        out += [NameForm(short, rare), *(_pinyin_form(p, rare) for p in pinyins(short))]
        if place:  # "宁波威利" of 宁波威利国际贸易: the city makes even an everyday head a name
            out.append(NameForm(place + short, True))
        # Its trade, when words no list knows follow ("浪花船舶修造" is "浪花船舶" too).
        trade = _INDUSTRY.match(head, 2)
        if trade and trade.end() < len(head):
            out.append(NameForm(head[: trade.end()], True))
    for j in range(len(words) + 1):
        parts = [head, *words[:j]]
        text = "".join(parts)
        strong = len(text) >= MIN_STRONG_ZH or (j == 0 and _rare_word(text))
        if not strong and j > 0:
            continue
        out.append(NameForm(text, strong))
        if place:
            out.append(NameForm(place + text, True))
        if _CJK.match(text):
            said = [pinyins(head), *([_pinyin(w)] for w in words[:j])]
            out += [_pinyin_form(" ".join(ps), strong) for ps in product(*said)]
            if j > 0:
                english = " ".join(INDUSTRY_ZH[w] for w in words[:j])
                out += [NameForm(f"{h} {english}", True, spaced=True) for h in pinyins(head)]
    out.append(NameForm(bare, len(bare) >= MIN_STRONG_ZH))
    return out


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_PLACE = re.compile(f"^(?:{_alternation(PLACE_PREFIXES)})(?=.)")
_LEADING_GENERIC = re.compile(f"^(?:{_alternation((*GENERIC_ZH, *PLACE_PREFIXES))})+")
_TRAILING_INDUSTRY = re.compile(f"(?<=..)(?:{_alternation(INDUSTRY_ZH)})$")
_INDUSTRY = re.compile(_alternation(INDUSTRY_ZH))


def _strip_place(name: str) -> str:
    match = _PLACE.match(name)
    return name[match.end() :] if match else name


def _split_industry(rest: str) -> tuple[str, list[str]]:
    """``东升机械制造`` -> (``东升``, [``机械``, ``制造``]); the head keeps two characters."""
    words: list[str] = []
    while match := _TRAILING_INDUSTRY.search(rest):
        words.insert(0, match.group(0))
        rest = rest[: match.start()]
    return rest, words


RARE_WORD_FREQ = 20  # jieba's dictionary frequency under which a short head is no everyday word


@lru_cache(maxsize=16384)
def _rare_word(word: str) -> bool:
    """A two- or three-character head that is not an everyday word ("瑞洋", "金港", but not
    "东升", "华东", "北风"): by jieba's dictionary, which the search index loads anyway."""
    import jieba

    jieba.initialize()  # idempotent; get_FREQ reads an empty table before it
    return (jieba.get_FREQ(word) or 0) < RARE_WORD_FREQ


def _distinctive_zh(head: str) -> bool:
    """Something is left of ``head`` once places and region words are taken off its front."""
    rest = _LEADING_GENERIC.sub("", head)
    return len(rest) >= 2 and rest not in INDUSTRY_ZH and rest not in GENERIC_ZH


def _pinyin_form(text: str, strong: bool) -> NameForm:
    """A pinyin rendering, naming the company alone unless it spells an everyday English word
    or name (立科 -> "Like", 丽萨 -> "Lisa"): matched in any case and spacing, it would mask
    "I'd like to" in every English draft. Beside one of the company's contacts it still names
    it."""
    return NameForm(text, strong and compact(text) not in _everyday_en(), spaced=True)


def is_everyday_english(word: str) -> bool:
    """Whether ``word`` (any case) is a common English word or name."""
    return word.lower() in _everyday_en()


def is_english_word(word: str) -> bool:
    """Whether ``word`` (any case) is a common English word, names aside ("will" is, "Wiggins"
    and "Andrea" are not)."""
    return word.lower() in _english_words()


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    from faker.providers.lorem.en_US import Provider

    return frozenset({w.lower() for w in Provider.word_list} | COMMON_EN | INDUSTRY_EN | PLACES_EN)


@lru_cache(maxsize=1)
def _everyday_en() -> frozenset[str]:
    """Common English words and names: Faker's en_US word list (~1,000 everyday words), the
    name lists and the generic words of company names above."""
    from faker.providers.lorem.en_US import Provider

    words = {w.lower() for w in Provider.word_list}
    return frozenset(words | _person_names() | COMMON_EN | INDUSTRY_EN | PLACES_EN)


@lru_cache(maxsize=16384)
def _pinyin(text: str) -> str:
    return "".join(lazy_pinyin(text)).capitalize()


PINYIN_VARIANTS = 4  # readings kept per name: the usual one first, then the likeliest others


@lru_cache(maxsize=16384)
def pinyins(text: str) -> tuple[str, ...]:
    """How people spell ``text`` in pinyin: the usual reading, other readings of characters
    with several (晟 is "cheng" to the library, "sheng" to the client), and ü typed as "u"
    ("Fulu" as well as the library's "Fulv")."""
    said = pinyin(text, style=Style.NORMAL, heteronym=True)
    if len(said) != len(text):  # letters or digits run together: one reading, as written
        return (_pinyin(text),)
    readings = [r or [ch] for ch, r in zip(text, said, strict=True)]
    combos = sorted(product(*(range(len(r)) for r in readings)), key=sum)[:PINYIN_VARIANTS]
    out = [_pinyin(text)]
    for combo in combos:
        out.append("".join(r[i] for r, i in zip(readings, combo, strict=True)).capitalize())
    out += [w.replace("v", "u") for w in out if "v" in w]
    return tuple(dict.fromkeys(out))


# --- English names -------------------------------------------------------------------------
def _en_forms(name: str) -> list[NameForm]:
    steps = _bare_en(name)
    words = steps[-1].split()
    if (len(words) < 2 and len(steps) == 1) or not _distinctive_en(words):
        return []
    cut = next((i for i, w in enumerate(words) if w.lower().strip(",.") in INDUSTRY_EN), len(words))
    # Heads up to the industry words, and shorter ones still ("Seabright" of "Seabright
    # Aquaculture", whose industry word no list knows); a single word only when strong.
    heads = [" ".join(words[:k]) for k in range(1, max(cut, len(words) - 1) + 1) if k < len(words)]
    return [
        NameForm(form, len(form.split()) > 1 or _strong_single(form))
        for form in (*steps[1:], *heads)
        if _distinctive_en(form.split())
    ] + _mixed_forms(words, cut)


def _mixed_forms(words: list[str], cut: int) -> list[NameForm]:
    """The head in English, the trade in Chinese, as bilingual RMs write it: "Williams储能" for
    Williams Energy Storage, "Northwind货运" for Northwind Freight."""
    head = " ".join(words[:cut])
    if not 0 < cut < len(words) or not _distinctive_en(words[:cut]):
        return []
    for n in range(len(words) - cut, 0, -1):
        zh = _ZH_OF_EN.get(" ".join(w.lower().strip(",.") for w in words[cut : cut + n]))
        if zh:
            return [NameForm(head + zh, strong=True, spaced=True)]
    return []


def _bare_en(name: str) -> list[str]:
    """The name with its legal suffixes, bracketed place and trailing place taken off one at a
    time: "Tate Holdings Ltd" -> ["Tate Holdings Ltd", "Tate Holdings", "Tate"]."""
    steps = [name]
    bare = _PARENS.sub(" ", name).strip()
    while True:
        if bare != steps[-1]:
            steps.append(bare)
        shorter = _EN_SUFFIX.sub("", bare).strip().rstrip(",").strip()
        words = shorter.split()
        if len(words) > 1 and words[-1].lower() in PLACES_EN:
            shorter = " ".join(words[:-1])
        if shorter == bare or not shorter:
            return steps
        bare = shorter


def _distinctive_en(words: list[str]) -> bool:
    plain = [w.lower().strip(",.&") for w in words]
    return any(
        w and w not in COMMON_EN and w not in INDUSTRY_EN and w not in PLACES_EN for w in plain
    )


def _strong_single(word: str) -> bool:
    """A one-word head names the company alone unless it is also a common first name,
    surname or word: "Northwind" does; "Walker" (Walker Capital), "Global" do not."""
    w = word.lower()
    return (
        len(w) >= MIN_STRONG_EN
        and word[:1].isupper()
        and w not in _person_names()
        and w not in COMMON_EN
        and w not in PLACES_EN
    )


@lru_cache(maxsize=1)
def _person_names() -> frozenset[str]:
    """Common English first names and surnames (Faker's en_US lists: ~700 + 1,000)."""
    from faker.providers.person.en_US import Provider

    return frozenset(n.lower() for n in (*Provider.first_names, *Provider.last_names))


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# A product's name as RMs shorten it: "海盈稳享90天" is "海盈稳享", "海盈进取一号" "海盈进取",
# "Haiying Growth No.1" "Haiying Growth" — its term, series number or bracketed gloss left off.
_PRODUCT_TAIL = re.compile(
    r"\s*(?:[（(][^）)]*[）)]|(?:no\.?\s*)?[\d一二三四五六七八九十百]+\s*(?:天|日|个月|月|年|期|号|days?|"
    r"months?|years?|-day|-month|-year)?)\s*$",
    re.I,
)


def _distinctive(short: str) -> bool:
    """A shortened name still names one product: three Chinese characters or two words ("Fund"
    alone, left of "Fund 2", would be every fund)."""
    return len(short) >= 3 if not short.isascii() else len(short.split()) >= 2


def product_forms(name: str) -> tuple[str, ...]:
    """The name and its shortened forms that still name it."""
    out, rest = [name.strip()], name.strip()
    while (short := _PRODUCT_TAIL.sub("", rest)) and short != rest:
        rest = short
        if _distinctive(rest):
            out.append(rest)
    return tuple(dict.fromkeys(out))
