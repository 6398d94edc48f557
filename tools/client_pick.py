"""Picking from clients already on screen: the one a short description fits ("上海那家",
"the Hangzhou one", "the machinery one") and the one a measure ranks first ("存款最多的那家",
"the one with the most loans"). Not tool calls: the engine hands in ids and gets ids back, it
never sees a name, a branch or an address.

English and pinyin words are matched against forms derived from the client's own data (the
pinyin of its branch, address and name; the English of its industry words), so a bank in any
city needs no list of place names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import lazy_pinyin

from assistant.privacy.tokens import TOKEN_RE
from tools.bank.records import ClientRecord
from tools.book_query import BookQuery
from tools.intelligence.book_select import rank
from tools.names.forms import INDUSTRY_ZH
from tools.names.staff import forms as staff_forms
from tools.names.staff import mentioned
from tools.names.titles import COMPOUND_SURNAMES, ZH_TITLED, addressed, surname, titled
from tools.toolbox import Toolbox

# Words of a reply that describe nothing ("那家", "the ... one", "the one in ...").
_FILLER = re.compile(
    r"那家|这家|那个|这个|那位|这位|客户|公司|\b(the|that|this|one|client|company|please|pls|"
    r"in|from|with|based|located)\b",
    re.I,
)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[a-z]{3,}")
MAX_SYLLABLES = 4  # "shanghai" (2), "hangzhou" (2), "xiaoshan" (2), "zhangjiagang" (3)


_GRADE = re.compile(r"(?<![A-Za-z0-9])C[1-5](?![0-9])", re.I)


# "the logistics one not the cold chain", "不是冷链那家，物流那家": the words after the negation
# describe the one not meant (to the next clause).
NOT_THIS = re.compile(
    r"\b(?:but not|not|rather than|instead of)\s+(?:the\s+)?|(?<!是)不是|不要|除了", re.I
)
CLAUSE_END = re.compile(r"[，,;；。]|\bbut\b|而是|是(?=[\u4e00-\u9fff])")


_OPENED_YEAR = re.compile(
    r"(?:onboarded|opened|joined|signed up|became a client|client since|since)\D{0,12}((?:19|20)\d\d)\b|"
    r"((?:19|20)\d\d)\s*年?(?:开户|开的户|入行|签约|成为客户|来的|建立关系)|"
    r"(?:开户|开的户|入行)(?:时间|日期|年份)?(?:在|是|于)?\s*((?:19|20)\d\d)",
    re.I,
)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MATURES_ON = re.compile(
    r"(?:(?P<zm>\d{1,2})\s*月\s*)?(?P<zd>\d{1,2})\s*[号日](?:那天|那笔)?\s*(?:要)?到期|"
    r"到期(?:日|时间)?(?:是|在)?\s*(?:(?P<zm2>\d{1,2})\s*月\s*)?(?P<zd2>\d{1,2})\s*[号日]|"
    r"\bmatur\w*\s+(?:on\s+)?(?:the\s+)?(?:(?P<em>[a-z]{3})[a-z]*\.?\s+)?(?P<ed>\d{1,2})(?:st|nd|rd|th)?\b",
    re.I,
)


def _maturing_on(tb: Toolbox, clients: list[ClientRecord], said: re.Match[str]) -> list[str]:
    """The clients whose holding matures on the day said (a month said must match too)."""
    day = int(said["zd"] or said["zd2"] or said["ed"])
    month_said = said["zm"] or said["zm2"]
    month = int(month_said) if month_said else None
    if said["em"]:
        month = _MONTHS.index(said["em"].lower()) + 1 if said["em"].lower() in _MONTHS else None
    out = []
    for c in clients:
        dates = [h.maturity_date for h in tb.client_data(c.client_id).holdings if h.maturity_date]
        if any(d.day == day and (month is None or d.month == month) for d in dates):
            out.append(c.client_id)
    return out


def pick_clients(tb: Toolbox, text: str, candidate_ids: list[str]) -> list[str]:
    """The one candidate a short description picks, by its name, industry, branch and address
    (the bank's glossary bridges languages; pinyin and industry English come from the data);
    empty when the words fit none or several equally. Words after "not" / "不是" rule one out."""
    if (m := NOT_THIS.search(text)) is not None:
        rest = text[m.end() :]
        end = CLAUSE_END.search(rest)
        excluded, after = (rest[: end.start()], rest[end.end() :]) if end else (rest, "")
        ruled_out = set(pick_clients(tb, excluded, candidate_ids)) if excluded.strip() else set()
        left = [c for c in candidate_ids if c not in ruled_out]
        if ruled_out and (wanted := (text[: m.start()] + " " + after).strip()):
            picked = pick_clients(tb, wanted, left)
            if picked:
                return picked
        if ruled_out:
            return left if len(left) == 1 else []
    clients = tb.services.bank.get_clients([c for c in candidate_ids if tb.caller.may_read(c)])
    # "the C2 one": the one client on screen of that risk grade
    if (grade := _GRADE.search(text)) and (
        graded := [
            c.client_id
            for c in clients
            if (c.risk_appetite or "").upper() == grade.group(0).upper()
        ]
    ):
        return graded if len(graded) == 1 else []
    # "那个4号到期的", "the one maturing on the 10th": the one client with a holding due that day
    if (due := _MATURES_ON.search(text)) and (dated := _maturing_on(tb, clients, due)):
        return dated if len(dated) == 1 else []
    # "the one onboarded in 2011", "2018年开户的那个": the one client on screen opened that year
    if (year := _OPENED_YEAR.search(text)) and (
        opened := [c.client_id for c in clients if str(c.onboard_date.year) in year.groups()]
    ):
        return opened if len(opened) == 1 else []
    # "the corporate one", "个人那位": the one client on screen of that kind
    if (kind := _kind_said(text)) and (
        of_kind := [c.client_id for c in clients if c.client_type == kind]
    ):
        return of_kind if len(of_kind) == 1 else []
    best = best_described(tb, text, clients)
    return best if len(best) == 1 else []


def best_described(tb: Toolbox, text: str, clients: list[ClientRecord]) -> list[str]:
    """The clients the words fit best, tied ones all ("那个化工的" with two chemical firms on
    screen: both, for the engine to ask which); empty when they fit none."""
    terms = _description_terms(tb, text)
    if not terms:
        return []
    scored = sorted(((_fit(c, terms), c.client_id) for c in clients), reverse=True)
    if not scored or scored[0][0] <= 0:
        return []
    return sorted(cid for score, cid in scored if score == scored[0][0])


def tied_description(tb: Toolbox, text: str, candidate_ids: list[str]) -> list[str]:
    """The candidates a description fits equally best (several: the RM is asked which)."""
    clients = tb.services.bank.get_clients([c for c in candidate_ids if tb.caller.may_read(c)])
    order = {cid: i for i, cid in enumerate(candidate_ids)}
    return sorted(best_described(tb, text, clients), key=lambda cid: order.get(cid, 0))


_CORPORATE_ONE = re.compile(
    r"\b(?:corporate|company|business|commercial)(?: client| customer)? one\b|"
    r"(?:对公|公司|企业|单位)(?:的|客户)?那(?:家|个|位|户)",
    re.I,
)
_RETAIL_ONE = re.compile(
    r"\b(?:retail|individual|personal|private)(?: client| customer)? one\b|\bthe (?:person|individual)\b|"
    r"(?:个人|零售|私人)(?:的|客户)?那(?:个|位|户)",
    re.I,
)


def _kind_said(text: str) -> str | None:
    if _CORPORATE_ONE.search(text):
        return "corporate"
    return "retail" if _RETAIL_ONE.search(text) else None


def largest_maturing(
    tb: Toolbox, candidate_ids: list[str], within_days: int | None, from_days: int = 0
) -> list[str]:
    """ "金额最大的那笔" of a maturity list: the candidate whose holding maturing in the window
    (from today on, when no window was set) is the largest; empty when none matures."""
    as_of = tb.services.as_of
    best: tuple[float, str] | None = None
    readable = frozenset(c for c in candidate_ids if tb.caller.may_read(c))
    # Read without touching: only the one picked is what the answer is about.
    for data in tb.services.intelligence.book_data(readable):
        cid = data.client.client_id
        for h in data.holdings:
            if h.maturity_date is None:
                continue
            days = (h.maturity_date - as_of).days
            if days < from_days or (within_days is not None and days > within_days):
                continue
            if best is None or h.balance > best[0]:
                best = (h.balance, cid)
    return [best[1]] if best else []


def rank_clients(
    tb: Toolbox, candidate_ids: list[str], measure: str, descending: bool | None = None
) -> list[str]:
    """The candidates the caller may read, ranked by a ``tools.book_query.Measure`` the way a
    book query ranks (clients without the figure last)."""
    wanted = {c for c in candidate_ids if tb.caller.may_read(c)}
    rows = [
        r for r in tb.services.intelligence.book_rows(tb.caller.client_ids) if r.client_id in wanted
    ]
    query = BookQuery(sort_by=measure, descending=descending)  # type: ignore[arg-type]
    return [r.client_id for r in rank(rows, query) if r.measure(measure) is not None]


def _description_terms(tb: Toolbox, text: str) -> dict[str, float]:
    """Bigrams and words weigh one, single characters a little: "船厂" still finds 船舶."""
    words = _FILLER.sub(" ", text.lower())
    glossary = getattr(tb.services.retriever, "glossary", None)
    extra = " ".join(glossary.expand(words).phrases) if glossary is not None else ""
    terms: dict[str, float] = {}
    for source, weight in ((words, 1.0), (extra, 0.5)):
        for run in _CJK_RUN.findall(source):
            for i in range(len(run) - 1):
                terms.setdefault(run[i : i + 2], weight)
            for ch in run:
                terms.setdefault(ch, 0.2 * weight)
        for word in _WORD.findall(source):
            terms.setdefault(word, weight)
    return terms


def _fit(client: ClientRecord, terms: dict[str, float]) -> float:
    """A single character counts only in the name or industry (an address has too many); a
    Latin word counts when it is one of the client's derived forms or part of its own text."""
    own = f"{client.name} {client.industry or ''}".lower()
    where = f"{own} {client.branch or ''} {client.address or ''}".lower()
    forms = latin_forms(
        client.name, client.industry or "", client.branch or "", client.address or ""
    )
    score = 0.0
    for term, weight in terms.items():
        if _WORD.fullmatch(term):
            score += weight if term in forms or re.search(rf"\b{term}\b", where) else 0.0
        elif term in (where if len(term) > 1 else own):
            score += weight
    return score


@lru_cache(maxsize=4096)
def latin_forms(name: str, industry: str, branch: str, address: str) -> frozenset[str]:
    """How an English speaker may name this client's place or trade: the pinyin of every run of
    two to four syllables of its branch, address and name ("shanghai", "pudong", "hangzhou"),
    and the English of the industry words it carries ("machinery", "electronics")."""
    forms: set[str] = set()
    for run in _CJK_RUN.findall(f"{branch} {address} {name}"):
        syllables = lazy_pinyin(run)
        for n in range(2, MAX_SYLLABLES + 1):
            for i in range(len(syllables) - n + 1):
                forms.add("".join(syllables[i : i + n]))
    for zh, en in INDUSTRY_ZH.items():
        if zh in name or zh in industry:
            forms.update(en.lower().split())
    return frozenset(forms)


# "电力设备那家", "远领那个": the run of Chinese just before a pointer.
_BEFORE_POINTER = re.compile(r"([\u4e00-\u9fff]{2,12}?)(?:的)?(?:那家|这家|那个|这个)")
# Parts of a name every company shares: they describe none of them.
_LEGAL = re.compile(r"有限|公司|集团|股份|实业|客户")


def described_by_name(tb: Toolbox, text: str) -> list[str]:
    """The caller's clients whose names hold the words just before a pointer ("电力设备那家":
    every client with 电力设备 in its name), the longest such words first; empty when no part
    of at least two characters is in any name."""
    m = _BEFORE_POINTER.search(text)
    if m is None:
        return []
    run = m.group(1)
    book = tb.services.bank.get_clients(sorted(tb.caller.client_ids))
    for start in range(len(run) - 1):
        part = run[start:]
        if _LEGAL.search(part):
            continue
        found = [c.client_id for c in book if part in c.name]
        if found:
            return found
    return []


ASK_BACK_MAX = 5  # clients a name or a surname may ask back among; more is no way of naming one
# A surname as said: a compound one whole ("欧阳"), else one character.
_SAID_SURNAME = "({}|[\u4e00-\u9fff])".format("|".join(sorted(COMPOUND_SURNAMES)))
# A retail client described by surname only: "姓魏的那个客户", "那位姓张的"; "老魏", "魏先生",
# "魏阿姨" as an older client is addressed (a word like 老板 names no client's surname, so it
# finds no one; "小王" is left alone: it is how a team lead names a colleague).
_SURNAME = re.compile(
    rf"姓{_SAID_SURNAME}(?:的|那)|(?<![\u4e00-\u9fff])老{_SAID_SURNAME}|"
    rf"(?<![\u4e00-\u9fff]){_SAID_SURNAME}(?:先生|女士|小姐|阿姨|叔|大爷|大姐|老师)"
)


def described_by_contact(tb: Toolbox, text: str) -> list[str]:
    """The caller's clients a person named in ``text`` is a contact of ("韩铁军企微回复…" about
    the company whose 法人代表 he is): the one client when every contact named belongs to it,
    else nothing (two companies' people leave the note's client to be asked)."""
    owners = {
        tb.client_id_for_token(m.group(0))
        for m in TOKEN_RE.finditer(text)
        if m.group(1) == "PERSON"
    }
    owners.discard(None)
    mine = {cid for cid in owners if cid in tb.caller.client_ids}
    return sorted(mine) if len(mine) == 1 and mine == owners else []  # type: ignore[arg-type]


def described_by_surname(tb: Toolbox, text: str) -> list[str]:
    """The caller's retail clients whose Chinese name starts with the surname said ("姓魏的那个
    客户", "老沈", "沈先生"); empty when none is said, none fits, or more fit than can be asked
    back among."""
    m = _SURNAME.search(text)
    if m is None:
        return _by_pinyin_surname(tb, text)
    said = next(g for g in m.groups() if g)
    book = tb.services.bank.get_clients(sorted(tb.caller.client_ids))
    fits = [c.client_id for c in book if c.client_type == "retail" and c.name.startswith(said)]
    return fits if len(fits) <= ASK_BACK_MAX else []


# "any news on Yao?": a capitalised word inside an English sentence that is the pinyin of
# the surname of some of the caller's retail clients (never the sentence's first word).
_CAPITALISED = re.compile(r"(?<=[a-z,;:] )(?:(?:Mr|Mrs|Ms|Miss)\.? )?([A-Z][a-z]{1,5})\b")


def _by_pinyin_surname(tb: Toolbox, text: str) -> list[str]:
    if not _CAPITALISED.search(text):
        return []
    for rm in mentioned(text, tb.services.intelligence.rms):
        # "how many churn alerts does Dong Ling have": a colleague's name, not two surnames
        for form in staff_forms(rm.name):
            text = re.sub(rf"(?<![a-z]){re.escape(form)}(?![a-z])", " ", text, flags=re.I)
    words = {w.lower() for w in _CAPITALISED.findall(text)}
    if not words:
        return []
    book = tb.services.bank.get_clients(sorted(tb.caller.client_ids))
    fits = [
        c.client_id
        for c in book
        if c.client_type == "retail"
        and _CJK_RUN.fullmatch(c.name)
        and "".join(lazy_pinyin(surname(c.name))) in words
    ]
    return fits if len(fits) <= ASK_BACK_MAX else []


def described_by_industry(tb: Toolbox, text: str) -> list[str]:
    """The caller's clients in the one industry ``text`` names ("那家做纺织的"): a client the
    RM describes instead of naming. Empty when no industry of the book is named, or several
    industries are."""
    book = tb.services.bank.get_clients(sorted(tb.caller.client_ids))
    named = {c.industry for c in book if c.industry and len(c.industry) >= 2 and c.industry in text}
    if len(named) != 1:
        return []
    return [c.client_id for c in book if c.industry in named]


def named_among(tb: Toolbox, text: str, candidate_ids: list[str]) -> list[str]:
    """ "德明" (masked as a person) answering "冯德明 or 冯晨阳?": the one offered client whose
    name holds a masked name's value (a given name, a part of a company's name); empty when it
    fits none or several. The masker knows only that the words look like a name; the clients
    just offered are what they are most likely part of."""
    names = [m.group(0) for m in TOKEN_RE.finditer(text) if m.group(1) in ("CLIENT", "PERSON")]
    values = [v for t in names if (v := tb.value_for_token(t)) and len(v.strip()) >= 2]
    if not values:
        return []
    clients = tb.services.bank.get_clients([c for c in candidate_ids if tb.caller.may_read(c)])
    fits = [
        c.client_id for c in clients if any(v.strip().lower() in c.name.lower() for v in values)
    ]
    return fits if len(fits) == 1 else []


def by_titled_contact(tb: Toolbox, text: str, candidate_ids: list[str]) -> list[str]:
    """ "明天见Saltmarsh的张总" with two Saltmarsh companies: the one candidate a contact said
    by surname and title belongs to; empty when it fits none or several. (A person's token is
    not read for its owner: two clients of one name share it.)"""
    # the masker takes "张总" for a person: its value, read back inside the tool (never shown)
    values = [
        tb.value_for_token(m.group(0)) or ""
        for m in TOKEN_RE.finditer(text)
        if m.group(1) == "PERSON"
    ]
    said = [
        f
        for piece in [TOKEN_RE.sub(" ", text), *values]
        for m in ZH_TITLED.finditer(piece)
        if (f := titled(m.group(0))) is not None
    ]
    if not said:
        return []
    readable = [cid for cid in candidate_ids if tb.caller.may_read(cid)]
    contacts = [
        (cid, p.name, p.title or "") for cid in readable for p in tb.client_data(cid).contacts
    ]
    fits = {cid for form in said for cid in addressed(form, contacts)}
    return [cid for cid in candidate_ids if cid in fits] if len(fits) == 1 else []
