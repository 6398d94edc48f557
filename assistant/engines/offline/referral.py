"""Referrals in chat (公私联动): "把⟦CLIENT_1⟧的财务总监转介给私行，他有家族信托需求，客户口头同意了",
"refer her to private banking, she agreed"; "我的转介" / "my referrals"; the receiver's word
"转介 R1A2B3C4D 已联系" / "referral R1A2B3C4D won".

Consent comes first: a referral with no consent said asks for it (``pending_referral``), and
the next turn's "同意了" / "yes, verbally" makes it; a referral said to be without consent is
declined with the playbook's reason. The writes go through ``refer_client`` and
``update_referral`` like the API's and the model's.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from assistant.engines.base import EngineContext, EngineResult
from assistant.engines.offline import compose as c
from tools.client_tools import client_ids_in, mentioned_clients
from tools.toolbox import Refusal, ToolError

INTENT = "referral"
PENDING = "pending_referral"
REFER = re.compile(
    r"转介|引荐|转荐|推荐给|介绍给|对接给|联动给|"
    r"\brefer(?:red|ring)?\b|\bintroduce\b.{0,40}\bto\b|\bhand (?:him|her|them|it)? ?(?:over )?to\b|"
    r"\bpass (?:him|her|them) (?:on )?to\b",
    re.I,
)
# "转给/交给" move money as often as clients: a referral only with the side said right after.
LOOSE = re.compile(r"(?:转给|交给|移交给|转到)(?P<after>.{0,8})")
# "私行客户", "零售客户" are clients of a kind, not a side of the bank to refer to.
RULE_ASKED = re.compile(
    r"[?？]|吗|多久|几天|几个工作日|流程|规定|规则|要求|怎么|如何|\b(?:how|what|when|which|why|can|do|does|is)\b",
    re.I,
)
ROLE = re.compile(
    r"实际控制人|实控人|董事长|总经理|财务总监|财务经理|法定代表人|法人|股东|高管|老板|老板娘|"
    r"\b(?:CFO|CEO|chairman|owner|founder|finance director|general manager)\b",
    re.I,
)
KIND_OF_CLIENT = re.compile(r"(?:私行|私人银行|零售|对公|财富|公司)(?:客户|产品|业务)")
LIST = re.compile(
    r"(?:我的|我发起的|我收到的|转给我的|给我的|组里的|团队的|本组的)转介|"
    r"转介(?:单|情况|进度|状态|列表|记录)|"
    r"我的转介|转介.{0,6}(?:怎么样|到哪|进展|跟进了吗|有哪些|几个|多少)|有(?:没有)?.{0,4}转介|"
    r"\b(?:my|open|pending|team'?s?) referrals?\b|\breferrals? (?:status|sent|received|to me)\b|"
    r"\bany referrals?\b",
    re.I,
)
REFERRAL_ID = re.compile(r"\bR[0-9A-F]{8}\b", re.I)
STATUS_WORDS = (
    ("won", re.compile(r"成功|成交|签约|办成|落地了|\bwon\b|\bsucceeded\b|\bsigned\b", re.I)),
    ("lost", re.compile(r"没成|未成功|不成功|失败|没谈成|黄了|\blost\b|\bnot won\b|\bfailed\b", re.I)),
    ("declined", re.compile(r"退回|不接|拒收|不是我们的|\bdeclined?\b|\breject", re.I)),
    ("contacted", re.compile(r"已联系|联系过|联系了|约上了|见过|打过电话|\bcontacted\b|\breached\b|\bcalled\b|\bmet\b", re.I)),
)  # fmt: skip
NO_CONSENT = re.compile(
    r"(?:还?没|未|不)(?:有)?(?:问|征得|取得|获得|经|经过)?(?:客户|他|她|对方)?(?:的)?(?:本人)?同意|"
    r"不知道(?:他|她|客户)?(?:同不同意|愿不愿意)|先别告诉(?:他|她|客户)|瞒着|"
    r"without (?:his|her|their|the client'?s?) (?:consent|knowledge|permission)|"
    r"(?:hasn'?t|has not|didn'?t|did not|not yet) (?:agreed|consented)|no consent",
    re.I,
)
CONSENT = re.compile(
    r"同意|答应|愿意|授权|签了?(?:授权|同意)|\bagreed?\b|\bconsent(?:ed|s)?\b|\bok with\b|"
    r"\bhappy to\b|\bfine with\b|\bwilling\b|\bsaid yes\b",
    re.I,
)
WRITTEN = re.compile(r"书面|签字|签了|签署|授权书|\bin writing\b|\bwritten\b|\bsigned\b", re.I)
ONLINE = re.compile(r"线上|手机银行|app|\bonline\b", re.I)
YES = re.compile(
    r"^(?:是|是的|对|对的|嗯|好|好的|同意了?|客户同意了?|他同意了?|她同意了?|已同意|口头同意了?|"
    r"书面同意了?|可以|yes|yep|yeah|y|ok|okay|sure|agreed|he agreed|she agreed|they agreed|"
    r"yes,? (?:verbally|in writing)|verbally|in writing)[。.!！ ]*$",
    re.I,
)
NO = re.compile(
    r"^(?:不|不是|没有|还没|还没有|没|否|算了|先不|不用|no|nope|not yet|no,? not yet|cancel|"
    r"never ?mind)[。.!！ ]*$",
    re.I,
)

SAY = {
    "made": (
        "已转介 {ref}：{person} → {to}（{side}）。客户同意方式：{way}。接收人须在 {due} 前首次联系"
        "（{days} 个工作日）；逾期会提醒其团队主管。{told}您可以说“我的转介”查看进度。",
        "Referred {ref}: {person} → {to} ({side}). Consent: {way}. First contact is due by {due} "
        "({days} working days); if late, their team lead is told. {told}Say 'my referrals' to "
        "see where it stands.",
    ),
    "told": ("已通知接收人。", "The receiver has been notified. "),
    "untold": (
        "接收人会在其晨报和转介列表中看到。",
        "The receiver will see it in their brief and referral list. ",
    ),
    "ask_consent": (
        "转介前须取得客户本人同意（公私联动指引：转介单须写明已获得的客户同意）。{person}同意了吗？"
        "回复“同意了”（口头）或“书面同意了”即可转介，回复“还没”则不转。",
        "A referral needs the client's own consent first (the synergy guideline: the referral "
        "states the consent obtained). Has {person} agreed? Reply 'yes, verbally' or 'yes, in "
        "writing' to refer, or 'not yet' to leave it.",
    ),
    "refused_consent": (
        "不行：未取得客户本人同意不能转介。企业提供的员工信息仅用于代发服务，转介或营销须先征得本人同意"
        "（公私联动指引 › 客户同意与信息边界）。取得同意后再告诉我，我来提交转介。",
        "No: a referral needs the client's own consent. Details a company gives for payroll are "
        "for payroll only; referring or marketing needs the person's consent first (the synergy "
        "guideline). Tell me once they agree and I will send it.",
    ),
    "dropped": (
        "好的，未转介。取得客户同意后再告诉我。",
        "OK, nothing was referred. Tell me once the client agrees.",
    ),
    "where": (
        "转介给哪一方？可选：{targets}，或直接说同事的工号。",
        "Refer to which side? One of: {targets}, or a colleague's RM id.",
    ),
    "which_client": (
        "要转介哪位客户？请说客户名称（您名下的客户）。",
        "Which client do you want to refer? Name a client of your book.",
    ),
    "none": ("目前没有转介记录。", "There are no referrals yet."),
    "sent_head": ("我发起的转介（{n}）", "Referrals you sent ({n})"),
    "got_head": ("转给我的转介（{n}）", "Referrals sent to you ({n})"),
    "team_got_head": ("转给本组的转介（{n}）", "Referrals sent to your team ({n})"),
    "updated": (
        "已更新转介 {ref}：{status}。{timely}",
        "Referral {ref} updated: {status}. {timely}",
    ),
    "on_time": ("首次联系在期限（{due}）内。", "First contact was within the deadline ({due})."),
    "late": ("首次联系晚于期限（{due}）。", "First contact came after the deadline ({due})."),
    "not_yours": (
        "只能更新转给您（或您团队）的转介；发起人只能查看进度。",
        "Only the receiver (or their team lead) can update a referral; its sender sees its status.",
    ),
    "not_own": ("只能转介您本人名下的客户。", "You can only refer clients of your own book."),
    "no_desk": ("这里未开启转介功能。", "Referrals are not kept here."),
}


def say(key: str, language: str, **values: Any) -> str:
    return SAY[key][0 if language == "zh" else 1].format(**values)


def _way(consent: str, zh: bool) -> str:
    words = {
        "verbal": ("口头同意", "verbal"),
        "written": ("书面同意", "written"),
        "app": ("线上同意", "online"),
    }
    pair = words.get(consent, (consent, consent))
    return pair[0] if zh else pair[1]


def consent_in(text: str) -> str | None:
    """How the text says the client agreed: written, app or verbal; 'none' when it says they
    did not; None when it does not say."""
    if NO_CONSENT.search(text):
        return "none"
    if not CONSENT.search(text):
        return None
    if WRITTEN.search(text):
        return "written"
    return "app" if ONLINE.search(text) else "verbal"


async def handle(ctx: EngineContext) -> EngineResult | None:
    tb = ctx.toolbox
    desk = getattr(tb.services, "referrals", None)
    if desk is None or tb.caller.role == "admin":
        return None
    text = ctx.masked_text.strip()
    if pending := ctx.state.get(PENDING):
        if YES.search(text) or (consent_in(text) not in (None, "none") and len(text) <= 30):
            way = consent_in(text) or "verbal"
            return await _make(ctx, {**pending, "consent": way if way != "none" else "verbal"})
        if NO.search(text) or consent_in(text) == "none":
            return _result(say("dropped", ctx.language))
    if REFERRAL_ID.search(text) and (status := _status_said(text)):
        return await _update(ctx, REFERRAL_ID.search(text).group(0).upper(), status)  # type: ignore[union-attr]
    sides = KIND_OF_CLIENT.sub("", text)
    target = desk.policy.target_in(sides)
    to_rm = _colleague(tb, text)
    loose = any(
        desk.policy.target_in(m.group("after")) or _colleague(tb, m.group("after"))
        for m in LOOSE.finditer(sides)
    )
    if not (REFER.search(text) or loose) or (target is None and to_rm is None):
        # "介绍给他一款理财" is not a referral: no side of the bank named
        return await _list(ctx) if LIST.search(text) else None
    client_id = await _client(ctx, text)
    if client_id == FOREIGN:
        return _not_own(ctx.language)
    if client_id is None:
        # "转介给私行后对方多久要联系" asks the rule, not for a referral
        return None if RULE_ASKED.search(text) else _result(say("which_client", ctx.language))
    ask = {
        "client_id": client_id,
        "to": to_rm or target,
        "contact_title": _contact_title(tb, client_id, text),
        "need": text,
    }
    consent = consent_in(text)
    if consent == "none":
        tb.touch(client_id)
        return EngineResult(
            say("refused_consent", ctx.language), INTENT, refused=True,
            refusal_reason="consent_required", state={"client_ids": [client_id]},
        )  # fmt: skip
    if consent is None:
        person = tb.client_token(client_id)
        if ask["contact_title"]:
            person = (
                f"{person}的{ask['contact_title']}"
                if ctx.language == "zh"
                else f"{person}'s {ask['contact_title']}"
            )
        result = _result(say("ask_consent", ctx.language, person=person))
        result.state = {PENDING: ask, "client_ids": [client_id]}
        return result
    return await _make(ctx, {**ask, "consent": consent})


def _result(text: str, **kw: Any) -> EngineResult:
    return EngineResult(text, INTENT, **kw)


def _not_own(language: str) -> EngineResult:
    """Another book's client (or none the caller may refer): refused, no client named."""
    return EngineResult(
        say("not_own", language), INTENT, refused=True, refusal_reason="not_entitled",
        state={"client_ids": []},
    )  # fmt: skip


def _status_said(text: str) -> str | None:
    return next((status for status, words in STATUS_WORDS if words.search(text)), None)


def _colleague(tb: Any, text: str) -> str | None:
    """A colleague named by RM id or by name ("转给刘经理的工号…")."""
    rms = tb.services.intelligence.rms
    for rm in rms:
        if rm.rm_id == tb.caller.rm_id or rm.role not in ("rm", "team_lead"):
            continue
        if re.search(rf"\b{re.escape(rm.rm_id)}\b", text, re.I) or (
            len(rm.name) >= 2 and rm.name in text
        ):
            return rm.rm_id
    return None


FOREIGN = "\x00foreign"  # a client of another book was named


async def _client(ctx: EngineContext, text: str) -> str | None:
    typed = client_ids_in(ctx.toolbox, text)
    if typed:
        return typed[0] if ctx.toolbox.caller.may_read(typed[0]) else FOREIGN
    own, foreign = await asyncio.to_thread(mentioned_clients, ctx.toolbox, text)
    if own:
        return own[0]
    if foreign:
        return FOREIGN
    remembered = ctx.state.get("client_ids") or []  # "把他转介给私行": the one client in view
    return remembered[0] if len(remembered) == 1 else None


def _contact_title(tb: Any, client_id: str, text: str) -> str | None:
    """A contact of the client named by title (财务总监) or by their name's token."""
    try:
        contacts = tb.client_data(client_id).contacts
    except Exception:  # refused or unknown: the tool call says so
        return None
    titles = sorted({ct.title for ct in contacts if ct.title}, key=len, reverse=True)
    found = next(
        (title for title in titles if title in text or title.lower() in text.lower()), None
    )
    if found:
        return found
    for ct in contacts:
        token = tb.token(ct.name, "PERSON", client_id)
        if token and token in text:
            return ct.title
    said = ROLE.search(text)  # a role the record does not hold ("实控人"): kept as said
    return said.group(0) if said else None


async def _make(ctx: EngineContext, ask: dict) -> EngineResult:
    tb = ctx.toolbox
    args = {k: v for k, v in ask.items() if v is not None}
    try:
        out = await tb.acall("refer_client", args)
    except Refusal:
        return _not_own(ctx.language)
    except ToolError as exc:
        targets = "、".join(
            tb.services.referrals.policy.label(k, ctx.language)
            for k in tb.services.referrals.policy.targets
        )
        if "refer to one of" in str(exc):
            return _result(say("where", ctx.language, targets=targets))
        return _result(("未能转介：" if ctx.language == "zh" else "Not referred: ") + str(exc))
    zh = ctx.language == "zh"
    person = out["client"]
    if out.get("contact_title"):
        person = f"{person}的{out['contact_title']}" if zh else f"{person}'s {out['contact_title']}"
    told = say("told" if out["notified"] else "untold", ctx.language)
    text = say(
        "made", ctx.language, ref=out["referral_id"], person=person, to=out["to"],
        side=out["side"] or ("指定同事" if zh else "named colleague"), way=_way(out["consent"], zh),
        due=out["due"], days=out["deadline_working_days"], told=told,
    )  # fmt: skip
    return _result(text, state={"client_ids": [out["client_id"]]})


async def _list(ctx: EngineContext) -> EngineResult:
    tb = ctx.toolbox
    out = await tb.acall("list_referrals", {})
    zh = ctx.language == "zh"
    blocks: list[list[str]] = []
    if out.get("received"):
        head = "team_got_head" if tb.caller.role == "team_lead" else "got_head"
        lines = [c.heading(say(head, ctx.language, n=len(out["received"])))]
        for r in out["received"]:
            person = r["client"] + (
                f"的{r['contact_title']}{r['contact'] or ''}"
                if zh and r["contact_title"]
                else f"'s {r['contact_title']} {r['contact'] or ''}".rstrip()
                if r["contact_title"]
                else ""
            )
            late = (
                ("（已逾期，已提醒主管）" if zh else " (late: raised to the team lead)")
                if r["late"]
                else ""
            )
            lines.append(
                f"- {r['referral_id']} {person}，来自 {r['from']}，{r['status_label']}，{r['due']} 前首次联系{late}" if zh
                else f"- {r['referral_id']} {person}, from {r['from']}, {r['status_label']}, first contact by {r['due']}{late}"
            )  # fmt: skip
            if r["need"]:
                lines.append(
                    f"  {'需求' if zh else 'Need'}：{r['need']}" if zh else f"  Need: {r['need']}"
                )
        blocks.append(lines)
    if out.get("sent"):
        lines = [c.heading(say("sent_head", ctx.language, n=len(out["sent"])))]
        for r in out["sent"]:
            late = ("，接收方已逾期" if zh else ", the receiver is late") if r["late"] else ""
            lines.append(
                f"- {r['referral_id']} {r['client'] or r['client_id']} → {r['to']}：{r['status_label']}（{r['day']} 转介，{r['due']} 前首次联系{late}）" if zh
                else f"- {r['referral_id']} {r['client'] or r['client_id']} → {r['to']}: {r['status_label']} (sent {r['day']}, first contact by {r['due']}{late})"
            )  # fmt: skip
        blocks.append(lines)
    if not blocks:
        return _result(say("none", ctx.language))
    return _result(c.join(blocks))


async def _update(ctx: EngineContext, referral_id: str, status: str) -> EngineResult:
    tb = ctx.toolbox
    try:
        out = await tb.acall("update_referral", {"referral_id": referral_id, "status": status})
    except Refusal:
        return _result(say("not_yours", ctx.language), refused=True, refusal_reason="not_entitled")
    except ToolError as exc:
        return _result(("未能更新：" if ctx.language == "zh" else "Not updated: ") + str(exc))
    timely = ""
    if out["on_time"] is not None:
        timely = say("on_time" if out["on_time"] else "late", ctx.language, due=out["due"])
    return _result(
        say(
            "updated",
            ctx.language,
            ref=out["referral_id"],
            status=out["status_label"],
            timely=timely,
        )
    )
