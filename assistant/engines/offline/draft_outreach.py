"""``draft_outreach``: a compliance-checked draft for one client, from the bank's templates."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.core.types import StatusEvent
from assistant.engines.base import EngineResult
from assistant.engines.offline import compose as c
from assistant.engines.offline import figures, occasions
from assistant.engines.offline.claims import breach_lead
from assistant.engines.offline.direct import asks_yes_no
from assistant.engines.offline.intent import dictated_words, topic_words
from assistant.engines.offline.phrases import t
from assistant.engines.offline.playbooks import channel_lookup, find, lookup
from assistant.engines.offline.products import (
    first_code,
    lacks_product,
    named_products,
    not_in_catalogue,
    said_first,
)
from assistant.engines.offline.request import Request
from assistant.engines.offline.send_time import send_time
from assistant.engines.offline.slots import STYLES, _first
from tools.intelligence.fmt import money_en, money_zh

DEFAULT_CHANNEL = "wechat"
# The draft's purpose when the RM names none: what the client's first open signal calls for.
PURPOSE_BY_SIGNAL = {
    "maturity": "maturity_reminder",
    "deposit_churn": "churn_care",
    "product_gap": "payroll_pitch",
    "dormancy": "dormant_reactivation",
    "suitability": "suitability_review",
    "growth": "service_visit",
    "complaint": "complaint_reply",
}
SIGNAL_BY_PURPOSE = {purpose: kind for kind, purpose in PURPOSE_BY_SIGNAL.items()}
ABOUT_HOLDING = (
    "maturity_reminder",
    "loan_maturity",
    "suitability_review",
)  # about a product the client holds
SUITABILITY = "suitability_mismatch"
REVIEW = "suitability_review"
# Words that push the client to buy ("让她下单", "促成", "get her to buy", "close the sale").
PUSHED_SALE = re.compile(
    r"(?:让|叫|劝|促使|催|逼)(?:她|他|客户|对方|⟦(?:CLIENT|PERSON)_\d+⟧)?.{0,4}?(?:下单|购买|认购|买入|买|签约|成交|加仓|补仓|追加|加点|多买)|"
    r"促成(?:交易|购买|成交)?|"
    # "帮我写条微信推一下股票型基金": the product pitched, not a review of what is held
    r"推(?:一下|一推|下|荐|销)|推[^，,。；;]{1,10}?给(?:她|他|他们|她们|客户|对方|⟦(?:CLIENT|PERSON)_\d+⟧)|\b(?:pitch|promote|push|sell)\b(?! (?:her|him|them) to)|"
    # "帮我写个话术推海盈进取一号": 推 straight before what is pitched (not 推送, 推迟, 推进 …)
    r"推(?!送|迟|进|动|辞|脱|算|测|出|广|开|翻|移|后|前|敲|给|荐信)(?=[\u4e00-\u9fffA-Za-z⟦])|"
    # "她测评C1但没关系": the grade said and set aside
    r"(?:测评|评级|风险等级|风险承受|C[1-5])[^，。；;]{0,6}?(?:但|可)?(?:没关系|无所谓|不管|不用管|别管|不影响)|"
    # "自己要买股票基金，加仓十万…帮我写个确认微信": a purchase the message would confirm
    r"加仓|(?:自己|主动)(?:要|想)(?:买|加|认购|申购)|确认(?:一下)?(?:购买|买入|加仓|认购|申购)|"
    r"\b(?:get|make|convince|persuade|push) (?:her|him|them|the client|⟦(?:CLIENT|PERSON)_\d+⟧) "
    r"(?:to )?(?:buy|invest|sign|purchase|subscribe|top up|add to)|\bclose the (?:sale|deal)\b",
    re.I,
)
TIED = "tied_selling"
# Requests whose substance, not wording, breaks a rule: no draft is written around them.
NOT_WRITTEN = frozenset({"speculative_hedging"})
GREETING = "birthday_or_festival"
# Wording asked for that no draft may carry: the answer declines it (the draft shown is the
# bank's wording). Made-up urgency ("今天最后一天 不买就没了，逼一下") is a way of misleading
# the client like a promised return.
DECLINED = (
    "guaranteed_return",
    "risk_free_language",
    "full_identifier",
    "pressure_selling",
    "insured_investment",
    "shelter_claim",  # "家族信托能完全避税避债": a structure sold as an escape from tax or debts
    # Left out of a draft the RM can still send, but what was asked for is not written: the
    # request is declined (DESIGN: an out-of-policy request), as the blind rounds' writers read it.
    TIED,
    "off_board_rate",
    "coercion",
    # The RM's own act against the rules ("密码给我了 我直接帮他把理财赎了"): no message is
    # written around it as if it were fine.
    "client_credentials",
    "acting_for_client",
    "skipped_safeguard",  # "双录就别做了": a required step of the sale left out
    "id_document_by_chat",  # "让她把身份证拍照微信发我": a document out of the bank's channels
    "speculative_hedging",  # "按两倍实际敞口做远期，赌人民币升值": no plan is written around a bet
    "product_as_deposit",  # "就跟他说这是一种利息更高的存款": an annuity is not a deposit
)


# "a reminder", "提醒他一下": with no purpose of its own, a reminder is of what matures.
UNSPECIFIC = ("product_intro", "general")  # purposes that say nothing of why the RM writes
REMINDER = re.compile(r"提醒|\bremind(?:er|ers)?\b", re.I)


# "add the corporate CD option, mention the minimum", "加上大额存单这个选择": an instruction about a
# product, not words for the client.
OPTION_ASK = re.compile(
    r"\b(options?|alternatives?|mention|minimum|min\.?)\b|选项|方案|选择|介绍|提一下|起存|起点|门槛|最低",
    re.I,
)


async def _option_line(req: Request, point: str, lang: str, cid: str) -> str:
    """A dictated point that asks for a product as an option becomes the bank's sentence offering
    it, with its minimum from the catalogue; any other point is the RM's own words."""
    if not OPTION_ASK.search(point):
        return point
    found = await named_products(req.tb, point, client_id=cid)
    if not found["products"] or not found["asked_for"]:
        return point
    product = found["products"][0]
    name = (product.get("name_en") or product["name"]) if lang == "en" else product["name"]
    least = product.get("min_amount") or 0
    amount = money_en(least) if lang == "en" else money_zh(least)
    minimum = t("option_minimum", lang).format(amount=amount) if least > 0 else ""
    return t("option_point", lang).format(name=name, minimum=minimum)


async def answer(req: Request, profile: dict) -> EngineResult:
    tb, lang, cid = req.tb, req.lang, profile["client_id"]
    await req.emit(StatusEvent(text=t("drafting", lang)))
    signals = (await tb.acall("get_client_signals", {"client_id": cid}))["signals"]
    found = await named_products(tb, req.text, client_id=cid)
    if lacks_product(found):
        card = [c.client_card(profile)]
        return EngineResult(not_in_catalogue(found, lang), "draft_outreach", cards=card)
    # A product the RM names now, else the one of the draft being edited ("改成邮件").
    named = first_code(said_first(found, req.text)) or req.slots.product_code
    # "跟她说下周三来签协议": the message is what the RM dictates, not a pitch the signals pick.
    told = [] if req.slots.points else [w for w in [dictated_words(req.text)] if w]
    points = req.slots.points or told
    # "跟进下那笔信用证的授信进度": what the message is about, framed in the draft's language
    # (kept raw in the draft's state, so "in English" frames it again).
    topic = None if told else topic_words(req.text) or req.slots.topic
    purpose = req.slots.purpose or ("general" if told or topic else purpose_for(signals, named))
    if purpose in UNSPECIFIC and not (told or topic) and REMINDER.search(req.text):
        # "draft them a reminder email", no signal saying of what: of what they hold that
        # matures ("提醒下她持有的产品风险" keeps its suitability signal's purpose).
        purpose = "maturity_reminder" if _maturing_held(profile, named) else purpose
    product = _draft_product(signals, purpose, named, profile)
    # What the RM asked to say is checked first: a promise of returns in the request is
    # reported (and kept out of the draft), not silently dropped.
    # The product the RM's words are about is checked too when the draft is about another
    # ("说海盈稳享保本的 让他定期到期转过来": the promise is the wealth product's, the reminder the CD's).
    checked = await _check_request(req, cid, product, named)
    # Telling the client a holding is above their grade offers nothing: not a finding of the
    # draft's — though a sale pushed past the grade still is (below).
    reviewing = purpose == REVIEW
    broken = [f for f in checked if not (reviewing and f.get("code") == SUITABILITY)]
    if product and product == named and any(f.get("code") == TIED for f in broken):
        # "得买理财才能续贷": the product made the condition is not what the message offers.
        purpose = req.slots.purpose or purpose_from_signals(signals)
        product = _signal_product(signals, purpose)
    channel = req.slots.channel or DEFAULT_CHANNEL
    args = {
        "client_id": cid,
        "channel": channel,
        "purpose": purpose,
        "language": req.slots.target_language or lang,
        "product_code": product,
        "style": req.slots.style or "standard",
        "include": req.slots.include,
        "exclude": req.slots.exclude,
        "points": points,  # kept for an edit ("shorter" still says what was dictated)
    }
    if topic:
        args["topic"] = topic  # not the tool's: the state's, for an edit
    if req.slots.contact:  # "打给郭经理": the contact named, not the primary one
        args["contact"] = req.slots.contact
    if planned := send_time(req.text, req.tb.services.as_of):
        args["send_at"] = planned.isoformat()  # "周六中午12点半发": quiet hours read then
    if purpose == GREETING and (day := occasions.occasion(req.text) or req.slots.occasion):
        args["occasion"] = day  # "冬至快到了 写个节日问候": the day named, not "节日快乐"
    draft: dict = {}
    not_written = False
    if unsuitable := _unsuitable(broken, product, purpose):
        body = [await _not_pitched(req, unsuitable)]
    elif not_written := any(f.get("code") in NOT_WRITTEN for f in broken):
        body = []  # a plan that is itself the breach: no message of any wording is written
    else:
        framed = [t("topic_point", args["language"]).format(topic=topic)] if topic else []
        call = {k: v for k, v in args.items() if k != "topic"}
        if day := args.get("occasion"):
            call["occasion"] = occasions.said(day, args["language"])
        # two asks for the same product ("加上大额存单", "mention the CD") say it once
        offered = list(
            dict.fromkeys([await _option_line(req, p, args["language"], cid) for p in points])
        )
        draft = await tb.acall("draft_outreach", call | {"points": [*offered, *framed]})
        title = c.heading(f"{t('draft_title', lang)} · {channel} · {purpose}")
        body = [[title], _edited(req, draft, lang), ["```", _body(draft, lang), "```"]]
        if draft.get("held"):  # the contact policy holds this marketing message back
            body = [await _held(req, draft)]
        elif draft.get("send_after"):
            body.append([f"⏰ {draft['send_after']}"])
    # "她虽然是C1但她坚持，帮我写个话术让她下单": a sale pushed past the client's risk appetite
    # is declined whoever insists (the suitability rule), not turned into a softer message.
    mismatch = next(
        (f for f in [*checked, *draft.get("findings", [])] if f.get("code") == SUITABILITY), None
    )
    sale_declined = bool(mismatch and PUSHED_SALE.search(req.text))
    if sale_declined and not unsuitable and mismatch is not None:
        body = [await _not_pitched(req, mismatch), *body]
    blocks = [
        await _verdicts(req, broken),
        [_warning(said, lang)] if (said := _said(broken)) else [],
        *body,
        _removed(draft.get("findings", []) + broken, lang),
        await _references(req, channel, purpose),
    ]
    if unsuitable is None and not_written:
        blocks = blocks[:2]  # the rule and why; no draft, nothing removed from one
    # The draft's slots (ids and codes only) for an edit: "改成邮件", "shorter", "in English".
    # A promise of principal or returns the RM asked for ("就说保本保息，稳赚不赔") is declined —
    # the draft offered is the bank's wording, not the message asked for — so the answer is a
    # refusal. Tied wording is left out of a draft the RM can still send, and the request to
    # carry it is declined all the same; a pitch of a product above the client's grade is not
    # written at all.
    declined = (
        sale_declined
        or bool(draft.get("held"))
        or unsuitable is not None
        or any(f.get("code") in DECLINED for f in _said(broken))
    )
    return EngineResult(
        c.join(blocks),
        "draft_outreach",
        cards=[c.client_card(profile)],
        state={"last_draft": args},
        refused=declined,
        refusal_reason="out_of_policy" if declined else None,
    )


async def _held(req: Request, draft: dict) -> list[str]:
    """A marketing message the contact policy holds back: not written, each reason said, the
    policy's playbook cited, and what may still go (a service message is not held)."""
    lines = [t("contact_held", req.lang)]
    lines += [f"- {reason}" for reason in draft["held"]]
    codes = set(draft.get("held_codes") or [])
    sources = []
    if codes - {"risk_watch"}:
        sources.append(
            lookup(req.playbooks, "contact_cadence", fallback="营销 接触频次 免打扰 退订 opt-out")
        )
    overlay = req.tb.services.intelligence.policy.tiering.risk_overlay
    if "risk_watch" in codes and overlay is not None:
        # The watch list's own standard (tiering by risk), not the contact policy.
        sources.append(
            lookup(req.playbooks, playbook=overlay.playbook, fallback=overlay.standard_zh)
        )
    for source in sources:
        if passage := await find(req.tb, source, req.lang):
            lines.append(c.passage_ref(passage))
    lines.append(t("contact_held_instead", req.lang))
    if "opted_out" in codes:
        lines.append(t("contact_held_channel", req.lang))
    return lines


# "那去掉保本那些，正常写一版", "drop the guarantee part": words named to be taken out are not
# words the RM asks the message to carry.
TAKEN_OUT = re.compile(
    r"(?:去掉|删掉|删除|删去|拿掉|去除|别写|别提|不要写|不要提|不写|不提)[^，。,；;！!]{0,12}|"
    r"\b(?:remove|drop|take out|leave out|get rid of|without|no)\b(?: the)?[^,.;!]{0,30}?"
    r"(?:part|bit|line|wording|stuff|claim|promise|guarantee)s?\b(?:\s+(?:part|bit|line|wording)s?\b)?",
    re.I,
)


async def _check_request(req: Request, client_id: str, *products: str | None) -> list[dict]:
    """The conduct check of the RM's own words, with the client's risk appetite and the
    products the draft and the words are about (a product above the appetite is a suitability
    finding)."""
    report = await req.tb.acall(
        "check_compliance",
        {
            "text": TAKEN_OUT.sub(" ", req.text),
            "client_id": client_id,
            "product_codes": list(dict.fromkeys(p for p in products if p)),
            "text_kind": "request",
        },
    )
    return list(report.get("findings", []))


def _said(findings: list[dict]) -> list[dict]:
    """The findings about what the words say (suitability is about the product, not wording)."""
    return [f for f in findings if f.get("code") != SUITABILITY]


async def without_client(req: Request, asked: list[str] | None = None) -> EngineResult:
    """A draft asked for with no one client told: ask which client (``asked``: the "which
    one?" lines when the name fits several) — and when the request itself asks for something
    the conduct rules forbid (a promised return), say so first, so the RM does not wait for a
    draft that cannot carry it."""
    check = await req.tb.acall("check_compliance", {"text": req.text, "text_kind": "request"})
    findings = check.get("findings", [])
    ask = asked or [t("which_client", req.lang)]
    if not findings:
        return EngineResult(c.join([ask]), "draft_outreach")
    conduct_ref = lookup(req.playbooks, "marketing_conduct", fallback="marketing conduct")
    conduct = await find(req.tb, conduct_ref, req.lang)
    cite = f" [{conduct['n']}]" if conduct else ""
    # Wording no draft may carry is declined here too, not only once a client is named.
    declined = any(f.get("code") in DECLINED for f in findings)
    return EngineResult(
        c.join([[_warning(findings, req.lang) + cite], ask]),
        "draft_outreach",
        refused=declined,
        refusal_reason="out_of_policy" if declined else None,
    )


async def breaches(req: Request, client_id: str) -> EngineResult | None:
    """The conduct rules the RM's own words ask to break in a question about a client, judged
    first ("不可以：…" with the rule's passage); a request to say or do it, not put as a question,
    is declined. None when the words break none."""
    # Asked in a question about the client ("你帮我直接跟他们承诺比别家高0.5个点"), the rule
    # answers first, as it declines the same words asked of a message.
    broken = [f for f in await _check_request(req, client_id) if f.get("code") in DECLINED]
    if not broken:
        return None
    lines = await _verdicts(req, broken, dictated=False)
    asked = not asks_yes_no(req.text)
    return EngineResult(
        c.join([lines]),
        req.intent,
        flags=[f"compliance:{f['code']}" for f in broken],
        refused=asked,
        refusal_reason="out_of_policy" if asked else None,
    )


async def _verdicts(req: Request, findings: list[dict], *, dictated: bool = True) -> list[str]:
    """What the RM dictated ("tell her she gets 3.5% guaranteed") judged before any draft: one
    line per conduct rule it breaks, the first led by the refusal, each cited to the playbook
    passage that states the rule. Suitability is not a matter of wording: ``_not_pitched``."""
    first: dict[str, dict] = {}
    for f in _said(findings):
        first.setdefault(f["code"], f)
    lines: list[str] = []
    for finding in first.values():
        decided = await breach_lead(req.tb, finding.get("matched") or req.text, finding)
        if decided is None:
            continue
        lead = replace(decided[0], rule=_unquoted(decided[0].rule))
        lines.append(
            f"- {lead.rule} [{lead.n}]" if lines else lead.render(req.lang, dictated=dictated)
        )
    return lines


# A rule's reason quotes the words it bans ("不得使用“零风险”…"); said back to the RM they would
# read as the very wording refused, so the clauses that quote them are left out.
_CLAUSE_END = re.compile(r"([，；。;]|[,.](?=\s))")
_QUOTED = re.compile(r"[“”「」\"]|(?<![a-z])'|'(?![a-z])", re.I)


def _unquoted(reason: str) -> str:
    parts = _CLAUSE_END.split(reason)
    kept = [
        clause + end
        for clause, end in zip(parts[::2], [*parts[1::2], ""], strict=True)
        if clause.strip() and not _QUOTED.search(clause)
    ]
    return "".join(kept).strip().rstrip("，,；;") or reason


def _unsuitable(findings: list[dict], product: str | None, purpose: str) -> dict | None:
    """The finding that the product the draft would pitch is above the client's risk appetite;
    a reminder about a product the client already holds is not a pitch."""
    if product is None or purpose in ABOUT_HOLDING:
        return None
    return next(
        (f for f in findings if f.get("code") == SUITABILITY and f.get("matched") == product),
        None,
    )


async def _not_pitched(req: Request, finding: dict) -> list[str]:
    """No draft pitches a product the client may not buy: the reason, cited to the bank's
    suitability rule, and what to do instead."""
    passage = await find(req.tb, lookup(req.playbooks, "suitability"), req.lang)
    cite = f" [{passage['n']}]" if passage else ""
    return [
        t("draft_not_pitched", req.lang).format(why=finding["explanation"]) + cite,
        f"- {finding['suggestion']}",
    ]


def _edited(req: Request, draft: dict, language: str) -> list[str]:
    """What an edit of the last draft changed, and a fact asked for that the client lacks."""
    lines = []
    if style := _first(STYLES, req.text):  # this turn's own words, not the style carried over
        how = t(f"style_{style}", language)
        lines.append(t("draft_restyled", language).format(how=how))
    for key in draft.get("not_added", []):
        what = t(f"fact_{key}", language)
        lines.append(t("draft_fact_missing", language).format(what=what))
    return lines


def _warning(findings: list[dict], language: str) -> str:
    """The lead line when the RM's own request asks for what the conduct rules forbid."""
    labels = dict.fromkeys(c.finding_label(f.get("code", ""), language) for f in findings)
    sep = "、" if language == "zh" else "; "
    return t("request_breaks_rules", language).format(what=sep.join(labels))


def purpose_for(signals: list[dict], product: str | None) -> str:
    """The draft's purpose when the RM names none: a product the RM named is introduced as
    itself (or as what its own signal calls for: the CD that matures), never dressed in another
    signal's purpose (a letter of credit in a payroll pitch)."""
    if product is None:
        return purpose_from_signals(signals)
    own = [s for s in signals if s.get("product_code") == product]
    return purpose_from_signals(own) if own else "product_intro"


def purpose_from_signals(signals: list[dict]) -> str:
    kinds = (_purpose(s) for s in signals)
    return next((k for k in kinds if k), "general")


def _purpose(signal: dict) -> str | None:
    """A product gap is a payroll pitch only when the gap is payroll; a gap its peers show
    (a loan, a letter of credit) is introduced as that product, never as payroll."""
    purpose = PURPOSE_BY_SIGNAL.get(signal["kind"])
    if purpose == "payroll_pitch" and signal.get("basis") not in (None, "payroll"):
        return "product_intro"
    return purpose


def _draft_product(
    signals: list[dict], purpose: str, named: str | None, profile: dict | None = None
) -> str | None:
    """The product the draft is about. A reminder of what the client holds (the CD that
    matures, the fund above their risk tolerance) is about the held product even when the RM
    names another one to move into: "her TD matures, roll it into a wealth product" reminds
    her of the TD, never of a wealth product she does not hold — also when the maturity is
    further off than the signal's window (the holding that matures next)."""
    held = _signal_product(signals, purpose)
    if held is None and purpose == "maturity_reminder" and profile is not None:
        held = _maturing_held(profile, named)
    if named is None or (
        purpose in ABOUT_HOLDING and held and not _has_signal(signals, named, purpose)
    ):
        return held
    return named


def _maturing_held(profile: dict, named: str | None) -> str | None:
    """The holding a reminder with no maturity signal is about: the one named when it has a
    maturity date, else the one that matures next."""
    # What is still to mature first; one that matured before the extract's day only if none is.
    upcoming, dated = figures.dated_holdings(profile)
    codes = [h["product_code"] for h in upcoming or dated]
    return named if named in codes else (codes[0] if codes else None)


def _has_signal(signals: list[dict], product: str, purpose: str) -> bool:
    """Whether ``product`` is the subject of a signal of this purpose (a maturing wealth
    product), not merely named by another (the gap that suggests buying it)."""
    return any(s.get("product_code") == product and _purpose(s) == purpose for s in signals)


def _signal_product(signals: list[dict], purpose: str) -> str | None:
    """The product of the signal the draft is about (the CD that matures)."""
    return next(
        (s["product_code"] for s in signals if s.get("product_code") and _purpose(s) == purpose),
        None,
    )


def _body(draft: dict, language: str) -> str:
    if draft.get("text"):
        return draft["text"]
    subject = t("subject", language).format(subject=draft.get("subject", ""))
    return f"{subject}\n\n{draft.get('body', '')}"


def _removed(findings: list[dict], language: str) -> list[str]:
    """The conduct rules the draft or the request broke: named, never quoted back."""
    if not findings:
        return []
    seen = dict.fromkeys(f"- {c.finding_label(f.get('code', ''), language)}" for f in findings)
    return [t("draft_removed", language), *seen]


async def _references(req: Request, channel: str, purpose: str) -> list[str]:
    """The channel's template playbook that shaped the draft, the playbook of the signal the
    draft answers (a suitability reminder rests on the suitability rules, a maturity reminder
    on the maturity follow-up), and the conduct rules it was checked against."""
    template = await find(
        req.tb, channel_lookup(req.playbooks, channel), req.lang, extra=purpose, k=3
    )
    signal = SIGNAL_BY_PURPOSE.get(purpose)
    topic = await find(req.tb, lookup(req.playbooks, signal), req.lang) if signal else None
    conduct_ref = lookup(req.playbooks, "marketing_conduct", fallback="marketing conduct")
    conduct = await find(req.tb, conduct_ref, req.lang)
    found = [p for p in (template, topic, conduct) if p]
    unique = {(p["doc_id"], p["section"]): p for p in found}.values()
    refs = [c.passage_ref(p) for p in unique]
    return [c.heading(t("compliance", req.lang)), f"- {t('draft_check', req.lang)}"] + refs
