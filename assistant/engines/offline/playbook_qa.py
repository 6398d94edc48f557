"""``playbook_qa``: the bank's playbooks answer the question, cited."""

from __future__ import annotations

import re

from assistant.core.types import StatusEvent
from assistant.engines.base import EngineResult
from assistant.engines.offline import compose as c
from assistant.engines.offline import followup, slots
from assistant.engines.offline.claims import act_lead, claim_lead, said_claim
from assistant.engines.offline.direct import (
    PERMISSION,
    Lead,
    asked_to_proceed,
    asks_yes_no,
    direct_lead,
    suitability_lead,
)
from assistant.engines.offline.followup import LAST_BOOK, RULE_ASPECT, asked_of_another, rule_aspect
from assistant.engines.offline.intent import DISCLOSURE_RE, GIFT_RE, HOW
from assistant.engines.offline.phrases import t
from assistant.engines.offline.playbooks import channel_lookup, find, lookup, same_playbook
from assistant.engines.offline.products import exact_product, named_products
from assistant.engines.offline.request import Request
from tools.contact.rules import contact_rule
from tools.intelligence.definitions import signal_definition

PASSAGES = 3
SUITABILITY_GRADE = re.compile(r"\bC[1-5]\b|C[1-5](?=[\u4e00-\u9fff])", re.I)
SUITABILITY_LEVEL = re.compile(r"(?<![a-z0-9])R([1-5])(?![0-9])", re.I)
YES_NO_PASSAGES = 6
MANUAL_SEARCH = 6  # passages about the product searched for its manual
# A question about what a channel's messages must be: answered by the channel's template.
CHANNEL_RULES = re.compile(
    r"要求|规范|规定|注意|格式|模板|怎么写|字数|多少字|带什么|写什么"
    r"|\b(?:rules?|requirements?|format|template|guidelines?|how (?:long|should i write))\b",
    re.I,
)
# Words a passage about gifts carries: without one, the bank's playbooks have no gift rule.
GIFT_WORDS = re.compile(
    r"礼品|礼物|礼金|收礼|送礼|馈赠|红包|购物卡|宴请|\b(?:gifts?|hospitality|vouchers?|presents?)\b",
    re.I,
)


async def answer(req: Request, *, focus: str = "", pinned: tuple[dict, ...] = ()) -> EngineResult:
    """The playbooks' answer. ``focus``: words searched with the question (a client's tier);
    ``pinned``: passages shown first, in order, whatever the search ranks."""
    await req.emit(StatusEvent(text=t("searching", req.lang)))
    deciding = None
    unruled = False  # a third party's question on a bank whose playbooks have no rule for it
    if not pinned and DISCLOSURE_RE.search(req.text):
        # "客户女儿问余额，我能告诉她吗": the data-protection rule on third parties decides,
        # whether or not a client is named.
        topic = lookup(req.playbooks, "data_disclosure", "data_protection")
        rule = await find(req.tb, topic, req.lang, extra=req.text)
        # Only the bank's own rule on third parties decides; a bank whose playbooks have none
        # gets the search's passages with no verdict put on them.
        if rule and topic.playbook and same_playbook(rule["doc_id"], topic.playbook):
            pinned, deciding = (rule,), rule["n"]
        else:
            unruled = True
    if not pinned and (rule := await _list_signal_rule(req)) is not None:
        # "这种要多久内联系客户？" after a list of suitability mismatches: that signal's rule.
        pinned = (rule,)
    if not pinned and (rule := await _channel_rule(req)) is not None:
        pinned = (rule,)  # "发短信有啥要求": the bank's template for that channel first
    aspect = req.ctx.state.get(RULE_ASPECT)
    if aspect and not focus and asked_of_another(req.text) and not rule_aspect(req.text):
        focus = aspect  # "那休眠客户呢" after "流失预警要几个工作日内跟进": the same asked of it
    # A yes/no question looks further for the rule that decides it; three passages are shown.
    k = YES_NO_PASSAGES if asks_yes_no(req.text) else PASSAGES
    query = " ".join(filter(None, (req.text, focus)))
    found = (await req.tb.acall("search_playbooks", {"query": query, "k": k}))["passages"]
    found = await _with_product_manual(req, query, found)
    if pinned:
        first = list({p["n"]: p for p in pinned}.values())
        found = [*first, *(p for p in found if all(p["n"] != f["n"] for f in first))]
    if not found:
        return EngineResult(t("playbook_none", req.lang), "playbook_qa")
    if unruled:
        # No verdict from a rule about something else ("companies that do not yet run payroll");
        # told to hand a client's data over all the same ("send them the numbers"), declined.
        told = TOLD_TO_SEND.search(req.text) and not PERMISSION.search(req.text)
        return _silent(req, "no_disclosure_rule", found, refused=bool(told))
    glossary = getattr(req.tb.services.retriever, "glossary", None)
    synonyms = glossary.expand(req.text).phrases if glossary is not None else ()
    # "帮我把她的余额告诉她女儿": the rule on third parties answers the instruction as it would
    # "may I?"; "家属来问余额怎么处理" is answered by the rule with no verdict put on it.
    instructed = deciding is not None and not HOW.search(req.text)
    lead = direct_lead(req.text, found, deciding=deciding, synonyms=synonyms, instructed=instructed)
    # "帮我回她一下", "send them the numbers": told to hand the data over, answered no — declined
    told_to_disclose = (
        instructed
        and lead is not None
        and lead.verdict == "no"
        and not PERMISSION.search(req.text)
        and bool(TOLD_TO_SEND.search(req.text))
    )
    claim = said_claim(req.text)
    decided = await claim_lead(req, claim, found) if claim else None
    if (decided is None or decided[0].verdict != "no") and asks_yes_no(req.text):
        # "他把密码告诉我了 我帮他转账行吗", "can I offer a better rate on the spot": the act,
        # checked — a rule it breaks outweighs a passage that states the words
        decided = await act_lead(req) or decided
    # The conduct check's "no" decides; its "yes" (a passage states the claim) does not
    # overrule a rule that forbids what was asked.
    if decided and (decided[0].verdict == "no" or lead is None or lead.verdict != "no"):
        lead, passage = decided
        if all(p["n"] != passage["n"] for p in found):
            found = [*found, passage]
    if (
        lead is None
        and GIFT_RE.search(req.text)
        and not any(GIFT_WORDS.search(p["text"]) for p in found)
    ):
        # A bank whose playbooks say nothing of gifts: said so, not a rule from elsewhere.
        return _silent(req, "no_gift_rule", found)
    if (ranged := await _suitability_range(req)) is not None:
        lead, rule = ranged  # "C2的客户能买什么风险等级的产品": the grade's range, cited
        if all(p["n"] != rule["n"] for p in found):
            found = [*found, rule]
    leads = [lead] if lead else []
    dictated: Lead | None = None
    flags: list[str] = []
    refused = told_to_disclose  # "just process it?" answered no declines the request
    if asks_yes_no(req.text) and (fit := await _suitability(req, found)) is not None:
        # "跟X说稳赚不赔 他们C3能买吧？": the grade answers the question; words for the client that
        # break a rule are refused under it, as a message would be.
        dictated = decided[0] if decided and decided[0].verdict == "no" else None
        leads = [fit, *([dictated] if dictated else [])]
        flags = ["compliance:suitability_mismatch"] if fit.verdict == "no" else []
        # "just process it?" declines; "can I just process it?" is asked, and answered no
        refused = fit.verdict == "no" and asked_to_proceed(req.text)
    older = await _elderly(req)
    shown = found[:PASSAGES]
    for one in leads:
        if all(p["n"] != one.n for p in shown):
            shown = [*shown[: PASSAGES - 1], *(p for p in found if p["n"] == one.n)]
    blocks = [[one.render(req.lang, dictated=one is dictated) for one in leads]]
    if older:  # "客户76岁了想买R4基金": the bank's extra care for older clients comes first
        blocks[0].insert(0, older)
    if not leads and (defined := _defined(req)):
        blocks[0].insert(0, defined)  # "wat counts as a dormant client": the bank's thresholds
    elif not leads and (contact_said := _contact_rule(req)):
        blocks[0].insert(
            0, contact_said
        )  # "营销短信晚上几点以后不能发": the contact policy's own figures
    blocks += [[c.heading(t("playbook_title", req.lang))]] + [
        c.passage_summary(p, req.lang, question=req.text) for p in shown
    ]
    return EngineResult(
        c.join(blocks),
        "playbook_qa",
        flags=flags,
        refused=refused,
        refusal_reason="out_of_policy" if refused else None,
    )


# "what counts as a dormant client", "怎么才算流失预警", "休眠客户的定义": what a signal means here.
DEFINITION_ASKED = re.compile(
    r"\bwhat (?:counts|qualifies) as\b|\bwhat(?:'s| is) (?:a|an|the) [\w -]{0,30}?\b(?:client|signal|"
    r"warning|alert)\b\s*\??\s*$|\bdefinition of\b|\bhow (?:is|are|do (?:we|you)) .{0,30}(?:defined|define|"
    r"flagged|triggered)\b|"
    r"(?:怎么|怎样|如何|咋|啥情况下?|什么情况下?|什么样的?)(?:才)?(?:算|叫|认定|认订|定义|界定|触发)|定义(?:是什么|是啥)?\s*[?？]?\s*$|"
    r"标准是(?:什么|啥)",
    re.I,
)


def _defined(req: Request) -> str | None:
    """The bank's own definition of the signal the question asks about, from its signal
    policy, when the question asks what the signal means; None otherwise."""
    # "how fast do I follow up a churn alert", then "and for dormant ones?": a deadline asked of
    # a signal is in its definition too.
    earlier = str(req.ctx.state.get(followup.RULE_ASPECT) or "")
    deadline = DEADLINE_ASKED.search(req.text) or (
        followup.asked_of_another(req.text) and DEADLINE_ASKED.search(earlier)
    )
    if not (DEFINITION_ASKED.search(req.text) or deadline):
        return None
    kind = slots.signal_of(req.text)
    policy = req.tb.services.intelligence.policy.signals
    return signal_definition(policy, kind, req.lang) if kind else None


def _contact_rule(req: Request) -> str | None:
    from tools.content_tools import contact_policy

    return contact_rule(contact_policy(req.tb), req.text, req.lang)


def _silent(req: Request, phrase: str, found: list[dict], refused: bool = False) -> EngineResult:
    """A bank whose playbooks hold no rule on what was asked (gifts, telling a third party):
    its silence said first, then the passages found, with no verdict put on them."""
    return EngineResult(
        c.join([[t(phrase, req.lang)], [c.heading(t("playbook_title", req.lang))]]
               + [c.passage_summary(p, req.lang, question=req.text) for p in found[:PASSAGES]]),
        "playbook_qa",
        refused=refused,
        refusal_reason="out_of_policy" if refused else None,
    )  # fmt: skip


# An instruction to pass something on, not a question whether one may.
TOLD_TO_SEND = re.compile(
    r"帮我|替我|你(?:去|直接)?(?:回|发|告诉)|回(?:她|他|他们|对方)一?下|发(?:给)?(?:她|他|他们|对方)|"
    r"\b(?:send|give|forward|tell|reply to|email|text)\s+(?:them|him|her|it)\b",
    re.I,
)


# "这种", "these", "them": the clients of the list on screen, whose signal the rule is asked of.
LIST_POINTER = re.compile(
    r"这种|这类|这些|那些|这几[家个位]|他们|她们|\b(?:them|these|those|such|this kind)\b", re.I
)


# A list's filter that is a signal by another name: its playbook topic.
LIST_TOPICS = {"risk_mismatch": "suitability", "maturity_within_days": "maturity"}


async def _list_signal_rule(req: Request) -> dict | None:
    """The passage of the playbook behind the signal the last list was filtered by, searched
    with the question, when the question points at that list; None otherwise."""
    last = req.ctx.state.get(LAST_BOOK) or {}
    signal = last.get("signal") or next(
        (topic for key, topic in LIST_TOPICS.items() if last.get(key) not in (None, False)), None
    )
    if not signal or not LIST_POINTER.search(req.text):
        return None
    # The map's playbook for the signal, searched with its words and the question (a bank
    # whose map lacks it: the best passage for both).
    deadline = DEADLINE_TEXT if DEADLINE_ASKED.search(req.text) else None
    return await find(
        req.tb, lookup(req.playbooks, str(signal)), req.lang, extra=req.text, prefer=deadline
    )


# "这几个要几天内联系", "how soon do I call them": a time limit asked; a passage that sets one.
DEADLINE_ASKED = re.compile(
    r"几个?工作日|几天|多少天|多久|多快|多长时间|时限|\bhow (?:soon|fast|quickly|many (?:working |business )?days|long)\b|"
    r"\bdeadline\b|\bwithin how\b",
    re.I,
)
DEADLINE_TEXT = re.compile(
    r"\d+\s*个?(?:工作日|天|小时)|\b\d+\s*(?:working |business )?(?:days?|hours?)\b|"
    r"\b(?:one|two|three|five|seven|ten) (?:working |business )?days?\b",
    re.I,
)


async def _channel_rule(req: Request) -> dict | None:
    """The bank's template passage for the channel a question asks the rules of ("发短信有啥要求",
    "what goes in an e-mail to a client?"), through the playbook map's channel entry; None
    when the question names no channel or asks something else of it."""
    if not req.slots.channel or not CHANNEL_RULES.search(req.text):
        return None
    return await find(req.tb, channel_lookup(req.playbooks, req.slots.channel), req.lang)


async def _with_product_manual(req: Request, query: str, found: list[dict]) -> list[dict]:
    """A question about a product ("个人大额存单起点多少", "min for a personal large CD") is answered
    from that product's own manual too — a playbook whose title names the product — its best
    passage joining the first ones shown when the search ranked it lower or not at all."""
    named = await named_products(req.tb, req.text)
    product = exact_product(named) or next(iter(named["products"]), None)
    if product is None:
        return found
    names = [product["product_code"], product["name"], product.get("name_en") or ""]
    args = {"query": query, "k": MANUAL_SEARCH, "product": product["product_code"]}
    candidates = (await req.tb.acall("search_playbooks", args))["passages"]
    manual = next(
        (p for p in candidates if any(n and n.lower() in p["title"].lower() for n in names)), None
    )
    if manual is None or any(p["doc_id"] == manual["doc_id"] for p in found[:PASSAGES]):
        return found
    rest = [p for p in found if p["n"] != manual["n"]]
    return [*rest[:1], manual, *rest[1:]]


# "能买什么风险等级的", "最高能买几级", "what risk levels can a C3 client buy": the range a
# grade may buy, asked with no product or level named.
WHAT_LEVEL = re.compile(
    r"(?:什么|哪些|哪个|哪几个|几级|多高)(?:的)?(?:风险)?(?:等级|级别|R级)?的?(?:产品)?|最高.{0,4}(?:R|等级|级别)|"
    r"\bwhat (?:risk )?(?:levels?|ratings?)\b|\bwhich (?:risk )?(?:levels?|ratings?)\b|"
    r"\bup to (?:what|which)\b",
    re.I,
)


def _graded(req: Request) -> str | None:
    """The question with the risk grade it is held to: its own ("C2的客户…"), else the grade on
    record of the client it is asked of (beside the words, never in them); None without one."""
    if SUITABILITY_GRADE.search(req.text):
        return req.text
    return f"{req.grade} {req.text}" if req.grade else None


async def _suitability_range(req: Request) -> tuple[Lead, dict] | None:
    """The risk levels a grade may buy (C ≥ R), cited to the bank's suitability rule, when the
    question names a grade and asks which levels — no product, no level of its own."""
    grade = SUITABILITY_GRADE.search(_graded(req) or "")
    if grade is None or SUITABILITY_LEVEL.search(req.text) or not WHAT_LEVEL.search(req.text):
        return None
    if (await named_products(req.tb, req.text))["products"]:
        return None  # "C2能买哪个理财": the product's own level decides (``_suitability``)
    rule = await find(req.tb, lookup(req.playbooks, "suitability"), req.lang, k=5)
    if not rule or not (SUITABILITY_GRADE.search(rule["text"]) and "R" in rule["text"]):
        return None  # a bank whose rule does not say it in these letters: no verdict made up
    c = int(grade.group(0)[1])
    return Lead(None, t("suitability_range", req.lang).format(c=c), rule["n"]), rule


async def _suitability(req: Request, found: list[dict]) -> Lead | None:
    """ "C2 的客户能买 X 吗": decided by the catalogue's risk level of X against the client's
    grade, under the suitability rule the passages carry (C ≥ R); None when the question names
    no grade or no one product with a risk level."""
    graded = _graded(req)
    if graded is None:
        return None
    lowered = req.text.lower()
    by_code = [  # a product code as the RM wrote it, else what the catalogue resolves
        {"product_code": code, "name": p.name, "risk_level": p.risk_level}
        for code, p in req.tb.services.products.items()
        if code.lower() in lowered
    ]
    products = by_code or (await named_products(req.tb, req.text))["products"]
    rated = [p for p in products[:1] if p.get("risk_level")]
    if not rated and (level := SUITABILITY_LEVEL.search(req.text)):
        # "C3客户能买R4产品吗": no product named, the two levels decide it
        rated = [{"product_code": f"R{level.group(1)}", "risk_level": f"R{level.group(1)}",
                  "name": t("product_of_level", req.lang)}]  # fmt: skip
    return suitability_lead(graded, rated[0], found, req.lang) if rated else None


async def _elderly(req: Request) -> str | None:
    """The extra care the bank asks for an older client buying a riskier product, when the
    question says the age and the product (or its risk level): "客户说他76岁了想买R4基金"."""
    from assistant.engines.offline.clients import AGE_SAID, elderly_line  # clients reads this

    if not AGE_SAID.search(req.text):
        return None
    if level := SUITABILITY_LEVEL.search(req.text):
        risk = f"R{level.group(1)}"
    else:
        products = (await named_products(req.tb, req.text))["products"]
        risk = str(products[0].get("risk_level") or "") if products else ""
    return await elderly_line(req, {}, risk) if risk else None
