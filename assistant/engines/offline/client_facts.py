"""``client_facts``: what the bank holds about one client, and the rule behind its tier."""

from __future__ import annotations

import re

from assistant.engines.base import EngineResult
from assistant.engines.offline import compose as c
from assistant.engines.offline import figures
from assistant.engines.offline.phrases import t
from assistant.engines.offline.playbooks import find, lookup
from assistant.engines.offline.products import named_products
from assistant.engines.offline.request import Request
from tools.intelligence.fmt import exact_en, exact_zh
from tools.note_tools import note_policy

RECENT = 3
# "谁管的", "客户经理是谁", "who manages X", "whose client is X": the client's RM, first.
WHO_MANAGES = re.compile(
    r"谁管|谁负责|谁在管|归谁|谁的客户|(客户经理|管户(经理)?|管户人|RM)\s*是谁|哪个客户经理|哪位客户经理|"
    r"\bwho('s| is)? (manages|managing|looks after|looking after|owns|covers|covering|handles|"
    r"handling|in charge of)\b|\bwhose client\b|\bwho (has|holds) (the )?(account|relationship)\b|"
    r"\bwho('s| is) (the|their|its|his|her) (rm|relationship manager|banker)\b|"
    r"\b(rm|relationship manager) (for|of) ⟦",
    re.I,
)


# "联系人是谁", "who's the contact at X", "上次什么时候联系的", "when did we last talk": the part
# of the profile asked for leads the answer, the rest follows as context.
CONTACTS_ASKED = re.compile(
    r"联系人|对接人|负责人是谁|财务是谁|老板是谁|找谁|电话多少|手机号?多少|"
    # "when did I last contact her" asks when, not who: "contact" after last/recent is a verb
    r"(?<!last )(?<!recent )(?<!recently )\b(?:contacts?|contact person|point of contact|"
    r"who (?:do|should) i (?:call|talk to|ask for)|"
    r"phone number|their number)\b",
    re.I,
)
RECENT_ASKED = re.compile(
    r"(?:上次|最近|最后一次).{0,6}(?:联系|拜访|沟通|互动|见面|通话|聊)|多久没(?:有)?(?:联系|拜访|沟通)|"
    # "跟进了没", "has anyone followed up": whether they were contacted, answered by the notes
    r"(?:跟进|联系|拜访)(?:了|过)(?:没|吗|没有)|有没有(?:跟进|联系)|\b(?:followed up|been in touch)\b|"
    r"\b(?:last (?:contact|visit|call|interaction|meeting|spoke|talked|met)|when did (?:i|we) last|"
    r"recent (?:interactions?|notes?|contacts?)|interaction history)\b",
    re.I,
)


# "这个月还能给她打几个营销电话", "还能给他们发营销短信吗", "how many more marketing calls can I
# make to X this month": the contact policy's allowance for the client, first.
ALLOWANCE_ASKED = re.compile(
    r"还(?:能|可以)[^。？?]{0,12}?(?:打|发|联系|约|营销)[^。？?]{0,8}?(?:几|多少)(?:个|次|条|通|回)?|"
    r"(?:还|能不能|可不可以|还能|还可以)[^。？?]{0,12}?(?:打|发)[^。？?]{0,4}营销[^。？?]{0,6}(?:吗|么|不|没)|"
    r"(?:营销)(?:电话|短信|微信|企微|邮件)[^。？?]{0,6}(?:还剩|剩几|剩多少|额度|上限|次数)|"
    r"\bhow many more\b[^?]{0,30}\b(?:calls?|sms|texts?|messages?|wechats?|e-?mails?|contacts?)\b|"
    r"\bcan i still (?:call|text|message|wechat|e-?mail|contact)\b|"
    r"\b(?:calls?|sms|texts?|messages?|contacts?) (?:left|remaining)\b",
    re.I,
)
_CHANNEL_ZH = {"sms": "短信", "wechat": "微信", "email": "邮件", "call": "电话"}
_CHANNEL_EN = {"sms": "SMS", "wechat": "WeChat", "email": "e-mail", "call": "call"}


async def _allowance(req: Request, profile: dict) -> list[str]:
    """Per channel asked (every capped one when none is): the month's cap, the contacts made,
    what is left, and anything that holds a marketing message back now."""
    if not ALLOWANCE_ASKED.search(req.text):
        return []
    out = await req.tb.acall(
        "contact_allowance",
        {
            "client_id": profile["client_id"],
            **({"channel": req.slots.channel} if req.slots.channel else {}),
        },
    )
    zh = req.lang == "zh"
    rows = [r for r in out["channels"] if r["cap"] is not None or req.slots.channel]
    lines = []
    for r in rows:
        word = (_CHANNEL_ZH if zh else _CHANNEL_EN)[r["channel"]]
        if r["cap"] is None:
            lines.append(
                f"营销{word}没有每月次数上限（本月已联系 {r['used']} 次）。"
                if zh
                else f"Marketing by {word} has no monthly cap ({r['used']} this month so far)."
            )
        elif zh:
            lines.append(
                f"本月（{out['month']}）营销{word}还能联系 {r['left']} 次：每月上限 {r['cap']} 次，"
                f"本月已{word}联系 {r['used']} 次（上月的不计入本月）。"
            )
        else:
            lines.append(
                f"Marketing {word}s left this month ({out['month']}): {r['left']} — the cap is "
                f"{r['cap']} a month and {r['used']} have been made so far (last month's do not count)."
            )
        lines += [f"- {h}" for h in r["held"]]
        if r["quiet"]:
            lines.append(f"- {r['quiet']}")
    lines.append(t("allowance_service", req.lang))
    return lines


async def answer(req: Request, profile: dict) -> EngineResult:
    lang = req.lang
    contacts, recent = _contacts(profile, lang), await _recent(req, profile)
    first = [
        b for b, rx in ((contacts, CONTACTS_ASKED), (recent, RECENT_ASKED)) if rx.search(req.text)
    ]
    product = await _asked_product(req, profile)
    blocks = [
        await _allowance(req, profile),
        _manager(req.text, profile, lang),
        figures.lead(req.text, profile, lang, product_named=bool(product)),
        product,
        *first,
        [c.heading(t("snapshot", lang))] + c.snapshot(profile, lang) + c.basics(profile, lang),
        [c.heading(t("holdings_title", lang))] + _holdings(profile, lang),
        *(b for b in (contacts, recent) if not any(b is f for f in first)),
        await _tier_basis(req, profile),
    ]
    return EngineResult(c.join(blocks), "client_facts", cards=[c.client_card(profile)])


def _manager(text: str, profile: dict, language: str) -> list[str]:
    """Who manages the client, when asked: the RM the extract names (the caller themself, or a
    colleague of the team lead's team)."""
    rm = profile.get("rm") or {}
    if not WHO_MANAGES.search(text) or not rm.get("rm_id"):
        return []
    key = "managed_by_you" if rm.get("is_caller") else "managed_by"
    return [
        t(key, language).format(
            name=profile["name"],
            client_id=profile["client_id"],
            rm=rm.get("name") or rm["rm_id"],
            rm_id=rm["rm_id"],
        )
    ]


async def _asked_product(req: Request, profile: dict) -> list[str]:
    """ "那理财呢？", "他们代发在我们这儿做吗": the answer first, held or not."""
    found = await named_products(req.tb, req.text, client_id=profile["client_id"])
    if not found["asked_for"] or not found["products"]:
        return []
    held = [p for p in found["products"] if p["held"]]
    if not held:
        return [t("asked_not_held", req.lang).format(product=found["asked_for"])]
    holdings = {h["product_code"]: h for h in profile["holdings"]}
    exact = exact_zh if req.lang == "zh" else exact_en

    def named(p: dict) -> str:
        """The product, its amount and, "她理财几号到期", its maturity date."""
        name = p["name"] if req.lang == "zh" else p["name_en"] or p["name"]
        h = holdings.get(p["product_code"]) or {}
        parts = [exact(h["balance"])] if h.get("balance") else []
        if h.get("maturity_date"):
            parts.append(t("matures", req.lang).format(date=h["maturity_date"]).strip())
        if not parts:
            return name
        return (
            f"{name}（{'，'.join(parts)}）" if req.lang == "zh" else f"{name} ({', '.join(parts)})"
        )

    names = "、".join(named(p) for p in held)
    return [t("asked_held", req.lang).format(product=found["asked_for"], names=names)]


def _holdings(profile: dict, language: str) -> list[str]:
    lines = []
    for h in profile["holdings"]:
        line = t("holding", language).format(
            product=h["product"], code=h["product_code"], risk=h["risk_level"]
        )
        if h.get("maturity_date"):
            line += t("matures", language).format(date=h["maturity_date"])
        if h.get("balance"):  # "到期多少钱", "七天理财现在多少": the holding's amount, in full
            exact = exact_zh if language == "zh" else exact_en
            line += t("maturing_amount", language).format(amount=exact(h["balance"]))
        lines.append(line)
    return lines


def _contacts(profile: dict, language: str) -> list[str]:
    contacts = [
        f"- {p['name']} · {p['title']}" + (f" · {p['phone']}" if p.get("phone") else "")
        for p in profile["contacts"]
    ]
    if profile.get("phone"):
        contacts.insert(0, f"- {t('phone', language)}: {profile['phone']}")
    return [c.heading(t("contacts_title", language))] + contacts if contacts else []


async def _recent(req: Request, profile: dict) -> list[str]:
    args = {"client_id": profile["client_id"], "limit": RECENT}
    notes = (await req.tb.acall("get_interactions", args))["interactions"]
    if not notes:  # "上次联系是什么时候" of a client never contacted: say so, do not go quiet
        asked = RECENT_ASKED.search(req.text)
        return (
            [c.heading(t("recent_title", req.lang)), t("no_interactions", req.lang)]
            if asked
            else []
        )
    words = note_policy(req.tb)  # the channel as the RM says it: 拜访, not "visit"
    return [c.heading(t("recent_title", req.lang))] + [
        f"- {n['date']} · {words.channel_word(n['channel'], req.lang)} · {n['summary']}"
        for n in notes
    ]


async def _tier_basis(req: Request, profile: dict) -> list[str]:
    """The tier is a bank rule, not a fact of the data: cite the tiering playbook for it."""
    tier = profile["tier_label"]
    ref = lookup(req.playbooks, "tiering", fallback=tier)
    tiering = await find(req.tb, ref, req.lang, tier=tier, k=5)
    if not tiering:
        return []
    return [t("tier_basis", req.lang).format(why=profile["tier_explanation"], n=tiering["n"])]
