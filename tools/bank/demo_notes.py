"""Interaction-note text for the demo bank: varied Chinese and English templates."""

from __future__ import annotations

import random
from typing import Any

ZH_OPEN_RETAIL = {
    "visit": ["上门拜访客户，", "到客户家中拜访，", "约客户在咖啡厅面谈，"],
    "phone": ["电话联系客户，", "致电客户，", "客户来电，"],
    "wechat": ["微信沟通，", "客户微信咨询，"],
    "email": ["邮件回复客户，", "给客户发送邮件，"],
    "branch": ["客户来网点办理业务，", "网点厅堂接待客户，", "客户到网点，"],
}
ZH_OPEN = {
    "visit": [
        "上门拜访{who}，",
        "到客户公司拜访{who}，",
        "走访客户，与{who}座谈，",
        "陪同团队长拜访{who}，",
    ],
    "phone": ["电话联系{who}，", "与{who}电话沟通，", "致电{who}，"],
    "wechat": ["微信沟通，", "{who}微信咨询，", "通过企业微信与{who}沟通，"],
    "email": ["邮件回复{who}，", "收到{who}邮件，", "给{who}发送邮件，"],
    "branch": ["客户来网点办理业务，", "{who}到网点，", "网点厅堂接待{who}，"],
}
EN_OPEN = {
    "visit": [
        "Visited the {who} at their office. ",
        "On-site meeting with the {who}. ",
        "Called on the client; met the {who}. ",
    ],
    "phone": ["Call with the {who}. ", "Phoned the {who}. "],
    "wechat": ["WeChat chat with the {who}. ", "The {who} messaged on WeChat. "],
    "email": ["Email exchange with the {who}. ", "Replied to the {who} by email. "],
    "branch": ["Client came to the branch. ", "Met the {who} at the branch. "],
}
ZH_TOPIC = {
    "deposit": [
        "客户关注{prod}利率，对比了他行报价，已申请优惠利率。",
        "客户账上有约{amt}万元闲置资金，建议办理{prod}。",
        "客户咨询{prod}转存事宜，已说明当前挂牌利率。",
    ],
    "cd": [
        "推荐{prod}，客户考虑把部分闲置资金转为三年期。",
        "客户询问{prod}能否转让，已说明转让规则。",
    ],
    "structured_deposit": [
        "介绍{prod}挂钩汇率的产品结构，客户偏好保本型，有意认购约{amt}万元。",
        "客户{prod}收益符合预期，考虑续作。",
    ],
    "payroll": [
        "沟通{prod}方案，客户现有员工约{emp}人，希望月底前完成切换。",
        "客户反映代发到账时间偏晚，已协调运营提前批量处理。",
        "推动{prod}员工开卡，已安排进企业驻点。",
    ],
    "cash_management": [
        "演示{prod}，客户关注集团资金归集和子公司账户可视化。",
        "客户{prod}网银权限调整，已协助完成。",
    ],
    "loan": [
        "客户计划扩产，流动资金缺口约{amt}万元，拟申请{prod}，需补充近三年财报。",
        "{prod}明年到期，客户有续贷需求，已启动授信审查。",
        "客户咨询{prod}利率下调空间，已反馈审批部门。",
    ],
    "trade_finance": [
        "客户咨询{prod}业务，单据清单已发送。",
        "客户有一笔约{amt}万元的{prod}需求，已收集贸易背景资料。",
    ],
    "CTF01": [
        "客户进口设备需开立{prod}，金额约{amt}万元，已报授信额度。",
        "客户询问{prod}开证费率，已发送报价。",
    ],
    "CTF02": [
        "客户新签一批出口订单，咨询{prod}，单据清单已发送。",
        "客户出口交单后希望提前回笼资金，介绍{prod}。",
    ],
    "CBD01": [
        "客户收到一批银行承兑汇票，约{amt}万元，咨询{prod}价格。",
        "客户关注{prod}利率走势，已发送本周报价。",
    ],
    "supply_chain": [
        "客户下游核心企业账期拉长，介绍{prod}盘活应收账款。",
        "核心企业确权流程已打通，{prod}首笔预计下月放款。",
    ],
    "fx_hedging": [
        "客户出口收汇增加，担心人民币汇率波动，介绍{prod}锁汇方案。",
        "客户{prod}即将交割，提醒准备资金。",
    ],
    "wealth": [
        "客户有约{amt}万元短期闲置资金，推荐{prod}，客户要求收益率不低于2%。",
        "客户想做稳健配置，推荐{prod}，已完成风险测评。",
    ],
    "fund": [
        "客户咨询{prod}近期净值波动，解释了市场情况，建议分批定投。",
        "客户{prod}浮亏，做了持仓分析，建议继续持有。",
    ],
    "insurance": ["为客户做养老规划，介绍{prod}。", "客户为子女教育金咨询{prod}，已做方案测算。"],
    "gold": [
        "客户对{prod}感兴趣，介绍了每月定投方式。",
        "金价上涨，客户咨询{prod}赎回，已说明手续费。",
    ],
    "trust": ["客户有财富传承需求，与私行团队讨论{prod}方案。", "{prod}年度报告已送达客户。"],
    "card": ["客户申请{prod}提额，已提交审批。", "客户{prod}有一笔争议交易，已协助发起调单。"],
}
EN_TOPIC = {
    "deposit": [
        "They compared our {prod} rate with other banks; requested a preferential rate.",
        "About CNY {amt_en} sits idle on the account; suggested the {prod}.",
    ],
    "cd": ["Pitched the {prod}; client is thinking about moving idle cash into a 3-year tenor."],
    "structured_deposit": [
        "Walked through the {prod} (FX-linked, principal protected); interest in about CNY {amt_en}."
    ],
    "payroll": [
        "Discussed our {prod} for their {emp} staff; they want to switch by month end.",
        "Payroll credits landed late last month; asked operations to run the batch earlier.",
    ],
    "cash_management": [
        "Demoed the {prod}; they care about group liquidity pooling and visibility of subsidiaries."
    ],
    "loan": [
        "Expansion planned; working capital gap around CNY {amt_en}, wants a {prod}. Need 3 years of financials.",
        "The {prod} falls due next year; renewal review started.",
    ],
    "trade_finance": ["Asked about {prod}; sent the document checklist."],
    "CTF01": [
        "Importing equipment and needs a {prod} of about CNY {amt_en}; credit line request filed."
    ],
    "CTF02": ["New export orders signed; asked about {prod}. Sent the document checklist."],
    "CBD01": ["Holding bank acceptance bills of about CNY {amt_en}; asked for our {prod} rate."],
    "supply_chain": [
        "Their buyer stretched payment terms; introduced {prod} to unlock receivables."
    ],
    "fx_hedging": [
        "More USD receipts expected and worried about CNY volatility; proposed an {prod}."
    ],
    "wealth": [
        "About CNY {amt_en} of short-term cash; recommended the {prod}, target yield above 2%."
    ],
    "fund": [
        "Asked about recent NAV swings of the {prod}; explained the market and suggested averaging in."
    ],
    "insurance": ["Retirement planning: introduced the {prod}."],
    "gold": ["Interested in the {prod}; explained the monthly auto-invest option."],
    "trust": ["Legacy planning needs; discussed a {prod} structure with the private banking team."],
    "card": ["Requested a higher limit on the {prod}; application submitted."],
}
ZH_NEXT = [
    "下周提交申请材料。",
    "约定下月再次拜访。",
    "已发送产品说明书，待客户反馈。",
    "客户暂无需求，保持联系。",
    "已报团队长知悉。",
    "客户表示与家人/财务部门商量后答复。",
    "",
    "",
]
EN_NEXT = [
    "Will send the application pack next week.",
    "Follow-up meeting next month.",
    "Sent the product sheet; awaiting feedback.",
    "No immediate need; keep in touch.",
    "",
]
ZH_SPECIAL = {
    "churn_followup": [
        "客户近三个月日均存款明显下降，{who}表示部分资金转至他行购买理财，已申请优惠利率并约下周面谈挽留。",
        "关注到客户存款流失，电话了解原因：上游回款放缓、资金用于备货，回款后将回存，已申请{prod}优惠利率。",
        "存款下降预警跟进：{who}称他行给出更高定期利率，已上报利率审批，争取留存。",
    ],
    "sudden_outflow": [
        "系统提示客户本月有大额资金转出，{who}称用于支付设备款，预计下季度回款后回流。",
        "客户大额资金转出至他行，{who}表示偿还了他行到期贷款，已了解后续资金安排。",
    ],
    "maturity": [
        "提醒客户{prod}将于{due}到期，客户倾向续存，待确认期限。",
        "客户{prod}{due}到期，已推荐转购理财产品，客户考虑中。",
    ],
    "payroll_pitch": [
        "客户员工约{emp}人，代发工资目前在他行，介绍我行{prod}及员工专属理财，客户表示考虑。",
        "再次沟通{prod}，客户担心切换影响员工，建议先从新入职员工开始。",
    ],
    "growth": [
        "客户近期销售回款大幅增加，日均存款明显上升，推荐{prod}提高资金收益。",
        "客户新获融资，资金到账，介绍{prod}。",
    ],
    "dormant": [
        "客户账户长期无交易，电话未接通，已发送短信提醒。",
        "客户表示账户暂时不用，近期无业务需求。",
    ],
    "pii_phone": [
        "客户留了新手机号{phone}，已更新。",
        "{who}更换了联系电话，新号码{phone}，系统信息已同步。",
        "与{who}电话沟通（手机{phone}），确认{prod}相关事宜。",
    ],
    "pii_id": [
        "核实{who}身份证号{idn}，KYC资料已更新。",
        "客户来网点更新证件信息，身份证号{idn}，有效期已登记。",
    ],
}
EN_SPECIAL = {
    "churn_followup": [
        "Deposits down sharply over the last quarter; the {who} says funds went to another bank for yield. Offered a rate match, meeting next week."
    ],
    "sudden_outflow": [
        "Large outflow flagged this month; the {who} says it paid for equipment, should come back next quarter."
    ],
    "maturity": ["Reminded the client that the {prod} matures on {due}; leaning to roll over."],
    "payroll_pitch": [
        "About {emp} staff, payroll is with another bank; pitched our {prod}. They will consider."
    ],
    "growth": ["Strong sales receipts lately, balances up a lot; suggested the {prod}."],
    "dormant": ["Account inactive for a long time; no answer on the phone, sent an SMS."],
    "pii_phone": [
        "Client's new mobile is {phone}, updated in the system.",
        "Spoke with the {who} on mobile {phone} about the {prod}.",
    ],
    "pii_id": ["Verified ID number {idn} for the KYC refresh."],
}


def format_phone(rng: random.Random, phone: str) -> str:
    style = rng.randrange(3)
    if style == 1:
        return f"{phone[:3]} {phone[3:7]} {phone[7:]}"
    if style == 2:
        return f"{phone[:3]}-{phone[3:7]}-{phone[7:]}"
    return phone


def who(rng: random.Random, c: dict[str, Any], english: bool) -> str:
    if c["type"] == "retail":
        return "client" if english else rng.choice(["客户", "客户本人"])
    if english:
        return rng.choice(["CFO", "finance manager", "general manager", "treasurer"])
    boss = c.get("boss_surname")
    return rng.choice(["财务总监", "出纳", "总经理", "财务经理"] + ([f"{boss}总"] if boss else []))


def render(
    rng: random.Random,
    c: dict[str, Any],
    kind: str,
    channel: str,
    english: bool,
    products: dict[str, dict],
    extra: dict[str, str],
) -> str:
    prod_code = extra.get("product") or rng.choice(c["topic_products"])
    p = products[prod_code]
    amt = c["note_amount"](rng)
    fill = {
        "who": extra.get("who_en" if english else "who") or who(rng, c, english),
        "prod": p["name_en"] if english else p["name"],
        "amt": str(amt),
        "amt_en": f"{amt / 100:g}m" if amt >= 100 else f"{amt * 10}k",
        "emp": str(c.get("employees") or 0),
        "due": extra.get("due", ""),
        "phone": extra.get("phone", ""),
        "idn": extra.get("idn", ""),
    }
    if kind == "general":
        cat = p["category"]
        opens = EN_OPEN if english else ZH_OPEN_RETAIL if c["type"] == "retail" else ZH_OPEN
        opener = rng.choice(opens[channel])
        topics = EN_TOPIC if english else ZH_TOPIC
        topic = rng.choice(topics.get(prod_code) or topics.get(cat) or topics["deposit"])
        nxt = rng.choice(EN_NEXT if english else ZH_NEXT)
        text = opener + topic + ((" " if english else "") + nxt if nxt else "")
    else:
        text = rng.choice((EN_SPECIAL if english else ZH_SPECIAL)[kind])
    return text.format(**fill).strip()
