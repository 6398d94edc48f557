"""OpenTelemetry traces of each turn: masking, retrieval, every tool call and every model call.

Spans carry identifiers, counts, names and timings — never text. Questions, answers, tool
arguments and retrieved passages stay out of traces even in their masked form: a trace backend
is one more store that was never meant to hold conversation content.

``build_tracer_provider`` returns an SDK provider exporting over OTLP/HTTP when
``FRONTLINE_OTLP_ENDPOINT`` is set, and a no-op provider otherwise; tests hand ``Frontline`` a
provider with an in-memory exporter instead. Nothing here touches the global provider.
"""

from __future__ import annotations

import os
import socket
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from opentelemetry import trace
from opentelemetry.trace import Span, Status, StatusCode, Tracer, TracerProvider

from assistant.config import Settings
from tools.toolbox import Toolbox

TRACER_NAME = "frontline"


def build_tracer_provider(settings: Settings) -> TracerProvider:
    """OTLP/HTTP export when configured; otherwise a provider whose spans cost nothing."""
    if not settings.otlp_endpoint:
        return trace.NoOpTracerProvider()
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider as SdkTracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    resource = Resource.create(
        {
            "service.name": settings.service_name,
            "service.instance.id": f"{socket.gethostname()}:{os.getpid()}",
        }
    )
    provider = SdkTracerProvider(resource=resource)
    exporter = OTLPSpanExporter(endpoint=traces_url(settings.otlp_endpoint), timeout=5)
    provider.add_span_processor(BatchSpanProcessor(exporter))
    return provider


def traces_url(endpoint: str) -> str:
    """``http://collector:4318`` -> ``http://collector:4318/v1/traces``; a full path is kept."""
    return (
        endpoint
        if urlparse(endpoint).path not in ("", "/")
        else endpoint.rstrip("/") + "/v1/traces"
    )


def shutdown(provider: TracerProvider) -> None:
    """Flush what is buffered (the SDK provider has ``shutdown``; the no-op one does not)."""
    close = getattr(provider, "shutdown", None)
    if close is not None:
        close()


def fail(span: Span, exc: BaseException) -> None:
    """Mark a span failed by exception type only: messages may quote data."""
    span.set_attribute("error.type", type(exc).__name__)
    span.set_status(Status(StatusCode.ERROR, type(exc).__name__))


@dataclass
class TracedToolbox(Toolbox):
    """A ``Toolbox`` whose every call is a span (tool name and outcome; no arguments)."""

    tracer: Tracer = field(default_factory=lambda: trace.get_tracer(TRACER_NAME), kw_only=True)

    def call(self, name: str, args: dict) -> dict:
        with self.tracer.start_as_current_span(
            f"tool {name}",
            attributes={"frontline.tool.name": name},
            record_exception=False,
            set_status_on_exception=False,
        ) as span:
            try:
                result = super().call(name, args)
            except Exception as exc:
                span.set_attribute("frontline.tool.ok", False)
                fail(span, exc)
                raise
            span.set_attribute("frontline.tool.ok", True)
            return result


class TracedRetriever:
    """Wraps a ``knowledge.retrieval.Retriever``: each search is a span with the cited ids."""

    def __init__(self, retriever: Any, tracer: Tracer) -> None:
        self._retriever = retriever
        self._tracer = tracer

    def search(self, query: str, *args: Any, **kwargs: Any) -> Any:
        filters = kwargs.get("filters") or {}
        with self._tracer.start_as_current_span(
            "retrieval",
            attributes={
                "frontline.retrieval.k": int(kwargs.get("k") or 0),
                "frontline.retrieval.filters": sorted(filters),
            },
        ) as span:
            passages = self._retriever.search(query, *args, **kwargs)
            span.set_attribute("frontline.retrieval.results", len(passages))
            span.set_attribute(
                "frontline.retrieval.doc_ids", [str(getattr(p, "doc_id", "")) for p in passages]
            )
            return passages

    def __getattr__(self, name: str) -> Any:
        return getattr(self._retriever, name)


class ModelCallTracer(BaseCallbackHandler):
    """A LangChain callback: one span per chat-model call, with model name and token counts."""

    def __init__(self, tracer: Tracer) -> None:
        self._tracer = tracer
        self._spans: dict[UUID, Span] = {}
        self._lock = threading.Lock()

    def on_chat_model_start(
        self, serialized: dict[str, Any], messages: list[list[Any]], *, run_id: UUID, **kwargs: Any
    ) -> None:
        params = kwargs.get("invocation_params") or {}
        span = self._tracer.start_span(
            "llm call",
            attributes={
                "gen_ai.operation.name": "chat",
                "gen_ai.request.model": str(params.get("model") or params.get("model_name") or ""),
                "frontline.llm.messages": sum(len(batch) for batch in messages),
            },
        )
        with self._lock:
            self._spans[run_id] = span

    def on_llm_end(self, response: Any, *, run_id: UUID, **kwargs: Any) -> None:
        span = self._pop(run_id)
        if span is None:
            return
        usage = (getattr(response, "llm_output", None) or {}).get("token_usage") or {}
        for key in ("prompt_tokens", "completion_tokens"):
            if isinstance(usage.get(key), int):
                span.set_attribute(f"gen_ai.usage.{key}", usage[key])
        span.end()

    def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        span = self._pop(run_id)
        if span is not None:
            fail(span, error)
            span.end()

    def _pop(self, run_id: UUID) -> Span | None:
        with self._lock:
            return self._spans.pop(run_id, None)
