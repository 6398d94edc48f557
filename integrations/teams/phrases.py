"""The few fixed sentences the Teams adapter says itself. None of them carries client data."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")

_PHRASES = {
    "working": ("正在查询…", "Working on it…"),
    "use_personal_chat": (
        "为保护客户信息，我只在私聊中回答客户相关问题。请点击我的头像，在私聊中再问一次。",
        "To protect client data I only answer in a personal chat. Please open a chat with me "
        "and ask again there.",
    ),
    "unknown_user": (
        "抱歉，你的 Teams 账号尚未关联客户经理身份，我无法提供客户信息。请联系管理员开通。",
        "Sorry, your Teams account isn't linked to a relationship manager, so I can't share "
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
    "welcome": (
        "你好，我是 Frontline，客户经理的助手：客户服务建议、外呼话术、服务标准查询。"
        "涉及客户的信息我只在私聊中回答。",
        "Hi, I'm Frontline, the relationship managers' assistant: how to serve a client, "
        "outreach drafts, service standards. I answer client questions in personal chat only.",
    ),
}


def language_of(text: str) -> str:
    return "zh" if _CJK.search(text or "") else "en"


def say(key: str, language: str) -> str:
    zh, en = _PHRASES[key]
    return zh if language == "zh" else en


def both(key: str) -> str:
    zh, en = _PHRASES[key]
    return f"{zh}\n\n{en}"
