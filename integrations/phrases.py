"""The fixed sentences chat adapters say themselves, shared by Slack and Teams. None of them
carries client data; everything about clients comes from the core's Answer."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")

COMMON = {
    "working": ("正在查询…", "Working on it…"),
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
    "outcome_reason": (
        "请选择暂不处理的原因。",
        "Please pick a reason for not now.",
    ),
    "outcome_refused": (
        "未能记录：只能标记你本人名下客户的行动。",
        "Not recorded: you can only mark actions for clients in your own book.",
    ),
}


def unknown_user(channel: str) -> tuple[str, str]:
    return (
        f"抱歉，你的 {channel} 账号尚未关联客户经理身份，我无法提供客户信息。请联系管理员开通。",
        f"Sorry, your {channel} account isn't linked to a relationship manager, so I can't share "
        "client information. Please ask your administrator to link it.",
    )


def language_of(text: str) -> str:
    """``zh`` when the text contains CJK characters, else ``en`` (for the adapter's own words)."""
    return "zh" if _CJK.search(text or "") else "en"


class Phrasebook:
    def __init__(self, channel: str, extra: dict[str, tuple[str, str]]) -> None:
        self._phrases = COMMON | {"unknown_user": unknown_user(channel)} | extra

    def say(self, key: str, language: str) -> str:
        zh, en = self._phrases[key]
        return zh if language == "zh" else en

    def both(self, key: str) -> str:
        zh, en = self._phrases[key]
        return f"{zh}\n\n{en}"
