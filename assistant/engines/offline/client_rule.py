"""``playbook_qa`` about one client: "按它那个级别多久要拜访一次", "what must I do for X's tier".

A question about the bank's rules that names a client, or points at the conversation's client,
is answered for that client: the client's tier as the bank's tiering policy names it (with its
basis), then the standard for that tier the question asks about and the rule behind the
client's leading signal, cited, then what the question finds searched with the tier, and the
client's open actions with their deadlines (is the RM late?). A question about no client is
the playbooks' general answer (``playbook_qa``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.engines.base import EngineResult
from assistant.engines.offline import clients, playbook_qa
from assistant.engines.offline import compose as c
from assistant.engines.offline.book_parse import PERMISSION_ASKED
from assistant.engines.offline.claims import said_claim
from assistant.engines.offline.direct import PERMISSION, asked_to_proceed, asks_yes_no
from assistant.engines.offline.intent import COVERAGE_ASKED, DISCLOSURE_RE, PROMISE_ASKED_RE
from assistant.engines.offline.phrases import t
from assistant.engines.offline.playbooks import Lookup, find, lookup
from assistant.engines.offline.request import Request
from tools.toolbox import Refusal, ToolError

# Words that ask what the bank's rules require ("按规矩", "按它那个级别", "how often must I"): with
# a pronoun for the conversation's client, the turn is a rule asked of that client, not a fact.
RULE_ASKED = re.compile(
    r"规矩|规定|制度|标准|要求|规定动作|按.{0,6}(级别|层级|分层|等级|量级)|频次|频率|上报|报备|"
    r"\bescalat|"
    r"(多久|多长时间|几天|几次|提前多久).{0,8}(一次|拜访|联系|面访|回访|接触|跟进)|提前多久|"
    r"\b(rules?|policy|standards?|supposed to|required|requirements?|have to|must|"
    r"how often|how early|how far ahead|how many days)\b",
    re.I,
)
# "is she eligible for the family trust", "他够不够资格做家族信托": a product's entry rule
# (grade, minimum), which the suitability rules answer, not the tier's service standard.
ELIGIBLE = re.compile(
    r"(有|够)资格|够格|符合.{0,4}(条件|资格|门槛)|\b(eligible|eligibility|qualif(y|ies|ied))\b",
    re.I,
)
STANDING = 2  # the client's open actions shown under the rule


def asks_rule(text: str) -> bool:
    """Whether the words ask what the bank's rules require (of whomever they are about)."""
    return bool(RULE_ASKED.search(text)) or asks_entry_rule(text)


async def answer(req: Request) -> EngineResult:
    picked = await _client(req)
    if isinstance(picked, EngineResult):
        picked.intent = "playbook_qa"
        return picked
    if picked is None:
        return await playbook_qa.answer(req)
    return await clients.client_leads(req, picked, await _of_picked(req, picked))


async def _of_picked(req: Request, picked: str) -> EngineResult:
    worded = (
        DISCLOSURE_RE.search(req.text) or said_claim(req.text) or PROMISE_ASKED_RE.search(req.text)
    )
    if not worded and asks_suitability(req.text):
        return await _suitability(req, picked)
    if (
        worded
        or PERMISSION_ASKED.search(req.text)  # "我帮他填了行不行": what anyone may do, not X's tier
        or (PERMISSION.search(req.text) and not RULE_ASKED.search(req.text))  # "ok to tell them…?"
        or COVERAGE_ASKED.search(req.text)  # "does deposit insurance cover her fund?"
    ):
        # "她女儿问余额，我能告诉她吗": the data-protection rule decides, whoever the client is
        # (playbook_qa pins it); "能跟X说理财保本吗": the words are checked, not X's tier;
        # "我能私下答应给X高于挂牌的利率吗": the promise is the bank's to allow, not the tier's.
        return _of_client(req, picked, await playbook_qa.answer(req))
    profile = await req.tb.acall("get_client_profile", {"client_id": picked})
    tier = profile["tier_label"]
    # The tier-standards playbook's passage for this tier that the question asks about ("一年里
    # 要做哪些规定动作": the yearly duties, not the response time).
    wanted = lookup(req.playbooks, "service_standards").playbook
    standard = await find(req.tb, Lookup(None, wanted, f"{tier} {req.text}"), req.lang)
    pinned = tuple(p for p in (standard, await _signal_rule(req, picked, tier)) if p)
    result = await playbook_qa.answer(req, focus=tier, pinned=pinned)
    lead = t("client_tier_lead", req.lang).format(
        name=profile["name"],
        client_id=picked,
        tier=tier,
        why=profile["tier_explanation"],
    )
    result.text = c.join([[lead], [result.text], await _standing(req, picked)])
    result.cards = [c.client_card(profile)]
    # A turn that names the client asks how to serve that client by the rules (how the bank's
    # own question writers read "X这种量级的客户要做哪些规定动作"); a rule asked of the
    # conversation's client ("them", "他们") stays a question about the rules.
    if req.slots.client_tokens or picked in req.text:
        result.intent = "serve_client"
    return result.with_state({"client_ids": [picked]})


async def _suitability(req: Request, picked: str) -> EngineResult:
    """ "X is C3, wants Y - allowed?": the suitability rule decides, not the tier's standard;
    "is she eligible for the trust": her grade on record is the one the rule is held to."""
    profile = await req.tb.acall("get_client_profile", {"client_id": picked})
    grade = profile.get("risk_appetite") or ""
    # "帮她再加仓20万股票基金精选吧": an instruction, not a question — the verdict leads anyway
    verdict = None if asks_yes_no(req.text) else await clients.client_suitability(req, profile)
    if grade and not playbook_qa.SUITABILITY_GRADE.search(req.text):
        # Beside the words, not in them: "…我直接给他办了行不" and "is she eligible…" stay yes/no
        # questions only as the RM wrote them.
        req = replace(req, grade=grade)
    result = await playbook_qa.answer(req)
    if verdict:
        # the rule's answer less what the verdict already says (an older client's extra care)
        said = {ln for ln in verdict.text.splitlines() if ln.strip()}
        rest = "\n".join(ln for ln in result.text.splitlines() if ln not in said).strip("\n")
        result.text = f"{verdict.text}\n\n{rest}"
        if verdict.declines(req.text):  # "你帮我把流程走了吧": the sale is not carried out
            result.refused, result.refusal_reason = True, "out_of_policy"
    if asked_to_proceed(req.text):  # "你帮我弄一下": the client's sale asked for, not a rule
        result.intent = "serve_client"
    return _of_client(req, picked, result)


def _of_client(req: Request, client_id: str, result: EngineResult) -> EngineResult:
    """The rule's answer, on the record as about the client it was asked of ("他" included)."""
    req.tb.touch(client_id)
    return result.with_state({"client_ids": [client_id]})


# "这个要报行长吗", "需要审批吗": who must approve or hear of it, a rule whatever else is asked.
APPROVAL = re.compile(
    r"要?报(给)?(行长|分行|总行|上级|领导|合规|风控)|(要|需要|得)(不要)?(审批|报批|签批)|"
    r"\b(escalate|sign[- ]off|approval)\b",
    re.I,
)


def asks_entry_rule(text: str) -> bool:
    """Whether the words ask who qualifies for a product or who must approve: the bank's rule,
    even when the turn is about the client in view ("is she eligible for the family trust")."""
    return bool(ELIGIBLE.search(text) or APPROVAL.search(text))


def asks_suitability(text: str) -> bool:
    """ "X is C3, wants Y - allowed?": whether the client may buy a product, not its tier's rule."""
    return bool(
        clients.BUY.search(text)
        or ELIGIBLE.search(text)
        or (asks_yes_no(text) and playbook_qa.SUITABILITY_GRADE.search(text))
    )


async def _standing(req: Request, client_id: str) -> list[str]:
    """Where the client stands against the rules: its first open actions with their deadlines
    ("现在算晚了没" is answered by the deadline and the reason beside it)."""
    actions = (await req.tb.acall("recommend_next_actions", {"client_id": client_id}))["actions"]
    if not actions:
        return []
    lines, _ = c.action_lines(actions[:STANDING], {}, req.lang)
    return [c.heading(t("client_standing", req.lang)), *lines]


async def _client(req: Request) -> str | EngineResult | None:
    """The one client the question is about: named in it, or the conversation's client its
    pronoun stands for. None when it is about no client (or one the caller may not read: the
    general answer reveals nothing of a client); a which-one answer when the name fits several."""
    if req.tb.caller.role == "admin":
        return None
    if len(req.slots.client_ids) == 1:
        return req.slots.client_ids[0]
    if not req.slots.client_tokens:
        return None
    try:
        return await clients.resolve_client(req)
    except (Refusal, ToolError):
        return None


async def _signal_rule(req: Request, client_id: str, tier: str) -> dict | None:
    """The rule behind the client's leading signal ("提前多久联系" about a client whose deposit
    matures: the maturity follow-up's lead time), shown after the tier's standard."""
    signals = (await req.tb.acall("get_client_signals", {"client_id": client_id}))["signals"]
    if not signals:
        return None
    top = signals[0]
    ref = lookup(req.playbooks, top["kind"], playbook=top.get("playbook"), fallback=top["title"])
    return await find(req.tb, ref, req.lang, tier=tier)
