"""The few fixed sentences the Slack adapter says itself. None of them carries client data."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")

_PHRASES = {
    "working": ("正在查询…", "Working on it…"),
    "private_note": (
        "我已私信回复你（仅你可见）。",
        "I've replied to you privately (only you can see it).",
    ),
    "unknown_user": (
        "抱歉，你的 Slack 账号尚未关联客户经理身份，我无法提供客户信息。请联系管理员开通。",
        "Sorry, your Slack account isn't linked to a relationship manager, so I can't share "
        "client information. Please ask your administrator to link it.",
    ),
    "error": (
        "抱歉，处理你的问题时出错了，请稍后再试。",
        "Sorry, something went wrong while answering. Please try again shortly.",
    ),
    "thanks": ("感谢你的反馈！", "Thanks for the feedback!"),
    "feedback_unknown": (
        "未找到这条回答，反馈未记录。",
        "I couldn't find that answer, so the feedback wasn't recorded.",
    ),
    "empty": ("请直接输入你的问题。", "Please type your question."),
}


def language_of(text: str) -> str:
    """``zh`` when the text contains CJK characters, else ``en`` (for the adapter's own words)."""
    return "zh" if _CJK.search(text or "") else "en"


def say(key: str, language: str) -> str:
    zh, en = _PHRASES[key]
    return zh if language == "zh" else en
