"""Slot extraction: client, channel, purpose, language and book filters (products are the
catalogue's business: see ``products.py`` and the ``find_products`` tool)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.privacy.tokens import CLIENT_TOKEN_RE, TOKEN_RE
from tools.names.titles import ROLE_SAID, ZH_TITLED

CJK = re.compile(r"[\u4e00-\u9fff]")

PERSON_TOKEN = re.compile(r"⟦PERSON_\d+⟧")
CHANNELS = [
    (r"微信|企微|wechat|weixin|\bwecom\b", "wechat"),  # 企业微信 / WeCom: the work WeChat
    # "text ⟦CLIENT_1⟧ about his TD", "send her a text": a text is an SMS
    (
        r"短信|\bsms\b|text message|^\s*(?:pls |please |can you |could you )?text\b|"
        r"\btext (?:him|her|them|the client|⟦[A-Z]+_\d+⟧)|\ba text\b",
        "sms",
    ),
    (r"邮件|e-?mail", "email"),
    (r"电话|外呼|话术|call script|phone script|\bcall\b", "call"),
]
PURPOSES = [
    # "给他写个投诉回访短信", "an update on her complaint": a service message about the complaint
    (r"投诉|客诉|\bcomplaints?\b", "complaint_reply"),
    (  # a loan or facility falling due: repayment or renewal, never "renew the deposit"
        r"(?:贷款|授信|借款|按揭|\bloans?\b|\bcredit (?:line|facility)\b|\bfacility\b|\bmortgage\b)"
        r".{0,16}(?:到期|matur|\bdue\b)|续贷|(?:到期|matur|\bdue\b).{0,16}(?:贷款|授信|\bloans?\b)",
        "loan_maturity",
    ),
    (
        r"到期|续作|续存|续贷|matur|renew|\b(?:falls?|falling|comes?|coming|is|are) due\b|\bdue date\b",
        "maturity_reminder",
    ),
    (r"流失|流出|转走|挽留|下降|churn|outflow|leaving|retain", "churn_care"),
    (r"代发|payroll", "payroll_pitch"),
    (r"休眠|唤醒|沉睡|dormant|reactivat", "dormant_reactivation"),
    (r"适当性|风险测评|风险评估|suitability|risk assessment", "suitability_review"),
    (
        r"拜访|约见|见面|坐坐|约个时间|约时间|登门|上门|过去看看|visit|meeting|\bcheck(?:ing)?[- ]in\b|"
        r"\bcatch up\b|\btouch base\b|\b(?:haven'?t|have not|not) (?:talked|spoken|been in touch)\b",
        "service_visit",
    ),
    (r"节日|生日|春节|中秋|新年|festival|birthday|new year", "birthday_or_festival"),
]
# "太长了 压到两三句", "too long": a draft asked shorter (also an edit of the last draft, ``followup``).
CUT_DOWN = r"太长|太啰嗦|压(?:到|成|缩)|缩短|删减|(?<![加添补写多])[一两三]两?句|\btoo long\b|\bcut it down\b"
# How an RM asks to restyle a draft; "less formal" is casual, so casual is read first. "longer"
# undoes "shorter". What each style changes is the bank's wording (outreach frames.yaml).
STYLES = [
    (
        r"短一?点|短些|简短|精简|简洁|简单点|\bshorter\b|\bbrief(er)?\b|\bconcise\b|\btrim\b|"
        + CUT_DOWN,
        "short",
    ),
    (
        r"口语|随意|轻松一?点|亲切|接地气|\b(more )?casual\b|\binformal\b|\bless formal\b|"
        r"\bfriendl(y|ier)\b|\bwarmer\b|\brelaxed\b",
        "casual",
    ),
    (r"正式|书面|客气一?点|\bformal\b|\bpoliter?\b|\bprofessional\b", "formal"),
    (r"长一?点|\blonger\b|\bmore detail", "standard"),
]
# Facts an RM asks a draft to add by name ("加上到期日"): their lines are the bank's templates'.
FACTS = [
    (r"到期日期?|到期时间|\bmaturity( date)?\b|\bwhen it matures\b", "maturity_date"),
    (r"金额|余额|\bamounts?\b|\bbalances?\b", "amount"),
]
# "别写金额", "don't mention the amount": a fact the draft must leave out (its phrase is dropped).
OMITTED = (
    r"(?:别|不要|不用|无需|不必|勿|先别)(?:写|提|带|放|加|出现|显示)?(?:上|出)?(?:具体)?{fact}|"
    r"{fact}(?:就|先)?(?:别|不要|不用|不必)(?:写|提|带|放|加)?|"
    r"\b(?:don'?t|do not|no need to|never) (?:mention|include|put|show|state|give)\b.{{0,12}}{fact}|"
    r"\bwithout (?:the |any )?{fact}|\bno {fact}"
)
SIGNALS = [
    (
        r"流失|流出|下降|骤降|大降|猛降|暴跌|锐减|减少|减半|腰斩|掉了|掉得|少了一半|缩水|churn|outflow|declin|dropp|shrink|halv|plung|plummet|"
        r"\b(?:deposits?|balances?|funds) (?:fell|fallen|went down|are down|is down)\b|"
        r"\blos(e|es|ing|t)\b.{0,20}\b(deposits?|funds|money|balances?)\b",
        "deposit_churn",
    ),
    (r"到期|matur", "maturity"),
    (
        # "代发空白户": a client still blank for payroll
        r"缺口|空白户?|没有代发|没有开通|没开通|未开通|未办理|no payroll|without payroll|gap|lack",
        "product_gap",
    ),
    (r"休眠|沉睡|睡眠户|dormant|inactive|sleeping|asleep|gone quiet", "dormancy"),
    (
        r"增长|上升|快速成长|(?:涨|增|长)得(?:快|猛|多)|涨(?:了)?(?:很多|不少|一大截)|猛涨|grow|rising",
        "growth",
    ),
    (r"适当性|风险不匹配|超出.{0,4}风险|suitab|mismatch", "suitability"),
    # "有未结投诉的客户", "clients with open complaints" (a rule question about complaints is not)
    (
        r"未结投诉|投诉未结|投诉(?:还)?没(?:结|办结|处理完)|有投诉的|\bopen complaints?\b|\bunresolved complaints?\b|"
        r"投诉[^，。？?\d]{0,6}(?:超期|逾期|超时|过期|超过期限|没按时)|(?:超期|逾期|超时)(?:的|未结|没结|未办结)?投诉|"
        r"\b(?:overdue|late) complaints?\b|\bcomplaints?\b[^.?!]{0,20}\b(?:overdue|past (?:their |its |the )?(?:due date|deadline))",
        "complaint",
    ),
]
# "用英文", "改成中文", "英文版", "in English", "translate to Chinese"
TO_LANGUAGE = (
    r"(用|改成|改为|换成|转成|翻译成|翻成|译成|写成|出个?)({zh})|({zh})(版|邮件|微信|短信|话术)|"
    r"\bin {en}\b|\b{en} version\b|\b(to|into) {en}\b|\bmake (it|them|these|those|both|each) {en}\b"
)


@dataclass
class Slots:
    language: str
    client_tokens: list[str] = field(default_factory=list)
    client_ids: list[str] = field(default_factory=list)  # the engine fills it (tools know ids)
    ask_which: bool = False  # client_ids are candidates the words fit, not a choice
    name_fragment: str | None = None
    channel: str | None = None
    purpose: str | None = None
    target_language: str | None = None
    product_code: str | None = None  # carried from the last draft (see ``followup.py``)
    points: list[str] = field(default_factory=list)  # a line the RM asks a draft to add
    style: str | None = None  # "shorter", "more formal": see STYLES
    include: list[str] = field(default_factory=list)  # facts a draft is asked to add (FACTS)
    exclude: list[str] = field(default_factory=list)  # facts it must leave out ("别写金额")
    contact: str | None = None  # the person a draft is for ("打给郭经理"): their token
    topic: str | None = None  # what the last draft was about, for an edit (see draft_outreach)
    occasion: str | None = None  # the last greeting's day (冬至, 生日), for an edit of it


def detect_language(text: str) -> Literal["zh", "en"]:
    stripped = TOKEN_RE.sub("", text)
    cjk = len(CJK.findall(stripped))
    letters = len(re.findall(r"[A-Za-z]", stripped))
    return "zh" if cjk * 3 >= letters or cjk >= 6 else "en"


# "打给段总", "发给王经理": a contact named by surname and title (no PII, so not masked).
ADDRESSED_AS = re.compile(rf"(?:打给|发给|写给|致|给)\s*(?P<form>{ZH_TITLED.pattern})")


def _addressed_as(text: str) -> str | None:
    m = ADDRESSED_AS.search(text) or ROLE_SAID.search(text)
    return m.group("form" if m.re is ADDRESSED_AS else "role") if m else None


def signal_of(text: str) -> str | None:
    """The signal kind ``text`` names ("沉睡客户", "churn"), if any."""
    return _first(SIGNALS, text)


def _first(rules: list[tuple[str, str]], text: str) -> str | None:
    return next((value for rx, value in rules if re.search(rx, text, re.I)), None)


# "给她发个短信，让她…微信回我": the channel right after a verb that asks for a message is the one
# to write in; another channel named is what the message talks about. Of several, the last: "发邮件
# 问续贷，帮我回个微信" — what the client did comes first, what the RM asks for after it.
ASKED_CHANNEL = re.compile(
    r"(?:发|写|起草|拟|编|打|回)(?:一?个|一?条|一?封|一?通|一下)?(短信|微信|企微|邮件|电话)|"
    r"\b(?:draft|write|send|prepare)\s+(?:(?:him|her|them)\s+)?(?:a|an|the)\s+"
    r"(sms|text|e-?mail|wechat|wecom|call script|phone script)\b|"
    r"\b(e-?mail|text|wechat)\s+(?:him|her|them|⟦)",
    re.I,
)


def channel_asked(text: str) -> str | None:
    """The channel the RM asks the message in: verb-anchored first, else the first named."""
    asked = next(reversed(list(ASKED_CHANNEL.finditer(text))), None)
    if asked:
        said = next(g for g in asked.groups() if g)
        return _first(CHANNELS, "a text" if said.lower() == "text" else said)
    return _first(CHANNELS, text)


def extract(text: str, language: str | None = None) -> Slots:
    slots = Slots(language=language or detect_language(text))
    slots.client_tokens = list(dict.fromkeys(CLIENT_TOKEN_RE.findall(text)))
    slots.channel = channel_asked(text)
    slots.contact = next(iter(PERSON_TOKEN.findall(text)), None) or _addressed_as(text)
    slots.purpose = _first(PURPOSES, text)
    slots.style = _first(STYLES, text)
    slots.exclude = omitted(text)
    if re.search(TO_LANGUAGE.format(zh="英文|英语", en="english"), text, re.I):
        slots.target_language = "en"
    elif re.search(TO_LANGUAGE.format(zh="中文|汉语", en="chinese"), text, re.I):
        slots.target_language = "zh"
    return slots


def omitted(text: str) -> list[str]:
    """The facts (FACTS) the words ask a draft to leave out: "别写金额", "no amounts"."""
    return [key for rx, key in FACTS if re.search(OMITTED.format(fact=f"(?:{rx})"), text, re.I)]
