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
