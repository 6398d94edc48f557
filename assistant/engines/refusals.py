"""Requests refused by policy whatever the engine would do with them: prompt injection, requests
for full identifiers, and requests for something Frontline cannot do (recording a visit). Both
engines classify the question and end the turn here."""

from __future__ import annotations

import re

from assistant.engines.base import EngineResult
from assistant.engines.offline.book_parse import PERMISSION_ASKED
from assistant.engines.offline.direct import PERMISSION, PROCEED
from assistant.engines.offline.intent import IntentResult
from assistant.engines.offline.phrases import t
from tools.toolbox import Toolbox

# "帮我记一下今天拜访了…", "log a visit: …", "record that I called …": a write Frontline has no
# path for yet. Said plainly, so the RM does not believe it was saved.
RECORD_REQUEST = re.compile(
    r"(帮我|给我|替我|麻烦)?(记一下|记下|记录一下|记个|记一笔|登记一下|录入一下|备注一下)|"
    r"^\s*(记录|登记|备注)[:：]|"
    r"\b(log|record|save|note down|write down)\b.{0,12}\b(a |an |the |this |my )?"
    r"(visit|call|meeting|interaction|note|contact)s?\b|^\s*(log|note)\s*[:：]",
    re.I,
)
# A request for an identifier's value itself (身份证号多少, "what's … card number"): only a
# masked form is ever shown, so the answer says so instead of showing a profile. A phone or an
# e-mail asked to be sent over ("手机号发我", "give me X's number") is the same request: the
# masked form "what's the phone number" shows cannot be dialled, and the answer says why.
IDENTIFIER_REQUEST = re.compile(
    r"(身份证|证件号|证件号码|护照号|银行卡号|卡号|账号|信用代码).{0,6}(多少|是什么|是多少|发我|给我|告诉我|查一下|报一下)|"
    r"(发|给|告诉)我.{0,12}(身份证|证件号|卡号|账号|信用代码|手机号|电话号码|邮箱地址)|"
    r"(手机号|手机号码|电话号码|联系电话|邮箱)(码|地址)?.{0,2}(发我|发给我|给我|私信我|报给我)|"
    r"\b(what'?s|what is|send me|give me|tell me)\b.{0,40}\b(id|passport|card|account) (number|no\.?)s?\b|"
    r"\b(send|give|text|dm|forward) me\b.{0,40}\b(phone|mobile|cell)( number)?s?\b|"
    r"\b(need|want|get)\b.{0,30}\b(phone|mobile|cell)( number)?s?\b.{0,12}\b(send (it )?over|send (it )?to me|pls|please)\b|\b(send|give|forward) me\b.{0,40}\be-?mail address(es)?\b|"
    r"\b(uscc|credit code|id number|passport number)\b.{0,30}\b(send|give|need|pls|please)\b",
    re.I,
)

# A client's address asked for ("高华家地址给我下", "what's her home address"): an address is never
# shown at all (no masked form helps a courier), so the answer says where to find it. The
# bank's own addresses ("网点地址", "the branch address") and e-mail addresses are other things.
ADDRESS_REQUEST = re.compile(
    r"(?<!网点)(?<!支行)(?<!分行)(?<!我行)(?<!银行)(?<!邮箱)(?:家庭?|住址|家里|公司|办公|注册|通讯|通信|邮寄|收件|详细|住的)?地址"
    r"(?:是|给我|发我|发一下|发给我|告诉我|是多少|是啥|是什么|在哪|多少|给一下|给个|报一下|查一下|呢|有吗|[?？])|"
    r"(?:给我|发我|告诉我|查一?下|要一?下)[^。，,；;]{0,10}(?:家庭?|住|公司|办公|注册|通讯|邮寄)?地址(?!栏)|"
    r"(?:住哪|住在哪)|"
    r"\b(?:what'?s|what is|send me|give me|get me|need|look up|find|tell me)\b[^.?!]{0,30}"
    r"\b(?:home |office |mailing |postal |street |residential |registered |delivery )?address\b(?<!e-mail address)(?<!email address)|"
    r"\bwhere (?:does|do) (?:she|he|they|⟦[A-Z]+_\d+⟧) live\b",
    re.I,
)

FULL_ID_FLAG = "guard:full_identifier"
EVASION_FLAG = "compliance:aml_evasion"

# "把客户名单导出来发到个人邮箱", "export my book to Excel": client data leaves only through
# the bank's own systems, never as a file or to a private mailbox.
EXPORT_REQUEST = re.compile(
    r"(导出|下载|拷贝|打包)(?!型).{0,8}(客户名单|名单|客户数据|客户信息|数据|清单|表格?|手机号|电话号码|身份证号?|证件号|联系方式|通讯录)|"
    r"(客户名单|名单|客户数据|客户信息|清单|手机号|电话号码|身份证号?|证件号|联系方式|联系人|通讯录|明细|流水).{0,8}(导出|下载|拷贝|打包)(?!型)|"
    r"(发|转|传)(到|去|给|进)?.{0,4}(个人|私人|自己的?)(qq|163|126|gmail|私人|个人)?(邮箱|微信|网盘)|"
    # "丢给外部AI整理下", "paste it into ChatGPT": client data handed to an outside model
    r"(丢|发|传|上传|喂|贴|给|扔|交)(给|到|进)?.{0,4}(外部|外面的?|第三方|公网|网上的?)(的)?(ai|大模型|模型|gpt|chatgpt)|"
    r"(丢|发|传|上传|喂|贴|扔)(给|到|进).{0,2}(chatgpt|gpt|deepseek|豆包|kimi|文心一言|通义千问)|"
    r"\b(paste|upload|feed|send|put|drop|run)\b.{0,40}\b(into|to|through)\b.{0,12}\b(chatgpt|gpt-?\d?|claude|gemini|deepseek|"
    r"an? (?:external|outside|public|third-party) (?:ai|llm|model|chatbot))\b|"
    r"(发|转|传)到.{0,6}(qq|163|126|gmail|hotmail)邮箱|"
    r"\b(export|download|dump)\b (?:(?:my|the|all|our|whole|entire) )*(?:(?:client|customer) )?"
    r"(?:list|book|data|contacts|portfolio)s?\b|"
    r"\b(personal|private|gmail|home) (e-?mail|inbox|mailbox)\b|"
    # "export all my clients w/ phone numbers to excel": a file is the way out, whatever is named
    r"\b(export|download|dump|pull|send|put|copy|save)\b.{0,60}\b(to|into|as|in) (an? )?(excel|csv|xlsx|spreadsheet)\b|"
    r"(导出|下载).{0,10}(excel|csv|xlsx|电子表格)|"
    # "把联系人手机号整理一下，我发到部门群里": client data posted to a group chat is shared too
    r"(手机号|电话号码?|联系方式|通讯录|名单|客户信息|身份证号?|证件号).{0,20}"
    r"(发|转|传|贴|分享|同步)(到|进|在|给)?.{0,8}群|"
    r"\b(phone numbers?|mobiles?|contacts?|contact details|client list|customer list|id numbers?)\b"
    r".{0,40}\b(post|share|send|forward|drop|paste)\b.{0,24}\b(group|group chat|team chat|chat group)\b|"
    r"\b(post|share|send|forward|drop|paste)\b.{0,40}\b(phone numbers?|mobiles?|contact details|"
    r"client list|customer list|id numbers?)\b.{0,24}\b(group|group chat|team chat|chat group)\b",
    re.I,
)


# "导出的文件要多久内删掉", "how long can I keep an exported file": what the rules say about
# data already exported (kept, deleted, destroyed) is a rule question, not a request to export.
EXPORT_RULE_ASKED = re.compile(
    r"(导出|下载)(来)?的.{0,8}(文件|数据|表格?|名单|资料).{0,12}(多久|几天|多长时间|删|销毁|保存|保留|留存|留多久|处理)|"
    r"\b(how long|when)\b.{0,40}\b(delete|keep|retain|destroy|store)\b.{0,40}\bexport|"
    r"\bexport\w*\b.{0,40}\b(how long|when)\b.{0,30}\b(delete|keep|retain|destroy|store)|"
    # "客户数据导出要谁批", "who signs off a data export?": the approval, a rule question
    r"(导出|下载|外发|拷贝).{0,10}(要|需要|得|由)?(谁|哪个部门|哪位|什么人)?(批|审批|签字|签批|授权|申请|流程|手续)|"
    r"\b(who|which team)\b.{0,20}\b(approves?|signs? off|authori[sz]es?)\b.{0,30}\bexport|"
    r"\bexport\w*\b.{0,30}\b(approval|approve|sign[- ]off|authori[sz]ation)\b",
    re.I,
)


# "跟客户说拆成几笔就不会被反洗钱盯上", "tell them to split the transfer so it isn't reported":
# helping a client evade anti-money-laundering monitoring (structuring). The purpose is what
# makes it a request to evade; a question about spotting it is a rule question (RECOGNISING).
EVASION_REQUEST = re.compile(
    r"(规避|绕开|绕过|躲过|躲开|避开|逃避|逃过)(?:掉)?.{0,4}(反洗钱|监管|监测|监控|大额(?:交易)?报告|大额报备|报告|审查|申报)|"
    r"(就|才|也)?不会被.{0,4}(反洗钱|监管|监测|监控|系统|银行|人民银行|央行)?.{0,2}(盯上|查到|查|发现|预警|报告|上报|监控|注意到)|"
    r"(拆|分)(成|开|散|为)?.{0,4}(几笔|多笔|小额|小笔|几次).{0,12}(反洗钱|监管|监测|监控|大额|报告|上报|不会被|免得被|以免被|省得被)|"
    r"\b(avoid|evade|dodge|get around|bypass|escape|stay (under|below))\b.{0,20}"
    r"\b(aml|anti-money|reporting|report|threshold|large[- ]transaction|monitoring|radar|flag(?:ged|s)?)\b|"
    r"\b(split|break|structure|chop)\b.{0,40}\b(so|to avoid|so that|and)\b.{0,30}"
    r"\b(not|isn'?t|won'?t|doesn'?t|never|avoid)\b.{0,16}\b(report(?:ed)?|flag(?:ged)?|aml|monitor(?:ed)?|notice[d]?|trigger)",
    re.I,
)
RECOGNISING = re.compile(
    r"识别|算不算|是不是|是否|属不属于|属于.{0,4}(可疑|洗钱)|可疑|怎么(处理|办|判断|识别)|如何(处理|判断|识别)|"
    # "我该怎么回他": how to answer a client who asks it, not a request to do it
    r"要不要报|需要报告吗|发现客户|怎么回(复|应|答)?(他|她|客户)|怎么答复|怎么应对|"
    r"\b(red flags?|suspicious|spot|identify|recogni[sz]e|is (it|this|that)|"
    r"how (do|should) i (respond|reply|answer)|"
    r"should (i|we) report|what if|what do (i|we) do)\b",
    re.I,
)


# "萧丽丽的风险测评我帮她填个C4吧", "把风险测评改成C5 这样基金就匹配了", "fill in her risk
# questionnaire as C4": the client's own risk assessment done or changed by the RM, to fit a
# product. The suitability rules forbid it (the client answers it, in person); a question
# about what to do when a client wants a higher rating is a rule question, not this.
_ASSESSMENT = r"(?:风险)?(?:测评|评估|问卷|风评|承受能力|等级|评级)|\brisk (?:assessment|questionnaire|profile|rating|test|level|appetite)s?\b"
TAMPER_REQUEST = re.compile(
    rf"(?:代填|代答|代做|帮(?:她|他|客户|他们)?填|替(?:她|他|客户|他们)?填|帮(?:她|他|客户)?做)(?:个|一下|了)?.{{0,8}}(?:{_ASSESSMENT}|c[1-5])|"
    rf"(?:{_ASSESSMENT}).{{0,12}}(?:我)?(?:帮(?:她|他|客户)?|替(?:她|他|客户)?)?(?:填|改|调|提|升)(?:成|到|为|高|个|一下)?\s*(?:c[1-5]|高一?[点级档])|"
    rf"(?:改|调|提|升)(?:成|到|为|高)\s*c[1-5].{{0,16}}(?:匹配|就能买|才能买|能买|可以买)|"
    r"\b(?:fill (?:in|out)|complete|do|take|answer)\b.{0,20}\b(?:her|his|their|the client'?s|for (?:her|him|them))\b.{0,20}\brisk (?:assessment|questionnaire|test|profile)s?\b|"
    r"\b(?:fill|fill in|fill out|redo|re-?do|retake|re-?take|complete|answer)\b.{0,12}\b(?:the |her |his |their )?(?:risk )?(?:questionnaire|assessment|test)s?\b.{0,12}\bfor (?:her|him|them|the client)\b|"
    r"\b(?:change|bump|raise|upgrade|set|move|mark)\b.{0,30}\brisk (?:rating|profile|appetite|level|assessment|score)\b.{0,10}\b(?:to|up to|as)\s*c[1-5]\b|"
    r"\b(?:put|mark|record|rate)\s+(?:her|him|them|the client)\s+(?:down\s+)?(?:as|at)\s+c[1-5]\b|"
    # "can you fill ⟦CLIENT_1⟧'s risk questionnaire as C4", "just fill in ⟦CLIENT_1⟧'s risk
    # questionnaire for her": the client named where a pronoun would be
    r"\b(?:fill(?: in| out)?|complete|redo|re-?do|answer|retake|re-?take)\s+(?:⟦(?:CLIENT|PERSON)_\d+⟧'?s?|"
    r"her|his|their|the client'?s)\s+(?:risk\s+)?(?:questionnaire|assessment|test)s?\b|"
    # "你教她重新测一下 选激进点", "tell her to pick the aggressive answers when she retakes it":
    # the client coached to answer higher, so the product "matches"
    r"(?:教|让|叫|引导|提示|暗示|指导)(?:她|他|客户|他们|她们|⟦(?:CLIENT|PERSON)_\d+⟧)?[^。；;]{0,10}"
    r"(?:测|做|填|答)[^。；;]{0,10}(?:选|答|填|勾|往)[^。；;]{0,4}(?:激进|进取|积极|大胆|高一?[点级档些]|高的|风险高)|"
    r"\b(?:tell|coach|get|have|help)\s+(?:her|him|them|the client)\b.{0,40}\b(?:pick|choose|answer|tick|select)\b"
    r".{0,20}\b(?:aggressive|riskier|higher|bolder)\b|"
    # "can I redo her risk test and bump her to C5?"
    r"\b(?:redo|re-?do|retake|re-?take|change|bump|raise|upgrade|move|put|set)\b.{0,40}"
    r"\b(?:her|him|them|the client)\s+(?:up\s+)?(?:to|at|as)\s*c[1-5]\b",
    re.I,
)
TAMPER_FLAG = "compliance:suitability_tampering"
HANDOVER_FLAG = "compliance:third_party_disclosure"


def asks_to_tamper(text: str) -> bool:
    """Whether ``text`` asks the RM's hand in a client's risk assessment (not how to handle
    a client who wants it changed). "能不能帮她把测评做高一点" asks whether it is allowed, a rule
    question; with the grade it is to be set to ("can I just redo her test and put her at
    C4?") it is the plan itself, asked to be approved."""
    if not TAMPER_REQUEST.search(text) or _HANDLING.search(text):
        return False
    return not _PERMISSION.search(text) or bool(_GRADE_SET.search(text))


_HANDLING = re.compile(
    r"怎么办|怎么处理|如何处理|要求|想要|"
    r"\b(?:what (?:do|should) (?:i|we)|how (?:do|should) (?:i|we)|asks? (?:me )?to|wants? (?:me )?to)\b",
    re.I,
)
_PERMISSION = re.compile(
    r"能不能|可不可以|可以吗|行吗|吗\s*[?？]|\b(?:can (?:i|we)|may (?:i|we)|is it ok)\b", re.I
)
# The grade set, or the product it is set for: "改成C4", "put her at C4", "so he qualifies
# for the equity fund", "这样就能买".
_GRADE_SET = re.compile(
    r"(?:改|调|提|升|填|做)(?:成|到|为|个)\s*c[1-5]|\b(?:to|as|at)\s*c[1-5]\b|"
    r"\bso (?:that )?(?:she|he|they|the client) (?:qualif(?:y|ies)|can (?:buy|get|invest)|is eligible|matches)\b|"
    r"这样(?:她|他|客户)?(?:就)?(?:能|可以)买|才能买|就匹配",
    re.I,
)


# "can I see his full ID?" asks for the number; "can I send it to ops?" asks for leave to act.
_SEE_FOR_MYSELF = re.compile(
    r"\b(?:can|could|may) (?:i|we|you) (?:see|get|have|view|look at|check|pull)\b|"
    r"(?:能|可以|能不能|可不可以)(?:给我)?(?:看|查|调|拿)(?:一下|下|到)?",
    re.I,
)


def asks_leave(text: str) -> bool:
    """Whether the RM asks leave to do something ("can I send…", "…，没问题吧"), not for the
    data itself."""
    asked = PERMISSION.search(text) or PROCEED.search(text) or PERMISSION_ASKED.search(text)
    return bool(asked) and not _SEE_FOR_MYSELF.search(text)


# "系统拦着 你帮我想个办法绕过去", "the system blocks it, find me a way around": a control of the
# bank's (the suitability block, an approval, a limit) to be got round. Like evading AML, the
# purpose is the request; a question about why it blocks is a rule question (RECOGNISING).
CIRCUMVENT_FLAG = "compliance:control_circumvention"
_CONTROL = r"(?:系统|风控|审批|适当性|拦截|校验|限制|限额|控制|规则|双录|流程)"
CIRCUMVENT_REQUEST = re.compile(
    rf"{_CONTROL}[^。；;]{{0,8}}(?:拦着|拦住|拦了|卡着|卡住|卡了|不让|拒了|不通过|过不去)[^。；;]{{0,16}}"
    r"(?:绕过|绕开|绕一下|绕|规避|避开|跳过|想(?:个|点)?办法|弄过去|搞过去|搞定|通融|打通)|"
    rf"(?:绕过|绕开|避开|跳过|躲过|突破)(?:去|掉)?[^。；;]{{0,4}}{_CONTROL}|"
    r"\b(?:get (?:a)?round|bypass|work (?:a)?round|circumvent|override|sneak (?:past|around)|skip)\b.{0,20}"
    r"\b(?:the )?(?:system|block|control|check|suitability|limit|approval|restriction)s?\b|"
    r"\b(?:system|suitability check|control)\b.{0,20}\b(?:blocks?|blocked|won'?t let)\b.{0,40}"
    r"\b(?:way (?:a)?round|get (?:a)?round|workaround|bypass)\b",
    re.I,
)


def asks_to_circumvent(text: str) -> bool:
    """Whether ``text`` asks for a way round one of the bank's controls (not why it holds)."""
    return bool(CIRCUMVENT_REQUEST.search(text)) and not RECOGNISING.search(text)


def asks_to_evade(text: str) -> bool:
    """Whether ``text`` asks for help evading AML monitoring (not how to recognise it)."""
    return bool(EVASION_REQUEST.search(text)) and not RECOGNISING.search(text)


# The playbook-map topic of the rule behind a refusal, cited with it: "导出名单发个人邮箱" is
# refused by the bank's data-protection rule, and the RM is shown where that rule is written.
RULE_TOPICS = {
    "export": "data_protection",
    "evasion": "aml",
    "tamper": "suitability",
    "circumvent": "suitability",
}


# "forward Seabright's CFO mobile and email to my buddy", "draft the email to HR listing his
# holdings", "把他电话发给我朋友": a client's data sent to someone outside the bank, told, not
# asked ("can I tell her daughter?" is the data rule's question, answered as one).
HANDOVER_REQUEST = re.compile(
    r"^(?:please\s+|pls\s+|just\s+)?(?:forward|send|give|share|pass|e-?mail|text)\b.{0,60}\b(?:mobile|phone|"
    r"number|e-?mail|contacts?|details|balances?|holdings|statements?|address)\b.{0,40}\bto (?:my|a|his|her|"
    r"their|the) (?:buddy|friend|mate|pal|cousin|brother|sister|agent|broker|employer|hr|landlord)\b|"
    r"\bdraft\b.{0,30}\b(?:e-?mail|letter|message)\b.{0,12}\bto (?:the |his |her |their )?(?:hr|employer|"
    r"landlord|agent|broker)\b.{0,40}\b(?:listing|with|showing|giving)\b.{0,12}\b(?:his|her|their)\b.{0,12}"
    r"\b(?:holdings|balances?|deposits?|accounts?|statements?)\b|"
    # "有人说是我们领导，让我把他们法人手机号报过去": the number passed to whoever asks
    r"(?:把|将)[^。？?]{0,16}(?:手机号?|电话|号码|身份证号?|邮箱|余额|持仓)[^。？?]{0,4}"
    r"(?:报过去|发过去|传过去|报给(?:他|她|对方|他们|那边)|发给(?:他|她|对方|那边))|"
    # "卓智赵经理问联泰地产在我们这存了多少，我直接告诉他": one client's data told to another
    # (asked leave for — "…没事吧" — it is the data rule's question, answered as one)
    r"(?:问|打听|想知道|要)[^。？?]{0,16}(?:存了多少|存款|余额|贷了多少|贷款|持仓|资产|多少钱)[^。？?]{0,12}"
    r"(?:跟|和|给|告诉|透露给?)(?:他|她|对方|他们|人家)(?:说|讲|透露|报)?"
    r"(?![^。]{0,8}(?:(?:吗|么|嘛|吧|行不行|可以不|能不能)[?？]?|[?？])\s*$)|"
    # "锦福的供应商想看看锦福在我们这的存款 帮我整理一份发给他们": a counterparty shown the client's
    r"(?:供应商|合作方|对方公司|上下游|上游|下游|第三方|同行|竞争对手|别的公司|另一家公司|客户的客户)"
    r"[^。？?]{0,4}(?:想|要|让我|请我|希望)(?:看看?|知道|了解|查|要)[^。？?]{0,16}"
    r"(?:存款|余额|流水|贷款|资产|持仓|财务|往来|资信)[^。？?]{0,24}(?:发给|交给|转给|提供给|给)"
    r"(?:他们|对方|人家|他|她|供应商|合作方)(?![^。]{0,8}(?:吗|么|嘛|行不行|可以不|能不能)[?？]?\s*$)|"
    r"(?<![能可])(?:把|将)[^。？?]{0,16}(?:手机|电话|号码|微信|邮箱|余额|持仓|资料|信息|名单)[^。？?]{0,10}"
    r"(?:发给|转给|推给|给)(?:我的?)?(?:朋友|兄弟|哥们|同学|亲戚|中介|保险代理|卖保险的|老乡)"
    r"(?![^。]{0,8}(?:吗|么|嘛|行不行|可以不|能不能)[?？]?\s*$)",
    re.I,
)


DRAFT_ASKED = re.compile(
    r"\bdraft\b|\bwrite (?:up )?(?:an?|the) (?:e-?mail|letter|message)\b|起草|写(?:个|封|条|一封|一条)",
    re.I,
)


def asks_to_hand_over(text: str) -> bool:
    return bool(HANDOVER_REQUEST.search(text.strip()))


def refusal_rule(verdict: IntentResult, text: str) -> str | None:
    """The playbook-map topic behind the refusal ``policy_refusal`` gives ``text``, if any."""
    if verdict.injection:
        return None
    if verdict.wants_full_identifier or IDENTIFIER_REQUEST.search(text):
        return RULE_TOPICS["export"]  # why not: the data-protection rule, cited
    if asks_to_evade(text):
        return RULE_TOPICS["evasion"]
    if asks_to_tamper(text):
        return RULE_TOPICS["tamper"]
    if asks_to_circumvent(text):
        return RULE_TOPICS["circumvent"]
    return RULE_TOPICS["export"] if EXPORT_REQUEST.search(text) else None


def records_in(tb: Toolbox, language: str) -> str | None:
    """Where the bank's RMs record visits, from its profile (None: not said)."""
    templates = tb.services.templates
    profile = getattr(templates, "profile", None)
    return profile.records_in.get(language) if profile is not None else None


# "how do I save a note?" asks how the assistant works; it records nothing to refuse.
# "how soon do I have to log a visit?", "拜访记录多久要录入" ask the bank's rule on records.
HOW_TO = re.compile(
    r"^\s*(how (do|can|should|would) (i|we|you)|how to|怎么|如何|怎样|咋|"
    r"how (soon|long|quickly|often|fast)|by when|when (do|must|should|shall|can|am) (i|we)|"
    r"(do|must|should) (i|we) (have to|need to)|is it (required|mandatory|ok|okay|allowed)|"
    r"多久|几天内?|什么时候(要|得|必须|需要))",
    re.I,
)


def asks_to_record(text: str) -> bool:
    # "how many days do I have to log a contact in the CRM?": the bank's deadline, asked
    return (
        bool(RECORD_REQUEST.search(text))
        and not HOW_TO.search(text)
        and not RECORD_DEADLINE.search(text)
    )


RECORD_DEADLINE = re.compile(
    r"几天|多少天|多久|时限|\bhow (?:many|much|soon|long|quickly)\b|\bwithin how\b|\bby when\b|"
    r"\bdeadline\b",
    re.I,
)


# "怎么记录拜访", "how do I save a note about a client call?": how the assistant keeps a note
# (help), not a note to keep nor the bank's rule on records ("拜访记录几天内要录入").
RECORD_HOW = re.compile(
    r"(记录|记一下|记下|记个|记一?笔|保存|存一?[个条下]|登记|"
    r"\b(save|log|record|keep|write down|note down|add)\b).{0,16}"
    r"(拜访|通话|电话|沟通|接触|笔记|备注|纪要|会谈|面谈|"
    r"\b(notes?|visits?|calls?|meetings?|interactions?|contacts?)\b)",
    re.I,
)
RECORD_RULE = re.compile(
    r"几天|多久|时限|期限|要求|规定|\b(within|deadline|how soon|how long|by when|required)\b", re.I
)


def asks_how_to_record(text: str) -> bool:
    """Whether the turn asks how to record a visit or call with the assistant."""
    return bool(HOW_TO.search(text) and RECORD_HOW.search(text) and not RECORD_RULE.search(text))


# "can you send wechats to clients directly for me?", "你能直接帮我发出去吗": asking the
# assistant itself to reach a client. It drafts; the RM sends ("帮我发个微信" asks for a draft).
SEND_ASKED = re.compile(
    r"(?:直接|自动)(?:帮我|替我|代我)?(?:发送|发出去|发给客户|打电话给)|(?:替我|代我)(?:发送|发出去)|"
    r"你(?:能|可以|能不能|可不可以)(?:直接)?(?:发送|发出去)|"
    r"\bcan you\b.{0,30}\b(?:send|post|text|call|email|message|wechat)\b.{0,40}"
    r"\b(?:directly|automatically|on my behalf|yourself)\b|"
    r"\b(?:send|post) (?:it|them|this|that) (?:directly|automatically|yourself)\b",
    re.I,
)


def asks_to_send(text: str) -> bool:
    """Whether the turn asks the assistant to send a message or call a client itself."""
    return bool(SEND_ASKED.search(text))


def policy_refusal(
    verdict: IntentResult,
    language: str,
    *,
    full_id_intent: str | None = None,
    served_intent: str | None = None,
    text: str = "",
    records_in: str | None = None,
) -> EngineResult | None:
    """The refusal for an injection, a full-identifier request or a request to record a visit,
    else None. A full-identifier refusal is recorded under ``full_id_intent`` when given (the
    offline engine knows the question names a client), else under the classified intent; a
    request to help a named client round a rule (split a transfer, fill in their risk
    assessment) under ``served_intent`` — it asks how to serve that client.
    ``records_in`` is where the bank's RMs record visits (the bank profile), named in the
    answer when known."""
    if verdict.injection:
        return EngineResult(
            t("refuse_injection", language),
            verdict.intent,
            refused=True,
            refusal_reason="out_of_policy",
            flags=["guard:prompt_injection"],
        )
    wants_number = verdict.wants_full_identifier or bool(IDENTIFIER_REQUEST.search(text))
    if asks_leave(text):
        # "…发到自己qq邮箱晚上看，没问题吧", "ok to wechat them the full account number?": the
        # RM asks whether they may — the rule's answer (no, and why), a rule question
        full_id_intent = served_intent = "playbook_qa"
    # "export my whole client list with phone numbers to excel": the export is what is asked
    # (and refused), of the book; the numbers in it are refused with it.
    if EXPORT_REQUEST.search(text) and not EXPORT_RULE_ASKED.search(text):
        return EngineResult(
            t("cannot_export", language),
            # The book's export is asked of the book; a named client's data, of the client.
            full_id_intent or "book_query",
            refused=True,
            refusal_reason="out_of_policy",
            flags=[FULL_ID_FLAG] if wants_number else [],
        )
    address = bool(ADDRESS_REQUEST.search(text)) and not EXPORT_RULE_ASKED.search(text)
    if address or wants_number:
        return EngineResult(
            t("refuse_address" if address else "refuse_full_id", language),
            full_id_intent or verdict.intent,
            refused=True,
            refusal_reason="out_of_policy",
            flags=[FULL_ID_FLAG],
        )
    for asks, phrase, flag in ((asks_to_evade, "refuse_evasion", EVASION_FLAG),
                               (asks_to_tamper, "refuse_tamper", TAMPER_FLAG),
                               (asks_to_circumvent, "refuse_circumvent", CIRCUMVENT_FLAG),
                               (asks_to_hand_over, "refuse_handover", HANDOVER_FLAG)):  # fmt: skip
        if asks(text):
            # Client data sent out is a draft refused when a draft was asked, else the client's data.
            handed = DRAFT_ASKED.search(text) and "draft_outreach"
            intent = (handed or full_id_intent) if flag == HANDOVER_FLAG else served_intent
            return EngineResult(
                t(phrase, language),
                intent or verdict.intent,
                refused=True,
                refusal_reason="out_of_policy",
                flags=[flag],
            )
    if asks_to_record(text):
        where = records_in or t("records_in_default", language)
        return EngineResult(
            t("cannot_record", language).format(where=where),
            verdict.intent,
            refused=True,
            refusal_reason="not_supported",
        )
    return None
