"""Parallel Chinese/English sentences used to estimate the embedding's language direction.

Generic banking-office sentences, deliberately unrelated to any playbook: each pair says the
same thing in both languages, so the mean difference of their vectors is language, not topic.
"""

PAIRS: tuple[tuple[str, str], ...] = (
    (
        "请在系统中记录本次客户拜访的结果。",
        "Please record the outcome of this client visit in the system.",
    ),
    (
        "客户希望下周二上午来网点办理业务。",
        "The client would like to visit the branch next Tuesday morning.",
    ),
    (
        "这份合同需要法定代表人签字并加盖公章。",
        "This contract must be signed by the legal representative and stamped.",
    ),
    (
        "我们的手机银行支持二十四小时转账。",
        "Our mobile banking app supports transfers around the clock.",
    ),
    (
        "会议改到明天下午三点，地点不变。",
        "The meeting has moved to three tomorrow afternoon, same room.",
    ),
    (
        "请把季度报告发给团队负责人审核。",
        "Please send the quarterly report to the team lead for review.",
    ),
    ("客户对上次的服务表示满意。", "The client said they were satisfied with the last service."),
    ("贷款审批通常需要五个工作日。", "Loan approval usually takes five working days."),
    (
        "新员工入职第一周要完成合规培训。",
        "New staff complete compliance training in their first week.",
    ),
    ("网点周末只开放自助服务区。", "On weekends the branch opens only its self-service area."),
    (
        "请核对客户的身份证件是否在有效期内。",
        "Please check that the client's identity document is still valid.",
    ),
    ("利率调整将从下个月一日起生效。", "The rate change takes effect on the first of next month."),
    ("这家企业主要从事电子元件制造。", "This company mainly manufactures electronic components."),
    (
        "如有疑问，请拨打客服热线。",
        "If you have questions, please call the customer service hotline.",
    ),
    (
        "年度目标已经分解到每个客户经理。",
        "The annual targets have been split across every relationship manager.",
    ),
    ("客户要求提供近六个月的账户流水。", "The client asked for six months of account statements."),
    ("系统将于今晚十点进行升级维护。", "The system will be down for an upgrade at ten tonight."),
    ("请提前准备好产品介绍材料。", "Please prepare the product brochures in advance."),
    ("这笔款项预计明天到账。", "The payment is expected to arrive tomorrow."),
    ("团队每周一早上召开例会。", "The team holds its regular meeting every Monday morning."),
    ("客户的联系电话已经变更。", "The client's contact number has changed."),
    ("我们需要评估这项业务的风险。", "We need to assess the risk of this business."),
    ("活动报名将于本周五截止。", "Registration for the event closes this Friday."),
    ("请不要向客户承诺固定收益。", "Do not promise the client a fixed return."),
)
