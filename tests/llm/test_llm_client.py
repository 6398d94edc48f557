"""DirectCompletions sends exactly what the SDK's own ``create`` sends, and reads replies alike."""

from __future__ import annotations

import openai
import pytest
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.tools import tool
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from assistant.engines.llm.client import DirectCompletions, use_direct_completions
from testkit.fake_openai import FakeOpenAI, Reply, call, say

# LangChain shares one httpx client per base URL across models: one event loop for the module.
pytestmark = pytest.mark.asyncio(loop_scope="session")


@tool
def search_playbooks(query: str, k: int = 3) -> str:
    """Search the bank's playbooks."""
    return query


def _model(fake: FakeOpenAI, direct: bool) -> ChatOpenAI:
    model = ChatOpenAI(
        base_url=fake.base_url,
        api_key=SecretStr("sk-test-key"),
        model="fake-qwen",
        max_retries=0,
        streaming=True,
        temperature=0,
    )
    if direct:
        use_direct_completions(model)
    return model


async def _ask(fake: FakeOpenAI, direct: bool, reply: Reply) -> AIMessage:
    fake.play(reply)
    model = _model(fake, direct).bind_tools([search_playbooks])
    message = await model.ainvoke([HumanMessage("核心客户的服务频次？ ⟦CLIENT_1⟧")])
    assert isinstance(message, AIMessage)
    return message


async def test_request_body_and_auth_are_the_sdks_own(fake_llm: FakeOpenAI) -> None:
    await _ask(fake_llm, direct=False, reply=say("ok"))
    sdk = fake_llm.requests[-1]
    await _ask(fake_llm, direct=True, reply=say("ok"))
    direct = fake_llm.requests[-1]
    assert direct.body == sdk.body
    assert direct.body["tools"][0]["function"]["name"] == "search_playbooks"
    assert direct.headers["authorization"] == "Bearer sk-test-key"
    assert direct.headers["content-type"] == "application/json"


async def test_streamed_text_and_tool_calls_read_as_with_the_sdk(fake_llm: FakeOpenAI) -> None:
    text = await _ask(fake_llm, direct=True, reply=say("核心客户每月至少拜访一次 [1]。"))
    assert text.content == "核心客户每月至少拜访一次 [1]。"
    tools = await _ask(fake_llm, direct=True, reply=call("search_playbooks", {"query": "分层"}))
    assert [(c["name"], c["args"]) for c in tools.tool_calls] == [
        ("search_playbooks", {"query": "分层"})
    ]


async def test_provider_error_raises_the_sdks_error_type(fake_llm: FakeOpenAI) -> None:
    with pytest.raises(openai.InternalServerError):
        await _ask(fake_llm, direct=True, reply=Reply(status=500, content="boom"))


async def test_everything_but_create_is_the_sdks_resource() -> None:
    client = openai.AsyncOpenAI(base_url="http://127.0.0.1:9/v1", api_key="x")
    direct = DirectCompletions(client)
    assert direct.create.__func__ is DirectCompletions.create  # type: ignore[attr-defined]
    assert direct.list == client.chat.completions.list
    assert type(direct.with_raw_response) is type(client.chat.completions.with_raw_response)
