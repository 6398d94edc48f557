"""Another bank's extract: the small test bank with its own product codes, brand names and
Chinese categories — nothing of the demo bank's catalogue."""

from __future__ import annotations

import copy

from testkit.extract import small_extract

# Another bank: its own code scheme, brand names, Chinese categories, few English names.
OTHER_BANK = [
    (
        "LD-2026-07",
        "安心存·大额存单2026年第7期",
        "存款",
        "R1",
        "retail",
        "个人大额存款凭证，20万元起存",
        "",
    ),
    ("DEP/3Y", "三年期整存整取", "存款", "R1", "retail", "定期存款，到期自动转存", ""),
    ("WLTH-AX", "安鑫理财A款", "理财", "R2", "retail", "固定收益类，非保本", "Anxin Wealth A"),
    ("WLTH-BX", "进取理财B款", "理财", "R4", "retail", "混合类，非保本", "Jinqu Wealth B"),
    ("LD-CORP-1", "单位大额存单（2026）", "存款", "R1", "corporate", "对公大额存款凭证", ""),
    ("PAY-SVC", "薪福通", "代发", "R1", "corporate", "企业代发工资及员工服务", "Payroll Plus"),
    ("TF-LC", "进口开证", "国际结算", "R2", "corporate", "Letter of Credit 信用证开立", ""),
    ("CP-01", "集团资金池", "现金管理", "R1", "corporate", "资金归集与上划下拨", ""),
    ("SD-9", "挂钩型存款", "structured deposit", "R2", "both", "结构性存款，挂钩汇率", ""),
]


def other_bank_extract() -> dict[str, list[dict[str, str]]]:
    data = copy.deepcopy(small_extract())
    keys = ["product_code", "name", "category", "risk_level", "segment", "description", "name_en"]
    data["products.csv"] = [
        dict(zip(keys, row, strict=True)) | {"min_amount": ""} for row in OTHER_BANK
    ]
    data["holdings.csv"] = [
        {
            "client_id": "C000001",
            "product_code": "PAY-SVC",
            "balance": "0.00",
            "opened_date": "2020-01-01",
            "account_no": "",
            "maturity_date": "",
        },
        {
            "client_id": "C000002",
            "product_code": "LD-2026-07",
            "balance": "300000.00",
            "opened_date": "2023-11-20",
            "account_no": "",
            "maturity_date": "2026-11-20",
        },
    ]
    return data
