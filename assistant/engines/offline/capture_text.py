"""What the capture flow says: the draft shown back for confirmation, the saved note, and the
refusals. Masked text in, masked text out (the core restores names for the RM)."""

from __future__ import annotations

from tools.notes.draft import NoteDraft
from tools.notes.policy import NotePolicy

PHRASES = {
    "confirm_head": ("请确认这条接触记录：", "Please confirm this interaction note:"),
    "confirm_ask": (
        # Where a saved note goes (frontline notes export hands it to the bank's CRM): an RM
        # asking to log a visit wants to know it lands in the interaction log.
        "回复“是”保存到客户互动记录（可导出到 CRM），“不”取消；也可以直接改，例如“改成电话”“下一步：…”“截止改成周五”。",
        "Reply “yes” to save it to the interaction log (exportable to the CRM) or “cancel” to drop "
        "it; or edit it, e.g. “change it to a call”, “next step: …”, “due Friday”.",
    ),
    "no_channel": (
        "还缺接触方式：请说明是拜访、电话、微信还是邮件（例如“改成电话”）。",
        "The channel is missing: say whether it was a visit, a call, WeChat or e-mail "
        "(e.g. “change it to a call”).",
    ),
    "no_next_step": (
        "（规范要求写明下一步，可回复“下一步：…”补充。）",
        "(The data playbook asks for a next step; reply “next step: …” to add one.)",
    ),
    "saved": ("已保存接触记录", "Saved the interaction note"),
    "closed": ("已关闭的跟进缺口：", "Follow-ups this note closes: "),
    "masked": (
        "记录中的{kinds}已按脱敏规则只保留部分显示后再存储。",
        "The {kinds} in the note was masked to its partial form before storing.",
    ),
    "dropped": ("好的，这条记录已取消，未保存。", "OK, the note was dropped; nothing was saved."),
    "empty": (
        "这条记录只说明联系过，没有要点，未保存。谈了什么（客户说了什么）、下一步做什么？直接回复，"
        "我补进记录给你确认。行内规范：",
        "This note only says that contact happened, so it was not saved. What was discussed "
        "(what the client said) and what happens next? Reply with it and I'll write the note up "
        "for you to confirm. The bank's playbook:",
    ),
    "needs_client": (
        "这条记录是哪位客户的？请写上客户名称或客户号，例如“记一下：今天拜访了（客户名称），……”。",
        "Which client is this note for? Name the client or give the client id.",
    ),
    "which_client": (
        "你的名单里有几位客户符合，请写明是哪一家：",
        "Several clients in your book match; which one is it?",
    ),
    "unsaved": ("未能保存：", "Not saved: "),
    "credentials": (
        "这条记录不能保存：客户的密码、验证码不能由客户经理知悉、记录或使用，也不能代客转账。",
        "This note cannot be saved: a client's password or code is never the RM's to know, "
        "record or use, nor is a transfer made on the client's behalf.",
    ),
}
FIELDS = {
    "client": ("客户", "Client"),
    "date": ("日期", "Date"),
    "channel": ("方式", "Channel"),
    "contact": ("对象", "Contact"),
    "said": ("要点", "Client said"),
    "next": ("下一步", "Next step"),
    "due": ("截止", "Due"),
    "missing": ("（未填写）", "(not given)"),
}
KIND_WORDS = {
    "ID": ("身份证号", "ID number"),
    "USCC": ("统一社会信用代码", "credit code"),
    "CARD": ("卡号", "card number"),
    "ACCOUNT": ("账号", "account number"),
    "PHONE": ("电话号码", "phone number"),
    "EMAIL": ("邮箱", "e-mail address"),
    "ADDRESS": ("地址", "address"),
}


def say(key: str, language: str) -> str:
    zh, en = PHRASES[key]
    return zh if language == "zh" else en


def _field(key: str, language: str) -> str:
    zh, en = FIELDS[key]
    return zh if language == "zh" else en


def channel_word(channel: str | None, language: str, policy: NotePolicy) -> str | None:
    """A channel in the RM's words: the first the bank's note policy lists for it."""
    return policy.channel_word(channel, language)


def draft_lines(draft: NoteDraft, client: str, language: str, policy: NotePolicy) -> list[str]:
    """The draft as the RM checks it: one line a field, the missing ones said so."""
    missing = _field("missing", language)
    rows = [
        (
            "client",
            f"{client}（{draft.client_id}）"
            if language == "zh"
            else f"{client} ({draft.client_id})",
        ),
        ("date", str(draft.date)),
        ("channel", channel_word(draft.channel, language, policy)),
        ("contact", draft.contact),
        ("said", draft.client_said),
        ("next", draft.next_step),
        ("due", str(draft.due_date) if draft.due_date else None),
    ]
    sep = "：" if language == "zh" else ": "
    return [f"- {_field(k, language)}{sep}{v or missing}" for k, v in rows]


def kinds(found: list[str], language: str) -> str:
    words = [KIND_WORDS.get(k, (k, k))[0 if language == "zh" else 1] for k in found]
    return ("、" if language == "zh" else ", ").join(words)
