"""The RM's words -> a ``tools.book_query.BookQuery`` (the offline engine's reading of a book
question; the LLM agent fills the same schema itself).

Numbers come in digits, Chinese numerals or English words, amounts with 万/亿/k/m, windows as
relative dates ("30天内", "下个月", "within two weeks"). Products are left as the RM's words
(the tool resolves them through the catalogue); RMs are matched against the loaded staff list.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from assistant.engines.offline.numbers import NUMBER, SHARE, UNIT, amount, number, share
from assistant.engines.offline.slots import SIGNALS, _first
from tools.bank.records import RMRecord
from tools.book_query import NEVER_CONTACTED, BookQuery, Threshold
from tools.catalogue import PRODUCT_KINDS, contains
from tools.intelligence.policy import TieringPolicy
from tools.names.forms import INDUSTRY_ZH
from tools.names.staff import mentioned

IC = re.I
# "How many core clients do I have, and who are they?", "有几家？都是谁": the count and its clients.
WHO_TOO = re.compile(
    r"(?:都|分别)是(?:谁|哪些|哪几[家个位])|(?:是)?哪些(?:客户|公司|企业)?\s*[？?]?\s*$|列出来|"
    r"\b(?:and )?who (?:are|is) (?:they|it|them)\b|\b(?:list|name) them\b|\bwhich ones\b",
    re.I,
)
COUNT = re.compile(
    r"(?<![那这哪])(几|多少)(个|家|位|户)(?!工作|月|小时|星期|礼拜|字|点|天)|有几(个|家|位)?(?![天日])|的有多少\s*[？?]?\s*$|"
    r"(?:一共|总共|共|总计)(?:有|管|管着)?多少(?:个|家|位|户)?(?:客户|企业|公司)|"
    r"(?:客户|企业|公司)(?:一共|总共|共)?有?多少(?:个|家|位|户)?\s*[？?]?\s*$|"  # "财富客户有多少"
    r"有多少(?:个|家|位|户)?(?:客户|企业|公司)(?!经理)|"  # "我有多少客户没有贷款"
    r"\bhow many\b(?! days| hours| weeks| months| working)|\bnumber of clients\b|"
    r"\bclients? count\b|\bcount of (?:\w+ ){0,3}clients\b|客户数(?:量)?(?:是)?多少",
    IC,
)
TOP = re.compile(
    # "top3客户", "贷款top5": an English word beside Chinese has no \b (both are word characters)
    # "到期前7天", "前3个月": a time before something, not a ranking's head
    rf"前\s*({NUMBER})\s*(?![天日周月年]|个(?:月|工作日|星期|礼拜|小时)|工作日|小时|星期|礼拜)[名个家位]?|(?<![A-Za-z])top\s*({NUMBER})(?![A-Za-z0-9])|({NUMBER})\s*(?:个|家|位)(?:最|客户)",
    IC,
)
SUPERLATIVE = re.compile(
    r"最(大|多|高|久|快|慢|少|低|小)|(?<![A-Za-z])(biggest|largest|most|highest|top|smallest|lowest|least)(?![A-Za-z])",
    IC,
)
INVITE = re.compile(r"邀请|邀约|\binvite\b", IC)
# "加起来多少", "total loans", "合计": the sum of a figure over the matches, not a count.
TOTAL = re.compile(
    r"加起来|合计|总额|总计|总和|加总|一共多少钱|总共多少钱|总金额|"
    r"\b(?:in total|total|sum|combined|altogether|add(?:s|ed)? up)\b",
    IC,
)
GROUP_BY_RM = re.compile(
    r"哪[个位](组员|客户经理|同事|rm)|(组|团队|组员)[里内中]?谁|我们组谁|谁的?(?=跟进)|\bwhich rm\b|\bwhich (of my )?team members?\b|"
    r"\bwhich of (?:my|our|the) (?:rms|bankers|relationship managers|people)\b|\bwho on (my|the) team\b|"
    r"各自|各人|每个人|每人|每位(组员|客户经理|同事)?|每个(组员|客户经理|rm)|按(客户经理|管户|人|rm)(分|统计|汇总|列|排列|分组|归类)|"
    r"各(?:个)?(?:rm|客户经理|组员|同事)|"
    r"\beach (rm|member|person|banker|team member)\b|\beach of (my|our|the) (rms|team|bankers|team members|people)\b|\bper (rm|person|banker|head)\b|\b(grouped |broken down |split )?by (rm|banker|relationship manager)\b",
    IC,
)
GAPS = re.compile(
    r"跟进(缺口|逾期|最慢|慢|不及时|最落后|落后|最差)|未跟进|没跟进|没按时跟进|没有跟进|逾期|overdue|follow-?up gaps?|not followed|slowest (at )?follow|(?:worst|furthest behind|lagging|behind) (?:at|on) follow",
    IC,
)
PENDING = re.compile(r"还没|没跟进|未跟进|没有跟进|not (yet )?followed|haven'?t followed", IC)
# A fall asked as an amount: "分别降了多少", "how much did they lose".
HOW_MUCH_FELL = re.compile(
    r"(?:降|掉|跌|流出|流失|少|减少|下降|下滑)了?(?:多少|几成)|"
    r"\bhow much (?:did|has|have|had)\b.{0,24}\b(?:drop|dropped|fall|fell|fallen|lose|lost|leave|left|"
    r"decline|declined|flow out|flowed out)\b",
    IC,
)
# A fall asked as a share, not an amount: "跌幅最大", "掉得最狠", "biggest % drop".
BY_SHARE = re.compile(
    r"跌幅|降幅|比例|百分比|幅度|最狠|最厉害|最猛|\bpercent|%|\b(?:steepest|sharpest|hardest)\b", IC
)
# Measures a question ranks or bounds by; the first that the text names wins. Read with ASCII
# word boundaries: "按AUM排" names AUM (a Chinese character beside it is not a letter).
MEASURE_FLAGS = re.I | re.A
MEASURES: list[tuple[str, str]] = [
    (r"营收|营业收入|年收入|销售收入|销售额|\b(?:annual )?revenues?\b|\bturnover\b", "revenue"),
    (r"贷款|借款|(?<!金)融资|\bloans?\b|\bmortgages?\b|\bborrow", "loan"),
    (r"金融资产|\baum\b|资产", "aum"),
    (
        r"流出|下降|减少|降了|降幅|跌幅|跌了|跌得|掉|\boutflows?\b|\bdrop(?:ped|ping|s)?\b|\bdeclin|"
        r"\b(?:fell|fallen|falling)\b|\bshr[iu]nk",
        "deposit_change",
    ),
    # "近三月日均", "3-month average": the smoothed figure tiers use; plain "存款" is the newest
    (
        r"(近|最近)?(三|3)个?月(的)?日均|季(度)?日均|近三个?月.{0,3}存款|"
        r"\b(3|three)[- ]months?\b.{0,3}\b(avg|average)|\bquarterly (avg|average)",
        "deposit_3m",
    ),
    (r"年龄|岁数|年纪|年长|\bages?\b|\bage-wise\b", "age"),
    # "top 5 by avg daily balance", "which has the biggest balance": a client's balance with the
    # bank is its deposits (a loan or a fund's balance names its product, read above)
    (
        r"存款|日均|\bdeposits?\b|\b(?:avg|average)\.? daily (?:balances?|bal)\b|"
        r"\bdaily (?:avg|average) balances?\b|\b(?:biggest|largest|highest|most|top|by) balances?\b",
        "deposit",
    ),
    (r"到期日|按到期|\bby maturity\b", "days_to_maturity"),
    (r"员工|人数|职工|\bheadcount\b|\bemployees\b|\bstaff\b", "employees"),
]
# "按分层服务标准超期没联系的", "overdue for contact per their tier": longer without contact than
# the tier's service standard allows — the interval is the bank's (tiering.yaml), not said.
CONTACT_OVERDUE = re.compile(
    r"[超逾]期(?:没|未)(?:有)?(?:联系|接触|拜访)|(?:超过|超出|超了)(?:服务)?(?:标准|频次|规定)[^，。？?]{0,6}(?:没|未)(?:联系|接触|拜访)|"
    r"按(?:分层|层级)?服务(?:标准|频次)[^，。？?]{0,16}(?:超期|逾期|没联系|未联系|没接触|该联系|不达标)|"
    r"(?:联系|服务|接触)频次(?:不达标|没达标|不够|超期)|没按(?:服务)?(?:标准|频次)(?:联系|接触|拜访)|"
    r"\boverdue for (?:a |their |the |his |her )?(?:(?:monthly|quarterly|weekly|regular|routine|"
    r"scheduled|tier|service)\s+)*(?:contact|call|visit|check-?in)s?\b|\bpast (?:their|the) (?:tier'?s? )?(?:contact|service) "
    r"(?:standard|interval|cadence|frequency)\b|\bbehind (?:on )?(?:the |their )?(?:service|contact) "
    r"(?:standard|cadence|frequency)\b|\b(?:not|haven'?t been) contacted (?:as often as|per) (?:the |their )?"
    r"(?:standard|tier|service standard)\b",
    IC,
)
# "哪些投诉已经超期了", "overdue complaints": the signal past its own deadline (the complaint's
# due date), said of complaints only (逾期 of a loan is another matter).
SIGNAL_OVERDUE = re.compile(
    r"超期|逾期|超时|过期|超过(?:处理)?期限|没按时|\boverdue\b|\blate\b|\bpast (?:their |its |the )?(?:due date|deadline)",
    IC,
)
# "风险关注客户", "clients on the watch list": the bank's risk overlay (tiering.yaml); its own
# label is read too ("风险关注户").
RISK_WATCH = re.compile(
    r"风险关注|关注类|关注名单|观察名单|预警名单|\bwatch[- ]?list(?:ed)?\b|\brisk watch\b|\bon watch\b",
    IC,
)
# "最近一次联系都是啥时候", "when did I last contact them": the last contact of each client listed.
LAST_CONTACT_ASKED = re.compile(
    r"(?:最近一次|上一次|上次|最后一次)(?:联系|接触|拜访|沟通)|"
    r"\blast (?:contact(?:ed)?|touch(?:ed)?|spoke|visit(?:ed)?|talked)\b|"
    # "how long since contact", "多久没联系了": the same, as a time since
    r"\bhow long (?:since|has it been since) (?:(?:the |our |my )?(?:last )?contact|we (?:last )?(?:talked|spoke|met))\b|"
    r"多久没(?:有)?(?:联系|接触|拜访|沟通)",
    IC,
)
# An order asked for in so many words: the measure named sorts the list even beside a bound.
# What a place in a ranking earns: the bank's incentive rules are asked, not the book ranked.
REWARD_ASKED = re.compile(
    r"有(?:什么|啥|哪些)(?:奖励|奖金|激励)|(?:怎么|如何)(?:奖励|激励)|奖励(?:是|有)(?:什么|啥|多少)|"
    r"\b(?:what|which) (?:rewards?|bonus(?:es)?|incentives?)\b|\b(?:rewards?|bonus(?:es)?|incentives?) for\b",
    IC,
)
RANKED = re.compile(
    r"按.{0,12}?(?:排|排序|从高到低|从低到高|从大到小|从小到大)|排一下|排个序|\b(?:sort|rank|order)(?:ed)? by\b",
    IC,
)
# "最近一周联系都没有的客户", "近3个月都没跟进过", "最近半年一次都没联系过": the window first,
# then no contact in it — read before "一次都没联系过" alone (never contacted)
NO_CONTACT_IN_WINDOW = re.compile(
    rf"(?:最近|近|过去)\s*(半|{NUMBER})\s*个?(天|日|月|周|星期|年)(?:内|里|以来|之内)?\s*"
    rf"(?:(?:一次)?(?:都|也)?(?:没|未|沒)(?:有)?(?:联系|接触|拜访|沟通|跟进)|"
    rf"(?:联系|接触|拜访|沟通|跟进)(?:过)?\s*(?:都|也|一次)?\s*(?:都)?(?:没|未|沒))",
    IC,
)
NO_CONTACT = [
    NO_CONTACT_IN_WINDOW,
    re.compile(
        rf"({NUMBER})\s*(天|日|个月|月|周|年|days?|weeks?|months?|years?|d\b)\+?\s*(?:以上|多)?\s*(?:没|未|沒)(?:有)?(?:联系|接触|拜访|沟通|跟进)",
        IC,
    ),
    re.compile(
        rf"(?:没|未)(?:有)?(?:联系|接触|拜访|沟通)(?:过)?(?:超过|已经)?\s*({NUMBER})\s*(天|日|个月|月|周|年)",
        IC,
    ),
    re.compile(
        rf"(?:no contact|not contacted|ha(?:ve|s)(?:n'?t| not) been (?:contacted|called|visited|reached|seen)|haven'?t (?:i )?(?:contacted|talked to|visited|heard from|spoken (?:to|with)|been in touch|reached out|touched)|not (?:been )?(?:contacted|visited)|without (?:a )?contact)\D{{0,20}}?({NUMBER})\+?\s*(days?|weeks?|months?|years?|d\b)",
        IC,
    ),
    re.compile(
        rf"(?:in|for) (?:over |more than )?(a|one|{NUMBER}) (year|month|week)s?\b.{{0,5}}$", IC
    ),
    # "gone more than a year without contact", "been 90 days with no visit"
    re.compile(
        rf"\b(?:gone|went|been|passed)\s+(?:over\s+|more than\s+|longer than\s+)?(a|one|{NUMBER})\s+"
        r"(year|month|week|day)s?\s+(?:without|with no)\s+(?:any\s+)?(?:contact|being contacted|a call|"
        r"a visit|hearing from|touching)",
        IC,
    ),
    # "nothing logged in the last 60 days", "no interactions recorded in 3 months"
    re.compile(
        rf"\b(?:nothing|no (?:contacts?|interactions?|activity|visits?|calls?|notes?))\s+"
        rf"(?:logged|recorded|on record|on file)\b\D{{0,24}}?({NUMBER})\s*(days?|weeks?|months?|years?|d\b)",
        IC,
    ),
]
# "who have I been in touch with in the last month", "最近一个月联系过的客户": a recent contact.
CONTACTED_WITHIN = [
    re.compile(
        rf"\b(?:been in touch with|contact(?:ed)?|talk(?:ed)? to|spoken (?:to|with)|spoke (?:to|with)|"
        rf"visit(?:ed)?|call(?:ed)?|meet|met|touched base with|reached out to|seen)\b.{{0,30}}?\b(?:in|within|over|"
        rf"during) the (?:last|past) (a|one|{NUMBER})?\s*(days?|weeks?|months?)\b",
        IC,
    ),
    re.compile(
        rf"(?:最近|近|过去)\s*(一|{NUMBER})?\s*(天|日|个月|周|星期)(?:内|里|以来|之内)?(?:都|有)?"
        rf"(?:联系|接触|拜访|沟通|见)过",
        IC,
    ),
]
RECENTLY_CONTACTED = re.compile(
    r"(?:最近|近期)(?:都)?(?:联系|接触|拜访|沟通)过的|\brecently (?:contacted|visited|called|met)\b",
    IC,
)
RECENT_MONTH = 30
_DAYS_PER = {"天": 1, "日": 1, "d": 1, "day": 1, "周": 7, "星期": 7, "week": 7, "个月": 30, "月": 30,
             "month": 30, "年": 365, "year": 365}  # fmt: skip
WINDOW = re.compile(
    rf"({NUMBER})\s*(天|日|个月|周|星期|days?|d\b|weeks?|months?)\s*(?:内|之内|以内)?|(?:within|next|in the next|w/in|in)\s+({NUMBER})\s*(days?|d\b|weeks?|months?)",
    IC,
)
NAMED_WINDOW = [
    (re.compile(r"本周|这周|这个星期|\bthis week\b", IC), "this_week"),
    (re.compile(r"下周|下个星期|\bnext week\b", IC), "next_week"),
    (re.compile(r"本月|这个月|这月|月底|\bthis month\b", IC), "this_month"),
    (re.compile(r"下个?月|\bnext month\b", IC), "next_month"),
    (re.compile(r"年底|年末|今年|\bthis year\b|year[- ]end", IC), "this_year"),
]
HOLD_CUES = re.compile(
    r"持有|买了|买过|有|开了|开通了|用了|用|\bhold(s|ing)?\b|\bbought\b|\bhas\b|\bhave\b|\bwith\b|\busing\b",
    IC,
)
# Words before a product that ask for the clients without it: a negation ("还没在我行代发",
# "don't run payroll with us") or a prospect ("适合营销代发", "good candidates for a CD").
LACK_CUES = re.compile(
    r"没有|没开|未开|没开通|未开通|没买|未持有|不持有|没用|缺|还没|尚未|没在|未在|不在|适合|可以营销|营销|"
    r"没做|没办|未办|不做|(?:没|未|无)$|"
    r"\black(s|ing)?\b|\bwithout\b|\bno\b|n'?t\b|\bnot\b|\bpitch\b|\bsuitable for\b|"
    r"\b(candidates?|prospects?) for\b",
    IC,
)
# "代发不在我们这", "payroll is done elsewhere": the negation said after the product.
LACK_AFTER = re.compile(
    r"\s*(?:还|也|都)?(?:不在|没在|没有在|未在|不是在)(?:我们|我行|咱们|本行|这)|\s*(?:在|放在|做在)(?:他行|别的银行|外行)|"
    r"\s*(?:is |are )?(?:done |run )?(?:elsewhere|with (?:another|other) banks?|not with us)|"
    r"\s*(?:is|are|'s)?\s*(?:n'?t|not)\s+(?:done |run |banked |kept )?(?:with us|here|at our bank|in-house)",
    IC,
)
# Where the words before a product stop speaking of it: a clause break, or another product's
# "持有 / with" ("没联系过但持有理财的" holds the wealth product).
CLAUSE = re.compile(r"[，,。；;、？?!！]|但是|但|\bbut\b|\bwho\b|\bthat\b|\band\b")
LACK_OR_HOLD = re.compile(r"持有|买了|\bhold(?:s|ing)?\b|\bwith\b(?!\s+us)")
RISK_APPETITE = re.compile(r"(?<![a-z0-9])c([1-5])(?![0-9])", IC)
PRODUCT_RISK = re.compile(
    r"(?<![a-z0-9])r([1-5])\s*(?:及|或)?(?:以上|\+|or above|and above|or higher)?", IC
)
# "suitable for an R5 product", "能买R4产品的", "可以做R3的": whom the grade allows, not who holds it.
SUITABLE_FOR = re.compile(
    r"\b(?:suitable|eligible|qualified|ok|allowed|rated|fit)\s+(?:for|to buy|to hold)\s+(?:an?\s+)?"
    r"r(?P<r>[1-5])\b|(?:能|可以|可)(?:买|购买|做|配置)\s*r(?P<r2>[1-5])|适合\s*r(?P<r3>[1-5])",
    IC,
)
MISMATCH = re.compile(
    r"风险.{0,6}(超过|高于|超出).{0,8}(承受|偏好|能力)|超出.{0,4}风险承受|适当性|不匹配|\bsuitability\b|\bmismatch|"
    r"(?:超过|高于|超出)(?:了)?(?:他们|她们|他|她|客户)?(?:的)?(?:风险等级|风险承受|承受能力|风险偏好|测评|评级)|"
    r"\b(?:above|over|exceed(?:s|ing)?|beyond|higher than)\b.{0,12}\b(?:risk (?:level|appetite|tolerance|"
    r"profile|rating|grade)s?|(?:their|his|her) (?:grade|rating))\b",
    IC,
)
SEGMENTS = [
    (r"对公|企业客户|公司客户|\bcorporates?\b|\bcorp\b|\bbusiness clients\b", "corporate"),
    (r"零售|个人客户|私人客户|\bretail\b|\bindividuals?\b", "retail"),
]


ASKS = re.compile(
    r"哪些.{0,6}(客户|企业|公司)|哪[几]?[家位]|哪个客户|哪几[个家位笔]|哪些笔|(客户|企业|公司)有哪些|"
    r"谁(买|有|持|的|是|最|还|没|该|比较)|名单|清单|列出|列一下|列下|列个|拉出来|拉(个|一下)(单|名单|清单)?|我名下|我手上|我的客户|"
    r"\bwhich (of (my|mine|them)|(\w+ ){0,2}clients)\b|\bwho('s| has| have| in my| of my| should i| shd i)\b|\blist\b|"
    r"\bmy ([\w/&-]+ ){0,3}clients\b|\bin my book\b|\bof mine\b|\bmy \w+ mismatches\b|"
    # "外贸客户里还没做远期结售汇的": the clients of a kind, those not yet holding something
    r"(客户|企业|公司)(里|中|当中|里面|里头)[^，。,？?]{0,12}(还没|没有|没|未|不)[^，。,？?]{0,12}的|"
    # "团队里有没有战略客户出了流失预警", "总行级里日均超3500万的有哪些", "any clients with …"
    r"(?:有没有|有无|是否有)[^，。,？?]{0,16}(客户|企业|公司|户)(?!经理)|的有哪些\s*[？?]?\s*$|"
    r"\bany (of )?(my |our )?([\w/&-]+ ){0,3}(clients|customers|accounts)\b|\bare there any\b|"
    # "我自己的客户里有流失预警的吗", "anyone holding FX forwards?", "any payroll gaps?"
    r"有[^，。,？?]{1,16}的(?:(?:客户|企业|公司)(?!经理))?(?:吗|么|没|不)\s*[？?]?\s*$|\b(?:anyone|anybody)\b|"
    # "我有休眠客户吗": whether the RM's own book holds any of a kind
    r"我(?:自己)?(?:名下|这边|手上|手里)?有[^，。,？?]{1,12}(?:客户|企业|公司)(?:吗|么|嘛|没)\s*[？?]?\s*$|"
    # "有休眠客户吗", "还有没有流失预警客户": the same, the "我" left out
    r"^\s*(?:还)?有(?:没有)?[^，。,？?的]{1,12}(?:客户|企业|公司)(?:吗|么|嘛|没|没有)?\s*[？?]?\s*$|"
    r"\bany\b(?: [\w/&()-]+){1,3}\s*\?\s*$|\bin my (?:own )?book\b",
    IC,
)
# "how many logs am I supposed to check", "一家企业要多少员工才算代发缺口": a rule's number, asked
# of no book of mine — unless the words also point at the book ("my clients", "我名下").
# "我直接给她下单行不行", "代发名单能让财务微信发给我吗", "can I get the client to buy …": whether
# the RM may do something, asked — a rule question, not a list or a draft, whatever it names.
PERMISSION_ASKED = re.compile(
    r"(?:(?:帮|替|代)(?:他|她|客户|他们|她们|⟦CLIENT_\d+⟧)?(?:填|签|做|测评|下单|操作|办理|买)|"
    r"(?:直接|私下|先)(?:给|帮|替)(?:他|她|客户|⟦CLIENT_\d+⟧)?.{0,4}(?:下单|办理|操作|买|签)|"
    r"(?:发|转|传)给我).{0,12}(?:行不行|可以吗|可不可以|行吗|能不能|吗|可以不)\s*[？?]?\s*$|"
    r"\b(?:can|could|may) (?:i|we) (?:just |simply |also )?(?:get|have|make|ask) (?:the |a |my )?"
    r"(?:client|customer|them|him|her)\b.{0,40}\b(?:buy|sign|take|open|purchase)\b|"
    r"\b(?:can|could|may) (?:i|we) (?:just |simply )?(?:fill|sign|place|process|complete|tick)\b"
    r".{0,40}\b(?:for (?:him|her|them|the client)|on (?:his|her|their) behalf|order|form|assessment)\b|"
    # "client wants to email me their payroll list - ok?": a client's wish, and is it allowed
    r"(?:\b(?:client|customer|they|he|she)|⟦(?:CLIENT|PERSON)_\d+⟧) (?:wants?|asked|asks|would like)\b"
    # (not "X wants to buy the fund, ok?": whether that client may buy it is asked of the client)
    r"(?!.{0,60}\b(?:buy|purchase|subscribe|top up|invest in)\b).{0,60}"
    r"(?:\b(?:ok|okay|fine|allowed|alright)(?: to (?:process|do|go ahead|proceed))?\s*[?？]\s*$|\bcan (?:i|they|we)\b)|"
    # "我私下跟陈总说给他比挂牌高一点的利率，可以吧", "I'll tell them the rate is fixed, ok?": the
    # RM's own plan, put up for a yes — the rules answer it, not the client's profile
    r"我(?!.{0,6}(?:看|查|了解))[^。！]{2,60}(?:可以吧|行吧|没问题吧|没事吧|行不行?|可以不|合规吗|违规吗)\s*[?？]?\s*$|"
    r"\bi(?:'ll| will| want to| wanna| plan to|'m going to| am going to)\b.{3,80}"
    r"\b(?:ok|okay|fine|alright|allowed|right)\s*\?\s*$|"
    # "他C4拿着R5的这个，合规吗": is what the client holds within the rules
    r"(?:合规|违规)(?:吗|么|嘛)\s*[?？]?\s*$|合不合规\s*[?？]?\s*$|"
    r"(?:客户|他|她|他们)(?:想|要|说要|打算).{0,30}(?:可以吗|行吗|能行吗|合规吗|行不行)\s*[？?]?\s*$",
    re.I,
)
NORMATIVE = re.compile(
    r"\bsupposed to\b|\b(am i|are we) (required|expected)\b|\b(do|does) (i|we|a company|a client|the client) "
    r"(need|have) to\b|\brequired to\b|\bmust (i|we)\b|\bneed(s)? before\b|\bbefore the system\b|"
    r"\bdoes a (company|client|firm|business) need\b|规定|按规矩|按要求|应该.{0,6}(多少|几)|至少要|要求.{0,6}(多少|几)|"
    r"多久.{0,6}一次|\bhow often\b|"
    # "到期前7天要做啥": what the rule has the RM do at a stage, not which clients
    r"(?:要|该|应该|得|需要)(?:做|干)(?:啥|什么|嘛|哪些)|"
    # "can i tell clients deposits are insured?": what may be said, not who holds what
    r"\b(can|may|could|should) (i|we) (tell|say|promise|mention|claim|say to)\b|"
    r"(能|可以|可不可以|能不能)(跟|和|对|给)客户(说|讲|承诺|表示)",
    IC,
)
MY_BOOK = re.compile(
    r"我(?:自己)?的客户|我名下|我手上|我这边|我们组的|组里的客户|\bmy (\w+ ){0,2}(clients|customers|book)\b|"
    r"\bin my (?:own )?book\b",
    IC,
)
# "贷款一千万以上的有哪些", "C4客户里日均过亿的": the clients asked for without the noun.
LIST_ASK = re.compile(
    r"的(有哪些|都有谁|有谁|是哪些|都是谁|有哪几[个家位])|^哪些|的\s*[？?。！!]*\s*$"
)
# "哪天", "什么时候", "when": one date asked — of a client, unless the words ask for clients.
WHEN_ASKED = re.compile(r"哪天|哪一天|什么时候|啥时候|几号|何时|\bwhen\b|\bwhat date\b", IC)
WHO_ON_IT = re.compile(
    r"有哪些|有谁|都有谁|哪些|哪几|几[个家位户]|多少[个家位户]|^我的|\bwhich\b|\bwho\b|\bhow many\b|\blist\b|\bmy\b",
    IC,
)
CLIENT_NOUN = re.compile(r"客户|企业|公司|\bclients?\b|\bcustomers?\b|\baccounts\b", IC)
TEAM = re.compile(
    r"团队(?!长)|(?:我们|咱们?|本)组(?!合|织|长)|组[里内]|组员|全组|\b(?:my|our|the) team\b|\bteam\b",
    IC,
)
# "组里核心以上客户有流失预警的": "the ones with …", a list asked by its end.
TEAM_ASKS = re.compile(
    r"有哪些|有几[个家位]?|哪些|\bwhich\b|\bwho\b|有[^，。,]{1,10}的\s*[?？。]?\s*$|"
    # "growth signals on my team?": a few words and a question mark, no how or why
    r"^(?!.*(?:怎么|如何|为什么|为啥|什么|\bhow\b|\bwhy\b|\bwhat\b)).{0,40}[?？]\s*$",
    IC,
)


@dataclass
class Parsed:
    """A book question as understood: the query, and whether the words asked for a list."""

    query: BookQuery
    structured: bool  # the text has a book shape (count, ranking, bound, window, product, RM)
    rms: list[RMRecord] = field(default_factory=list)  # every RM the text names
    team: bool = False  # the text speaks of the team ("团队里", "my team")
    # A ranking was asked for ("top 3", "最多的几家") but no measure word found: the sort is
    # the default (client value), and the bank's slot examples may name a better one.
    measure_unnamed: bool = False
    # "anything maturing next 2 weeks? if not then this month": the query to run instead when
    # the first finds no client.
    otherwise: Parsed | None = None
    # "存款前三", "top 5 by loans": the head of a ranking by a measure the words named.
    ranked: bool = False


# "半年没联系", "一年半", "half a year": durations without a numeral, read as one; "未来俩月",
# "两月内" (months counted without 个: no month is called 两 or 俩, unlike "三月" = March).
HALF_AS = {"一年半": "18个月", "半年": "6个月", "半个月": "15天", "半月": "15天",
           "俩月": "2个月", "两月": "2个月", "仨月": "3个月",
           "half a year": "6 months", "half year": "6 months", "half a month": "15 days"}  # fmt: skip
HALVES = re.compile("|".join(sorted(map(re.escape, HALF_AS), key=len, reverse=True)), IC)


# "60天呢", "那90天内的呢", "and within 60 days?": a window said alone, for the last list's own.
BARE_WINDOW = re.compile(
    rf"^\s*(?:那么?|and|what about|how about)?\s*(?:within |in (?:the next )?)?({NUMBER})\s*个?"
    r"(天|日|月|周|星期|days?|weeks?|months?)\s*(?:内|以内|之内)?的?\s*(?:呢)?\s*[?？。.!！]*\s*$",
    IC,
)
# The bounds a bare window replaces, in the order a list is likeliest to carry them.
WINDOWED = ("maturity_within_days", "no_contact_days", "contacted_within_days")


def bare_window(text: str) -> int | None:
    """The days of a window said with nothing else ("60天呢"); None otherwise."""
    m = BARE_WINDOW.match(text)
    return _days(m.group(1), m.group(2)) if m else None


def _days(num: str, unit: str) -> int | None:
    value = {"a": 1.0, "one": 1.0, "半": 0.5}.get(num.lower()) or number(num)
    if value is None:
        return None
    unit = unit.lower().rstrip("s")
    per = next((d for k, d in _DAYS_PER.items() if unit.startswith(k)), 1)
    return int(value * per)


def _named_window(text: str, as_of: date) -> int | None:
    for rx, name in NAMED_WINDOW:
        if rx.search(text):
            return _until(name, as_of)
    return None


def _until(name: str, as_of: date) -> int:
    """Days from ``as_of`` to the end of a named period."""
    if name in ("this_week", "next_week"):
        end = as_of + timedelta(days=6 - as_of.weekday() + (7 if name == "next_week" else 0))
    elif name == "this_month":
        end = as_of.replace(day=calendar.monthrange(as_of.year, as_of.month)[1])
    elif name == "next_month":
        first = (as_of.replace(day=1) + timedelta(days=32)).replace(day=1)
        end = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    else:
        end = date(as_of.year, 12, 31)
    return (end - as_of).days


_MONTHS_EN = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
]  # fmt: skip
MONTH = re.compile(
    r"(?<![\d.])(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月份?(?![日号\d])|"
    r"\b(?:in|by|during|for|end of|before the end of)\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|"
    r"nov|dec)[a-z]*\b|\b(january|february|march|april|june|july|august|september|october|november|"
    r"december)\b",
    IC,
)


def month_window(text: str, as_of: date) -> tuple[int, int] | None:
    """A named month ("11月份到期", "maturing in December") or a run of them ("7、8月份",
    "7-9月", "七八月", "july and august") as days from ``as_of``: (first day of the first, last
    day of the last), each month this year or, once past, next year's."""
    if m := MONTH_RUN.search(text):
        a, b = next((m.group(i), m.group(i + 1)) for i in (1, 3, 5) if m.group(i))
        months = [_month_number(a), _month_number(b)]
    elif m := MONTH.search(text):
        months = [_month_number(m.group(1) or m.group(2) or m.group(3))]
    else:
        return None
    if not all(1 <= n <= 12 for n in months):
        return None
    first, last = (_month_span(n, as_of) for n in (months[0], months[-1]))
    before = text[m.end() :]
    if BY_MONTH_END.match(before) or BY_END_OF.search(text[: m.start() + 20]):
        return 0, (last[1] - as_of).days  # "9月底前到期", "by the end of september": from today
    if BEFORE_MONTH.match(before):
        return 0, max(0, (first[0] - as_of).days - 1)  # "10月前到期": until the month begins
    if last[1] < first[0]:  # "11月到2月": the run crosses the new year
        last = _month_span(months[-1], as_of.replace(year=as_of.year + 1, month=1, day=1))
    return max(0, (first[0] - as_of).days), (last[1] - as_of).days


def _month_number(word: str) -> int:
    if (n := number(word)) is not None:
        return int(n)
    return next((i for i, name in enumerate(_MONTHS_EN, 1) if name.startswith(word.lower()[:3])), 0)


def _month_span(month: int, as_of: date) -> tuple[date, date]:
    year = as_of.year if month >= as_of.month else as_of.year + 1
    first = date(year, month, 1)
    return first, first.replace(day=calendar.monthrange(year, month)[1])


# A month as a deadline rather than the window itself: "9月底前" / "by the end of September"
# (from today to the month's end), "10月前" / "10月之前" (from today until it begins).
BY_MONTH_END = re.compile(r"\s*(?:底|末)(?:之|以)?前")
BY_END_OF = re.compile(r"\b(?:by|before) (?:the )?end of\b", IC)
BEFORE_MONTH = re.compile(r"\s*(?:之|以)?前(?!\s*[一两三四五六七八九十\d]+\s*[天日周个])")
_ZH_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_EN_MONTH = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
MONTH_RUN = re.compile(
    rf"(?<![\d.])({_ZH_MONTH})\s*(?:月份?)?\s*(?:[、,，/\-~～至到和跟或]|或者)\s*({_ZH_MONTH})\s*月份?(?![日号\d])|"
    r"(?<![\d.十])([一二三四五六七八九])([一二三四五六七八九])月份?(?![日号\d])|"
    rf"\b({_EN_MONTH})[a-z]*\s*(?:-|–|to|and|&|or|through|/)\s*({_EN_MONTH})[a-z]*\b",
    IC,
)


def _window(text: str, as_of: date) -> int | None:
    for m in WINDOW.finditer(text):
        num, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if unit in ("日",) and not re.search(r"内|以内|之内", m.group(0)):
            continue
        days = _days(num, unit)
        if days:
            return days
    return _named_window(text, as_of)


# "今年没联系过的", "not contacted this year", "本季度还没拜访的": no contact since the period
# began. The period's first day is counted from the data's as-of date.
NOT_SINCE = re.compile(
    r"(今年|本年|本年度|这一?年|本季度?|这个?季度|本月|这个月)(以来|内|里)?(都|还|一直)?(没|未|沒)(有)?"
    r"(联系|接触|拜访|沟通|跟进|见)|"
    r"(?:(?:no|zero|not any|not a single) contacts?|not (?:been )?(?:contacted|visited|called|seen)|haven'?t (?:been )?"
    r"(?:contacted|visited|called|talked to|seen|heard from)|without (?:a )?contact).{0,30}?"
    r"\b(this year|this quarter|this month|since (?:january|jan|the start of the year))\b",
    IC,
)


# "建材行业的客户" for the book's 建材贸易: a label's first word, said as the trade.
_TRADE_AFTER = re.compile(
    r"^\s*(?:的)?(?:[那这](?:几|些)?[家个位]?)?\s*(行业|类|企业|公司|的客户|客户|领域)"
)  # "建材类", "建材那几家客户"


# "can a C2 client buy an R3 product?", "C2 的客户能买 R3 吗": a rule asked of any client, not a
# list of mine.
HYPOTHETICAL = re.compile(
    r"\b(can|may|could)\s+an?\s+c[1-5]\b|\ban?\s+c[1-5]\s+(client|customer|investor)|"
    r"(?<!我的)(?<!哪些)c[1-5]\s*(的)?(客户|投资者)?\s*(能|可以|可不可以|能不能|能否)\s*(买|购买|认购|投)",
    IC,
)


def industry_said(text: str, industries: list[str]) -> str | None:
    """The book's industry label the question names: in full, by its first word when that is
    followed by 行业/类/企业 and names one label only, or in English ("new energy clients")."""
    labels = [i for i in industries if i and len(i) >= 2]
    if full := next((i for i in labels if i in text), None):
        return full
    for i in labels:
        word = i[:2]
        at = text.find(word)
        said = at >= 0 and len(i) > 2 and _TRADE_AFTER.match(text[at + 2 :])
        if said and sum(1 for j in labels if j.startswith(word)) == 1:
            return i
    low = text.lower()
    for i in labels:
        english = (
            TRADES_EN.get(i)
            or INDUSTRY_ZH.get(i)
            or " ".join(INDUSTRY_ZH[w] for w in _industry_words(i) if w in INDUSTRY_ZH)
        )
        if english and _english_industry(english).search(low):
            return i
    return None


# Trades whose English is one word the name glossary cannot build from its parts (船舶 + 制造
# is "shipbuilding", not "ship manufacturing"); read for industries, never for client names.
TRADES_EN = {"船舶制造": "Shipbuilding", "船舶修造": "Shipbuilding", "造船": "Shipbuilding"}


def _english_industry(english: str) -> re.Pattern[str]:
    """The English words of a trade as an RM types them: any inflection of each word ("trade"
    for Trading, "construction" for Construction), joined by a space, "/", "&", "-" or "and"
    ("import/export trade" for Import Export Trading)."""
    stems = [w[: max(4, len(w) - 3)] for w in english.lower().split()]
    joint = r"(?:\s*[/&,-]\s*|\s+and\s+|\s+)"
    return re.compile(r"\b" + joint.join(rf"{re.escape(s)}\w*" for s in stems) + r"\b")


def _industry_words(label: str) -> list[str]:
    """建材贸易 -> 建材, 贸易: the label cut into the trade words the name glossary knows (a
    closing 业 or 行业 of the label, as in 建筑业, says "trade" and is dropped)."""
    words, rest = [], re.sub(r"(?<=..)行?业$", "", label)
    while rest:
        word = next(
            (w for w in sorted(INDUSTRY_ZH, key=len, reverse=True) if rest.startswith(w)), None
        )
        if word is None:
            return []
        words.append(word)
        rest = rest[len(word) :]
    return words


def _period_start(word: str, as_of: date) -> date:
    word = word.lower()
    if any(k in word for k in ("季", "quarter")):
        return date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
    if any(k in word for k in ("月", "month")) and "jan" not in word:
        return as_of.replace(day=1)
    return date(as_of.year, 1, 1)


def _not_since(text: str, as_of: date) -> int | None:
    """Days a client must have gone without contact to have none since the period began
    ("今年没联系过", "8月1号以后就没联系过", "no contact since july 2025")."""
    if m := NOT_SINCE.search(text):
        start: date | None = _period_start(m.group(1) or m.group(7), as_of)
    else:
        start = _since_date(text, as_of)
    return None if start is None else max(1, (as_of - start).days + 1)


# "8月1号以后就没联系过", "2025年7月以来没拜访", "haven't had any contact since july 2025",
# "not contacted since Aug 1": the day said, as the first day without contact.
_NO_CONTACT_CUE = re.compile(
    r"(?:没|未|沒)(?:有)?(?:再)?(?:联系|接触|拜访|沟通|跟进|见)|"
    r"\bno (?:contact|interactions?|touch(?:points?)?)\b|\bnot (?:been )?(?:contacted|visited|called|seen)\b|"
    r"\bhaven'?t (?:had any contact|been (?:contacted|in touch)|(?:contacted|visited|called|talked to|seen|heard from|touched))\b|"
    r"\bwithout (?:a |any )?contact\b|\bnot (?:been )?in touch\b",
    IC,
)
_ZH_SINCE = re.compile(
    r"(?:(20\d\d)\s*年\s*)?(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月份?\s*"
    r"(?:(3[01]|[12]\d|0?[1-9])\s*[日号])?\s*(?:以后|之后|以来|起|开始|后)"
)
_EN_SINCE = re.compile(
    r"\bsince\s+(?:(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    rf"({_EN_MONTH})[a-z]*\.?(?:\s+(\d{{1,2}})(?:st|nd|rd|th)?\b)?,?(?:\s+(20\d\d))?|"
    r"\bsince\s+(20\d\d)-(\d\d)-(\d\d)\b",
    IC,
)


# "2026年到现在一次都没联系过", "since 2025": the year said, from its first day.
_YEAR_SINCE = re.compile(
    r"(20\d\d)\s*年\s*(?:到现在|至今|以来|开始|起|初以来|初到现在)|\bsince (?:the start of )?(20\d\d)\b(?![-/.]\d)",
    IC,
)


def _since_date(text: str, as_of: date) -> date | None:
    if not _NO_CONTACT_CUE.search(text):
        return None
    if (y := _YEAR_SINCE.search(text)) and date(int(y.group(1) or y.group(2)), 1, 1) <= as_of:
        return date(int(y.group(1) or y.group(2)), 1, 1)
    if m := _ZH_SINCE.search(text):
        year, month, day = m.group(1), number(m.group(2)), m.group(3)
    elif m := _EN_SINCE.search(text):
        if m.group(5):
            year, month, day = m.group(5), int(m.group(6)), m.group(7)
        else:
            year, month, day = m.group(4), _month_number(m.group(2)), m.group(1) or m.group(3)
    else:
        return None
    try:
        said = date(int(year or as_of.year), int(month or 0), int(day or 1))
    except ValueError:
        return None
    if year is None and said > as_of:  # "8月1号以后" said in spring: last year's August
        said = said.replace(year=said.year - 1)
    return said if said <= as_of else None


# "从没联系过", "zero contact history", "never been contacted": no contact on record, which the
# book counts as longer ago than any bound.
NEVER_SAID = re.compile(
    r"(?:从来?|从未|一直|一次都|从头到尾都?)(?:没|未|沒)(?:有)?(?:被)?(?:联系|接触|拜访|沟通|跟进)|没有?(?:任何)?(?:联系|拜访|互动|接触)记录|"
    # "一次联系记录都没有", "一条互动也没有", "零接触"
    r"(?:一次|一条|一回)(?:联系|拜访|互动|接触|沟通|跟进)?(?:记录)?(?:都|也)(?:没有|没|无)|零(?:接触|联系|互动)|"
    r"\b(?:zero|no) (?:contact|interaction)s?(?: history| on record| logged| at all)|"
    r"\bnever (?:been )?(?:contacted|visited|called|talked to|spoken to|met)|\bno (?:recorded )?(?:contacts?|interactions?) (?:ever|at all)\b",
    IC,
)


def _contacted_within(text: str) -> int | None:
    """Days of "in the last month" / "最近两周联系过" (no number: one of the unit); "最近联系过的"
    with no span is the last month."""
    for rx in CONTACTED_WITHIN:
        if m := rx.search(text):
            num, unit = m.groups()[-2:]
            return _days(num or "one", unit) or None
    return RECENT_MONTH if RECENTLY_CONTACTED.search(text) else None


def _no_contact(text: str) -> int | None:
    if m := NO_CONTACT_IN_WINDOW.search(text):
        return _days(m.group(1), m.group(2))
    if NEVER_SAID.search(text):
        return NEVER_CONTACTED
    for rx in NO_CONTACT:
        if m := rx.search(text):
            return _days(m.group(1), m.group(2))
    return None


def _without_no_contact(text: str) -> str:
    """The text without its "N days without contact" span: "近3个月都没跟进过" is no contact in a
    window, not an open follow-up besides."""
    for rx in NO_CONTACT:
        if m := rx.search(text):
            return text[: m.start()] + text[m.end() :]
    return text


# "more than 1000 employees", "员工500人以上", "超过300人的企业", "w/ 80+ staff": a headcount.
HEADCOUNT = [
    re.compile(
        rf"(超过|大于|多于|不少于|至少|少于|不到|不超过|过|逾|上(?=[百千万])|over|above|more than|at least|under|"
        rf"below|fewer than|less than|at most)\s*({NUMBER})\s*(?:个|名)?\s*(?:人|员工|employees|"
        r"staff|people|headcount)",
        IC,
    ),
    re.compile(
        rf"(?:员工|人数|职工|staff|employees|headcount)[^，。,？?\d]{{0,6}}?({NUMBER})\s*(?:人|名)?\s*"
        r"(以上|以下|\+|or more|or fewer)",
        IC,
    ),
    re.compile(
        rf"({NUMBER})\s*\+?\s*(?:人|名员工)(以上|以下)|({NUMBER})\s*(\+)\s*(?:employees|staff)", IC
    ),
    # "员工过百", "人数上千": a round headcount passed
    re.compile(r"(?:员工|人数|职工)(?:数|人数)?(过|超|上|破)(百|千)", IC),
]
HEADCOUNT_SPAN = re.compile("|".join(f"(?:{rx.pattern})" for rx in HEADCOUNT), IC)
_FEWER = ("少于", "不到", "不超过", "under", "below", "fewer than", "less than", "at most", "以下",
          "or fewer")  # fmt: skip


def _headcount(text: str) -> Threshold | None:
    for rx in HEADCOUNT:
        if m := rx.search(text):
            groups = [g for g in m.groups() if g]
            num = next((g for g in groups if number(g) is not None), None)
            word = next((g for g in groups if g is not num), "")
            if num is None:
                continue
            fewer = word.lower() in _FEWER
            return Threshold(
                measure="employees", op="lte" if fewer else "gte", value=float(number(num) or 0)
            )
    return None


def _thresholds(text: str, measure: str | None) -> list[Threshold]:
    """ "存款超过5000万" / "loans over 10m" / "存款下降超过两成" / "dropped by half"; a headcount
    ("more than 1000 employees") is a bound of its own."""
    if (people := _headcount(text)) is not None:
        return [people, *_thresholds(HEADCOUNT_SPAN.sub(" ", text), measure)]
    out: list[Threshold] = []
    if measure == "deposit_change" and (m := SHARE.search(text)):
        return [Threshold(measure="deposit_change", op="lte", value=-share(m))]
    bound = re.compile(
        rf"(超过|大于|高于|多于|以上|不低于|至少|过|逾|超|低于|少于|小于|不超过|不到|以下|over|above|more than|greater than|at least|under|below|less than|at most)\s*({NUMBER})\s*个?\s*({UNIT})",
        IC,
    )
    after = re.compile(rf"({NUMBER})\s*个?\s*({UNIT})\s*(以上|以下|\+)", IC)  # "1个亿以上"
    # "日均过亿", "贷款破千万": the unit alone is one of it
    bare = re.compile(r"(?:过|破|超|上)(亿|千万|百万)(?![\d一二两三四五六七八九十])")
    for m in bare.finditer(text):
        value = amount("1", m.group(1))
        if value is not None:
            of = _measure_before(text, m.start(), measure)
            out.append(Threshold(measure=of, op="gte", value=value))  # type: ignore[arg-type]
    taken: list[tuple[int, int]] = []
    for m in bound.finditer(text):
        taken.append(m.span())
        value = amount(m.group(2), m.group(3))
        low = m.group(1).lower()
        up = low in ("超过", "大于", "高于", "多于", "以上", "不低于", "至少", "过", "逾", "超", "over", "above",
                     "more than", "greater than", "at least")  # fmt: skip
        if value is not None:
            of = _measure_before(text, m.start(), measure)
            bound_of = {"measure": of, "op": "gte" if up else "lte", "value": value}
            out.append(Threshold.model_validate(bound_of))
    for m in after.finditer(text):
        value = amount(m.group(1), m.group(2))
        overlaps = any(a < m.end() and m.start() < b for a, b in taken)
        if value is not None and not overlaps:
            op = "lte" if m.group(3) == "以下" else "gte"
            out.append(
                Threshold.model_validate(
                    {"measure": _measure_before(text, m.start(), measure), "op": op, "value": value}
                )
            )
    return [_inflow(t) if RISE.search(text) else t for t in out]


# "存款减少超过1000万", "lost more than 20m": a change said just before an amount bound.
CHANGED = re.compile(
    r"(?:流出|流失|下降|减少|掉|少|转走|增加|增长|上涨|涨|流入|"
    r"\b(?:lost|lose|losing|dropped|fell|declined|grew|rose|increased|gained))了?\s*$",
    IC,
)
# "存款增加超过1000万": an amount the deposits rose by — an outflow of minus that much.
RISE = re.compile(r"增加|增长|上升|涨|流入|\b(?:grew|gained|rose|increased|inflows?)\b", IC)


def _inflow(bound: Threshold) -> Threshold:
    if bound.measure != "deposit_outflow":
        return bound
    return Threshold(
        measure="deposit_outflow", op="lte" if bound.op == "gte" else "gte", value=-bound.value
    )


def _measure_before(text: str, at: int, measure: str | None) -> str:
    """The measure a bound at ``at`` is of: the money measure named nearest before it
    ("存款超过一千万的按贷款排" bounds deposits, ranks by loans), else the question's."""
    best, end = None, -1
    for rx, name in MEASURES:
        if name in ("deposit_change", "days_to_maturity", "employees"):
            continue
        for m in re.finditer(rx, text[:at], MEASURE_FLAGS):
            if m.end() > end:
                best, end = name, m.end()
    if measure == "deposit_change" or CHANGED.search(text[max(0, at - 12) : at]):
        return "deposit_outflow"  # "流出超过1000万": money, so the amount that left, not a ratio
    if best is None:
        return measure or "value"
    return best


def _products(text: str) -> tuple[list[str], list[str]]:
    """Product words the text names (the longest reading of each place), split into held and
    not held by the words just before them."""
    low = text.lower()
    spans = sorted(
        (
            (-len(phrase), at, phrase)
            for kind in PRODUCT_KINDS
            for phrase in kind
            if contains(low, phrase) and (at := _position(low, phrase)) >= 0
        ),
    )
    holds: list[str] = []
    lacks: list[str] = []
    taken: list[tuple[int, int]] = []
    for negative_len, at, phrase in spans:
        end = at - negative_len
        if any(a < end and at < b for a, b in taken):
            continue
        taken.append((at, end))
        (lacks if _lacked(low, at, end) else holds).append(phrase)
    return holds, lacks


# "理财/基金/保险", "fund or insurance", "基金或保险": any of the products, not all of them.
EITHER = re.compile(
    r"[\w\u4e00-\u9fff]\s*/\s*[\w\u4e00-\u9fff]|或者?|任[一何]|\bor\b|\bany of\b|\beither\b", IC
)
# "who has deposits or CDs maturing", "存款或存单到期": a plain deposit named beside a maturity
MATURING_DEPOSIT = re.compile(
    r"(?<!structured )\bdeposits?\b(?! insurance)|(?<!结构性)(?<!单位)(?<!个人)存款(?!保险)", IC
)
TERM_DEPOSITS = ("定期", "大额存单", "结构性存款")
TERM_DEPOSITS_EN = ("time deposit", "cd", "structured deposit")
PRODUCT_OF = {phrase: kind for kind in PRODUCT_KINDS for phrase in kind}  # a phrase -> its kind
NOT_A_PRODUCT = re.compile(
    r"存款保险|存款保险制度|\bdeposit insurance\b|\bdeposit protection\b", IC
)


# "80岁以上", "65周岁及以上", "aged 80+", "over 75 years old", "under 30": a bound on the age read
# off the ID's date of birth. "老年客户", "elderly clients": the bank's own age for extra care.
AGE_AT_LEAST = re.compile(
    r"(\d{2,3})\s*(?:周)?岁\s*(?:及|或)?(?:以上|往上|开外|或以上|\+)|(?:年龄|年纪)\s*(?:超过|大于|高于|在|≥|>=?)\s*(\d{2,3})|"
    r"\baged?\s*(\d{2,3})\s*(?:\+|or (?:over|older|above)|and (?:over|older|above))|"
    r"\b(?:over|above|older than)\s*(\d{2,3})\s*(?:years? old|yo\b|y/o)|\b(\d{2,3})\+\s*(?:years? old|yo\b|y/o)|"
    # "how many clients 65+ hold R3 products": an age after the noun ("50+ clients" is a count)
    r"\b(?:clients?|customers?)\s+(\d{2,3})\+",
    IC,
)
AGE_AT_MOST = re.compile(
    r"(\d{2,3})\s*(?:周)?岁\s*(?:及|或)?(?:以下|以内|或以下)|(?:年龄|年纪)\s*(?:低于|小于|不到|≤|<=?)\s*(\d{2,3})|"
    r"\b(?:under|below|younger than)\s*(\d{2,3})\s*(?:years? old|yo\b|y/o|(?=\s*(?:$|[,.?!])))",
    IC,
)
ELDERLY = re.compile(r"老年|老人|高龄|年长的?客户|\belderly\b|\bseniors?\b|\bolder clients\b", IC)


def _age_bounds(text: str, elderly_age: int | None) -> list[dict]:
    """The age bounds the words set; a plausible age only (18 to 120)."""
    bounds = []
    for rx, op in ((AGE_AT_LEAST, "gte"), (AGE_AT_MOST, "lte")):
        if (m := rx.search(text)) and 18 <= (years := int(next(g for g in m.groups() if g))) <= 120:
            bounds.append({"measure": "age", "op": op, "value": float(years)})
    if not bounds and elderly_age and ELDERLY.search(text):
        bounds.append({"measure": "age", "op": "gte", "value": float(elderly_age)})
    return bounds


# "有贷款的", "clients with loans": any loan balance; "没有贷款", "无贷款", "don't have a loan",
# "no loans": none. The negation is read first — "没有贷款" holds "有贷款".
HAS_LOAN = re.compile(r"有贷款|有借款|\bwith (a )?loans?\b|\bha(ve|s) (a |any )?loans?\b", IC)
NO_LOAN = re.compile(
    r"(没有?|无|未|不)(在我行|在我们这)?(贷款|借款|贷过款|借过款)|"
    r"\b(no|without( a| any)?|zero)\s+(outstanding\s+)?(loans?|borrowing)\b|"
    r"\b(don'?t|doesn'?t|do not|does not|haven'?t|hasn'?t|never)\s+(have|had|got|taken)?\s*(a |any )?(loans?|borrow(ed)?)\b",
    IC,
)


def _lacked(low: str, at: int, end: int) -> bool:
    """Whether the words around a product ask for the clients without it: a negation just
    before it in its own clause ("还没在我行代发", "aren't doing payroll") or just after it
    ("代发不在我们这", "payroll is elsewhere")."""
    before = LACK_OR_HOLD.split(CLAUSE.split(low[max(0, at - 16) : at])[-1])[-1]
    return bool(LACK_CUES.search(before) or LACK_AFTER.match(low[end : end + 24]))


def _position(low: str, phrase: str) -> int:
    m = re.search(rf"(?<![a-z0-9]){re.escape(phrase.lower())}(?![a-z0-9])", low)
    return m.start() if m else low.find(phrase.lower())


def measure_named(text: str) -> str | None:
    """The first measure the words name ("贷款" -> loan, "AUM" -> aum), if any."""
    return next((m for rx, m in MEASURES if re.search(rx, text, MEASURE_FLAGS)), None)


def _limit(text: str) -> int | None:
    if m := TOP.search(text):
        raw = next(g for g in m.groups() if g)
        value = number(raw)
        return int(value) if value else None
    return None


def parse(
    text: str,
    as_of: date,
    *,
    rms: Sequence[RMRecord] = (),
    team: Iterable[str] = (),
    industries: Iterable[str] = (),
    tiering: TieringPolicy | None = None,
    elderly_age: int | None = None,
) -> Parsed:
    """Read a book question. ``rms``: the bank's staff (for "小王那边", "tang xiaofei's");
    ``team``: the rm_ids whose familiar names may be used; ``industries``: the book's;
    ``tiering``: the bank's tiers, named as its policy names them; ``elderly_age``: the age
    from which the bank's policy gives older clients extra care ("老年客户")."""
    text = HALVES.sub(lambda m: HALF_AS[m.group(0)], text)
    # Deposit insurance is neither a measure of the book nor a product anyone holds.
    text = NOT_A_PRODUCT.sub(" ", text)
    q: dict = {}
    found_rms = mentioned(text, rms, team)
    if len(found_rms) == 1:
        q["rm"] = found_rms[0].rm_id
    elif len(found_rms) > 1 and set(r.rm_id for r in found_rms) <= set(team):
        q["group_by_rm"] = True  # "马骁和何雨桐谁的铂金客户多": the two side by side, per RM
    if tiering is not None and (tiers := tiering.at_or_above(text) or tiering.tiers_in(text)):
        q["tier"], q["tiers"] = tiers[0], tiers[1:]
    needs = tiering.needs_segments if tiering is not None else None
    if needs is not None and (stage := needs.segment_in(text)):
        q["needs_segment"] = stage  # "退休准备期的客户", "expanding companies": the bank's own
        text = needs.without_segments(text)
    if segment := _first(SEGMENTS, text):
        q["client_type"] = segment
    if industry := industry_said(text, list(industries)):
        q["industry"] = industry
    # "没有贷款的": a filter, not the loan balance to rank by
    measure = measure_named(NO_LOAN.sub(" ", text))
    thresholds = _thresholds(text, measure)
    if thresholds:
        q["thresholds"] = [t.model_dump() for t in thresholds]
    signal = _first(SIGNALS, text)
    if signal == "deposit_churn" and thresholds:
        signal = None  # "存款下降超过两成" is the bound itself, not the churn signal
    if signal == "maturity":
        days = _window(text, as_of)
        if (named := month_window(text, as_of)) is not None and not WINDOW.search(text):
            q["maturity_from_days"], days = named
        if days is not None:
            q["maturity_within_days"] = days
            signal = None
    if signal == "suitability" or (MISMATCH.search(text) and not signal):
        q["risk_mismatch"] = True
        signal = None
    if signal:
        q["signal"] = signal
    if signal == "complaint" and SIGNAL_OVERDUE.search(text):
        q["signal_overdue"] = True
    overlay = tiering.risk_overlay if tiering is not None else None
    if overlay is not None and (
        RISK_WATCH.search(text)
        or overlay.label_zh in text
        or overlay.label_en.lower() in text.lower()
    ):
        q["risk_watch"] = True
    if CONTACT_OVERDUE.search(text):
        q["contact_overdue"] = True  # the tier's own interval, not a number of days said
    elif (days := _not_since(text, as_of) or _no_contact(text)) is not None:
        q["no_contact_days"] = days
    elif (recent := _contacted_within(text)) is not None:
        q["contacted_within_days"] = recent
    if m := RISK_APPETITE.search(text):
        q["risk_appetite"] = f"C{m.group(1)}"
    if m := SUITABLE_FOR.search(text):
        q["suitable_for"] = (
            f"R{m.group('r') or m.group('r2') or m.group('r3')}"  # "suitable for an R5 product": whose grade allows it
        )
    elif m := PRODUCT_RISK.search(text):
        q["product_risk_at_least"] = f"R{m.group(1)}"
        q.pop("risk_mismatch", None)
    holds, lacks = _products(tiering.without_tiers(text) if tiering and "tier" in q else text)
    # "deposits or CDs maturing", "有存款到期的": a deposit that matures is any term deposit —
    # time deposits, CDs, structured deposits — whichever is held
    deposits = "maturity_within_days" in q and bool(MATURING_DEPOSIT.search(text))
    if deposits:
        kinds = TERM_DEPOSITS if re.search(r"[\u4e00-\u9fff]", text) else TERM_DEPOSITS_EN
        holds += [k for k in kinds if not any(k in PRODUCT_OF[h] for h in holds)]
    if q.get("signal") == "product_gap":
        holds = lacks = []  # "payroll gap": the gap signal; the handler names its product
    if holds:
        q["holds"] = holds
        q["holds_any"] = len(holds) > 1 and (deposits or bool(EITHER.search(text)))
    if lacks:
        q["lacks"] = lacks
    if ages := _age_bounds(text, elderly_age):
        q.setdefault("thresholds", []).extend(ages)
    if NO_LOAN.search(text):
        q.setdefault("thresholds", []).append({"measure": "loan", "op": "lte", "value": 0.0})
    elif HAS_LOAN.search(text):
        q.setdefault("thresholds", []).append({"measure": "loan", "op": "gte", "value": 1.0})
    if (
        GAPS.search(_without_no_contact(text))
        and not NOT_SINCE.search(text)
        and not CONTACT_OVERDUE.search(text)
        and not q.get("signal_overdue")  # "overdue complaints": the complaint's own deadline
    ):
        q["follow_up_gaps"] = True
        if PENDING.search(text) and not re.search(r"逾期|按时|overdue|late", text, IC):
            q["include_pending"] = True  # "还没跟进": open ones too, not only the late
    if GROUP_BY_RM.search(text):
        q["group_by_rm"] = True
    count = bool(COUNT.search(text))
    unnamed = False
    top = _limit(text)
    superlative = bool(SUPERLATIVE.search(text))
    invite = bool(INVITE.search(text))
    ranked = bool(measure and RANKED.search(text))  # "年营收5亿以上的，按营收排一下"
    if (
        top
        or superlative
        or invite
        or ranked
        or (measure and not thresholds and measure != "deposit_change")
    ):
        if measure:
            q["sort_by"] = measure
        elif q.get("no_contact_days") or q.get("contact_overdue"):
            q["sort_by"] = "days_since_contact"
        elif _maturity_asked(q, text) and AMOUNT.search(text):
            q["sort_by"] = "maturing_amount"  # "7月到期的里面 金额最大的是哪个": what matures
        else:
            q["sort_by"] = "value"
            unnamed = bool(top or superlative)
    if measure == "deposit_change" and not thresholds:
        # "流出最大" / "biggest outflow": the amount; otherwise the steepest fall first
        # ("跌幅最大", "掉得最狠", "biggest % drop": the share, steepest first)
        amount = superlative or HOW_MUCH_FELL.search(text)  # "分别降了多少": the amounts
        q["sort_by"] = (
            "deposit_outflow" if amount and not BY_SHARE.search(text) else "deposit_change"
        )
    if "sort_by" not in q and LAST_CONTACT_ASKED.search(text):
        q["sort_by"] = (
            "days_since_contact"  # "最近一次联系都是啥时候": each list line's last contact
        )
    if "sort_by" not in q and q.get("contacted_within_days"):
        q["sort_by"], q["descending"] = "days_since_contact", False  # the latest contact first
    if "sort_by" not in q and q.get("contact_overdue") and not q.get("count_only"):
        q["sort_by"] = "days_since_contact"  # the longest without contact first, days shown
    if "sort_by" not in q:
        q["sort_by"] = _default_sort(q)
    if top:
        q["limit"] = top
    elif superlative and not q.get("group_by_rm"):
        q["limit"] = 5
    elif invite:
        q["limit"] = 10
    if count and not top and not WHO_TOO.search(text):
        q["count_only"] = True  # "有几家" alone: the number; "…都是谁" as well: the list too
    asks = bool(ASKS.search(text))
    filtered = any(
        q.get(k)
        for k in ("tier", "client_type", "industry", "signal", "holds", "lacks", "thresholds",
                  "risk_appetite", "product_risk_at_least", "suitable_for", "risk_mismatch",
                  "follow_up_gaps", "risk_watch", "signal_overdue")
    ) or q.get("maturity_within_days") is not None  # fmt: skip
    structured = bool(
        top
        or invite
        or q.get("no_contact_days")
        or q.get("contacted_within_days")
        or q.get("maturity_within_days") is not None
        or (
            q.get("risk_appetite")
            and q.get("product_risk_at_least")
            and not HYPOTHETICAL.search(text)
        )
        or "rm" in q
        or q.get("group_by_rm")
        or ((count or asks) and (filtered or measure or superlative or count))
        or (superlative and measure and CLIENT_NOUN.search(text))
        # a bound said in figures, or a loan had or not ("clients with no loans")
        or (q.get("thresholds") and CLIENT_NOUN.search(text))
        or (q.get("thresholds") and LIST_ASK.search(text))
        # "what's our team's total avg daily deposits", "我名下贷款合计": a sum over a book
        or (measure and TOTAL.search(text) and (TEAM.search(text) or MY_BOOK.search(text)))
        # "组里有贷款的对公总行级有哪些": the team's clients, filtered, asked for
        or (filtered and TEAM.search(text) and TEAM_ASKS.search(text))
        # "风险关注户有哪些", "我的风险关注客户": the watch list is a list of the book's clients
        or (q.get("risk_watch") and bool(LIST_ASK.search(text) or WHO_ON_IT.search(text)))
    )
    if (NORMATIVE.search(text) or PERMISSION_ASKED.search(text)) and not MY_BOOK.search(text):
        structured = False
    if REWARD_ASKED.search(text):
        structured = False  # "绩效排名前三有什么奖励": the incentive rules, not a book ranking
    if WHEN_ASKED.search(text) and not (
        count or top or asks or TEAM.search(text) or CLIENT_NOUN.search(text)
    ):
        structured = False  # "定期哪天到期": a date asked of one client, not a list of clients
    query = BookQuery.model_validate(q)
    head = bool(structured and top and measure)  # "存款前三": a ranking's head by a measure
    return Parsed(query, structured, found_rms, bool(TEAM.search(text)), unnamed, ranked=head)


# "金额最大", "哪笔最大", "the biggest amount": of maturities asked about, the sum that matures.
AMOUNT = re.compile(
    r"金额|数额|哪笔|那笔|多少钱|\bamounts?\b|\bsums?\b|\bbiggest\b|\blargest\b", IC
)
MATURING = re.compile(r"到期|\bmatur", IC)


def _maturity_asked(q: dict, text: str) -> bool:
    return (
        q.get("maturity_within_days") is not None
        or q.get("signal") == "maturity"
        or bool(MATURING.search(text))
    )


def _default_sort(q: dict) -> str:
    if q.get("maturity_within_days") is not None:
        return "days_to_maturity"
    if q.get("no_contact_days"):
        return "days_since_contact"
    return "urgency"
