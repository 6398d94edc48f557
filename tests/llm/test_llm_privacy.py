"""The privacy middleware: whatever slips past the core and the tools is masked on the way
to the model, and the turn says so."""

from __future__ import annotations

import pytest

from assistant.core.types import DeltaEvent, StatusEvent
from assistant.engines.base import EngineContext
from assistant.engines.llm import LLMEngine
from assistant.wiring import Frontline
from testkit.fake_openai import FakeOpenAI, say
from tests.llm.conftest import RAW_PII
from tools.entitlement import resolve_caller
from tools.toolbox import Toolbox

pytestmark = pytest.mark.asyncio(loop_scope="session")


def context(fl: Frontline, text: str, history: list[tuple[str, str]]) -> EngineContext:
    toolbox = Toolbox(
        fl.tool_services(), resolve_caller(fl.bank, "RM001"), "conv_privacy_test", "zh"
    )
    return EngineContext(toolbox, text, "zh", {}, history)


async def test_when_history_leaks_raw_pii_then_it_is_masked_before_the_model_and_flagged(
    frontline: Frontline, fake_llm: FakeOpenAI
) -> None:
    fake_llm.play(say("你好，我可以帮你服务客户、起草外联消息、解答行内制度问题。"))
    leaked = [
        (
            "华东精密机械有限公司的联系人是谁？",
            "联系人周建国，手机13800138000，邮箱 zhou@example.com。",
        )
    ]
    events: list[StatusEvent | DeltaEvent] = []

    async def emit(event: StatusEvent | DeltaEvent) -> None:
        events.append(event)

    result = await LLMEngine(frontline.settings.llm).run(
        context(frontline, "你好，你能做什么？", leaked), emit
    )

    sent = fake_llm.requests[0].text
    assert not [v for v in RAW_PII if v in sent]
    assert "⟦CLIENT_" in sent and "⟦PHONE_" in sent
    assert "guard:pii_masked_late" in result.flags
    assert result.intent == "help"
    assert "".join(e.text for e in events if isinstance(e, DeltaEvent)) == result.text


async def test_when_everything_is_already_masked_then_no_late_flag(
    frontline: Frontline, fake_llm: FakeOpenAI
) -> None:
    fake_llm.play(say("你好，我可以帮你服务客户、起草外联消息、解答行内制度问题。"))

    result = await LLMEngine(frontline.settings.llm).run(
        context(frontline, "你好，你能做什么？", [("你好", "你好！")]), _ignore
    )

    assert "guard:pii_masked_late" not in result.flags


async def _ignore(event: StatusEvent | DeltaEvent) -> None:
    return None
