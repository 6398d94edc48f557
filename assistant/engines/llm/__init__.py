"""The LLM agent engine (DESIGN §2): a LangChain agent over the same tools as the offline
engine, with masking, repairs and a tool-round cap as agent middleware."""

from assistant.engines.llm.engine import LLMEngine
from assistant.engines.llm.errors import LLMProviderError, LLMUnusable

__all__ = ["LLMEngine", "LLMProviderError", "LLMUnusable"]
