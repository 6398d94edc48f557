"""The contact policy said as a rule, for "营销短信晚上几点以后不能发" or "how many marketing calls
a month is the limit": the bank's own figures from its policy file, in the asker's language,
whatever language its playbooks are written in."""

from __future__ import annotations

import re

from tools.contact.policy import ContactPolicy

QUIET_ASKED = re.compile(
    r"几点|免打扰|休息时间|太晚|深夜|夜里|中午|午休|周末|节假日|"
    r"\bquiet hours?\b|\bwhat time\b|\btoo (?:late|early)\b|\bat night\b|\bweekends?\b|\blunch",
    re.I,
)
CAP_ASKED = re.compile(
    r"(?:每月|一个月|每个月|月内)[^。？?]{0,10}(?:几次|几条|几个|多少次|多少条|上限|最多)|"
    r"(?:几次|多少次|上限|最多)[^。？?]{0,6}(?:每月|一个月)|频次|"
    r"\bhow (?:many|often)\b[^?]{0,40}\b(?:month|monthly)\b|\b(?:monthly )?(?:cap|limit)s?\b",
    re.I,
)
MARKETING = re.compile(
    r"营销|推销|推广|短信|微信|企微|电话|邮件|\b(?:marketing|sms|texts?|calls?|messages?|wechat|e-?mails?)\b",
    re.I,
)
_ZH = {"sms": "短信", "wechat": "微信", "email": "邮件", "call": "电话"}
_EN = {"sms": "SMS", "wechat": "WeChat", "email": "e-mail", "call": "calls"}


def contact_rule(policy: ContactPolicy, text: str, language: str) -> str | None:
    """The quiet hours or the monthly caps, when the question asks for them; None otherwise."""
    if not MARKETING.search(text):
        return None
    zh = language == "zh"
    said = []
    if QUIET_ASKED.search(text):
        work = "、".join(w.said() for w in policy.quiet_hours.working_day) or "无"
        rest = "、".join(w.said() for w in policy.quiet_hours.rest_day) or "无"
        said.append(
            f"按本行接触频次规定，营销消息和营销电话的免打扰时段：工作日 {work}，休息日 {rest}，"
            "期间不发营销内容（服务类消息不受此限）。"
            if zh
            else f"By the bank's contact policy, no marketing message or call goes in the quiet hours: "
            f"working days {work if work != '无' else 'none'}, rest days {rest if rest != '无' else 'none'} "
            "(service messages are not held)."
        )
    if CAP_ASKED.search(text) and policy.monthly_caps:
        caps = ("，" if zh else ", ").join(
            f"{_ZH[c]}每月不超过 {n} 次" if zh else f"{_EN[c]} at most {n} a month"
            for c, n in policy.monthly_caps.items()
        )
        said.append(
            f"每位客户的营销接触上限：{caps}（按自然月计）。"
            if zh
            else f"Marketing contacts per client: {caps} (per calendar month)."
        )
    return "".join(said) if zh else " ".join(said) or None
