"""When to contact a client about what matures, by the bank's rule: "按规定我最晚哪天得第一次
联系他们？二次提醒又是哪天", "到期前7天那次提醒 我应该哪天打", "when's the latest I should first
call her about the CD?".

The playbook states the rule in days (到期前 30 天首次联系, 7 天二次提醒); an RM asking of one
client wants the dates. They are counted back from the client's next maturity with the signal
policy's ``first_contact_days_before`` / ``second_contact_days_before`` (the same figures the
maturity signal's deadline uses), and a date already past is said to be past.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.engines.offline.phrases import t
from assistant.engines.offline.playbooks import find, lookup
from assistant.engines.offline.request import Request
from tools.intelligence.signals.maturity import contact_dates as maturity_contacts

# A date asked for a contact: "最晚哪天…联系", "第一次联系…哪天", "二次提醒又是哪天", "when should I
# first call her". The words about a rule alone ("到期前多少天要联系") ask the rule, not a date.
ASKED = re.compile(
    r"(?:最晚|最迟|应该|应当|得|要|该)(?:在)?(?:哪天|哪一天|几号|什么时候|啥时候)|"
    r"(?:哪天|哪一天|几号|什么时候|啥时候)(?:之前|前)?(?:得|要|该|应该)?(?:第一次|首次|再|二次)?"
    r"(?:联系|打|提醒|通知|电话)|"
    r"(?:第一次|首次|二次|第二次)(?:联系|提醒|接触|电话)[^。？?]{0,8}(?:哪天|哪一天|几号|什么时候|啥时候)|"
    r"\b(?:latest|last) (?:day|date)\b.{0,30}\b(?:contact|call|remind|reach)|"
    r"\bwhen (?:should|do|must|shall) i\b.{0,20}\b(?:contact|call|remind|reach|ring)\b|"
    r"\b(?:first|second) (?:contact|call|reminder)\b.{0,20}\b(?:due|when|date|by)\b",
    re.I,
)
# "哪天打" is a call; "打款", "打算" are not
CONTACTING = re.compile(
    r"联系|提醒|电话|通知|打(?=给|过去|一下|个电话|\s*[？?，,。！!]|\s*$)|"
    r"\b(?:contact|call|remind|reach|ring)",
    re.I,
)


def asks_contact_date(text: str) -> bool:
    return bool(ASKED.search(text) and CONTACTING.search(text))


async def contact_dates(req: Request, profile: dict) -> list[str]:
    """The first-contact and reminder dates for the client's next maturity, cited to the
    maturity rule; empty when nothing of the client matures."""
    services = req.tb.services
    as_of: date = services.as_of
    ahead = [
        h
        for h in profile.get("holdings") or []
        if h.get("maturity_date") and date.fromisoformat(h["maturity_date"]) >= as_of
    ]
    if not ahead:
        return []
    holding = min(ahead, key=lambda h: h["maturity_date"])
    matures = date.fromisoformat(holding["maturity_date"])
    rule = services.intelligence.policy.signals.maturity
    passage = await find(req.tb, lookup(req.playbooks, "maturity"), req.lang)
    cite = f" [{passage['n']}]" if passage else ""
    dates = []
    first, second = maturity_contacts(matures, rule)
    for key, day in (("contact_first", first), ("contact_second", second)):
        days = (matures - day).days
        late = t("contact_past", req.lang).format(days=(as_of - day).days) if day < as_of else ""
        dates.append(t(key, req.lang).format(date=day.isoformat(), days=days) + late)
    head = t("contact_dates", req.lang).format(
        product=holding["product"], code=holding["product_code"], date=matures.isoformat()
    )
    zh = req.lang == "zh"
    return [f"{head}{'：' if zh else ': '}{('，' if zh else ', ').join(dates)}{cite}"]
