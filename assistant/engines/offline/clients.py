"""The client intents (serve_client, client_facts, draft_outreach): find the client the turn is
about, read the profile, hand it to the intent's module."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, replace

from assistant.core.types import StatusEvent
from assistant.engines.base import EngineResult
from assistant.engines.offline import (
    client_facts,
    contact_dates,
    draft_each,
    draft_outreach,
    playbook_qa,
    serve_client,
)
from assistant.engines.offline import (
    compose as c,
)
from assistant.engines.offline.direct import asked_to_proceed, asks_yes_no, suitability_lead
from assistant.engines.offline.followup import kept_by_filter
from assistant.engines.offline.phrases import t
from assistant.engines.offline.playbook_qa import SUITABILITY_GRADE
from assistant.engines.offline.playbooks import find, lookup
from assistant.engines.offline.products import named_products
from assistant.engines.offline.request import Request
from assistant.privacy.tokens import TOKEN_RE
from tools.client_pick import by_titled_contact
from tools.compliance.products import level_number
from tools.content_tools import disclosure_sentence
from tools.toolbox import Refusal, ToolError

CANDIDATES = 5
BY_INTENT = {
    "serve_client": serve_client.answer,
    "client_facts": client_facts.answer,
    "draft_outreach": draft_outreach.answer,
}


async def answer(req: Request) -> EngineResult:
    if req.intent == "serve_client" and client_facts.ALLOWANCE_ASKED.search(req.text):
        req = replace(req, intent="client_facts")  # "how many more texts can I send X": a fact
    if req.intent == "draft_outreach" and (each := await draft_each.several(req)):
        if isinstance(each, EngineResult):
            return each  # a segment with nobody in it
        return await draft_each.answer(req, each)  # "给这两家都写个微信提醒"
    picked = await resolve_client(req)
    if picked is None and req.intent == "serve_client":
        # "客户说钱要转走了怎么办" names no client: what it gets is the playbooks' answer (so
        # that is its intent), with an offer to make it specific once the client is named.
        general = await playbook_qa.answer(req)
        general.text = c.join([[general.text], [t("which_client_for_plan", req.lang)]])
        return general
    if picked is None and req.intent == "draft_outreach":
        return await draft_outreach.without_client(req)
    if picked is None:
        return EngineResult(t("which_client", req.lang), req.intent)
    if isinstance(picked, EngineResult) and req.intent == "draft_outreach" and picked.state:
        # "email Haiyue - tell them we guarantee 2.5%" when two clients are Haiyue: which one,
        # after what the message can never say.
        warned = await draft_outreach.without_client(req, [picked.text])
        warned.state = picked.state
        return warned
    if isinstance(picked, EngineResult):
        picked.intent = req.intent
        return picked
    await req.emit(StatusEvent(text=t("reading", req.lang)))
    profile = await req.tb.acall("get_client_profile", {"client_id": picked})
    result = await BY_INTENT[req.intent](req, profile)
    if req.intent != "draft_outreach":
        result = await client_leads(req, picked, result, profile)
    # A draft answers "may they buy it?" only when the turn asks it ("跟他们说…，他们C3能买吧？"):
    # the yes or no leads, before what the message may say.
    asks = req.intent != "draft_outreach" or asks_yes_no(req.text) or QUESTION.search(req.text)
    if asks and (fit := await client_suitability(req, profile)):
        result.text = c.join([[fit.text], [result.text]])
        if fit.declines(req.text):  # "你帮我直接办了": the sale asked for is not carried out
            result.refused, result.refusal_reason = True, "out_of_policy"
    return result.with_state({"client_ids": [picked]})


async def client_leads(
    req: Request, client_id: str, result: EngineResult, profile: dict | None = None
) -> EngineResult:
    """What leads an answer about one client, before it: the contact dates the turn asks for
    ("按规定我最晚哪天得第一次联系他们"), and the conduct rule the RM's own words ask to break
    ("你帮我直接跟他们承诺比别家高0.5个点") — a request (not a question) to do it is declined."""
    if contact_dates.asks_contact_date(req.text):
        profile = profile or await req.tb.acall("get_client_profile", {"client_id": client_id})
        if lines := await contact_dates.contact_dates(req, profile):
            result.text = c.join([lines, [result.text]])
    breach = await draft_outreach.breaches(req, client_id)
    if breach is None or any(f in result.flags for f in breach.flags):
        return result  # nothing broken, or the answer already judged it
    result.text = c.join([[breach.text], [result.text]])
    result.flags = [*result.flags, *breach.flags]
    if breach.refused and not result.refused:
        result.refused, result.refusal_reason = True, breach.refusal_reason
    return result


# "胡杰是C4，能买积存金吗", "jin dong wants to top up his hybrid fund, ok?", "适合买X吗": may this
# client buy that product.
BUY = re.compile(
    r"(能|可以|可不可以|能不能|适合|适不适合|允许)\s*(给(她|他|客户|人家)?)?\s*"
    r"(买|购买|认购|申购|加仓|追加|投|配置|办|做|加点|加一点|再加|多买|再买)|"
    r"(买|购买|认购|申购|加仓|追加|加点|加一点|再买)[^。！？?]{0,16}(吗|么|不|行不行|可以不)|"
    r"\b(buy|purchase|invest in|top up|add to|subscribe)\b.{0,60}"
    r"(\?|\bok\b|\bokay\b|\ballowed\b|\bsuitable\b|\bfine\b)|"
    # "wants another 500k into the equity fund, ok to process?": money put into a product
    r"\b(?:wants?|put|move|add|switch)\b[^?]{0,30}\binto (?:the |a |an |her |his |their )?[\w -]{0,30}"
    r"\b(?:fund|wealth|product|insurance|trust|gold|structured)\b.{0,30}(\?|\bok\b|\bokay\b|\ballowed\b|\bfine\b)|"
    r"\b(can|may|could|should)\b.{0,30}\b(buy|purchase|invest in|top up|subscribe)\b|"
    # "帮她再加仓20万股票基金精选吧": a purchase the RM is about to make for the client
    r"(?:帮|替|给)(?:她|他|客户|他们|人家|⟦CLIENT_\d+⟧)?(?:再|多)?(?:加仓|追加|买入?|购买|申购|认购|加点|下单)|"
    # "X想买股票基金 帮我推一下": what the client wants is checked before it is pitched
    r"(想|要|打算|准备|有意)(买|购买|认购|申购|投资?|配置|加仓|追加|补仓|多买|再买)|"
    r"\binsists? on (?:buying|topping up|adding|getting)\b|"
    r"\bwants? to (buy|purchase|invest in|get into|subscribe)\b|\binterested in buying\b|"
    # "要不要推远期结售汇", "should I pitch the FX forward": a pitch is a sale, its level checked
    r"(要不要|该不该|能不能|可不可以|适不适合|可以|适合|能)\s*(给(她|他|他们|她们|客户|人家|对方)?)?"
    r"\s*(推|推荐|营销|介绍)|"
    r"(推|推荐)[^。！？?]{0,16}(吗|么|行不行|可以不|合适不)|"
    r"\bshould i (pitch|offer|recommend|push|sell)\b|\bworth (pitching|offering|recommending)\b",
    re.I,
)


QUESTION = re.compile(r"[?？]")


# "到期了给他再续一期行吗", "can she roll it over?": renewing is buying again, checked the same.
RENEW = re.compile(
    r"(续|再续|续作|续购|续存|续投|再做一期|再买一期|滚动)[^。！？?]{0,10}(吗|么|行不行|可以不|行吧|好不好)|"
    r"\b(renew|roll (?:it |them )?over|reinvest)\b.{0,40}(\?|\bok\b|\ballowed\b|\bcan\b)|"
    r"\b(can|may|could|should)\b.{0,30}\b(renew|roll (?:it |them )?over|reinvest)\b",
    re.I,
)


def _maturing_next(profile: dict) -> list[dict]:
    """The rated holding with the nearest maturity: what a renewal asked without a product
    name renews."""
    dated = [
        h for h in profile.get("holdings") or [] if h.get("maturity_date") and h.get("risk_level")
    ]
    dated.sort(key=lambda h: h["maturity_date"])
    return [
        {"name": h["product"], "product_code": h["product_code"], "risk_level": h["risk_level"]}
        for h in dated[:1]
    ]


@dataclass(frozen=True)
class Fit:
    """A client's suitability verdict as said (``text``) and whether it is a "no"."""

    text: str
    no: bool

    def declines(self, asked: str) -> bool:
        """A "no" to a sale the RM asked to be carried out declines the request."""
        return self.no and asked_to_proceed(asked)


async def client_suitability(req: Request, profile: dict) -> Fit | None:
    """The verdict for one client and one product, first: the client's grade (as the RM says it,
    else as the bank holds it) against the catalogue's risk level, cited to the bank's
    suitability rule. None when the turn does not ask it or the data cannot decide it."""
    renewal = RENEW.search(req.text)
    if not (BUY.search(req.text) or renewal):
        return None
    found = await named_products(req.tb, req.text, client_id=profile["client_id"])
    rated = [p for p in found["products"][:1] if p.get("risk_level")]
    if not rated and renewal:  # "到期了给他再续一期行吗": the holding that matures next
        rated = _maturing_next(profile)
    said = SUITABILITY_GRADE.search(req.text)
    grade = said.group(0) if said else profile.get("risk_appetite")
    if not rated or not grade:
        return None
    passage = await find(req.tb, lookup(req.playbooks, "suitability"), req.lang, k=5)
    lead = suitability_lead(str(grade), rated[0], [passage] if passage else [], req.lang)
    if lead is None:
        return None
    older = await elderly_line(req, profile, str(rated[0]["risk_level"]))
    # "那稳享90天能推吗" — yes, and the disclosure the sale needs, in the bank's own words
    told = (
        await asyncio.to_thread(
            disclosure_sentence, req.tb, str(rated[0].get("product_code") or ""), req.lang
        )
        if lead.verdict == "yes"
        else None
    )
    lines = [lead.render(req.lang), *([older] if older else [])]
    if told:
        lines.append(t("disclosure_said", req.lang).format(sentence=told))
    return Fit("\n".join(lines), lead.verdict == "no")


# "张永强86了，想买点…", "she's 78 now": the client's age as the RM says it.
AGE_SAID = re.compile(
    r"(?<!\d)(\d{2,3})\s*(?:岁|周岁|了)|\baged?\s*(\d{2,3})\b|\b(\d{2,3})[- ]?(?:years?|yrs?)[- ]old\b|"
    # "my client is 70", "she's 78 now": a bare number said of the person (checked 50-120)
    r"(?:\b(?:client|she|he|customer|mother|father) is|\b(?:she|he)'s)\s+(\d{2,3})\b(?!\s*(?:%|k\b|m\b|万|days?|months?))",
    re.I,
)


async def elderly_line(req: Request, profile: dict, risk_level: str) -> str | None:
    """The bank's extra care for an older client buying a riskier product (the bank profile
    says from what age and risk; the suitability playbook says what), with the age it rests
    on: as the RM says it, else from the client's ID."""
    rule = req.tb.services.elderly
    said = AGE_SAID.search(req.text)
    age = int(next(g for g in said.groups() if g)) if said else profile.get("age")
    if rule is None or age is None or not 50 <= age <= 120 or age < rule.age:
        return None
    if level_number(risk_level) < level_number(rule.product_risk_at_least):
        return None
    topic = lookup(req.playbooks, "elderly")
    passage, stated = None, None
    # The rule as the playbook in the RM's language states it, else as the other one does (a
    # bank may write its English playbook without the age).
    for language in dict.fromkeys([req.lang, "zh", "en"]):
        passage = await find(req.tb, topic, language, k=5)
        lines = [ln.strip(" -*•") for ln in (passage or {}).get("text", "").splitlines()]
        stated = next((ln for ln in lines if str(rule.age) in ln), None)
        if passage is not None and stated is not None:
            break
    if passage is None or stated is None:
        return None
    return t("elderly_rule", req.lang).format(
        age=age, threshold=rule.age, rule=stated, n=passage["n"]
    )


async def resolve_client(req: Request) -> str | EngineResult | None:
    """The client the turn is about; an answer when it cannot be told (unknown, several
    matches); None when the question names no client at all."""
    slots = req.slots
    named = slots.client_tokens + slots.client_ids
    query = " ".join(named) or req.text
    try:
        args = {"query": query, "limit": CANDIDATES}
        matches = (await req.tb.acall("find_clients", args))["matches"]
    except ToolError:
        matches = []
    remembered = req.ctx.state.get("client_ids")
    if not matches and remembered:
        return remembered[0]  # a follow-up: "and draft the e-mail"
    if not matches:
        if named:  # named but not in the book: the same answer as another book's client
            raise Refusal("no such client in the book")
        return None
    if len(matches) > 1 and (not slots.client_ids or slots.ask_which):
        # "启航那家存款流出的 对接人是谁": the name fits two, the words say which (the one
        # with the outflow, the one holding the structured deposit).
        ids = [m["client_id"] for m in matches]
        words = TOKEN_RE.sub(" ", req.text)
        picked = await kept_by_filter(req.tb, words, ids, partial=True)
        # "Saltmarsh的张总": the Saltmarsh one whose contact 张 is
        picked = picked or await asyncio.to_thread(by_titled_contact, req.tb, req.text, ids)
        if picked:
            req.tb.withdraw(set(ids) - {picked[0]})  # the others were candidates, not the answer's
            return picked[0]
        return _ambiguous(matches, req.intent, req.lang, req.ctx.masked_text)
    return matches[0]["client_id"]


def _option(match: dict, language: str) -> str:
    """One candidate, with its kind, branch and onboarding year so that two clients of one
    name can be told apart; a team lead's from a colleague's book says whose it is
    ("Keelson — who is the RM?" is answered by the list itself)."""
    rm = (match.get("rm") or {}).get("name")
    key = "client_option_rm" if rm else "client_option"
    line = t(key, language).format(name=match["name"], client_id=match["client_id"], rm=rm)
    kind = {"corporate": "kind_corporate", "retail": "kind_retail"}.get(
        str(match.get("client_type"))
    )
    details = [t(kind, language)] if kind else []
    details += [str(match["branch"])] if match.get("branch") else []
    if match.get("onboarded"):
        details.append(t("client_onboarded", language).format(year=match["onboarded"]))
    return " · ".join([line, *details])


def _ambiguous(matches: list[dict], intent: str, language: str, question: str) -> EngineResult:
    """Which one? The candidates are kept so that the reply ("第二个", "上海那家") picks one."""
    options = [_option(m, language) for m in matches]
    return EngineResult(
        c.join([[t("ambiguous", language)], options]),
        "serve_client",
        state={
            "client_ids": [],
            "candidates": [m["client_id"] for m in matches],
            "pending_intent": intent,
            "pending_question": TOKEN_RE.sub(" ", question).strip(),
        },
    )
