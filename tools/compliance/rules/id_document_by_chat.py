"""让客户把身份证正反面拍照微信发我 / "ask her to WhatsApp me a photo of her passport": a client's
identity document collected over a chat, text or personal e-mail. The demo bank's personal-
information playbook names it (不得让客户通过微信拍照发送身份证件) and every bank's data-protection
rules keep identity documents in the bank's own channels; a photo of an ID card in a chat is a
full identifier sent out of the bank, whoever sends it."""

from __future__ import annotations

import re

from tools.compliance.models import Severity
from tools.compliance.rules.base import PhraseRule, phrase
from tools.compliance.text import Document

_WHY = (
    "客户身份证件不得通过微信、短信、个人邮箱等拍照发送（个人信息保护）。",
    "A client's identity document is never collected as a photo over WeChat, text or personal "
    "e-mail (personal-information protection).",
)
_FIX = (
    "请客户通过手机银行/企业网银上传证件，或带证件到网点办理。",
    "Have the client upload the document in the bank's app or online banking, or bring it to "
    "a branch.",
)
_DOC_ZH = r"(?:身份证|证件|护照|户口本|营业执照|港澳通行证)"
_CHAT_ZH = r"(?:微信|企业微信|企微|短信|彩信|邮件|邮箱|QQ|钉钉|WhatsApp|whatsapp)"
_DOC_EN = r"(?:id(?: card)?|identity card|passport|driver'?s licen[cs]e|business licen[cs]e)"
_CHAT_EN = r"(?:wechat|whatsapp|text|sms|e-?mail|message|dm|chat)"
_PICTURE = r"(?:photo|picture|pic|scan|snap|image)s?"
# "身份证照片请勿通过微信发送", "never send your ID over WeChat": the rule said, not broken
_NEGATED = re.compile(
    rf"(?:请勿|切勿|不要|不得|不能|禁止|严禁|勿)(?:通过|用|使用|在)?\s*{_CHAT_ZH}|"
    rf"\b(?:never|don'?t|do not)\b[^.]{{0,40}}\b{_CHAT_EN}\b",
    re.I,
)


class IdDocumentByChatRule(PhraseRule):
    code = "id_document_by_chat"
    severity = Severity.HIGH
    PHRASES = (
        phrase(
            # "把身份证正反面拍照微信发我", "证件拍个照发我微信上": the document, photographed, sent
            rf"{_DOC_ZH}[^，。,；;？?]{{0,8}}?(?:拍照|拍个照|拍张照|拍一下|照片|扫描件|复印件|正反面)"
            rf"[^，。,；;？?]{{0,8}}?(?:{_CHAT_ZH}[^，。,；;？?]{{0,4}}?(?:发|传|给)|(?:发|传)[^，。,；;？?]{{0,4}}?{_CHAT_ZH})|"
            rf"(?:拍|拍照|拍个照|拍张照)[^，。,；;？?]{{0,4}}?{_DOC_ZH}[^，。,；;？?]{{0,8}}?"
            rf"(?:{_CHAT_ZH}|发(?:给)?我)|"
            rf"{_CHAT_ZH}[^，。,；;？?]{{0,6}}?(?:发|传)(?:一下|个|张)?[^，。,；;？?]{{0,4}}?{_DOC_ZH}|"
            # "身份证拍个照发我": to the RM's own phone, whatever the app
            rf"{_DOC_ZH}[^，。,；;？?]{{0,8}}?(?:拍照|拍个照|拍张照|拍下来|拍一下|照片)[^，。,；;？?]{{0,6}}?"
            r"(?:发|传)(?:给)?(?:我|过来)",
            _WHY,
            _FIX,
            exemptable=True,
        ),
        phrase(
            # "a photo of his ID card on WeChat", "WhatsApp me a scan of her passport": a picture
            # of the document sent over a chat (a copy brought to the branch is not it)
            rf"\b{_PICTURE}\s+of\s+(?:his|her|their|your|the)?\s*(?:client'?s\s+)?{_DOC_EN}\b"
            rf"[^.;]{{0,30}}?\b(?:on|via|over|by|through|in|to)\s+(?:a\s+|my\s+|our\s+)?{_CHAT_EN}\b|"
            rf"\b(?:{_CHAT_EN}|send)\s+(?:me|us)\s+(?:a\s+|the\s+)?{_PICTURE}\s+of\s+"
            rf"(?:his|her|their|your|the)?\s*{_DOC_EN}\b",
            _WHY,
            _FIX,
            exemptable=True,
        ),
    )

    def exempt(self, doc: Document, match: re.Match[str]) -> bool:
        """A sentence that forbids the chat ("请勿通过微信发送") states the rule."""
        return bool(_NEGATED.search(doc.sentence_at(match.start())))
