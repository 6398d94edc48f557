"""The Harbour bank's own reference data: staff, products, featured clients and name pools.

Featured clients carry fixed ids and planted stories; the golden set
(``evals/datasets/golden-harbour.jsonl``) names them. The rest of the book is random filler.
"""

from __future__ import annotations

BANK = "东港商业银行 Donggang Commercial Bank"
AS_OF = "2026-07-01"  # first day after the newest balance month (2026-06)
MONTHS = 24
CITY = "山东省东港市"

# rm_id, name, team_id, branch, role, email local part
STAFF = (
    ("E20317", "赵海燕", "GC-CORP", "港城支行", "team_lead", "zhao.haiyan"),
    ("E20452", "林志远", "GC-CORP", "港城支行", "rm", "lin.zhiyuan"),
    ("E20518", "孙晓蕾", "GC-CORP", "港城支行", "rm", "sun.xiaolei"),
    ("E20603", "郭鹏", "GC-CORP", "港城支行", "rm", "guo.peng"),
    ("E21006", "许静怡", "GC-WEALTH", "港城支行", "team_lead", "xu.jingyi"),
    ("E21113", "马骁", "GC-WEALTH", "港城支行", "rm", "ma.xiao"),
    ("E21240", "何雨桐", "GC-WEALTH", "港城支行", "rm", "he.yutong"),
    ("E30021", "韩东", "BH-MIXED", "滨海新区支行", "team_lead", "han.dong"),
    ("E30155", "黄立群", "BH-MIXED", "滨海新区支行", "rm", "huang.liqun"),
    ("E30162", "Emily Zhou", "BH-MIXED", "滨海新区支行", "rm", "emily.zhou"),
    ("E30170", "邓浩", "BH-MIXED", "滨海新区支行", "rm", "deng.hao"),
    ("E30188", "唐晓菲", "BH-MIXED", "滨海新区支行", "rm", "tang.xiaofei"),
    ("E99001", "钱文博", "HQ-AUDIT", "港城支行", "admin", "qian.wenbo"),
    # The sub-branch head: sees the sub-branch's teams as aggregates, holds no book (#17).
    ("E10008", "乔安澜", "GC-HEAD", "港城支行", "branch_head", "qiao.anlan"),
)
CORPORATE_RMS = ("E20452", "E20518", "E20603", "E30155", "E30162", "E30188")
RETAIL_RMS = ("E21113", "E21240", "E30170", "E30162", "E30155")

# code, name, category, risk, segment, min_amount, name_en, maturity term in months (0: none)
PRODUCTS = (
    (
        "DEP-CA-CORP",
        "对公结算账户",
        "current-account",
        "R1",
        "corporate",
        0,
        "Corporate Settlement Account",
        0,
    ),
    (
        "DEP-TD-1Y",
        "单位一年期定期存款",
        "term-deposit",
        "R1",
        "corporate",
        500000,
        "Corporate 1-Year Term Deposit",
        12,
    ),
    (
        "DEP-CD-1Y-C",
        "单位一年期大额存单",
        "certificate-of-deposit",
        "R1",
        "corporate",
        10000000,
        "Corporate 1-Year Certificate of Deposit",
        12,
    ),
    ("SAL-AGENCY", "薪资代发", "salary-agency", "R1", "corporate", 0, "Salary Agency Service", 0),
    (
        "LIQ-POOL",
        "司库资金池",
        "liquidity-pooling",
        "R1",
        "corporate",
        0,
        "Treasury Liquidity Pool",
        0,
    ),
    (
        "TRD-LC-IMP",
        "进口开证",
        "trade-services",
        "R2",
        "corporate",
        0,
        "Import Documentary Credit",
        0,
    ),
    ("TRD-FORFAIT", "福费廷", "trade-services", "R2", "corporate", 0, "Forfaiting", 0),
    (
        "CRD-WC-LINE",
        "流动资金循环授信",
        "credit-facility",
        "R2",
        "corporate",
        1000000,
        "Revolving Working-Capital Line",
        0,
    ),
    ("FXR-FWD", "远期结汇", "fx-risk", "R3", "corporate", 0, "FX Forward Sale", 0),
    (
        "WM-TREAS-7D",
        "对公七天滚动理财",
        "managed-investment",
        "R2",
        "corporate",
        1000000,
        "Corporate 7-Day Rolling Investment",
        0,
    ),
    ("DEP-SAV", "个人活期储蓄", "current-account", "R1", "retail", 0, "Personal Savings", 0),
    (
        "DEP-TD-2Y",
        "个人两年期定期存款",
        "term-deposit",
        "R1",
        "retail",
        50,
        "Personal 2-Year Term Deposit",
        24,
    ),
    (
        "DEP-CD-3Y",
        "个人三年期大额存单",
        "certificate-of-deposit",
        "R1",
        "retail",
        200000,
        "Personal 3-Year Certificate of Deposit",
        36,
    ),
    (
        "WM-STEADY-90",
        "海盈稳享90天",
        "managed-investment",
        "R2",
        "retail",
        10000,
        "Haiying Steady 90-Day",
        3,
    ),
    (
        "WM-GROWTH",
        "海盈进取一号",
        "managed-investment",
        "R3",
        "retail",
        10000,
        "Haiying Growth No.1",
        0,
    ),
    ("FND-BOND", "债券基金优选", "mutual-fund", "R3", "retail", 1000, "Select Bond Fund", 0),
    ("FND-EQ", "股票基金精选", "mutual-fund", "R5", "retail", 1000, "Select Equity Fund", 0),
    (
        "INS-ANNU",
        "福寿年金保险",
        "bancassurance",
        "R2",
        "retail",
        10000,
        "Fushou Annuity Insurance",
        0,
    ),
    ("CARD-GOLD", "海韵金卡信用卡", "card", "R1", "retail", 0, "Haiyun Gold Credit Card", 0),
    ("MTG-HOME", "安居住房按揭", "credit-facility", "R2", "retail", 0, "Home Mortgage", 0),
)
RISK = {p[0]: int(p[3][1]) for p in PRODUCTS}
# What a client invests in: credit, cards and services are not (the suitability rule's scope).
INVESTMENT = {
    p[0]
    for p in PRODUCTS
    if p[2]
    not in ("credit-facility", "trade-services", "salary-agency", "liquidity-pooling", "card")
}
TERM = {p[0]: p[7] for p in PRODUCTS}
