"""Tools that read one client: find, profile, signals, next best actions, interactions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from assistant.errors import EntitlementError
from assistant.privacy.dictionary import splits_a_word, word_edges
from assistant.privacy.tokens import TOKEN_RE
from tools.bank.records import ClientData, ClientRecord, ProductRecord
from tools.client_pick import ASK_BACK_MAX, described_by_surname
from tools.intelligence.action_rules import offers_within_grade
from tools.intelligence.age import age_on
from tools.intelligence.book import level
from tools.names.forms import company_forms, is_english_word
from tools.names.titles import Titled, addressed, titled
from tools.outcomes.keys import action_kind
from tools.toolbox import Toolbox, ToolError, ToolSpec

# Suffixes dropped so "华东精密" finds "华东精密机械有限公司" and "Bosch" finds "Bosch ... Co., Ltd.".
SUFFIXES = re.compile(
    r"(股份有限公司|有限责任公司|有限公司|集团|公司|,? ?(co\.,? ?ltd\.?|ltd\.?|inc\.?|llc))$", re.I
)


class FindClientsArgs(BaseModel):
    query: str = Field(
        description="The client's id as the bank writes it, a client or contact token "
        "(⟦CLIENT_1⟧, ⟦PERSON_1⟧) or part of the client's name"
    )
    limit: int = Field(default=5, ge=1, le=20)


class ClientArgs(BaseModel):
    client_id: str = Field(description="The client's id, exactly as find_clients returned it")


class InteractionsArgs(ClientArgs):
    limit: int = Field(default=5, ge=1, le=20)


def _short(name: str) -> str:
    return SUFFIXES.sub("", name.strip()).strip()


@dataclass(frozen=True, slots=True)
class NameForms:
    """A client's name in the forms a question may use, computed once per extract."""

    client_id: str
    name: str  # lower-cased
    short: str  # without the legal suffix
    lead: str  # the shortest distinctive start: first two words (ASCII) or 4 characters
    # Short Chinese heads that are also everyday words ("东升" of 东升机械制造有限公司): they name
    # the client only for its own RM, and only when the question names no one else.
    heads: tuple[str, ...] = ()

    @classmethod
    def of(cls, client: ClientRecord) -> NameForms:
        name, short = client.name.lower(), _short(client.name).lower()
        lead = " ".join(short.split()[:2]) if short.isascii() else short[:4]
        heads = tuple(
            f.text for f in company_forms(client.name) if not f.strong and not f.text.isascii()
        )
        return cls(client.client_id, name, short, lead, heads)


def _matches(client: ClientRecord | NameForms, query: str) -> bool:
    """The query is part of the name, or the question mentions the name or its distinctive
    start ("华东精密" for 华东精密机械有限公司, "Williams Energy" for Williams Energy Storage ...)."""
    f = client if isinstance(client, NameForms) else NameForms.of(client)
    q = query.strip().lower()
    if not q:
        return False
    if q in f.name or f.short in q:
        return True
    if f.short.isascii():
        return len(f.lead.split()) >= 2 and f.lead in q
    # Every longer start contains the 4-character lead: test that first (most names fail it).
    return f.lead in q and any(f.short[:k] in q for k in range(len(f.short) - 1, 3, -1))


def mention_key(f: NameForms) -> str:
    """What ``_matches`` needs in the question besides the question being part of the name:
    the lead (a Chinese name's first characters, which its short form starts with too), or an
    ASCII name's first word (in both its short form and its two-word lead)."""
    if not f.short.isascii():
        return f.lead
    words = f.short.split()
    return words[0] if words else ""


def find_clients(tb: Toolbox, args: FindClientsArgs) -> dict:
    tb.caller.require_client_access()
    named = named_clients(tb, args.query)
    if named is not None:
        clients = tb.services.bank.get_clients(named)
    else:
        book = tb.services.bank.get_clients(tb.caller.client_ids)
        clients = [c for c in book if _matches(c, args.query)]
    if not clients and (_names_someone(args.query) or _matches_outside_book(tb, args.query)):
        # The same answer whether the name belongs to another RM's client or to nobody:
        # "no match" for one and a refusal for the other would confirm who banks here.
        raise EntitlementError("that client is not in your book")
    if not clients and named is None:  # "东升怎么样了？": a short head of the asker's own client
        clients = [c for c in book if _by_head(NameForms.of(c), args.query)]
    if not clients and named is None:  # "Peter's company": a contact's first name
        clients = tb.services.bank.get_clients(by_given_name(tb, args.query))
    for c in clients[: args.limit]:
        tb.touch(c.client_id)
    return {"matches": [_summary(tb, c) for c in clients[: args.limit]], "total": len(clients)}


def client_ids_in(tb: Toolbox, text: str) -> list[str]:
    """Client ids written in ``text`` the way the bank writes them (any case, with or without
    separators). An id of the bank's shape that names no client is returned too, written in
    the bank's style: it must be refused exactly like a client of another book."""
    found = tb.services.intelligence.ids.find(text, kind="client")
    return list(dict.fromkeys(m.id for m in found))


def named_clients(tb: Toolbox, text: str) -> list[str] | None:
    """The caller's clients ``text`` names by id, client token or contact token; None when it
    names none of these. An id outside the book (or of no client) is refused; a name several
    clients share means the caller's own ones; a contact beside a company narrows it."""
    ids = client_ids_in(tb, text)
    if ids:  # an explicit client id decides; tokens beside it only name the same client
        for cid in ids:
            tb.caller.require(cid)  # a foreign or unknown id is refused, not silently dropped
        return ids
    tokens = [m.group(0) for m in TOKEN_RE.finditer(text)]
    named = {t: _owners(tb, t) for t in tokens if t.startswith("⟦CLIENT_")}
    people = [o for t in tokens if t.startswith("⟦PERSON_") and (o := _contact_owners(tb, t, text))]
    for token in list(named):  # "锦福黄玉兰": a client's name elsewhere, a contact of 锦福 here
        others = frozenset().union(*(o for t, o in named.items() if t != token))
        value = tb.value_for_token(token)
        if value and (by_name := tb.services.privacy.owners_of_name(value) & others):
            people.append(by_name)
            del named[token]
    companies = list(named.values())
    book = tb.caller.client_ids
    out: list[str] = []
    for owners in filter(None, companies):  # a name the bank no longer holds names no one
        owners = next((owners & p for p in people if owners & p), owners)
        own = sorted(owners & book)
        if not own:
            raise EntitlementError("that client is not in your book")
        out += _in_focus(tb, own)  # "星旭那个" after a list that holds one of the two 星旭
    if not companies:  # "我的客户王建国": a contact stands for their client
        out = [cid for p in people for cid in _in_focus(tb, sorted(p & book))]
    return list(dict.fromkeys(out)) or None


def _in_focus(tb: Toolbox, ids: list[str]) -> list[str]:
    """Of several clients a contact may belong to, the one the conversation is about."""
    focus = [cid for cid in tb.conversation_clients if cid in ids]
    return focus if len(ids) > 1 and len(focus) == 1 else ids


def mentioned_clients(tb: Toolbox, text: str) -> tuple[list[str], bool]:
    """Clients of the caller's book that a question names (by token, contact or part of the
    name: "华东精密"), and whether it names a client of another book instead. Not a tool call:
    the engine uses it to tell a client question from a policy question before choosing tools."""
    if tb.caller.role == "admin":
        return [], False
    try:
        named = named_clients(tb, text)
    except EntitlementError:
        return [], True
    except ToolError:
        named = None
    if named:
        return named, False
    book = tb.caller.client_ids
    candidates = tb.services.intelligence.mentions.candidates(text)
    own = [f.client_id for f in candidates if f.client_id in book and _matches(f, text)]
    if own:
        return own, False
    if _names_someone(text) or _matches_outside_book(tb, text):
        return [], True
    # "东升怎么样了？": a short head of the asker's own client. Another book's client is never
    # found this way, so an everyday word tells nothing about who banks here.
    forms = [f for f in tb.services.intelligence.name_forms if f.client_id in book]
    heads = [f.client_id for f in forms if _by_head(f, text)]
    return heads or by_given_name(tb, text), False


# "Peter's company", "ask Linda at …": an English first name, capitalised as a name is.
_GIVEN = re.compile(r"\b[A-Z][a-z]{2,}\b")
# "wiggins CD maturity date?", "Andrea的风险偏好": one word of a retail client's English name.
_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{4,}(?![A-Za-z])")


def by_given_name(tb: Toolbox, text: str) -> list[str]:
    """The caller's one client with a contact of this English first name, or whose own
    English name has this word (a first name or a surname, any case, no everyday English word);
    empty when none or several fit. Only the caller's own book is searched, so a name says
    nothing about who banks here (and, alone, identifies no one: it stays unmasked)."""
    plain = TOKEN_RE.sub(" ", text)
    words = {w.lower() for w in _GIVEN.findall(plain)}
    said = {m.group(0).lower() for m in _WORD.finditer(plain) if _name_like(plain, m)}
    if not words and not said:
        return []
    # "Olivias CD": a possessive typed without its apostrophe is the name too
    words |= {w[:-1] for w in words if len(w) > 4 and w.endswith("s")}
    said |= {w[:-1] for w in said if len(w) > 4 and w.endswith("s")}
    book = tb.services.intelligence.book_data(frozenset(tb.caller.client_ids))
    owners = {
        d.client.client_id
        for d in book
        for p in d.contacts
        if p.name.isascii() and p.name.split() and p.name.split()[0].lower() in words
    }
    if not owners and said:
        owners = {
            d.client.client_id
            for d in book
            if d.client.name.isascii() and said & _name_words(d.client.name, d.client.client_type)
        }
        # "Kowalski - what's in his TD?": a surname two of the caller's clients share is
        # asked back (which one), not dropped; a contact's first name alone must name one.
        if 1 < len(owners) <= ASK_BACK_MAX:
            return sorted(owners)
    return sorted(owners) if len(owners) == 1 else []


def _name_words(name: str, client_type: str) -> set[str]:
    """The words of an English name that name its holder: any word of a person's name, the
    first word of a company's ("Murray" of Murray Life Sciences China Co., Ltd.)."""
    words = [w.lower().strip(",.") for w in name.split()]
    return set(words) if client_type == "retail" else set(words[:1])


LONG_NAME_WORD = 6  # letters of a word taken for a name in any case ("wiggins")


def _name_like(text: str, m: re.Match[str]) -> bool:
    """A word that may be a client's first name or surname: no common English word, and long
    or capitalised mid-sentence ("ask Price about it", not "Price of the CD?")."""
    word = m.group(0)
    if is_english_word(word):
        return False
    mid_sentence = m.start() > 0 and not re.search(r"[.?!。？！]\s*$", text[: m.start()])
    return len(word) >= LONG_NAME_WORD or (word[0].isupper() and mid_sentence)


def _by_head(forms: NameForms, text: str) -> bool:
    """A short head of the name, as a word of its own: "海天" inside "上海天气" splits the
    everyday word 上海 and names no one."""
    found = [m for head in forms.heads for m in re.finditer(re.escape(head), text)]
    if not found:
        return False
    words = word_edges(text)
    return any(not splits_a_word(words, m.start(), m.end()) for m in found)


def _owners(tb: Toolbox, token: str) -> frozenset[str]:
    """The clients a client token stands for: its own client, or every client whose name
    (or a form of it) the token's value is."""
    cid = tb.client_id_for_token(token)
    if cid:
        return frozenset({cid})
    name = tb.value_for_token(token)
    if name is None:
        raise ToolError(f"{token} is not a client this conversation knows")
    return tb.services.privacy.owners_of_name(name)


def _contact_owners(tb: Toolbox, token: str, text: str) -> frozenset[str]:
    """The clients a person token is a contact of (empty for a person the bank does not know).
    A surname and title ("黄总", "Mr Huang") is a contact of the asker's own clients only."""
    cid = tb.client_id_for_token(token)
    if cid:
        return frozenset({cid})
    name = tb.value_for_token(token)
    if not name:
        return frozenset()
    owners = tb.services.privacy.owners_of_name(name)
    form = titled(name) if not owners else None
    contacted = frozenset(addressed_in_book(tb, form, text)) if form else frozenset()
    return (
        owners or contacted or _named_by_word(tb, name) or frozenset(described_by_surname(tb, name))
    )


def _named_by_word(tb: Toolbox, name: str) -> frozenset[str]:
    """The caller's retail clients whose English name has every word of ``name`` ("Mr Hughes":
    Ravi Hughes and Thomas Hughes, to pick from). Only the caller's book is searched."""
    words = {w.lower() for w in name.split()}
    if not name.isascii() or not words:
        return frozenset()
    book = tb.services.intelligence.book_data(frozenset(tb.caller.client_ids))
    return frozenset(
        d.client.client_id
        for d in book
        if d.client.client_type == "retail"
        and d.client.name.isascii()
        and words <= _name_words(d.client.name, "retail")
    )


def addressed_in_book(tb: Toolbox, form: Titled, text: str) -> list[str]:
    """The caller's clients with a contact ``form`` fits: those ``text`` also names by a short
    head ("启航的武总"), else the conversation's client when it is one of them, else all.
    Only the caller's book is searched: who else has a 黄总 is nobody's business here."""
    book = tb.services.intelligence.book_data(frozenset(tb.caller.client_ids))
    contacts = ((d.client.client_id, p.name, p.title) for d in book for p in d.contacts)
    fits = addressed(form, contacts)
    words = TOKEN_RE.sub(" ", text)
    fitting = set(fits)
    candidates = [f for f in tb.services.intelligence.name_forms if f.client_id in fitting]
    said = [f.client_id for f in candidates if _by_head(f, words) or _matches(f, words)]
    return said or _in_focus(tb, fits)


def _names_someone(query: str) -> bool:
    """A masked name (client or person) in the query: it names someone, known here or not."""
    return any(
        t.startswith(("⟦CLIENT_", "⟦PERSON_"))
        for t in [m.group(0) for m in TOKEN_RE.finditer(query)]
    )


def _matches_outside_book(tb: Toolbox, query: str) -> bool:
    q = query.strip()
    if len(q) < 4:
        return False
    return any(
        _matches(f, q)
        for f in tb.services.intelligence.mentions.candidates(q)
        if f.client_id not in tb.caller.client_ids
    )


def _summary(tb: Toolbox, c: ClientRecord) -> dict:
    found: dict[str, object] = {
        "client_id": c.client_id,
        "name": tb.token(c.name, "CLIENT", c.client_id),
        "client_type": c.client_type,
        "industry": c.industry,
        # What tells two clients of one name apart in a which-one ("the one onboarded in 2011",
        # "杭州那个"): neither is an identifier.
        "branch": c.branch,
        "onboarded": c.onboard_date.year,
    }
    if c.rm_id != tb.caller.rm_id:  # a team lead's match in a colleague's book: whose it is
        found["rm"] = _manager(tb, c.rm_id)
    return found


def get_client_profile(tb: Toolbox, args: ClientArgs) -> dict:
    data = tb.client_data(args.client_id)
    insight = tb.insight(data)
    out = {
        **_profile(tb, data),
        "tier": insight.tier.tier,
        "tier_label": _tier_label(insight.tier, tb.language),
        "tier_explanation": _tier_explanation(insight.tier, tb.language),
        "next_tier": tb.services.intelligence.next_tier(data, insight.tier, tb.services.as_of),
        "rm": _manager(tb, data.client.rm_id),
    }
    if insight.needs is not None:
        zh = tb.language == "zh"
        out["needs_segment"] = insight.needs.segment
        out["needs_label"] = insight.needs.label_zh if zh else insight.needs.label_en
        out["needs_explanation"] = (
            insight.needs.explanation_zh if zh else insight.needs.explanation_en
        )
    if experience := _experience(tb, data):
        out["experience"] = experience
    return out


def _experience(tb: Toolbox, data: ClientData) -> dict:
    """服务体验: the client's open complaints (each pauses marketing) and last survey, its
    comment masked like a note; empty when the extract has neither."""
    from tools.contact.check import open_complaints
    from tools.content_tools import contact_policy

    cid = data.client.client_id
    policy = contact_policy(tb)
    out: dict = {}
    if open_ := open_complaints(policy, data.complaints):
        out["open_complaints"] = [
            {"category": c.category, "received": c.date.isoformat(), "due": c.due_date.isoformat(),
             "overdue": c.due_date < tb.services.as_of}
            for c in open_
        ]  # fmt: skip
    if surveys := tb.services.bank.surveys_for([cid]):
        last = surveys[-1]
        out["last_survey"] = {
            "date": last.date.isoformat(),
            "score": round(last.score, 1),
            "scale": last.scale or 10,
            "comment": tb.untrusted(tb.mask_text(last.comment)) if last.comment else None,
        }
    return out


def _manager(tb: Toolbox, rm_id: str) -> dict:
    """The client's RM as the extract names them ("谁管的"): a colleague's name is not client
    PII, and the caller reads only clients of a book they may read."""
    rm = next((r for r in tb.services.intelligence.rms if r.rm_id == rm_id), None)
    return {"rm_id": rm_id, "name": rm.name if rm else None, "is_caller": rm_id == tb.caller.rm_id}


def _profile(tb: Toolbox, data: ClientData) -> dict:
    c, products = data.client, tb.services.products
    m = tb.services.intelligence.metrics(data, tb.services.as_of)
    cid = c.client_id
    # Every personal value of the profile tokenised in one vault transaction, in display order.
    values: list[tuple[str | None, str, str | None]] = [
        (c.name, "CLIENT", cid),
        (c.phone, "PHONE", cid),
        (c.email, "EMAIL", cid),
        (c.registration_id, "USCC" if c.client_type == "corporate" else "ID", cid),
    ]
    values += [
        (h.account_no, "CARD" if (h.account_no or "").startswith("62") else "ACCOUNT", cid)
        for h in data.holdings
    ]
    for p in data.contacts:
        values += [(p.name, "PERSON", cid), (p.phone, "PHONE", cid)]
    tokens = iter(tb.tokens(values))
    name, phone, email, registration = (next(tokens) for _ in range(4))
    return {
        "client_id": cid,
        "name": name,
        "client_type": c.client_type,
        "industry": c.industry,
        "branch": c.branch,
        "onboard_date": str(c.onboard_date),
        "risk_appetite": c.risk_appetite,
        "risk_rating": c.risk_rating,  # the bank's internal (credit) rating, as the extract has it
        # An older client's protections depend on the age, never on the number it comes from.
        "age": age_on(c.registration_id, tb.services.as_of) if c.client_type == "retail" else None,
        "employees": c.employees,
        "annual_revenue": c.annual_revenue,
        "phone": phone,
        "email": email,
        "registration_id": registration,
        "metrics": m,
        "as_of": tb.services.as_of.isoformat(),  # the extract's day: what is still to mature
        "months": _months(data),
        "facts": tb.services.intelligence.facts(data, tb.services.as_of, tb.language),
        "holdings": [
            {
                "product_code": h.product_code,
                "product": products[h.product_code].name
                if h.product_code in products
                else h.product_code,
                "risk_level": products[h.product_code].risk_level
                if h.product_code in products
                else None,
                "balance": round(h.balance, 2),
                "maturity_date": str(h.maturity_date) if h.maturity_date else None,
                "account_no": next(tokens),
            }
            for h in data.holdings
        ],
        "contacts": [
            {
                "name": next(tokens),
                "title": p.title,
                "phone": next(tokens),
                "is_primary": p.is_primary,
            }
            for p in data.contacts
        ],
    }


MONTHS_SHOWN = 12  # a year of month-end figures: enough for "last 6 months" or "this year"


def _months(data: ClientData) -> list[dict]:
    """The latest months' figures, oldest first: what "trend", "now" and "any transactions"
    are answered from (amounts are not personal data; they stay unmasked)."""
    return [
        {
            "month": b.month,
            "avg_daily_deposit": round(b.avg_daily_deposit, 2),
            "loan_balance": round(b.loan_balance, 2),
            "transaction_count": b.transaction_count,
        }
        for b in data.balances[-MONTHS_SHOWN:]
    ]


def _tier_label(tier: object, language: str) -> str:
    return getattr(tier, "label_zh" if language == "zh" else "label_en")


def _tier_explanation(tier: object, language: str) -> str:
    return getattr(tier, "explanation_zh" if language == "zh" else "explanation_en")


def open_items(
    tb: Toolbox, client_id: str, items: Sequence[Any], kind_of: Any
) -> list[tuple[str | None, Any]]:
    """``items`` (signals or actions) no outcome closes or hides today, each with its action
    key (None when outcomes are not kept here)."""
    svc = tb.services.outcomes
    if svc is None:
        return [(None, x) for x in items]
    day = svc.today()
    book = svc.book([client_id], day)
    keyed = [(svc.ref(client_id, kind_of(x), x, day).key, x) for x in items]
    return [(key, x) for key, x in keyed if book.is_open(key)]


def get_client_signals(tb: Toolbox, args: ClientArgs) -> dict:
    data = tb.client_data(args.client_id)
    insight = tb.insight(data)
    zh = tb.language == "zh"
    cid = data.client.client_id
    signals = open_items(tb, cid, insight.signals, lambda s: s.kind)
    return {
        "client_id": cid,
        "signals": [
            {
                "action_key": key,
                "kind": s.kind,
                "severity": s.severity,
                "title": s.title_zh if zh else s.title_en,
                "detail": s.detail_zh if zh else s.detail_en,
                "due_date": str(s.due_date) if s.due_date else None,
                "product_code": s.product_code,
                "playbook": s.playbook,
                # Why the rule fired (a product gap: "payroll" or "peers"), when it says.
                "basis": s.facts.get("basis"),
            }
            for key, s in signals
        ],
        # Signals the RM marked done, or put off for now: not shown again until they recur.
        "set_aside": len(insight.signals) - len(signals),
    }


def recommend_next_actions(tb: Toolbox, args: ClientArgs) -> dict:
    data = tb.client_data(args.client_id)
    insight = tb.insight(data)
    zh = tb.language == "zh"
    cid = data.client.client_id
    actions = open_items(tb, cid, insight.actions, lambda a: action_kind(a.signal_kind, a.kind))
    tb.shown_actions = [
        {"action_key": key, "client_id": cid, "kind": action_kind(a.signal_kind, a.kind)}
        for key, a in actions
        if key
    ]
    return {
        "client_id": cid,
        "actions": [
            {
                "action_key": key,
                "title": a.title_zh if zh else a.title_en,
                "reason": a.reason_zh if zh else a.reason_en,
                "due_date": str(a.due_date) if a.due_date else None,
                "playbook": a.playbook,
                "product_code": a.product_code,
                "score": round(a.score, 3),
            }
            for key, a in actions
        ],
        # Actions the RM marked done, or put off for now (see record_action_outcome).
        "set_aside": len(insight.actions) - len(actions),
        # What the client may be offered when asked how to put money to work ("260万都放活期，
        # 给点配置建议"): within the grade, not held, the safest first.
        "offers": [
            {
                "product_code": p.product_code,
                "name": p.name if zh else p.name_en or p.name,
                "risk_level": p.risk_level,
            }
            for p in _allocation(data, tb)
        ],
    }


ALLOCATION_OFFERS = 3


def _allocation(data: ClientData, tb: Toolbox) -> list[ProductRecord]:
    intel = tb.services.intelligence
    offers = offers_within_grade(data, intel.products, intel.policy)
    return sorted(offers, key=lambda p: level(p.risk_level) or 0)[:ALLOCATION_OFFERS]


def get_interactions(tb: Toolbox, args: InteractionsArgs) -> dict:
    data = tb.client_data(args.client_id)
    # Notes are free text written by RMs and can hold phone or ID numbers: mask them too.
    recent = data.interactions[: args.limit]
    summaries = tb.mask_texts([i.summary for i in recent])
    return {
        "client_id": data.client.client_id,
        "interactions": [
            {"date": str(i.date), "channel": i.channel, "summary": tb.untrusted(summary)}
            for i, summary in zip(recent, summaries, strict=True)
        ],
    }


SPECS = [
    ToolSpec(
        "find_clients",
        FindClientsArgs,
        "Find clients in the caller's own book by client id, client or contact token, or part of "
        "the name. Returns client ids with masked names. A client outside the caller's book is "
        "refused, and so is an id of no client: the answer never tells the two apart.",
        find_clients,
    ),
    ToolSpec(
        "get_client_profile",
        ClientArgs,
        "The client 360 profile: type, industry, tier with its explanation, balances and trend metrics, "
        "the last 12 months' average daily deposits, loan balances and transaction counts, "
        "holdings with maturities, contacts (masked).",
        get_client_profile,
    ),
    ToolSpec(
        "get_client_signals",
        ClientArgs,
        "Signals for one client: deposit churn, maturities within 30/60/90 days, product gaps against peers, "
        "dormancy, growth, suitability mismatches — each with its follow-up deadline and playbook.",
        get_client_signals,
    ),
    ToolSpec(
        "recommend_next_actions",
        ClientArgs,
        "Next best actions for one client ranked by value and urgency, each with its reason, deadline, the "
        "playbook that backs it and its action_key (for record_action_outcome). Actions the RM marked "
        "done or put off are left out (counted in set_aside).",
        recommend_next_actions,
    ),
    ToolSpec(
        "get_interactions",
        InteractionsArgs,
        "The client's most recent interaction notes (date, channel, masked summary), newest first.",
        get_interactions,
    ),
]
