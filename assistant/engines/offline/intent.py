"""Intent classification for the offline engine: weighted keyword rules in Chinese and English.

Rules beat a model here: they are explainable, need no weights, and run in microseconds. Each
intent has cue patterns; the highest score wins, with a client mention tipping between
``serve_client``/``client_facts`` and ``playbook_qa``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.engines.offline.book_parse import (
    GROUP_BY_RM,
    PERMISSION_ASKED,
    REWARD_ASKED,
    TOTAL,
)
from assistant.engines.offline.followup import PRONOUN
from assistant.privacy.tokens import TOKEN_RE

if TYPE_CHECKING:
    from assistant.engines.offline.examples import ExampleVerdict

METHODS = ("rules", "examples", "combined")

# "email ⟦PERSON_1⟧ at ⟦CLIENT_1⟧ to set up…": the channel said as the verb.
CHANNEL_AS_VERB = (
    r"^\s*(?:pls |please |can you |then |ok,? |now )?(?:e-?mail|wechat|wecom|text|sms|message) "
    # "WeChat him about it", "text her a reminder": a pronoun for the client in view
    r"(?:⟦(?:CLIENT|PERSON)_\d+⟧|(?:him|her|them)\b)"
)
# Asking for a text to be written; a channel's wording named without it ("企业微信消息怎么写比较好",
# "the call script opening") and without a client in sight is a question about the templates.
# "draft a call outline for X", "write him a msg": an English ask for something to send or say.
DRAFT_EN = (
    r"\b(draft|write|compose|prepare)\b.{0,40}\b(message|msg|email|e-mail|mail|sms|text|wechat|"
    r"wecom|weixin|script|note|letter|call outline|call plan)s?\b|"
    # "call outline for ⟦CLIENT_1⟧ - …": the thing to write, named with whom it is for
    r"^\s*(?:an? )?(?:call outline|call script|call plan|phone script|wechat|email|sms)\s+(?:for|to)\s+⟦|"
    # "write to ⟦CLIENT_1⟧ recommending …": writing to a client is a message
    r"\b(?:write|drop a (?:line|note)|reach out) to ⟦(?:CLIENT|PERSON)_\d+⟧"
)
# A message for each client a filter describes: a draft, however much the words read like a list.
EACH_MESSAGE = (
    r"\b(?:msgs?|messages?|texts?|sms|e-?mails?|wechats?|wecoms?|notes?|letters?|drafts?|reminders?)"
    r"\b.{0,30}\b(?:for|to) (?:each|every|all)\b|"
    r"(?:给|对)(?:每[一个家位户]|各)[^，。？?]{0,20}(?:写|发|起草)|"
    r"(?:写|发|起草)[^，。？?]{0,8}(?:给|到)(?:每[一个家位户]|各)"
)
# "邀请我的零售客户参加18号的财富讲座", "invite my retail clients to the seminar": a message to
# each, inviting them (a campaign when they are many).
INVITE = (
    r"(?:邀请|邀约|请)(?:我的|名下|组里|这些|那些|所有|全部|各位)?[^，。？?]{0,24}客户[^，。？?]{0,10}(?:参加|出席)|"
    r"\binvite (?:my|our|the|all|each|every|these|those)\b[^?]{0,80}\bto (?:the|our|a|an)\b"
)
DRAFT_VERB = re.compile(
    r"起草|草拟|拟一[条封份个]|写一[条封份段个]|写[条个封]|发[一]?条|发(?:一)?[个封](?:微信|短信|邮件|企微|消息|信息)|帮我写|生成.{0,6}(消息|短信|邮件|话术|脚本)|"
    r"群发(?:一下|一轮|个|条)?(?:微信|短信|邮件|企微|消息|信息)|"
    + DRAFT_EN
    + "|"
    + CHANNEL_AS_VERB
    + "|"
    + EACH_MESSAGE
    + "|"
    + INVITE,
    re.I,
)

# "tell ⟦CLIENT_1⟧ X", "跟⟦CLIENT_1⟧财务说X", "帮我跟⟦CLIENT_1⟧说一声X", "…，告诉他们X": words the RM gives for the client, so
# a message to them. Only as an instruction opening a clause: "能跟⟦CLIENT_1⟧说X吗" and "can I
# tell ⟦CLIENT_1⟧ X?" ask whether it may be said, and "上次跟⟦CLIENT_1⟧说的" recalls a talk.
_WHO = r"⟦(?:CLIENT|PERSON)_\d+⟧"
TOLD = (
    rf"(?:^|[\s，,。；;！!]|帮我|替我|麻烦你?|请你?)(?:(?:跟|和|对){_WHO}(?:的?[\u4e00-\u9fff]{{1,4}})?(?:说|讲)(?![过了])|"
    rf"(?:告诉|通知|转告){_WHO}|(?<=[，,；;])\s*(?:跟|和|告诉)(?:他们|她们|他|她)(?:说|讲)?(?![过了]))|"
    rf"(?:^|[,.;:!]\s*|\b(?:pls|please|and|then|go)\s+)(?:tell|let)\s+{_WHO}|"
    r"[,.;]\s*tell (?:her|him|them)\b"
)

_TOLD_RE = re.compile(TOLD, re.I)
_TOLD_LEAD = re.compile(r"^(?:一声|一下|声)?\s*[，,:：;；]?\s*(?:that\s+)?", re.I)
_TOLD_END = re.compile(r"[\s。.!！~～]+$")
# "…, guaranteed. write it up", "…，帮我写一下": the RM's instruction after the words, not part of them.
_TOLD_TAIL = re.compile(
    r"[\s,.;:，。；：!！]+(?:(?:and|then|pls|please|now)\s+)*(?:write (?:it|that|this) up|draft it|"
    r"put (?:it|that) in writing|send (?:it|that)(?: to (?:her|him|them))?|(?:write|draft) (?:a|an|the) "
    r"(?:message|note|email|e-mail|sms|text|wechat)(?: for me)?)\W*$|"
    r"[\s，。；,;]+(?:你)?(?:帮我|替我)?(?:写一下|写个|写条|写一条|起草一下|起草|拟一下|整理一下)[^，。]{0,8}$",
    re.I,
)


def dictated_words(text: str) -> str | None:
    """What the RM tells the client to be told ("跟⟦CLIENT_1⟧说一声，下周三来签协议" -> "下周三来签
    协议"; "tell ⟦CLIENT_1⟧ the CD matures next week"): the words the draft must carry."""
    m = _TOLD_RE.search(text)
    if m is None:
        return None
    words = _TOLD_END.sub("", _TOLD_TAIL.sub("", _TOLD_LEAD.sub("", text[m.end() :])))
    if len(words) < 2:
        return None
    # Said to them, the client is "you": "tell her her CD matures" -> "your CD matures".
    for pattern, you in _TO_YOU:
        words = pattern.sub(you, words)
    return words[:1].upper() + words[1:]


# "给⟦CLIENT_1⟧写封邮件 跟进下那笔3360万信用证的授信进度", "email X to follow up on the LC
# facility": what the message is about, in the RM's words — the line the draft must carry.
_TOPIC = re.compile(
    # "约一下半年一次的资产检视": what the meeting asked for is about, "约" itself never enough
    r"(?:跟进一?下|跟进|追一?下|确认一?下|关于|约(?:他们|她们|他|她|客户)?"
    r"(?:(?:一下|个时间|时间)(?:来)?(?:做|聊聊|聊|谈谈|谈)?|(?:来)?(?:做|聊聊|聊|谈谈|谈))(?:个|一下|一次|一个)?)"
    r"\s*(?P<zh>[^，。,？?!！]{4,40})|"
    r"\b(?:to follow up on|following up on|follow up on|regarding|about the|re:)\s+(?P<en>[^,.?!]{6,80})",
    re.I,
)


def topic_words(text: str) -> str | None:
    """What a message is to be about when the RM says so ("跟进下那笔…的授信进度")."""
    m = _TOPIC.search(text)
    if m is None:
        return None
    words = (m.group("zh") or m.group("en") or "").strip()
    return words if TOKEN_RE.sub("", words).strip() else None


_TO_YOU = [
    (re.compile(r"^(?:they|he|she)\s+(?:are|is)\b", re.I), "you are"),
    (re.compile(r"^(?:they|he|she)\b", re.I), "you"),
    (re.compile(r"\b(?:their|his|her)\b", re.I), "your"),
    (re.compile(r"^(?:他们|她们|他|她)(?!们)"), "您"),
    (re.compile(r"(?:他们|她们|他|她)的"), "您的"),
]


# "张佳老公打电话问她卡里还剩多少钱，我跟他说一下没事吧", "her son wants to know how much she has
# with us, ok to tell him?", "把她的余额告诉她女儿": a client's data and family or friends, in any
# order — the data-protection rule's question, however the RM puts it.
_KIN_ZH = (
    r"(?:老公|老婆|丈夫|妻子|爱人|儿子|女儿|孩子|父亲|母亲|父母|爸爸?|妈妈?|家属|家人|亲戚|亲属|朋友|邻居|"
    r"姐姐|妹妹|哥哥|弟弟|儿媳|女婿|孙子|孙女)"
)
_ASSET_ZH = r"(?:余额|多少钱|卡里|账户|账上|存款|存了多少|有多少|资产|持仓|买了(?:什么|啥|哪些)|交易|流水|明细)"
_KIN_EN = (
    r"\b(?:son|daughter|husband|wife|spouse|partner|mother|father|mom|mum|dad|brother|sister|"
    r"relatives?|family(?: member)?|friend|neighbou?r|nephew|niece|grandson|granddaughter)\b"
)
_ASSET_EN = r"\b(?:balance|how much|account|holdings|savings|deposits|what (?:she|he|they) (?:has|have|holds?))\b"
_KIN_DISCLOSURE = (
    rf"{_KIN_ZH}[^。！？!?]{{0,24}}{_ASSET_ZH}[^。！？!?]{{0,30}}"
    r"(?:告诉|跟(?:他|她|他们|对方)说|说一?下|透露|给(?:他|她|他们|对方)看|发给|报给|查给|"
    r"回(?:复|个话|她|他|他们|对方)|答复)|"
    rf"(?:告诉|透露给?|发给|报给)(?:她|他)?的?{_KIN_ZH}[^。！？!?]{{0,20}}{_ASSET_ZH}|"
    # "把她的余额告诉她女儿": what she has, told to family
    rf"{_ASSET_ZH}[^。！？!?]{{0,12}}(?:告诉|透露给|发给|报给|转告)(?:她|他)?的?{_KIN_ZH}|"
    rf"{_KIN_EN}.{{0,80}}?{_ASSET_EN}.{{0,60}}?\b(?:tell|share|give|disclose|read out|let (?:him|her|them) know)\b|"
    rf"\b(?:tell|share with|give|disclose to)\b (?:his|her|their|the client'?s) {_KIN_EN}.{{0,60}}?{_ASSET_EN}|"
    rf"\b(?:share|tell|give|disclose|show)\b.{{0,30}}?{_ASSET_EN}.{{0,30}}?\b(?:with|to)\b "
    rf"(?:his|her|their|the client'?s) {_KIN_EN}"
)

# "Seabright's supplier wants to verify their balances — send them the numbers", "上游供应商要核实
# 他们在我行的余额 你发一下": a business party (not family) asks for a client's figures.
_PARTY_DISCLOSURE = (
    r"\b(?:suppliers?|vendors?|buyers?|counterpart(?:y|ies)|auditors?|landlords?|business partners?|"
    r"a third party|another company|their (?:customer|bank|partner)|(?:his|her|their) employer|employer|hr)\b"
    r".{0,30}\b(?:wants?|asked|asks|needs?|"
    r"requested|would like)\b.{0,40}\b(?:balances?|statements?|how much|deposits?|holdings|figures|"
    r"numbers|accounts?)\b.{0,40}\b(?:send|give|share|forward|e-?mail|tell|pass)\b|"
    # "forward Seabright's CFO mobile and email to my buddy": a client's contacts to a friend
    r"\b(?:forward|send|give|share|pass)\b.{0,40}\b(?:mobile|phone|number|e-?mail|contacts?|details|"
    r"balances?|holdings)\b.{0,30}\bto (?:my|a) (?:buddy|friend|mate|pal|cousin|brother|sister|"
    r"contact|agent|broker)\b|"
    r"(?:供应商|上游|下游|合作方|对方公司|审计|第三方|客户的客户|买方|卖方)[^。！？!?]{0,12}"
    r"(?:要|想|想要|要求|核实|确认|核对|问)[^。！？!?]{0,16}(?:余额|存款|流水|资金|账户|多少钱)"
    r"[^。！？!?]{0,16}(?:发给|给|告诉|发一下|报给|回)"
)

# Whether client data may go to someone else: a question about the data-protection rules.
DISCLOSURE = (
    r"(?:我)?(?:能|可以|能不能|可不可以|能否)(?:把.{0,16})?(?:告诉|透露|告知|说给|发给|转给|给)"
    r"(?:她|他|他们|她们|对方|家属|家人|子女|女儿|儿子|配偶|老公|老婆|丈夫|妻子|第三方|朋友)"
    r"(?:吗|么|嘛|不)?\s*[?？]?\s*$|"
    r"\b(?:can|may|could) (?:i|we) (?:tell|give|share (?:it )?with|disclose (?:it )?to|send (?:it )?to)\s+"
    r"(?:(?:her|his|their|the client'?s|⟦[A-Z]+_\d+⟧'?s) )?(?:daughter|son|wife|husband|spouse|family|relatives?|kids?|children|friend|"
    r"parents?|mother|father|mum|mom|dad|brother|sister|accountant|lawyer)\b|"
    # "隔壁组同事要华星樊总的手机号 我直接给她？": someone else wants a client's data — may the RM
    # hand it over (the data rule, whoever asks)
    r"(?:同事|隔壁|别的组|其他组|其他客户经理|朋友|家属|家人|外部|第三方|中介|律师|会计)[^。！]{0,8}"
    r"(?:要|想要|问我要|找我要|让我发|问)[^。！]{0,32}(?:手机|电话|号码|身份证|证件|余额|地址|资料|信息|名单|持仓|账号)"
    r"[^。！]{0,16}(?:给|发|转)(?:她|他|他们|对方)?[^。！]{0,4}(?:[吗么嘛不]|行吗|可以吗)?\s*[?？]|"
    r"\b(?:colleague|coworker|friend|someone|another rm|other team)\b.{0,30}\b(?:wants?|asked|asks|needs?)\b.{0,40}"
    r"\b(?:phone|mobile|number|id|address|balance|details|contacts?)\b.{0,40}\b(?:can|may|should|ok) (?:i|to)\b|"
    + _KIN_DISCLOSURE
    + "|"
    + _PARTY_DISCLOSURE
)

COVERAGE = (
    r"(?:存款保险|\bdeposit (?:insurance|protection)\b).{0,24}(?:保不保|覆盖|保障|保吗|包括|管不管|"
    r"\bcovers?\b|\bcovered\b|\bprotects?\b|\binclude)|\b(?:covered|protected) by deposit"
)

# "can i give ⟦CLIENT_1⟧ a 500 yuan shopping card?", "能不能送客户茅台", "客户送的购物卡能收吗": the
# gift rule, whoever the client is (one of another book gets the rule, never their data).
GIFT = (
    # one sentence: "what can I offer? lots of cash sitting there" asks what to sell
    r"\b(?:can|may|could) (?:i|we) (?:give|send|gift|offer|accept|take|keep)\b[^?!.]{0,40}"
    r"\b(?:gifts?|cards?|vouchers?|cash|red packets?|presents?|hongbao|wine|tickets?)\b|"
    r"(?:能|可以|能不能|可不可以|能否)(?:给|送|收).{0,20}(?:礼|卡|红包|现金|茅台|酒|券|购物卡)|"
    r"(?:礼品|礼物|礼金|购物卡|红包|现金|茅台|券|卡)[^，。？?]{0,8}(?:能|可以|能不能|可不可以)(?:收|要|拿)"
)
GIFT_RE = re.compile(GIFT, re.I)
# "我能私下答应给他们高于挂牌的利率吗", "can I promise them a better rate?": a promise the RM
# wants to make, answered by the rules whoever the client is.
PROMISE_ASKED = (
    r"(?:能|可以|可不可以|能不能|能否)(?:私下|口头|先|直接){0,2}(?:答应|承诺|许诺|保证|担保)|"
    r"\b(?:can|may|could) (?:i|we) (?:privately |verbally |just )?(?:promise|guarantee|commit to)\b"
)
PROMISE_ASKED_RE = re.compile(PROMISE_ASKED, re.I)

CUES: dict[str, list[tuple[str, float]]] = {
    "help": [
        (
            r"你能做什么|能帮我做什么|怎么用你|使用说明|^帮助$|^help$|what can you do|how do i use you|what do you do",
            3.0,
        ),
        (  # "要让你帮我写邮件的话怎么问比较好", "how should I ask you for a call script": how to
            # put a request to the assistant, not the request itself
            r"(?:让你|叫你|请你|找你).{0,20}(?:怎么|如何|咋)(?:问|提问|提需求)|(?:怎么|如何|咋)(?:问|提问)你|"
            r"\bhow (?:should|do|can|would) i (?:ask|phrase|word) (?:you|my (?:question|request))\b",
            4.0,
        ),
        (  # "as a team lead, can I see my team's data through you?": what the assistant shows whom
            r"(?:通过|用)你.{0,10}(?:能|可以)(?:看|查)|你(?:能|可以)(?:让我)?看到(?:哪些|什么)|"
            r"\b(?:through|via|with) you\b.{0,30}\?|\bcan (?:i|we) (?:see|access|view)\b.{0,40}"
            r"\b(?:through|with|via) you\b|\bwhat (?:exactly )?can (?:i|we) see\b|"
            r"\bwhat do you (?:show|let me see)\b",
            4.0,
        ),
    ],
    "draft_outreach": [
        (
            r"起草|草拟|拟一?[条封份个段]|写一[条封份段个]|写[条个封]|发[一]?条|帮我写|生成.{0,6}(消息|短信|邮件|话术|脚本)|(微信|短信|邮件|电话)(消息|文案|话术|脚本)|话术|外呼脚本|"
            r"群发(?:一下|一轮|个|条)?(?:微信|短信|邮件|企微|消息|信息)",
            3.0,
        ),
        (  # "你帮我跟他说 …": a message to the client, in the RM's name
            r"(?:你|您)?(?:帮我|替我)(?:跟|和|给|对)(?:他|她|他们|她们|客户|对方|⟦(?:CLIENT|PERSON)_\d+⟧)"
            r"(?:说|讲|带个话|传个话|说一声|讲一下|说一下)",
            3.0,
        ),
        (  # "准备个电话提纲 打给X": what to say on a call is written for the RM, like a script
            r"(电话|通话|外呼|致电|打电话)(的)?(提纲|大纲|要点稿|稿子)",
            5.0,
        ),
        (
            DRAFT_EN + r"|\bcall script\b|\boutreach\b",
            3.0,
        ),
        (  # "给⟦CLIENT_1⟧发个微信", "wechat msg to ⟦CLIENT_1⟧": a channel and the client it goes to
            r"发一?[个条封](?:企业微信|企微|微信|短信|邮件|消息|信息)|"
            r"\b(?:wechat|wecom|weixin|sms|text|msg|message|e-?mail)(?: (?:msg|message))? to ⟦|"
            + CHANNEL_AS_VERB,
            3.0,
        ),
        (INVITE, 6.0),
        (r"and draft|再写|再起草|also draft", 1.0),
        (TOLD, 3.0),
        (  # "WeCom msgs for each client holding …", "给每家都发条短信": one message per client
            EACH_MESSAGE,
            6.0,
        ),
    ],
    "book_query": [
        (  # "我的客户数据缺什么", "what's missing in my client data": the book's records, checked
            r"(?:客户|我的|组里|团队)[^。？?]{0,6}(?:数据|资料|信息|档案)[^。？?]{0,6}(?:缺|不全|不完整|缺失|没填|未填|待补|要补|补全)|"
            r"数据质量|\b(?:missing|incomplete)\b[^?]{0,20}\b(?:client|customer)? ?(?:data|fields?|records?)\b|"
            r"\b(?:data|record)s? (?:gaps?|quality|completeness)\b",
            6.0,
        ),
        (  # "流失预警里谁掉得最狠", "哪家存款降得最多": who ranks first on a measure, over a book
            r"(?:谁|哪家|哪个客户|哪位客户)[^，。？?]{0,8}最(?:狠|多|大|厉害|猛|少|高|低|久)|"
            r"最(?:狠|多|大|厉害|猛)[^，。？?]{0,4}的是(?:谁|哪家|哪个)",
            3.0,
        ),
        (
            r"(?:持有|买了|买过|办了|开了|用着?)[^，。,？?]{1,20}的(?:客户|户|人)(?:名单|清单|有哪些|都有谁|$|[，。,？?])|"
            r"(?:拉|导|调|筛|捞|列)(?:一下|一把|个|出|出来)[^，。,？?]{0,20}客户|(?:拉|列|出)个?(?:单子|名单|清单)|"
            r"^\s*(?:我的客户里|客户里|我这边|我手上)?谁(?:手上|手里|名下|家)?(?:还)?(?:有|持有|买了|买过|在用|开了)|"
            r"(?:我这边?|我手上|我名下|组里|团队里?)(?:还)?有[^，。,？?]{1,16}?(?:客户|户)(?:吗|么|没|不)|客户(?:有谁|都有谁|都是谁)|客户(?:的)?(?:分层|层级)分布|按(?:分层|层级)(?:各|分别)?(?:有)?(?:几|多少)|(?:最高|最多|最大|最少|最低|最久)的?是(?:谁家|哪家|谁)|"
            r"哪几[家位户]|有几[家位户]|几个客户|客户(?:里|中|当中)[^。？?]{0,24}(?:有哪些|有谁|都有谁|谁|哪几|哪些)|"
            # "我自己的客户里有流失预警的吗": the book's clients with something, asked if any
            r"客户(?:里|中|当中|里面)[^。？?]{0,16}有[^。？?]{1,16}的(?:吗|么|没|不)|"
            r"哪些客户|哪些.{0,8}客户|客户都?有哪些|哪几[个家位]客户|我的客户(中|里|当中)|我的.{0,6}客户(有|是)|名单|列出|列一下|排一下|排名|前\d+[名个家]|客户清单|有多少客户|团队.{0,8}(客户|跟进)|跟进(缺口|逾期|情况)|未跟进|逾期",
            3.0,
        ),
        (
            r"\bwhich (of )?(my )?(\w+ )?clients\b|\bwhich of (?:my|our|the team'?s) (?:[\w/&-]+ ){0,4}clients\b|\blist (?:all )?(?:my|our)\b|\bwho(?:'s| is| are)? (?:holds|owns|bought|holding|still holds|using|uses|on|taking|banking)\b(?! (?:the )?(?:rm|relationship manager|account manager)\b)|\bshow me my\b|\bfastest[- ]growing\b|\bmy (\w+ ){0,2}clients\b(?! .{0,20}\?)|\blist\b.{0,20}\bclients\b|\bshow me (all |my )?clients\b|\bhow many clients\b|\bmy book\b|\btop \d+\b|\bacross (?:the|my|our) (?:team|book)\b|\bteam'?s? (book|clients|follow)|\boverdue follow|\bfollow-?up gaps?\b|"
            # "anyone holding FX forwards?", "growth signals on my team?", "in my own book any …"
            r"\b(?:anyone|anybody) (?:holding|with|who|that|on|still|got|has|have)\b|"
            r"\b(?:signals?|gaps?|alerts?|warnings?|flags?|mismatch(?:es)?) (?:on|in|across|for) (?:my|our|the) (?:team|book)\b|"
            r"\bin my (?:own )?book\b",
            3.0,
        ),
        (  # "我名下哪些公司适合营销代发", "组里哪几家该续存": which of my (our) clients
            r"(?:我名下|我手上|我手里|我这边|我的客户里|组里|团队里)(?:的)?(?:有)?哪(?:些|几)(?:公司|企业|家|位|户|个)",
            3.0,
        ),
    ],
    "serve_client": [
        (
            r"还(?:能|可以|有)(?:做|推|卖|配|营销|切入)?(?:点|些)?(?:什么|啥)(?:产品|业务)|(?:交叉|叠加)销售|"
            # "到期后推啥", "这笔钱该推点什么": what to offer next is a service question
            r"(?:该|能|可以|要)?推(?:点|些)?(?:啥|什么)(?!时候)|"
            r"(?:怎么|如何|咋)(?:样)?(?:去)?(?:服务|维护|跟进|经营|维系)|(该|要|应该)(怎么|如何)跟\s*[?？。]*$|(怎么|如何|咋)(处理|应对|弄|搞|整)|咋办|怎么营销|营销建议|服务建议|服务方案|下一步|该做什么|怎么办|怎么经营|经营建议|有什么机会|怎么挽留|如何挽留|营销机会|商机|机会",
            2.5,
        ),
        (
            r"\bhow (should|do|can|would) (i|we) (serve|approach|handle|look after|retain|grow|work|play|deal with|win|keep|save|get)\b|"
            r"\bwhat (should|do|can) (i|we) do\b|\bwhat else (?:can|could|should) (?:i|we) (?:sell|offer|pitch|do)\b|\bcross-?sell\b|\bwhat now\b|\bwhat'?s the play\b|\bnext (best )?(step|action)s?\b|\bopportunit(y|ies)\b|\bserve\b",
            2.5,
        ),
        (  # "东升机械最近怎么样？", "⟦CLIENT_1⟧的情况", "how is X doing": the client asked after
            # whole, nothing else named — the golden sets' convention, a service question (the
            # answer leads with the figures, then what to do). "最近存款咋样" names a figure.
            r"^(?!.*(?:存款|贷款|日均|余额|资产|持仓|流水|理财|定期|存单|基金|代发|交易|联系|产品|天气|行情|股))"
            r"[^，,。；;]{0,16}?(?:最近|近来|这阵子|近期)?(?:的)?(?:情况)?(?:怎么样|咋样|如何)了?\s*[?？。]*\s*$|"
            r"^[^，,。；;]{0,16}?(?:的情况|怎么样了)\s*[?？。]*\s*$|^\s*how(?:'s| is| are)\b[^,.;]{1,40}\bdoing\b\s*[?.]*\s*$",
            3.0,
        ),
        (  # "推荐点啥", "还能做点啥", "what should I offer": what to offer the client, asked outright
            r"还(?:能|可以)(?:做|推|卖|配)(?:点|些)(?:什么|啥)|(?:推荐|推|配|介绍)(?:点|些)(?:什么|啥)|"
            r"\bwhat (?:should|can|could) (?:i|we) (?:offer|pitch|propose|recommend)\b|"
            # "我们有机会吗", "any chance for us there?": whether there is business to win
            r"(?:我们|咱们|咱)?有(?:没有)?(?:机会|戏)(?:吗|么|嘛|不|没)|\bany (?:chance|opportunit(?:y|ies)) for us\b|"
            # "any retail angle?", "what's the angle with them", "切入点在哪": where to come in
            r"\b(?:any|an|the|what'?s the|other|a (?:retail|corporate))\s+(?:\w+\s+)?angles?\b|\bin-?roads?\b|切入点|突破口|"
            r"(?:从|在)(?:哪|哪里|哪儿|什么地方)(?:切入|入手|突破|下手|打开)",
            3.0,
        ),
        (  # "那他再提别家利率我该怎么回": what to answer this client (a client in general —
            # "客户问…我该怎么回答" — is the playbook's; what to write is a draft)
            r"(?:他|她|他们|她们|⟦CLIENT_\d+⟧)[^。？?]{0,20}(?:我|咱)(?:该|应该|要|得)?(?:怎么|如何|咋)"
            r"(?:回|回复|回应|答复|接)(?!事|信|邮件)|"
            # "这种情况我该咋跟她沟通", "how do I talk to her about it": how to take it up with them
            r"(?:我|咱)(?:该|应该|要|得)?(?:怎么|如何|咋|咋样)(?:跟|和|同|给)(?:他|她|他们|她们|⟦CLIENT_\d+⟧)"
            r"(?:沟通|聊|说|谈|讲|解释|开口)|"
            r"\bhow (?:should|do|can) (?:i|we) (?:reply to|respond to|answer) (?:him|her|them|⟦CLIENT_\d+⟧)\b|"
            r"\bhow (?:should|do|can) (?:i|we) (?:talk to|approach|raise (?:it|this) with|explain (?:it|this) to) "
            r"(?:him|her|them|⟦CLIENT_\d+⟧)\b",
            2.5,
        ),
    ],
    "client_facts": [
        (  # "华东精密有理财吗", "⟦CLIENT_1⟧有没有代发": whether the client holds a kind of product
            r"^[^，,。？?]{0,14}?(?:在我行|在我们这|在咱们这)?(?:有没有|有)(?:在我行)?(?:做|买|办|开|持有)?(?:过)?"
            r"(?:我们的|我行的)?(?:理财|存款|定期|存单|大额存单|贷款|代发|基金|保险|信用卡|结算户?|账户|黄金|积存金|信托)"
            r"(?:产品|业务)?(?:吗|么|嘛|没有?)\s*[？?]?\s*$|"
            r"^[^，,。？?]{0,14}?有没有(?:在我行)?(?:做|买|办|开|持有)?(?:过)?(?:我们的|我行的)?"
            r"(?:理财|存款|定期|存单|大额存单|贷款|代发|基金|保险|信用卡|黄金|积存金|信托)(?:产品|业务)?\s*[？?]?\s*$",
            2.5,
        ),
        (  # "上回联系是啥时候 聊的啥", "when did we last speak": the last contact, on file
            r"(?:上回|上次|最近一次|最后一次)(?:联系|沟通|拜访|接触|见面|聊)(?:是|在)?(?:啥时候|什么时候|哪天|几号)|"
            r"聊的啥|聊了啥|聊的什么|聊了什么|有(?:人|谁)(?:跟|联系|跟进|拜访|去)过?(?:吗|没|么)|"
            r"\bwhen did (?:we|i|you|anyone) last (?:speak|talk|contact|meet|see|call|reach)|"
            # "手里拿的是什么基金": which of a kind the client holds
            r"(?:手里|手上|名下)(?:拿|持有|有|买)?(?:的|了|着)?(?:是)?(?:什么|啥|哪些|哪只|哪个)(?:基金|理财|产品|保险|存款|存单)|"
            r"(?:拿|持有|买)的(?:是)?(?:什么|啥|哪只|哪个)(?:基金|理财|产品|保险)",
            2.5,
        ),
        (  # "存款咋一下掉这么多", "why did her deposits drop?": the figure, and what is on file —
            # unless what to do is asked too ("…，帮我看看怎么跟" is a service question)
            r"^(?!.*(?:怎么跟|怎么办|怎么处理|如何处理|怎么弄|如何跟进|咋跟|咋办|\bhow (?:should|do|can) (?:i|we)\b|"
            r"\bwhat (?:should|do|can) (?:i|we)\b|\bhandle\b|\bfollow up\b))(?:.*(?:"
            r"(?:存款|余额|资金|钱|日均)[^，。？?]{0,6}(?:咋|怎么|为什么|为啥)[^，。？?]{0,4}(?:掉|降|少|跌|流出|没)|"
            r"\bwhy (?:did|has|have|is|are|were)\b.{0,30}\b(?:drop|fall|fell|fallen|decline|go down|gone down|shr[iu]nk)))",
            2.5,
        ),
        (
            # "X啥情况": what is on file; "X怎么样了" stays a serve question (the golden sets')
            r"(?:啥|什么)情况|近况|"
            r"持有|余额|日均|存款多少|贷款多少|联系人|电话|手机|号码|身份证|证件号|信用代码|账号|卡号|风险偏好|风险等级|什么时候到期|到期日|最近.{0,6}(互动|拜访|联系|沟通)|多久没(有)?(联系|拜访|沟通|见|来往|交易)|上次.{0,6}(联系|拜访|沟通|见面|聊|谈)|上次.{0,8}(办|做|聊|说|谈)(的|了)(啥|什么)|画像|概况|分层|哪一层|(哪个|什么)(客户)?(层级|级别)|是什么客户|多少员工|地址|邮箱|(有|有没有|有无)(过)?.{0,3}(交易|流水|动账)|交易(记录|情况|流水|笔数)",
            2.0,
        ),
        (
            r"\b(hold|holds|holding|holdings|balance|balances|deposits?|loans?|contacts?|phone|mobile|id number|account number|card number|risk appetite|risk profile|maturity|matures|interactions?|last (visit|contact)|how long since|when did (i|we) last|last (talked|spoke|met|contacted)|profile|tier|employees|address|email|transactions?|transacted)\b",
            2.0,
        ),
        (  # "存款咋样", "how big is their CD and when does it come due", "内部评级"
            r"(?:存款|贷款|余额|日均|资产|持仓|流水|理财|定期|存单)(?:最近|近期|这阵子)?(?:的)?(?:趋势|走势|变化)?(?:咋样|怎么样|如何了?|情况|变化|走势|趋势|多少|有多少)|"
            r"(?:信用|内部|行内|授信)评级|(?:几号|哪天|哪一天|啥时候|何时|几月几号)到期|"
            r"是不是(?:快|要|已经)?到期|(?:快|要)到期了(?:吗|没|么)|"  # "那张存单是不是快到期了"
            r"\b(?:how big|how large|how much) (?:is|are|was|were|does|do)\b|\bhow much\W*$|"
            r"\b(?:comes?|falls?|is|are) due\b|\b(?:credit|internal) rating\b|"
            r"\bwhen(?:'s| (?:does|do|will|is|are)\b).{0,30}\b(?:mature|due|expire)|\bhow much and when\b|"
            # "存款咋掉这么多", "余额少了一大截": how far a figure fell, in numbers
            r"(?:存款|资金|余额|日均|资产)(?:最近|近期|这阵子)?(?:咋|怎么|为啥|为什么)?(?:掉|少|降|跌|减少|下降|下滑)了?(?:这么多|那么多|多少|一大截|好多)|"
            r"\bwhat'?s (?:the )?(?:latest|status|situation|story) (?:with|on|at)\b|"
            # "what's in his TD?", "what's on her card": what a holding of the client's holds
            r"\bwhat'?s (?:in|on|inside) (?:his|her|their|its) \w+|"
            # "金东算不算私行客户", "is she a private banking client?": the client's tier, a fact
            r"(?:算不算|算是|是不是|属不属于|属于|够不够|够得上|达没达到|够格)[^，。？?]{0,10}(?:客户|级|层|标准|门槛)|"
            r"\b(?:is|are) (?:she|he|it|they|⟦CLIENT_\d+⟧) (?:a |an |still )?[\w-]+(?: [\w-]+)? (?:client|tier)\b|"
            # "帮我看下X的定存", "查一下他们的理财": a holding of the client's, looked at
            r"(?:看下|看看|看一下|查下|查一下|查查)[^，。？?]{0,30}的(?:定存|定期|存单|理财|存款|贷款|持仓|基金|保险|余额)|"
            r"对接人|对口人|找谁对接|"
            # "is that down a lot vs before?": how far a figure moved, in numbers
            r"\b(?:is|was|are|has) (?:that|it|this|they) (?:down|up|dropped|fallen|grown|risen) "
            r"(?:a lot|much|by how much|so much)\b|"
            r"\bvs\.? (?:before|last (?:quarter|month|year)|the prior)\b",
            2.0,
        ),
    ],
    "playbook_qa": [
        # "绩效排名前三有什么奖励", "what bonus do the top 3 RMs get": what a place earns is the
        # bank's incentive rule — above the ranking cue ("排名", "top 3") that reads the book
        (REWARD_ASKED.pattern, 3.5),
        # "how many days do I have to log a contact in the CRM?", "within how many hours must we
        # reply": a deadline the bank sets, asked — not a note to log, not a list of clients
        (
            r"\bhow (?:many|much) (?:working |business )?(?:days?|hours?|time) (?:do|does|have|must|should) "
            r"(?:i|we|rms?|you|an rm)\b|\bwithin how many (?:working |business )?(?:days?|hours?)\b|"
            r"(?:几|多少)个?(?:工作)?(?:天|日|小时)内?(?:要|需要|得|必须|应该)?(?:录入|登记|记录|补录|录系统)",
            3.0,
        ),
        # "高价值客户流失的软信号有哪些": what the signs, standards or steps of something are — the
        # rule, not the clients showing them ("有流失信号的客户有哪些" stays a list)
        (
            r"(?:信号|迹象|标准|条件|要求|步骤|流程|材料|指标|原则|要点|注意事项|规定|禁用语)(?:都|分别|主要)?"
            r"(?:有哪些|是什么|是啥|有啥|包括什么|包括哪些)(?![^，。？?]{0,4}(?:客户|公司|企业))",
            3.0,
        ),
        # "大额存单到期前几天要联系客户？", "银卡客户怎么服务？", "next best action list order of
        # work": how many days, how a tier is served, in what order — the bank's standard, asked
        # of clients in general (a client in the conversation does not make it theirs)
        (
            r"(?:到期|逾期|发生|触发)(?:前|后)(?:几|多少)(?:个)?(?:工作)?(?:天|日)(?:内)?(?:要|需要|得|应该|必须)|"
            r"^\s*[^⟦\s]{1,6}客户(?:要|该|应该)?(?:怎么|如何|咋)(?:服务|维护|经营|对待)\s*[?？]?\s*$|"
            r"\b(?:order|sequence) of (?:work|actions|priorities)\b",
            4.0,
        ),
        # "跟⟦CLIENT_1⟧说平衡型理财稳赚不赔 行不行", "tell ⟦CLIENT_1⟧ it's guaranteed, ok?": words for
        # the client put up for approval — the rule answers, above the instruction to tell
        (
            rf"(?:跟|和|对|告诉)(?:{_WHO}|他们|她们|他|她|客户).{{0,40}}(?:行不行|行吗|可以吗|可不可以|能行吗|没问题吧|合适吗|妥吗|行不)\s*[?？]?\s*$|"
            rf"\btell {_WHO}.{{0,80}}\b(?:ok|okay|alright|fine|allowed)\s*\?\s*$",
            4.0,
        ),
        # "客户分层结果每月什么时候重算", "how often are tiers recalculated", "团队长每日督导清单":
        # when the bank recomputes something, or a role's checklist — the standard, not a list
        (
            r"^(?!.*⟦)(?!.*我的).{0,16}(?:每月|每季度?|每年|多久|多长时间|什么时候|何时|哪天)(?:一次)?.{0,4}"
            r"(?:重算|重新计算|重新评定|重评|更新|复核|刷新|调整)|"
            r"^(?!.*⟦)\bhow often\b.{0,40}\b(?:recalculated|recomputed|re-?tiered|reviewed|refreshed|updated)\b|"
            r"督导清单|检查清单|自查清单|^(?!.*⟦).*\bchecklist\b",
            3.0,
        ),
        # Deposit insurance: what it covers and up to how much is the rule, never a book ranking
        # ("存款保险最多保多少" is not "who has the most deposits").
        (r"存款保险|\bdeposit (?:insurance|protection)\b", 3.0),
        # "asked if deposit insurance covers her equity fund. it does right?": what it covers,
        # asked of a client's holding, is still the rule
        (COVERAGE, 2.0),
        (  # "客户说想拆成几笔小额转账免得被查 我该怎么回他": a client's wish to evade monitoring,
            # reported by the RM, is answered by the AML rule (what to say, what to report)
            r"(拆|分)(成|开|散|为)?.{0,4}(几笔|多笔|小额|小笔|几次).{0,16}(免得|以免|省得|避免|怕|不想|不会被|就不)"
            r".{0,4}(查|盯|报|监|发现|预警)|"
            r"\b(split|break|structure)\b.{0,40}\b(so (it|they) (doesn'?t|don'?t|won'?t)|to avoid)\b.{0,20}"
            r"\b(report|flag|notice|monitor|check)",
            6.0,
        ),
        # "代发营销的重点目标客户是哪些": whom the bank's campaign targets, not a list of mine.
        (
            r"(?<!我的)(重点|主要)?目标(客户|客群)(是|有)?(哪些|什么|是谁)|\bwho (is|are) the target\b",
            3.0,
        ),
        (  # "can i screenshot a client's account info and send it on wecom?", "能不能把客户资料截图
            # 发到群里": whether the RM may do something with client data — no client named
            r"^(?!.*⟦)\s*(?:can|may|could|am i allowed to|is it ok(?:ay)? to|are we allowed to) ?(?:i|we)?\b.{0,40}"
            r"\b(?:screenshot|photograph|forward|share|copy|export|upload|take home|store|keep)\b.*\?\s*$|"
            r"^(?!.*⟦).{0,12}(?:能不能|可不可以|可以|能否|能)(?:把|将)?.{0,16}"
            r"(?:截图|拍照|转发|外发|拷贝|拷到|上传|带回家|存到个人|U盘|网盘|私人邮箱|个人邮箱)",
            # above a list's "名单": "我可以把客户名单拷到U盘带回家吗" asks the data rule, and must
            # not be answered with the list itself
            4.0,
        ),
        (  # "what counts as a sleeping client?", "怎么才算沉睡客户": what a term means here
            r"\bwhat (?:counts|qualifies) as\b|\bhow (?:is|are|does the bank|do we) (?:an? )?[\w -]{0,30}?"
            r"(?:defined|define|counted|classified|calculated|measured)\b|\bdefinition of\b|"
            r"\bwhat (?:makes|does it take for) (?:a|an) (?:client|customer|account)\b|"
            r"(?:怎么|怎样|如何|什么情况下|什么样的?)(?:才)?(?:算|叫|认定|定义|界定)|(?:的)?定义(?:是什么|是啥)?\s*[?？]?\s*$|"
            r"算不算|属不属于.{0,8}(?:客户|账户)",
            3.0,
        ),
        (  # "她女儿问她账户余额，我能告诉她吗", "can I tell his wife his balance?": whether client
            # data may be given to someone else — a rule question even with the client named
            DISCLOSURE,
            4.0,
        ),
        (PERMISSION_ASKED.pattern, 3.5),  # "我直接给她下单行不行": whether the RM may do it
        (  # "can i tell clients deposits are insured?": whether it may be said
            r"\b(can|may|could) (i|we) (tell|say|promise|mention|claim)\b|"
            r"\b(?:is it )?(?:ok|okay|fine|alright) to (?:tell|say|promise|mention|claim|inform)\b|"
            r"(能|可以|可不可以|能不能)(跟|和|对|给)(客户|他们|她们|他|她|对方)(说|讲|承诺|表示)",
            3.0,
        ),
        (  # "能跟⟦CLIENT_1⟧说理财保本吗", "can I tell ⟦CLIENT_1⟧ deposit insurance covers it?":
            # the words checked, whoever the client is; the client's profile answers nothing
            r"\b(?:can|may|could) (?:i|we) (?:tell|promise|assure|say to) ⟦(?:CLIENT|PERSON)_\d+⟧|"
            r"\b(?:can|may|could) (?:i|we) (?:tell|say)(?: (?:him|her|them|the client|⟦(?:CLIENT|PERSON)_\d+⟧))?"
            r"(?: that| this| so)?\s*\??\s*$|"
            r"(?:能|可以|可不可以|能不能|能否)(?:跟|和|对|给|向)⟦(?:CLIENT|PERSON)_\d+⟧"
            r"(?:的?[\u4e00-\u9fff]{1,4}?)?(?:说|讲|承诺|表示|保证)",
            2.0,
        ),
        (  # "要上报吗", "do I need to escalate?": the bank's escalation rule, of whatever client
            r"(?:要|需要|用不用|要不要|该不该|需不需要|得)(?:向上|往上)?(?:上报|报告|报备|升级|报给)|"
            r"\b(?:escalate|escalation|report (?:it|this|that) (?:to|up)|need to report|flag (?:it|this) up)\b",
            3.5,
        ),
        (GIFT, 4.0),
        (PROMISE_ASKED, 3.5),
        (  # "国庆滨海支行开门吗", "is the branch open over the holiday?": the bank's own hours
            r"(?:网点|支行|分行|营业部|柜台|柜面|银行)?.{0,8}(?:开门|营业|上班|放假|休息|调休)(?:吗|不|么|嘛|时间|安排)|"
            r"\b(?:branch|branches|counter)\b.{0,30}\b(?:open|opening hours|closed)\b|\bholiday (?:hours|schedule|arrangements?)\b",
            3.5,
        ),
        (  # "family trust - which clients can buy it?", "哪些客户可以买": who qualifies, by the rules
            r"\bwhich (?:clients|customers) (?:can|may|could|are (?:eligible|allowed)|qualify)\b|"
            r"\bwho (?:can|may|is eligible to|qualifies to) (?:buy|invest|subscribe|purchase)\b|"
            r"(?:哪些|什么样?的|哪类)(?:客户|人)(?:才)?(?:可以|能|能够|有资格)(?:买|购买|投|认购|办理?)",
            6.0,  # above a book question's cue and shape: the product named is not a holding filter
        ),
        (  # "战略客户的服务频次是什么", "财富客户多久要面访一次", "how often should I visit core
            # clients": a tier's service standard, not the tier's clients (unless the RM asks who)
            # (no client named: "how often should I be seeing ⟦CLIENT_1⟧" asks how to serve them)
            r"^(?!.*(?:⟦|我的|我名下|我手上|哪些|哪几|谁|名单|列出|多少|几个|几家|超期|逾期|"
            r"\bwho\b|\bwhich\b|\bmy\b|\blist\b|\bhow many\b))"
            r"(?=.*(?:服务频次|拜访频次|联系频次|服务频率|拜访频率|面访频率|联系频率|"
            r"多久(?:要|需要|得|该|应该)?(?:面访|拜访|联系|回访|见)一次|"
            r"\bhow often (?:should|must|do|does|to)\b|\bcontact cadence\b))",
            3.0,
        ),
        (
            r"标准|规定|制度|流程|政策|要求|是什么|什么是|怎么做|如何做|多久|几天|频次|阈值|门槛|条件|规则|口径|话术模板|模板|禁止|不能说|可以说|注意事项|红线",
            1.5,
        ),
        (
            r"\b(policy|standard|standards|rule|rules|procedure|process|playbook|guideline|threshold|requirement|how often|how many days|what is|what are|allowed|forbidden|banned|template|order of|workflow|steps|how to)\b",
            1.5,
        ),
    ],
    "meeting_prep": [  # getting ready to meet one client (a client must be in sight, below)
        (
            r"(?:今天|明天|后天|今早|明早|上午|下午|晚上|待会儿?|等会儿?|下周.?|周[一二三四五六日天]|过两天)"
            r"(?:去|要去|要|约了|约)?(?:见|拜访|面谈|约见|见面)|会前准备|会前|见面前|拜访前|"
            r"(?:拜访|见面|会面|面谈|开会|见).{0,12}(?:准备|梳理|议程|聊点啥|聊什么|谈些什么|给点思路)|"
            r"(?:今天|明天|后天|今早|明早|上午|下午|待会儿?|等会儿?|下周.?|周[一二三四五六日天])(?:要)?(?:给|跟|和)"
            r"⟦(?:CLIENT|PERSON)_\d+⟧(?:的?[\u4e00-\u9fff]{1,4}?)?(?:打(?:个)?电话|通(?:个)?电话|开会|见面|吃饭).{0,12}"
            r"(?:准备|梳理|要点|聊点?啥|聊什么|说点?啥)|"
            r"准备一下|准备下|帮我准备|之前要准备",
            4.0,
        ),
        (
            r"\bprep(?:are)?(?: me)? for\b|\bmeeting prep\b|\bpre-meeting\b|\bget me ready\b|"
            r"\bbrief me (?:for|before)\b|\b(?:before|for) (?:my|the|our) (?:meeting|visit|call)\b|"
            r"\bagenda for\b|\b(?:meeting|visiting|seeing|meet|visit|see) ⟦CLIENT_\d+⟧ "
            r"(?:tomorrow|today|this (?:afternoon|morning|evening)|next week|on \w+day)\b|"
            r"\b(?:when|before) (?:i|we) (?:meet|visit|see)\b|\bbefore (?:seeing|meeting|visiting) ⟦|"
            r"(?:见|拜访|约见|去见)⟦(?:CLIENT|PERSON)_\d+⟧.{0,6}(?:之前|以前)|\bcall with ⟦(?:CLIENT|PERSON)_\d+⟧ (?:at|from)\b|"
            r"\bwhat'?s changed since (?:we|i) (?:last )?(?:spoke|talked|met|saw)\b|自从?上次(?:聊|联系|见面?|拜访)(?:以后|之后|后)?.{0,6}(?:有什么|有啥|哪些)(?:变化|变动)",
            4.0,
        ),
        (  # "下午要去X喝茶，聊点啥好", "lunch with X friday - what should i raise?": a meeting of any
            # kind (a meal, a call, a visit either way) and a request for what to bring to it
            r"^(?=.*(?:喝茶|吃饭|饭局|午饭|晚饭|早茶|打球|高尔夫|来访|来行|过来|上门|电话会|视频会|见面|碰个?面))"
            r"(?=.*(?:聊点?啥|聊什么|聊些什么|说点?啥|谈什么|谈点?啥|要注意|注意什么|素材|提纲|要点|理一下|"
            r"梳理|准备|思路|怎么聊|话题))|"
            r"^(?=.*\b(?:coffee|lunch|dinner|drinks|golf|breakfast|call with|meeting|visit(?:ing)?|"
            r"heading (?:to|over)|going to see|seeing|catch(?:ing)? up with)\b)"
            r"(?=.*\b(?:talking points|key points|key numbers|anything i should know|what (?:should|do) i "
            r"(?:raise|bring up|ask|know|mention|need|say|cover)|brief(?: me)?|prep|agenda|cheat sheet|"
            r"topics)\b)",
            4.0,
        ),
    ],
    "out_of_scope": [
        (
            r"天气|股票推荐|哪只股票|会涨|涨停|炒股|彩票|笑话|写代码|写一首|作诗|诗歌|电影|足球|菜谱|八卦|比特币|星座|旅游|旅行|攻略|游记|度假|减肥|食谱|游戏",
            4.0,
        ),
        (  # "帮我订一张明天去北京的机票": the RM's own travel, asked of the assistant (a client's
            # "酒店行业", "锁定了一批高铁票代理业务" or "买了一批车票给员工" is no request to book)
            r"(?:^|帮我|给我|替我|麻烦你?|请你?|你)\s*(?:预订|订|买|抢)(?:一?张|个|两张|几张)?[^，。,？?]{0,20}"
            r"(?:机票|火车票|高铁票|动车票|船票)|"
            r"(?:^|帮我|给我|替我|麻烦你?|请你?|你)\s*(?:预订|订|预定|定)(?:个|一?间)?[^，。,？?]{0,20}(?:酒店|宾馆)|"
            r"\b(?:book|get)\s+me\s+(?:a\s+)?(?:flight|train ticket|plane ticket|hotel(?: room)?|taxi|cab)s?\b|"
            r"^\s*(?:please\s+)?book\s+(?:a\s+)?(?:flight|train ticket|plane ticket|hotel)",
            8.0,
        ),
        (  # "帮我写首情诗给女朋友": writing for the RM's own life, not for a client
            r"写首|情诗|情书|歌词|作文|论文|小说|(?:给|送)我?的?(?:女朋友|男朋友|对象|女友|男友)|"
            r"\b(?:love (?:letter|poem|note)|song lyrics|essay|my (?:girlfriend|boyfriend))\b",
            6.0,
        ),
        (
            r"\b(weather|joke|poem|recipe|football|movie|lottery|bitcoin|horoscope|write (some )?code|python script|stock tips?|which stock|travel guide|itinerary|vacation|holiday plan|trip plan)\b",
            4.0,
        ),
        (  # "where will USD/CNY be next month?", "下个月汇率会到多少": a market forecast, which no
            # playbook gives and no RM may pass on as the bank's view
            r"\bwhere (?:will|is) (?:the )?(?:usd|eur|cny|rmb|dollar|euro|yuan|fx|exchange rate|market|stocks?|gold|rates?)"
            r"[\w/ ]{0,24}\b(?:be|go|head|trade|end)\b|\b(?:forecast|predict)\w*\b.{0,20}\b(?:usd|eur|cny|rmb|exchange rate|fx rate|stock market)\b|"
            r"汇率[^，。？?]{0,8}(?:会到|能到|会涨|会跌|走势预测|预测|破7|破七)|(?:预测|猜)[^，。？?]{0,6}汇率",
            4.0,
        ),
        (  # the RM's own money: "should I buy Moutai for my own account", "我自己买哪只基金"
            r"\b(?:for|in|into) my (?:own|personal) (?:account|portfolio|money|savings)\b|\bmy own (?:trading|investments?|portfolio)\b|"
            r"我自己(?:的)?(?:账户|个人账户)?(?:该|要|能|可以)?(?:买|炒|投|入手)|我个人(?:该|要)?(?:买|炒|投)",
            4.0,
        ),
    ],
}
# A "how" about a named client asks what to do, not what is on file ("东升最近怎么样", "咋联系").
DISCLOSURE_RE = re.compile(DISCLOSURE, re.I)
# "X名下…的有哪些", "how many in Emily's book": a list or a count asked of someone's book.
OWNED_LIST = re.compile(
    r"名下[^，。？?]{0,20}?(?:有哪些|哪些|有几|几个|几家|几位|多少|是谁|都有谁)|\b(?:in|of) \w+['’]s book\b|"
    # "我有休眠客户吗", "do I have any dormant clients": whether the RM's own book holds any
    r"我(?:自己)?(?:名下|这边|手上|手里|的客户里)?有(?:没有)?[^，。？?]{1,12}?(?:客户|企业|公司)(?:吗|么|嘛|没|没有)?\s*[？?]?\s*$|"
    # "有流出预警的客户吗", "还有没有休眠客户": the same asked without "我"
    r"^\s*(?:还)?有(?:没有)?[^，。？?]{1,14}?(?:客户|企业|公司)(?:吗|么|嘛|没|没有)?\s*[？?]?\s*$|"
    # "我这边有存款流出预警的吗": the book's clients with a signal, the kind said, not "客户"
    r"^\s*我(?:自己)?(?:名下|这边|手上|手里)?(?:还)?有(?:没有)?[^，。？?]{1,14}?(?:预警|信号|提醒)的?"
    r"(?:吗|么|嘛|没|没有)?\s*[？?]?\s*$|"
    r"\bdo i have (?!to\b)(?:any )?[\w -]{0,30}\bclients?\b",  # not "how soon do I have to …"
    re.I,
)
COVERAGE_ASKED = re.compile(COVERAGE, re.I)
HOW = re.compile(r"(?:怎么|咋)(?!回事)|如何|\bhow\b|what should", re.I)
COMPILED = {intent: [(re.compile(p, re.I), w) for p, w in cues] for intent, cues in CUES.items()}

FULL_ID_REQUEST = re.compile(
    r"(完整|全部|全量|明文|不要打码|不打码|不脱敏|去掉星号|原始).{0,12}(身份证|证件|手机|电话|号码|卡号|账号|信用代码)|"
    r"(身份证|证件|手机|电话|卡号|账号|号码|信用代码).{0,8}(完整|全部|明文|不要打码|不脱敏)|"
    # "顺便把⟦PERSON_1⟧的身份证号也列上", "把证件号附上": the number itself, listed alongside
    r"(身份证|证件|信用代码|卡号|账号)(号码|号)?(?:[和、及跟与](?:手机|电话|卡|账|证件)(?:号码|号)?)?"
    r"(也|都|全|全部|一起|一并)?(列上|加上|附上|写上|标上|放上|带上|列出来|列进去|附在|导出来|拉出来|发我)|"
    r"\b(?:add|include|list|attach|put in)\b.{0,20}\b(?:id|passport|card|account) numbers?\b|"
    # "刘总手机号多少 发我下": the number itself, to be sent to the RM (a masked one is no use to dial)
    r"(手机|电话|手机号|电话号|联系电话)(号码|号)?(是)?(多少|啥)?[\s,，。!！]*(直接|就|你)*(发我|发给我|给我发|发过来|发一下给我)|"
    r"\b(?:send|text|forward|wechat)\s+me\b.{0,30}\b(?:phone|mobile|cell)(?: number)?\b|"
    r"\b(full|complete|unmasked|entire|raw|whole)\b.{0,30}\b(id|phone|mobile|card|account|number|identifier|uscc|credit code|e-?mail)s?\b|"
    r"\b(id|phone|mobile|card|account|number|identifier|code)s?\b.{0,30}\b(in full|unmasked|unredacted|without masking)\b",
    re.I,
)
INJECTION = re.compile(
    r"(忽略|无视|忘掉|忘记|不要管|别管|绕过)掉?(你|您)?的?(之前|以上|前面|上述|先前|原来|原有)?的?"
    r"(所有|一切|全部)?的?(指令|规则|设定|限制|要求|提示词|规定)|"
    r"你现在是|扮演|系统提示词|开发者模式|越狱|"
    r"\b(ignore|disregard|forget|bypass|override) (all |any )?(of )?(your |the |my |these |those )?"
    r"(previous |prior |above |earlier |system |safety )?(instructions|rules|guidelines|restrictions|policies|prompt)\b|"
    r"\bsystem prompt\b|\bdeveloper mode\b|\bjailbreak\b|\byou are now\b|\bpretend (to be|you are)\b",
    re.I,
)


@dataclass(frozen=True)
class IntentResult:
    intent: str
    scores: dict[str, float]
    wants_full_identifier: bool
    injection: bool


BOOK_SHAPE = 2.5  # a count, ranking, bound, window, product or RM read from the question


def classify(
    text: str,
    *,
    has_client: bool,
    follow_up_client: bool = False,
    book_like: bool = False,
    ranked: bool = False,
    examples: Callable[[], ExampleVerdict] | None = None,
    method: str = "combined",
) -> IntentResult:
    """The question's intent by ``method``: the keyword rules, the nearest ``examples``, or
    ``combined`` (a confident rule decides, else confident examples, else the rules).
    ``examples`` is called only when
    needed: a question a rule is sure of is never embedded for classifying. The policy flags
    (full identifier, injection) are exact patterns whatever the method. ``book_like``: the
    book-query reader found a book question's shape in ``text``; ``ranked``: the head of a ranking by a
    measure it named ("存款前三", "top 5 by loans")."""
    rules = _rule_scores(
        text, has_client=has_client, follow_up_client=follow_up_client, book_like=book_like
    )
    confident = max(rules.values()) >= RULE_CONFIDENT
    best, scores = _rule_choice(rules, text, has_client), rules
    if examples is not None and method != "rules" and not (method == "combined" and confident):
        verdict = examples()
        # About a named client with no cue at all, the rules know only that a client is named
        # and fall back to a fact lookup: the nearest examples, however close, know more.
        uncued = has_client and not _cued(text)
        if method == "examples" or verdict.margin >= EXAMPLES_CONFIDENT or uncued:
            scores = _example_scores(verdict, has_client or follow_up_client, book_like)
            if not (has_client or follow_up_client or DRAFT_VERB.search(text)):
                # As for the rules: no one to write to and nothing asked to be written ("client
                # wants me to keep his USB key, ok?") is no draft, however near its examples.
                scores["draft_outreach"] = float("-inf")
            best = max(scores, key=lambda k: scores[k])
            if (
                book_like
                and not has_client
                and best == "playbook_qa"
                and (
                    ranked
                    or TOTAL.search(text)
                    or GROUP_BY_RM.search(text)
                    or OWNED_LIST.search(text)
                )
            ):
                # "未来三个月到期的定期加大额存单一共多少钱", "代发空白户按客户经理分一下": a sum or a
                # split per RM is only ever of a book, and the book reader found one's shape; the
                # rule playbooks near it hold no sums and no RMs; "覃玉梅名下适当性不匹配的有哪些":
                # a list asked of someone's book is never a rule; nor is "存款前三", the head of
                # a ranking by a measure the reader named
                best = "book_query"
    return IntentResult(
        best, scores, bool(FULL_ID_REQUEST.search(text)), bool(INJECTION.search(text))
    )


def _rule_scores(
    text: str, *, has_client: bool, follow_up_client: bool, book_like: bool = False
) -> dict[str, float]:
    scores = {
        intent: sum(w for rx, w in cues if rx.search(text)) for intent, cues in COMPILED.items()
    }
    if book_like and not has_client:
        scores["book_query"] += BOOK_SHAPE
    if has_client:
        scores["serve_client"] += 1.0
        scores["client_facts"] += 0.5
        scores["playbook_qa"] -= 0.5
    elif follow_up_client and (scores["client_facts"] or scores["serve_client"]):
        scores["serve_client"] += 0.5
    elif not follow_up_client:
        # No client in sight: "what are the risk levels" is a policy question, not a fact lookup.
        scores["client_facts"] = 0.0
        scores["serve_client"] -= 1.0
    if not (has_client or follow_up_client or DRAFT_VERB.search(text)):
        scores["draft_outreach"] = 0.0  # no one to write to, nothing asked to be written
    if not (has_client or follow_up_client):
        scores["meeting_prep"] = 0.0  # "拜访前要准备什么" with no client is a policy question
    elif scores["draft_outreach"] > 0:
        scores["meeting_prep"] -= 2.0  # "发个短信约⟦CLIENT_1⟧下周见面" asks for a draft
    if scores["book_query"] and has_client:
        scores["book_query"] -= 2.0
    if scores["client_facts"] and scores["serve_client"] and not HOW.search(text):
        scores["serve_client"] -= 1.0
    return scores


def _cued(text: str) -> bool:
    """Whether any intent's cue, or a "how", is in ``text``: without one the rule scores are
    the client bias alone."""
    return bool(HOW.search(text)) or any(rx.search(text) for c in COMPILED.values() for rx, _ in c)


def _rule_choice(scores: dict[str, float], text: str, has_client: bool) -> str:
    best = max(scores, key=lambda k: scores[k])
    if scores[best] <= 0:
        best = (
            "serve_client"
            if has_client
            else ("playbook_qa" if _looks_like_question(text) else "help")
        )
    return best


def _example_scores(
    examples: ExampleVerdict, client_in_sight: bool, book_like: bool = False
) -> dict[str, float]:
    scores = dict(examples.scores)
    if not client_in_sight:  # as for the rules: without a client, facts and service are unlikely
        # ...and with a book question's shape too ("what's our team's total avg daily deposits"),
        # a client's intent could only ask back "which client?": the book is what is asked
        penalty = 1.0 if book_like else NO_CLIENT_PENALTY
        scores["client_facts"] -= penalty
        scores["serve_client"] -= penalty
        scores["meeting_prep"] -= penalty
    return scores


# Measured with evals/intents.py on the blind rounds' halves and the golden set (see the README): a
# rule cue this strong (help, draft, book, out-of-scope, or a service cue about a named client)
# is right more often than the examples; below it the examples decide when their best intent's
# probability leads the runner-up's by EXAMPLES_CONFIDENT, else the rules keep the question.
# (Held-out intent accuracy barely moves between 0.015 and 0.4; above it the rules keep too much.)
RULE_CONFIDENT = 3.0
EXAMPLES_CONFIDENT = 0.1
NO_CLIENT_PENALTY = 0.05


def classifier_text(masked_text: str, client_ids: list[str], pronouns: bool = False) -> str:
    """The question as the examples are written: a client named by its id reads as a masked
    client, so "<id> 的产品什么时候到期" is as near its examples as "⟦CLIENT_1⟧的产品…". A
    masked person reads as a client too: a name of another book is masked as a client and an
    unknown name as a person, and the intent (so the answer) must not tell them apart.
    ``pronouns``: the conversation's client is what "他们" / "their" stands for; it reads as a
    masked client too ("他们的代发在哪家行" is a question about a client, not about the book)."""
    text = masked_text.strip()
    if pronouns:
        text = PRONOUN.sub(CLIENT_TOKEN, text)
    for client_id in client_ids:  # as the RM wrote it: any case, with or without separators
        spelt = r"[\s\-_./]*".join(re.escape(ch) for ch in client_id if ch.isalnum())
        text = re.sub(spelt, CLIENT_TOKEN, text, flags=re.IGNORECASE) if spelt else text
    return TOKEN_RE.sub(
        lambda m: CLIENT_TOKEN if m.group(1) in ("CLIENT", "PERSON") else m.group(0), text
    )


CLIENT_TOKEN = "⟦CLIENT_1⟧"


def _looks_like_question(text: str) -> bool:
    return len(text.strip()) >= 4
