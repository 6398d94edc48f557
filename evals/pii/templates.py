"""Sentence templates for the PII evaluation, split in two halves that never mix: TUNING (used
while writing and adjusting recognizers) and TEST (only for the reported figures).

Slots: {CLIENT} {CLIENT_SHORT} {CLIENT_EN} {PERSON} {PERSON_EN} {NEWPERSON} {NEWPERSON_EN}
{PHONE} {LANDLINE} {SERVICE} {EMAIL} {ID} {ID15} {PASSPORT} {USCC} {CARD} {ACCOUNT} {ADDRESS}
{ADDRESS_EN};
negatives use {AMOUNT} {AMOUNT13} {DATE} {RATE} {PRODUCT} {CONTRACT} {COUNT} {YEAR}.
"""

from __future__ import annotations

TUNING_ZH = [
    "请帮我查一下{CLIENT}的授信情况，联系人{PERSON}，电话{PHONE}。",
    "{PERSON}的身份证号{ID}，手机{PHONE}，请核实。",
    "客户{CLIENT}的统一社会信用代码是{USCC}",
    "{CLIENT_SHORT}昨天来电，想把资金转到卡号{CARD}上",
    "收款账号{ACCOUNT}，户名{CLIENT}",
    "邮寄地址：{ADDRESS}，收件人{PERSON}，电话{PHONE}",
    "{NEWPERSON}是{CLIENT}新任财务总监，邮箱{EMAIL}",
    "明天上午拜访{CLIENT}，对接人{PERSON}（{LANDLINE}）",
    "帮我给{PERSON}起草一条微信，提醒他定期存款下周到期",
    "{NEWPERSON}说他的银行卡{CARD}被锁了",
    "身份证{ID}的客户想办理大额存单",
    "请把对账单发到{EMAIL}，抄送{PERSON}",
    "{CLIENT}注册地址在{ADDRESS}",
    "客户经理{NEWPERSON}负责{CLIENT_SHORT}的续贷",
    "他留的电话是{PHONE}，座机{LANDLINE}",
    "Please email {EMAIL} and copy {PERSON_EN}.",
    "老客户{PERSON}还在用老身份证{ID15}，护照{PASSPORT}",
    "{CLIENT_SHORT}的客服热线{SERVICE}，身份证{ID}",
]
TUNING_EN = [
    "Can you summarise {CLIENT_EN}'s deposits? The contact is {PERSON_EN}, phone {PHONE}.",
    "{PERSON_EN} asked us to update the mailing address to {ADDRESS_EN}.",
    "Send the statement to {EMAIL} before Friday.",
    "Card {CARD} was reported lost by {PERSON_EN}.",
    "Wire the funds to account {ACCOUNT} held by {CLIENT_EN}.",
    "I met {NEWPERSON_EN} from {CLIENT_EN} at the branch.",
    "Her passport is pending but her Chinese ID is {ID}.",
    "{CLIENT_EN} (USCC {USCC}) wants a revolving facility.",
    "Passport no. {PASSPORT}; the old ID on file is {ID15}.",
    "Call {PERSON_EN} on {LANDLINE} about the renewal.",
]
TEST_ZH = [
    "{CLIENT}的联系人{PERSON}今天打电话过来，号码{PHONE}",
    "核对一下：证件号{ID}，姓名{PERSON}",
    "企业{CLIENT}（信用代码{USCC}）申请流动资金贷款",
    "转账到{CLIENT_SHORT}的账户{ACCOUNT}，金额已确认",
    "客户绑定的借记卡{CARD}需要换卡",
    "{NEWPERSON}刚调任{CLIENT}的法人代表",
    "请给{PERSON}发邮件{EMAIL}，说明利率调整",
    "新地址{ADDRESS}，联系人{NEWPERSON}",
    "{PERSON}的手机号码是{PHONE}，邮箱{EMAIL}",
    "帮我看看{CLIENT_SHORT}这个月的存款流失",
    "对公账号：{ACCOUNT}；开户行：上海分行",
    "身份证{ID}，银行卡{CARD}，都是{NEWPERSON}本人的",
    "拜访{CLIENT}，地点{ADDRESS}，对接{PERSON}",
    "{NEWPERSON}和{PERSON}一起来网点办理业务",
    "办公电话{LANDLINE}，手机{PHONE}",
    "给{CLIENT}的{PERSON}写一封感谢信，邮箱是{EMAIL}",
    "Note: {PERSON_EN}'s mobile is {PHONE}.",
    "{NEWPERSON}的护照号{PASSPORT}，旧证件号{ID15}",
    "他说身份证是{ID}，有事打{SERVICE}",
    "开户资料：身份证号码{ID}，邮箱{EMAIL}",
]
TEST_EN = [
    "Please draft a reminder to {PERSON_EN} that the term deposit matures next week.",
    "{CLIENT_EN} changed its registered address to {ADDRESS_EN}.",
    "The contact for {CLIENT_EN} is {PERSON_EN}, email {EMAIL}.",
    "Customer reported card {CARD} stolen; ID {ID}.",
    "Acct {ACCOUNT} belongs to {CLIENT_EN}.",
    "Spoke with {NEWPERSON_EN} of {CLIENT_EN} on {PHONE}.",
    "USCC {USCC} is on file for {CLIENT}.",
    "Reach {PERSON_EN} at {LANDLINE} or {EMAIL}.",
    "{PERSON_EN} lives at {ADDRESS_EN}.",
    "Her passport number is {PASSPORT} and her ID card {ID}.",
    "Old 15-digit ID {ID15}; hotline {SERVICE}.",
]

NEGATIVE_TUNING = [
    "本季度存款余额{AMOUNT}元，较上月增长{RATE}。",
    "合同编号{CONTRACT}于{DATE}到期，金额{AMOUNT13}元。",
    "产品{PRODUCT}的年化收益率为{RATE}，起购金额{AMOUNT}元",
    "Deposits grew to {AMOUNT} yuan in {YEAR}, up {RATE}.",
    "共有{COUNT}位客户持有产品{PRODUCT}",
    "交易流水合计{AMOUNT13}元，截至{DATE}",
]
NEGATIVE_TEST = [
    "截至{DATE}，分行对公存款{AMOUNT}元，同比增长{RATE}。",
    "合同{CONTRACT}的本金{AMOUNT13}元，利率{RATE}，到期日{DATE}",
    "推荐{PRODUCT}，期限{COUNT}天，预期收益{RATE}",
    "The facility {CONTRACT} of {AMOUNT} yuan matures on {DATE}.",
    "本月新增客户{COUNT}户，管理资产{AMOUNT13}元",
    "{YEAR}年度目标：存款{AMOUNT}元，贷款不良率低于{RATE}",
    "产品代码{PRODUCT}，风险等级R2，合同号{CONTRACT}",
    "Net interest margin was {RATE} in {YEAR}; total assets {AMOUNT13} yuan.",
]
