"""Fixed wording of the offline engine's answers, Chinese and English side by side."""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "snapshot": {"zh": "客户概况", "en": "Snapshot"},
    "signals": {"zh": "客户信号", "en": "Signals"},
    "no_signals": {"zh": "暂无需要处理的信号。", "en": "No open signals."},
    "offers_within_grade": {
        "zh": "可在客户风险承受能力内配置（客户尚未持有，由低风险到高）：{products}",
        "en": "Within the client's risk appetite and not yet held, safest first: {products}",
    },
    "no_actions": {
        "zh": "暂无信号触发的行动；按服务标准保持联系，了解客户近期的资金安排和需求。",
        "en": "No signal calls for an action; keep in touch as the service standard says and ask about the client's plans for their funds.",
    },
    "actions": {"zh": "建议行动", "en": "Recommended actions"},
    "talking": {"zh": "沟通要点", "en": "Talking points"},
    "compliance": {"zh": "合规提示", "en": "Compliance notes"},
    "next": {"zh": "下一步", "en": "Next steps"},
    "basis": {"zh": "依据", "en": "per"},
    "profile_src": {"zh": "〔客户画像〕", "en": "[client profile]"},
    "log_next": {
        "zh": "完成接触后请在 CRM 中记录互动；需要的话我可以起草微信、短信、邮件或电话话术。",
        "en": "Log the interaction in the CRM once done; I can draft a WeChat, SMS, e-mail or call script.",
    },
    "suit_note": {
        "zh": "推荐任何产品前先核对客户风险承受能力与产品风险等级（C 级 ≥ R 级），不承诺收益。",
        "en": "Before recommending any product, check the client's risk tolerance against the product's risk level (C ≥ R); never promise returns.",
    },
    "suit_note_graded": {
        "zh": "客户风险承受能力为 {grade}：只推荐风险等级不高于 R{level} 的产品（C 级 ≥ R 级），不承诺收益。",
        "en": "The client's risk tolerance is {grade}: recommend only products rated R{level} or lower (C ≥ R); never promise returns.",
    },
    "which_client": {
        "zh": "请告诉我是哪位客户（客户名称、简称或客户号）。",
        "en": "Which client do you mean? Give me the client's name, short name or id.",
    },
    "which_client_for_plan": {
        "zh": "以上是行内制度的通用做法。告诉我是哪位客户（客户名称或客户号），我结合其持仓、信号和往来记录给出具体方案。",
        "en": "That is the bank's general guidance. Tell me which client (name or id) and I will "
        "build a plan from their holdings, signals and interactions.",
    },
    # contact_dates: the maturity rule's days turned into dates for one client
    "contact_dates": {
        "zh": "{product}（{code}）{date} 到期，按行内规定",
        "en": "{product} ({code}) matures on {date}; by the bank's rule",
    },
    "contact_first": {
        "zh": "首次联系最晚 {date}（到期前 {days} 天）",
        "en": "first contact by {date} ({days} days before)",
    },
    "contact_second": {
        "zh": "二次提醒 {date}（到期前 {days} 天）",
        "en": "second reminder on {date} ({days} days before)",
    },
    "contact_past": {"zh": "，已过 {days} 天", "en": " — {days} days ago"},
    "ambiguous": {
        "zh": "找到多位匹配的客户，请确认是哪一位：",
        "en": "Several clients match — which one do you mean?",
    },
    "asked_held": {
        "zh": "- {product}：持有 {names}。",
        "en": "- {product}: holds {names}.",
    },
    "asked_not_held": {
        "zh": "- {product}：没有，该客户目前尚未持有此类产品。",
        "en": "- {product}: no, the client holds none.",
    },
    "draft_restyled": {"zh": "已按要求改写：{how}。", "en": "Rewritten as asked: {how}."},
    "style_short": {"zh": "更简短", "en": "shorter"},
    "style_formal": {"zh": "更正式", "en": "more formal"},
    "style_casual": {"zh": "更口语", "en": "more casual"},
    "style_standard": {"zh": "完整版", "en": "the full version"},
    "draft_fact_missing": {
        "zh": "该客户没有可写入的{what}，草稿未加这一句。",
        "en": "The client has no {what} to add; the draft leaves that line out.",
    },
    "fact_maturity_date": {"zh": "到期日", "en": "maturity date"},
    "fact_amount": {"zh": "金额", "en": "amount"},
    "not_found": {
        "zh": "在你的客户名单中没有找到匹配的客户。",
        "en": "I found no matching client in your book.",
    },
    "refuse_foreign": {
        "zh": "抱歉，你的管户名单中没有这位客户，我不能提供相关信息。请核对客户名称或客户号；如需跨团队协作，请联系你的团队长。",
        "en": "Sorry, there is no such client in your book, so I can't share anything about it. Check the name or id; for work across teams, ask your team lead.",
    },
    "refuse_admin": {
        "zh": "管理员账号只能查看审计数据，不能查看客户数据。",
        "en": "Admin accounts can't see client data: they see audit data only.",
    },
    "elderly_rule": {
        "zh": "- 客户 {age} 岁（{threshold} 岁及以上）：{rule} [{n}]",
        "en": "- The client is {age} ({threshold} or older): {rule} [{n}]",
    },
    "ordinal_pick": {
        "zh": "第 {n} 位是 {client}（{client_id}）。",
        "en": "No. {n} is {client} ({client_id}).",
    },
    "masked_offer": {
        "zh": "客户：{client}（{client_id}）。部分遮蔽后的号码可以给你看，回复“打码的也行”即可。",
        "en": "Client: {client} ({client_id}). I can show the masked form: reply “masked is fine”.",
    },
    "refuse_full_id": {
        "zh": "不能提供：按照个人信息保护规定，完整的证件号、手机号、卡号或账号不会出现在对话里（对话内容会留存并可能被转发），我只能显示部分遮蔽后的形式。如确需完整信息（如办理业务填表），请在 CRM 系统内按权限查看。",
        "en": "I can't give that: under the personal-information rules a full ID, phone, card or account number never appears in a chat (chats are kept and can be forwarded) — only a partially masked form. If you truly need the full value (to fill in a form, say), view it in the CRM under your entitlements.",
    },
    "refuse_address": {
        "zh": "不能提供：客户的住址属于个人信息，不会出现在对话里（对话内容会留存并可能被转发）。如需寄送礼品或资料，请在 CRM 系统内按权限查看地址，或按行内邮寄流程办理。",
        "en": "I can't give that: a client's address is personal information and never appears in a chat (chats are kept and can be forwarded). To send a gift or documents, look the address up in the CRM under your entitlements, or use the bank's mailing process.",
    },
    "cannot_record": {
        "zh": "没有记录：这句话没能读成一条接触记录，什么也没有保存。请以“记一下：”开头，写明客户、方式、客户说了什么和下一步；或在{where}中登记。",
        "en": "Nothing was recorded: I could not read that as an interaction note, so nothing was saved. Start with “note that …” and give the client, the channel, what they said and the next step; or log it in {where}.",
    },
    "cannot_export": {
        "zh": "不能导出：按照个人信息保护规定，客户名单和客户数据不能导出成文件，也不能发到个人邮箱、私人微信、群聊或网盘。需要离线查看时，请使用行内 CRM 的报表功能并按权限申请。我可以在这里帮你查询和筛选你的客户名单。",
        "en": "I can't export that: under the personal-information rules, client lists and client data are never exported as files or sent to a personal mailbox, private or group chat, or cloud drive. For offline work, use the CRM's reports under your entitlements. I can query and filter your book here.",
    },
    "refuse_handover": {
        "zh": "不行：客户的联系方式、余额和持仓属于客户信息，未经客户本人书面授权，不得提供给行外任何人（朋友、中介、雇主都一样），这条我不会发也不会起草。对方确有需要的，请客户本人办理或出具授权，按行内流程提供。",
        "en": "No: a client's contacts, balances and holdings are client information and go to no one outside the bank (friends, agents and employers included) without the client's own written authorisation, so I won't send or draft that. If they need it, the client can request it or authorise it through the bank's process.",
    },
    "refuse_evasion": {
        "zh": "不行：把交易拆成小额、绕开大额交易报告或反洗钱监测，本身就是可疑交易的特征，客户经理不得教客户这样做，也不得替客户传话。这条消息我不会起草。客户确有大额资金往来的，按正常流程如实办理；发现客户有这种意图，按反洗钱制度报告。",
        "en": "No: splitting transactions to stay under the large-transaction report or to avoid AML monitoring is itself a suspicious-transaction pattern, and an RM may neither suggest it to a client nor pass it on. I won't draft that message. Large movements of funds go through the normal process and are reported as they are; a client who intends this is reported under the AML rules.",
    },
    "refuse_tamper": {
        "zh": "不行：风险测评必须由客户本人完成，客户经理不得代填、代答，也不得为了让产品“匹配”而调整或诱导客户提高测评结果。产品风险高于客户测评等级的，不向客户推介；客户情况确有变化的，请客户本人重新测评，以新结果为准。",
        "en": "No: the client completes the risk assessment personally. An RM may not fill it in or answer for the client, nor change or steer the result so that a product \"matches\". A product above the client's assessed level is not offered; if the client's circumstances have really changed, the client retakes the assessment and the new result applies.",
    },
    "contact_held": {
        "zh": "这条营销消息先不写也不发：",
        "en": "This marketing message is held back, not written:",
    },
    "contact_held_instead": {
        "zh": "服务类消息（到期提醒、流失回访、适当性复核）不受此限，需要的话我可以起草。",
        "en": "Service messages (a maturity notice, a churn follow-up, a suitability review) are not held — I can draft one.",
    },
    "contact_held_channel": {
        "zh": "也可以改用客户未退订的渠道。",
        "en": "Or use a channel the client has not opted out of.",
    },
    "refuse_circumvent": {
        "zh": "不行：系统的适当性拦截、审批和限额是行内的控制，客户经理不得绕过、拆分或变通处理，也不会帮你想这样的办法。客户确有需求的，按规定向客户说明原因；情况确有变化的，请客户本人重新测评或按流程报审批。",
        "en": "No: the system's suitability block, approvals and limits are the bank's controls; an RM may not get round, split or work around them, and I won't suggest a way. Explain the reason to the client; if their circumstances have really changed, the client retakes the assessment or the case goes through approval.",
    },
    "records_in_default": {"zh": "行内 CRM 系统", "en": "the bank's CRM"},
    "refuse_injection": {
        "zh": "我不能执行改变规则或绕过数据保护的指令。我可以帮你：服务某位客户、起草外联消息、查询你的客户名单或解答行内制度问题。",
        "en": "I can't follow instructions that change my rules or bypass data protection. I can help you serve a client, draft outreach, query your book or answer policy questions.",
    },
    "out_of_scope": {
        "zh": "抱歉，这个问题超出了我的工作范围，我无法回答。我可以帮你：服务客户、起草外联消息、查询你的客户名单、解答行内制度与产品问题。",
        "en": "Sorry, I can't help with that: it is outside my work. I can help you serve clients, draft outreach, query your book and answer questions about the bank's playbooks.",
    },
    "help": {
        "zh": (
            "我是 Frontline，客户经理的经营助手。你可以问我：\n"
            "- 「我该怎么服务〈客户名称或简称〉？」——客户画像、信号、建议行动与依据\n"
            "- 「给〈客户号〉起草一条到期提醒微信」——合规检查后的外联草稿\n"
            "- 「我的客户中哪些有存款流失？」「60 天内到期的客户有哪些？」——查询你的客户名单\n"
            "- 「战略客户的服务频次是什么？」——行内制度与产品手册，附引用\n"
            "所有客户数据均经脱敏处理，只显示你管户范围内的客户。"
        ),
        "en": (
            "I'm Frontline, the relationship manager's assistant. Ask me:\n"
            '- "How should I serve <client name or short name>?" — profile, signals, recommended actions and the playbooks behind them\n'
            '- "Draft a WeChat maturity reminder for <client id>" — a compliance-checked outreach draft\n'
            '- "Which of my clients show deposit churn?" — questions over your own book\n'
            '- "What is the service standard for strategic clients?" — the bank\'s playbooks, cited\n'
            "Client data is masked and you only see clients in your own book."
        ),
    },
    "help_lead": {
        "zh": "作为团队主管，你还能看到团队成员名下的客户：按客户经理汇总（「团队每人各有几个流失预警」）、看某位组员的客户（「看看〈组员姓名〉的」）、团队的跟进缺口。",
        "en": "As a team lead you also see your team's clients: per-RM tables (\"dormant clients per RM\"), one RM's clients (\"show me <RM name>'s\"), and the team's overdue follow-ups.",
    },
    "help_send": {
        "zh": "我不能直接发送消息、打电话或替你联系客户：我负责起草并做合规检查，发送由你本人通过企业微信、短信或邮件完成（行内留痕）。",
        "en": "I can't send messages, call or contact clients for you: I draft and check them, and you send them yourself through WeCom, SMS or e-mail (so the bank keeps the record).",
    },
    "book_title": {"zh": "你的客户名单查询结果", "en": "From your book"},
    "book_none": {
        "zh": "你的客户名单中没有符合条件的客户。",
        "en": "No client in your book matches.",
    },
    "gaps_title": {
        "zh": "团队跟进缺口（已过期限、未记录要求的接触）",
        "en": "Team follow-up gaps (deadline passed, no required contact logged)",
    },
    "gaps_none": {"zh": "没有逾期未跟进的信号。", "en": "No overdue follow-ups."},
    "draft_title": {"zh": "外联草稿", "en": "Outreach draft"},
    "drafts_each": {"zh": "为 {n} 位客户分别起草", "en": "One draft for each of {n} clients"},
    "data_gaps_title": {"zh": "客户数据缺项", "en": "Gaps in your client data"},
    "data_gaps_head": {
        "zh": "{clients} 位客户中 {with_gaps} 位有缺项（数据截至 {as_of}，按行内数据质量要求）：",
        "en": "{with_gaps} of {clients} clients have gaps (data as of {as_of}, by the bank's data-quality policy):",
    },
    "data_gaps_per_rm": {"zh": "按客户经理", "en": "By RM"},
    "data_gaps_none": {
        "zh": "按行内数据质量要求，你的客户资料没有缺项（数据截至 {as_of}）。",
        "en": "By the bank's data-quality policy, nothing is missing in your client data (as of {as_of}).",
    },
    "allowance_service": {
        "zh": "服务类消息（到期提醒、流失回访、适当性复核）不受次数上限和免打扰时段限制，但不得夹带营销内容。",
        "en": "Service messages (maturity notices, churn follow-ups, suitability reviews) are not capped or "
        "held by quiet hours, but must carry no pitch.",
    },
    "campaign_head": {"zh": "营销活动：{segment}", "en": "Campaign: {segment}"},
    "campaign_counts": {
        "zh": "共 {matched} 位客户：已起草 {drafted} 条{channel}，暂缓 {held} 位。",
        "en": "{matched} clients: {drafted} {channel} messages drafted, {held} held back.",
    },
    "campaign_held_by": {"zh": "暂缓原因：{reasons}。", "en": "Held back for: {reasons}."},
    "campaign_preview": {"zh": "预览（前几条）", "en": "Preview (the first few)"},
    "campaign_held": {"zh": "暂缓的客户", "en": "Held back"},
    "campaign_export": {
        "zh": "全部消息可下载为 CSV 或 XLSX（见附件），导入行内消息平台发送；下载即视为交付发送，这些消息计入客户的接触频次。",
        "en": "Every message is in the CSV or XLSX download (attached) for the bank's messaging platform; once "
        "downloaded they count as contacts under the contact policy.",
    },
    "drafts_left_out": {
        "zh": "另有 {n} 位客户未起草：一次最多 {most} 份，请点名或缩小范围后再起草。",
        "en": "{n} more clients were not drafted: at most {most} at a time — name them or narrow the list.",
    },
    "topic_point": {"zh": "想跟您跟进一下{topic}", "en": "I'm following up on {topic}"},
    "option_point": {
        "zh": "另外，您也可以考虑我行的{name}{minimum}",
        "en": "Another option is our {name}{minimum}",
    },
    "option_minimum": {"zh": "（起存金额 {amount}）", "en": " (minimum {amount})"},
    "draft_removed": {
        "zh": "以下内容因不符合营销行为规范已从草稿中删除或改写：",
        "en": "Removed or reworded for conduct rules:",
    },
    "draft_check": {
        "zh": "发送前请核对客户信息与产品要素；草稿中的客户称呼在发送时显示为真实名称。",
        "en": "Check the client details and product terms before sending.",
    },
    "request_breaks_rules": {
        "zh": "先说明：这条消息不能按你说的写——{what}违反营销行为规范，草稿中不会出现，发给客户也不行。",
        "en": "First: the message can't say that — {what} breaks the marketing conduct rules, so it stays out of the draft and must not be sent.",
    },
    "draft_not_pitched": {
        "zh": "这款产品不适合该客户，所以没有起草推介：{why}",
        "en": "This product does not suit the client, so I drafted no pitch for it: {why}",
    },
    "not_in_catalogue": {
        "zh": "本行产品目录中没有「{product}」相关产品，所以我没有起草或筛选。可以换一个本行在售的产品，或不指定产品再问一次。",
        "en": 'The bank\'s catalogue has no product for "{product}", so I did not use it. Name a product the bank offers, or ask again without one.',
    },
    "tool_failed": {
        "zh": "抱歉，这次没能完成：查询步骤「{tool}」出错了，我没有给出不完整的回答。请换个说法或稍后再试；如果一直出现，请联系系统管理员。",
        "en": 'Sorry, I couldn\'t finish this: the step "{tool}" failed, so I gave no partial answer. Please rephrase or try again shortly; if it keeps happening, contact your administrator.',
    },
    "holdings_title": {"zh": "持有产品", "en": "Holdings"},
    "holding": {"zh": "- {product}（{code}，{risk}）", "en": "- {product} ({code}, {risk})"},
    "matures": {"zh": " 到期 {date}", "en": " matures {date}"},
    "product_of_level": {"zh": "该等级的产品", "en": "A product at that level"},
    "suitability_above": {
        "zh": "{name}（{code}）风险等级 R{r}，高于 C{c} 客户的风险承受能力，不得销售（须 C ≥ R）",
        "en": "{name} ({code}) is rated R{r}, above a C{c} client's risk tolerance; it may not be "
        "sold to them (C must be ≥ R)",
    },
    "suitability_range": {
        "zh": "C{c} 客户可购买风险等级 R1–R{c}（R{c} 及以下）的产品，高于 R{c} 的不得推介（须 C ≥ R）",
        "en": "A C{c} client may buy products rated R1–R{c} (R{c} and below), nothing rated above "
        "R{c} (C must be ≥ R)",
    },
    "suitability_within": {
        "zh": "{name}（{code}）风险等级 R{r}，不高于 C{c}，等级匹配；仍须完成风险揭示（C ≥ R）",
        "en": "{name} ({code}) is rated R{r}, within a C{c} client's risk tolerance (C ≥ R); the "
        "risk disclosure is still required",
    },
    "disclosure_said": {
        "zh": "风险揭示须向客户说明：{sentence}",
        "en": "The risk disclosure to give: {sentence}",
    },
    "maturing_amount": {"zh": "，金额 {amount}", "en": ", amount {amount}"},
    "contacts_title": {"zh": "联系方式", "en": "Contacts"},
    "phone": {"zh": "电话", "en": "Phone"},
    "recent_title": {"zh": "最近互动", "en": "Recent interactions"},
    "no_interactions": {
        "zh": "- 暂无互动记录：系统里没有这位客户的联系记录。",
        "en": "- No interactions on record: the bank holds no contact with this client.",
    },
    "tier_basis": {"zh": "分层依据：{why} [{n}]", "en": "Tier basis: {why} [{n}]"},
    "managed_by": {
        "zh": "{name}（{client_id}）的管户客户经理：{rm}（{rm_id}）。",
        "en": "{name} ({client_id}) is managed by {rm} ({rm_id}).",
    },
    "managed_by_you": {
        "zh": "{name}（{client_id}）由你本人管户（{rm_id}）。",
        "en": "{name} ({client_id}) is your own client ({rm_id}).",
    },
    "client_tier_lead": {
        "zh": "{name}（{client_id}）按行内分层属于**{tier}**（{why}）。该层级适用的标准如下：",
        "en": "{name} ({client_id}) is a **{tier}** client under the bank's tiering ({why}). "
        "The standard for that tier:",
    },
    "client_standing": {
        "zh": "该客户当前待办（期限）",
        "en": "Where this client stands (open actions, deadlines)",
    },
    "help_notes": {
        "zh": "记录一次拜访或通话：直接告诉我，例如「记一下 今天电话联系了〈客户〉，谈了〈内容〉」。"
        "我整理成接触记录给你确认，你回复「是」才会保存。",
        "en": 'To save a note about a visit or call, just tell me, e.g. "note: called <client> '
        'today about <topic>". I show it back as a contact record; it is saved only when you '
        'reply "yes".',
    },
    "client_option": {"zh": "- {name}（{client_id}）", "en": "- {name} ({client_id})"},
    "client_option_rm": {
        "zh": "- {name}（{client_id}）· 管户 {rm}",
        "en": "- {name} ({client_id}) · RM {rm}",
    },
    "subject": {"zh": "Subject: {subject}", "en": "Subject: {subject}"},
    "client_onboarded": {"zh": "{year}年开户", "en": "client since {year}"},
    "kind_corporate": {"zh": "对公客户", "en": "Corporate"},
    "kind_retail": {"zh": "零售客户", "en": "Retail"},
    "tier_with_reason": {"zh": "{tier}（{why}）", "en": "{tier} ({why})"},
    "needs_segment": {"zh": "需求分群：{why}", "en": "Needs segment: {why}"},
    "client_named": {"zh": "{name}（{client_id}）", "en": "{name} ({client_id})"},
    "after_name": {"zh": "· ", "en": " · "},  # a full-width bracket needs no space before ·
    "risk_rating": {"zh": "- 行内评级：{value}", "en": "- Internal rating: {value}"},
    "risk_appetite": {
        "zh": "- 风险偏好（风险承受能力）：{value}",
        "en": "- Risk appetite: {value}",
    },
    "employees": {"zh": "- 员工人数：{value} 人", "en": "- Employees: {value}"},
    "client_since": {
        "zh": "- 开户日期：{date} · {branch}",
        "en": "- Client since {date} · {branch}",
    },
    "finding": {"zh": "{label}（compliance:{code}）", "en": "{label} (compliance:{code})"},
    "standard_line": {
        "zh": "- 按{tier}服务标准安排接触频次与响应时效 [{n}]",
        "en": "- Keep to the {tier} service standard for contact frequency and response time [{n}]",
    },
    "signal_line": {"zh": "- {mark} {title}：{detail}", "en": "- {mark} {title}: {detail}"},
    "due_suffix": {"zh": "（期限 {date}）", "en": " (due {date})"},
    "dash": {"zh": "——", "en": " — "},
    "book_head": {
        "zh": "共 {matched} 位客户符合条件（管户 {size} 位），列出前 {shown} 位：",
        "en": "{matched} clients match (of {size} in your book); showing {shown}:",
    },
    "book_head_one": {
        "zh": "共 1 位客户符合条件（管户 {size} 位）：",
        "en": "1 client matches (of {size} in your book):",
    },
    "book_query": {"zh": "查询条件：", "en": "Query: "},
    "book_silence": {
        "zh": "距上次接触 {days} 天（{day}）",
        "en": "{days} days since contact ({day})",
    },
    "book_none_then": {
        "zh": "没有客户符合（{query}），改查：",
        "en": "No client matches ({query}); instead:",
    },
    "book_count": {"zh": "答：{matched}客户。", "en": "Answer: {matched} clients."},
    "book_count_none": {"zh": "答：0 位，没有符合条件的客户。", "en": "Answer: none (0 clients)."},
    "book_count_one": {"zh": "答：1 位客户。", "en": "Answer: 1 client."},
    "book_count_listable": {
        "zh": "需要名单请说「列出来」。",
        "en": 'Say "list them" for the names.',
    },
    "book_top": {"zh": "答：{client}，{figure}。", "en": "Answer: {client}, {figure}."},
    "book_three_months": {"zh": "（近三月日均 {amount}）", "en": " (3-month avg {amount})"},
    "book_three_months_said": {"zh": "；近三月日均 {amount}", "en": "; 3-month avg {amount}"},
    "rm_sum": {"zh": "，{label}合计 {amount}", "en": ", {label} in total {amount}"},
    "rm_sum_total": {"zh": "合计：{label} {amount}", "en": "All together: {label} {amount}"},
    "rm_count_total": {"zh": "全队合计 {clients} 位", "en": "Team total: {clients} clients"},
    "no_disclosure_rule": {
        "zh": "行内手册中没有找到向客户家属或其他第三方提供客户信息的规定：告诉任何人之前，请先向合规部门确认。",
        "en": "The bank's playbooks have no rule on giving a client's information to family or other "
        "third parties: check with compliance before telling anyone.",
    },
    "no_gift_rule": {
        "zh": "行内手册中没有找到关于收受或赠送礼品的规定：收下或送出之前，请先向合规部门确认。",
        "en": "The bank's playbooks have no rule on giving or accepting gifts: check with compliance "
        "before accepting or giving anything.",
    },
    "team_not_yours": {
        "zh": "你没有查看团队客户的权限：你只能查看自己名下的客户，团队的客户数据由团队长查看；可以问我“我名下的……”。",
        "en": "You don't have permission to see the team's clients: you can only see your own book; the team's clients are your team lead's to see — ask me about \"my clients …\".",
    },
    "book_total_3m": {
        "zh": "近三月日均存款合计 {amount}。",
        "en": " 3-month avg deposits: {amount}.",
    },
    "book_total": {
        "zh": "答：{matched} 位客户{label}合计 {amount}。",
        "en": "Answer: {label} of the {matched} clients add up to {amount}.",
    },
    "rm_count_line": {
        "zh": "{name}（{rm_id}）：{clients} 位客户符合条件",
        "en": "{name} ({rm_id}): {clients} matching clients",
    },
    "rm_count_line_one": {
        "zh": "{name}（{rm_id}）：{clients} 位客户符合条件",
        "en": "{name} ({rm_id}): {clients} matching client",
    },
    "rm_gaps_line": {
        "zh": "{name}（{rm_id}）：逾期未跟进 {overdue} 项，最长逾期 {max_days_overdue} 天，"
        "合计逾期 {total_days_overdue} 天",
        "en": "{name} ({rm_id}): {overdue} overdue follow-ups, longest {max_days_overdue} days, "
        "{total_days_overdue} days overdue in all",
    },
    "gap_line": {
        "zh": "{name}（{client_id}，{rm_id}）· {signal} · 发现于 {detected_on}，"
        "应于 {due_date} 前跟进，已逾期 {days_overdue} 天",
        "en": "{name} ({client_id}, {rm_id}) · {signal} · detected {detected_on}, "
        "due {due_date}, {days_overdue} days overdue",
    },
    "gap_open_line": {
        "zh": "{name}（{client_id}，{rm_id}）· {signal} · 发现于 {detected_on}，"
        "尚未跟进，应于 {due_date} 前完成（还剩 {days_left} 天）",
        "en": "{name} ({client_id}, {rm_id}) · {signal} · detected {detected_on}, "
        "not yet followed up, due {due_date} ({days_left} days left)",
    },
    "playbook_title": {"zh": "行内制度要点", "en": "From the playbooks"},
    "playbook_none": {
        "zh": "没有在行内手册中找到相关内容，建议咨询产品经理或合规部。",
        "en": "I found nothing on that in the playbooks; please ask the product team or Compliance.",
    },
    "stale": {
        "zh": "（该手册已过复审日期，请向制度归口部门确认是否仍然有效）",
        "en": " (this playbook is past its review date — confirm it is still in force)",
    },
    "searching": {"zh": "正在检索行内手册…", "en": "Searching the playbooks…"},
    "reading": {"zh": "正在读取客户画像…", "en": "Reading the client profile…"},
    "book_status": {"zh": "正在查询你的客户名单…", "en": "Querying your book…"},
    "drafting": {"zh": "正在起草并做合规检查…", "en": "Drafting and checking compliance…"},
}

# Conduct findings by rule code, named (never quoted back) in a draft's notes.
FINDING_LABELS = {
    "guaranteed_return": ("对收益作出承诺的表述", "promises about returns"),
    "risk_free_language": ("否认投资风险的表述", "language that denies investment risk"),
    "suitability_mismatch": (
        "产品风险等级高于客户风险承受能力（适当性不匹配），请勿向该客户推荐",
        "product risk above the client's risk tolerance (suitability mismatch) — do not recommend it",
    ),
    "missing_risk_disclosure": ("缺少风险提示（已补充）", "missing risk disclosure (added)"),
    "pressure_selling": ("施压式营销用语", "pressure-selling language"),
    "insured_investment": (
        "称非存款产品受存款保险保障的表述",
        "saying deposit insurance covers a product that is not a deposit",
    ),
    "tied_selling": (
        "以一项产品作为另一项业务或优惠的条件（捆绑搭售）",
        "one product made the condition of another (tied selling)",
    ),
    "superlative_claim": (
        "“最高”“第一”“最好”等绝对化或对比性表述",
        "superlative or comparative claims ('best', 'highest')",
    ),
    "off_board_rate": (
        "承诺高于挂牌的利率（须先经定价审批）",
        "a rate promised above the posted one (needs pricing approval first)",
    ),
    "coercion": (
        "以降级、抽贷等后果威胁或施压客户",
        "a client threatened with a downgrade, a withdrawn line or a stopped service",
    ),
    "acting_for_client": (
        "代客户填写测评或签署文件",
        "a client's assessment answered or documents signed for them",
    ),
    "id_document_by_chat": (
        "让客户通过微信、短信等拍照发送身份证件",
        "a client's ID document collected as a photo over chat or text",
    ),
    "speculative_hedging": (
        "超过实际敞口或以赌汇率为目的的外汇交易（违反实需原则）",
        "an FX trade above the real exposure or as a bet on the rate (genuine-need principle)",
    ),
    "product_as_deposit": (
        "把保险、理财等非存款产品说成存款",
        "an insurance or wealth product presented as a deposit",
    ),
    "client_credentials": (
        "知悉或使用客户密码、验证码、U盾，代客操作",
        "a client's password, code or security key known or used (operating for the client)",
    ),
    "full_identifier": (
        "完整证件号/手机号/卡号（已删除）",
        "a full ID, phone or card number (removed)",
    ),
}


def t(key: str, language: str) -> str:
    return PHRASES[key]["zh" if language == "zh" else "en"]
