"""The few fixed sentences the Teams adapter says itself. None of them carries client data."""

from __future__ import annotations

from integrations.phrases import Phrasebook, language_of

BOOK = Phrasebook(
    "Teams",
    {
        "use_personal_chat": (
            "为保护客户信息，我只在私聊中回答客户相关问题。请点击我的头像，在私聊中再问一次。",
            "To protect client data I only answer in a personal chat. Please open a chat with me and ask again there.",
        ),
        "file_offer": (
            "会前准备（Word 版）：允许后保存到你的 OneDrive 并显示在此聊天中。",
            "Meeting prep (Word): allow it and it is saved to your OneDrive and shown in this chat.",
        ),
        "file_declined": ("好的，不保存文件。", "OK, the file was not saved."),
        "file_gone": (
            "这份文件已过期或不可用，请重新询问会前准备。",
            "That document has expired or is no longer available; ask for the meeting prep again.",
        ),
        "file_failed": (
            "文件没能保存到 OneDrive，请稍后再试。",
            "The file could not be saved to OneDrive; please try again later.",
        ),
        "welcome": (
            "你好，我是 Frontline，客户经理的助手：客户服务建议、外呼话术、服务标准查询。涉及客户的信息我只在私聊中回答。",
            "Hi, I'm Frontline, the relationship managers' assistant: how to serve a client, outreach drafts, "
            "service standards. I answer client questions in personal chat only.",
        ),
    },
)
say = BOOK.say
both = BOOK.both

__all__ = ["both", "language_of", "say"]
