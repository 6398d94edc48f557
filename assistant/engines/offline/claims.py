""" "能跟客户说 X 吗" / "can I tell a client X?": the words X are checked as if the RM said them.

The verdict comes from the bank's own conduct check (``check_compliance``, the rules every draft
passes through), not from how close a playbook line happens to be: X that breaks a rule gets
"不可以", the rule's reason, and the playbook passage that states it. X that breaks none gets
"可以" only when a retrieved line states X itself (the claim is the bank's own wording); else no
lead, and the passages answer as before.
"""

from __future__ import annotations

import re

from assistant.core.citations import char_pairs
from assistant.engines.offline.direct import FORBID, STOP_BIGRAMS, WORD, Lead, _rules, _stem, terms
from assistant.engines.offline.products import named_products
from assistant.engines.offline.request import Request
from tools.toolbox import Toolbox

_QUOTES = "「」“”\"'‘’《》"
_ZH_WHO = r"(?:跟|和|对|向|给)?\s*(?:客户|他们|她们|他|她|对方|⟦(?:CLIENT|PERSON)_\d+⟧(?:的?[\u4e00-\u9fff]{1,4}?)?)?\s*"
_ZH_SAY = r"(?:私下)?(?:说|讲|承诺|保证|答应|宣传|表示|介绍说|讲成|说成)"
CLAIM = [
    # 能跟客户说稳健理财保本吗 / 可以对客户讲X不
    re.compile(
        rf"(?:能不能|能否|可不可以|可否|可以|能)\s*{_ZH_WHO}{_ZH_SAY}\s*(?P<c>.+?)\s*"
        r"(?:吗|么|嘛|不|呢)?\s*[？?。!！]*\s*$"
    ),
    # 跟客户说大额存单受存款保险保障，这么说可以吗
    re.compile(
        rf"(?:跟|和|对|向|给)\s*(?:客户|他们|她们|他|她)\s*{_ZH_SAY}\s*(?P<c>.+?)\s*[，,。;；]?\s*"
        r"(?:这么说|这样说|这样讲|这么讲|这种说法|这个说法)?\s*"
        r"(?:可以|行|合规|没问题|ok|OK)(?:吗|么|不|嘛)?\s*[？?。!！]*\s*$"
    ),
    # 跟⟦CLIENT_1⟧说对公理财稳赚不赔 他们C3能买吧？ — the words said to a named client, asked about
    re.compile(
        rf"(?:跟|和|对|向|给)\s*⟦(?:CLIENT|PERSON)_\d+⟧(?:的?[\u4e00-\u9fff]{{1,4}}?)?\s*{_ZH_SAY}"
        r"\s*(?P<c>[^，,。；;？?\s]+)[^。！!]*[？?]\s*$"
    ),
    re.compile(
        r"\b(?:can|may|could)\s+(?:i|we)\s+(?:tell|say to|promise|assure|inform)\s+"
        r"(?:the\s+|a\s+|my\s+|our\s+)?(?:clients?|customers?|him|her|them|⟦(?:CLIENT|PERSON)_\d+⟧)\s+(?:that\s+)?"
        r"(?P<c>.+?)\s*\??\s*$",
        re.I,
    ),
    # "X's funds are covered by deposit insurance right? can I tell him that": the claim first
    re.compile(
        r"^\s*(?P<c>.+?)[\s,.;:!?—-]+(?:right|yes|correct|true)?[\s,.;:!?—-]*(?:so\s+)?"
        r"(?:can|may|could)\s+(?:i|we)\s+(?:tell|say\s+(?:that\s+)?to|say)\s+"
        r"(?:him|her|them|the\s+client|(?:the\s+)?clients?|⟦(?:CLIENT|PERSON)_\d+⟧)?\s*"
        r"(?:that|this|so)?\s*\??\s*$",
        re.I,
    ),
    re.compile(
        r"\bis\s+it\s+(?:ok|okay|fine|allowed|compliant|alright)\s+to\s+(?:say|tell\s+"
        r"(?:the\s+|a\s+)?(?:clients?|customers?))\s+(?:that\s+)?(?P<c>.+?)\s*\??\s*$",
        re.I,
    ),
    # "tell ⟦CLIENT_1⟧ we'll downgrade them unless the money comes back, ok?"
    re.compile(
        r"^\s*(?:can you |pls |please )?tell\s+(?:him|her|them|the\s+client|⟦(?:CLIENT|PERSON)_\d+⟧)\s+"
        r"(?:that\s+)?(?P<c>.+?)[\s,;—-]*(?:is\s+that\s+|is\s+it\s+)?(?:ok|okay|alright|fine|allowed)\s*\?\s*$",
        re.I,
    ),
    re.compile(
        r"^\s*(?:telling|saying to)\s+(?:the\s+|a\s+)?(?:clients?|customers?)\s+(?:that\s+)?"
        r"(?P<c>.+?)\s*[-,—]*\s*(?:is\s+that\s+|is\s+it\s+)?(?:ok|okay|fine|allowed)\s*\??\s*$",
        re.I,
    ),
]
MIN_CLAIM = 2
PROMISED = re.compile(r"承诺|保证|答应|\b(?:promise|assure|guarantee)", re.I)
POINTING = {"that", "this", "it", "so", "这个", "这样", "那个"}  # the claim is said elsewhere
# A clause states the claim when it and the heading it sits under carry this share of the
# claim's terms, and the clause itself at least half of them.
STATED = 0.75
SENTENCE = re.compile(r"(?<=[.!?])\s+")


# "客户问结构性存款是不是保本的，我说是，没问题吧", "client asked if the CD is risk-free, I said yes
# - ok?": the answer the RM gave is the claim checked (the question's subject and predicate).
ANSWERED_YES = [
    re.compile(
        r"问(?:我)?(?P<s>[^，,。？?]{1,20}?)(?:是不是|是否|是)(?P<p>[^，,。？?]{1,16}?)(?:的)?(?:吗|么)?"
        r"\s*[，,。;；]\s*我(?:说|回答|答|告诉(?:他|她|他们|客户))(?:了)?(?:是|对|是的|对的|当然)"
    ),
    re.compile(
        r"\basked (?:me )?(?:if|whether) (?P<c>[^,;.?]{3,80}?)(?:\s*[,;.?-]+\s*|\s+)(?:and )?(?:i|we) "
        r"(?:said|told (?:him|her|them)|answered) (?:yes|yeah|it is|they are|sure)\b",
        re.I,
    ),
]


def said_claim(text: str) -> str | None:
    """The words the RM asks whether they may say (or says they said); None when the question
    is not of that shape."""
    for rx in ANSWERED_YES:
        if m := rx.search(text.strip()):
            groups = m.groupdict()
            claim = groups.get("c") or f"{groups['s']}是{groups['p']}"
            if len(claim) >= MIN_CLAIM:
                return claim.strip(_QUOTES + " ，,。")
    for rx in CLAIM:
        if m := rx.search(text.strip()):
            claim = m.group("c").strip(_QUOTES + " ，,。")
            if len(claim) >= MIN_CLAIM and claim.lower() not in POINTING:
                # "can I promise them 4%?": what is promised is guaranteed, and checked so
                said = text[: m.start("c")]
                if PROMISED.search(said) and not PROMISED.search(claim):
                    claim = (
                        "保证" if re.search(r"[\u4e00-\u9fff]", claim) else "guaranteed "
                    ) + claim
                return claim
    return None


async def claim_lead(req: Request, claim: str, passages: list[dict]) -> tuple[Lead, dict] | None:
    """The verdict on ``claim`` and the passage that carries it (added to the answer's
    citations by the search that found it); None when nothing decides."""
    products = (await named_products(req.tb, req.text))["products"]
    codes = [p["product_code"] for p in products[:2] if p.get("product_code")]
    report = await req.tb.acall(
        "check_compliance", {"text": claim, "product_codes": codes, "text_kind": "request"}
    )
    findings = report.get("findings") or []
    if findings:
        return await breach_lead(req.tb, claim, findings[0])
    return _stated(claim, passages)


# Rules about what the RM does rather than says: a permission question that describes the act
# ("客户把网银密码告诉我了 让我帮他转账 行吗") is checked whole, as a plan put up for a yes.
# Plans checked as acts: credentials, forms done for the client, a rate given off the board,
# an ID document asked for over a chat.
ACTS = ("client_credentials", "acting_for_client", "off_board_rate", "id_document_by_chat")


async def act_lead(req: Request) -> tuple[Lead, dict] | None:
    """ "No" to a plan that breaks a conduct rule about acts, with the rule's reason and the
    passage that states it; None when no such rule is broken."""
    report = await req.tb.acall("check_compliance", {"text": req.text, "text_kind": "request"})
    broken = [f for f in report.get("findings") or [] if f.get("code") in ACTS]
    return await breach_lead(req.tb, req.text, broken[0]) if broken else None


async def breach_lead(tb: Toolbox, said: str, finding: dict) -> tuple[Lead, dict] | None:
    """ "No", the conduct check's reason for ``finding`` in what was ``said``, and the playbook
    passage that states the rule: searched in the words said and the reason, a passage that
    forbids preferred. None when the playbooks hold nothing to cite."""
    why = finding["explanation"]
    found = await tb.acall("search_playbooks", {"query": f"{said} {why}", "k": 3})
    forbidding = [p for p in found["passages"] if FORBID.search(p.get("text", ""))]
    passage = (forbidding or found["passages"] or [None])[0]
    if passage is None:
        return None
    return Lead("no", why, passage["n"]), passage


def _stated(claim: str, passages: list[dict]) -> tuple[Lead, dict] | None:
    """A clean claim is allowed when a clause of a retrieved passage says it and neither the
    clause nor what it sits under forbids it (a ✗ example of what not to say never counts)."""
    wanted = _claim_terms(claim)
    if not wanted:
        return None
    for p in passages:
        head = terms(p.get("section") or "")
        kept = "\n".join(line for line in p.get("text", "").splitlines() if "✗" not in line)
        for _, clause, forbids in _rules(kept):
            for sentence in SENTENCE.split(clause):
                if forbids or FORBID.search(sentence):
                    continue
                own = wanted & terms(sentence)
                if len(own) * 2 >= len(wanted) and len(own | (wanted & head)) >= STATED * len(
                    wanted
                ):
                    return Lead("yes", sentence.strip(), p["n"]), p
    return None


# A claim keeps its qualifiers ("just for him", "only", "all"): they are what makes it false.
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "for",
        "with",
        "to",
        "of",
        "in",
        "on",
        "our",
        "their",
        "they",
        "them",
        "he",
        "she",
        "him",
        "her",
        "his",
        "i",
        "we",
        "you",
        "your",
        "client",
        "clients",
        "customer",
        "customers",
        "can",
        "may",
        "could",
        "tell",
        "say",
    ]
)


def _claim_terms(claim: str) -> set[str]:
    words = {w.lower() for w in WORD.findall(claim)} - _FUNCTION_WORDS
    return (char_pairs(claim) - STOP_BIGRAMS) | {_stem(w) for w in words}
