"""Prometheus metrics in a registry owned by one app (two apps in one process never clash)."""

from __future__ import annotations

import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.core.types import Answer

FALLBACK_FLAG = "engine:fallback"
_LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)


class ApiMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "frontline_http_requests",
            "HTTP requests by route and status.",
            ["method", "route", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "frontline_http_request_duration_seconds",
            "Time to complete an HTTP response (streams included).",
            ["method", "route"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.errors = Counter(
            "frontline_errors",
            "Server-side failures (5xx, failed streams) by code.",
            ["code"],
            registry=r,
        )
        self.answers = Counter(
            "frontline_answers",
            "Answers delivered, by channel and engine.",
            ["channel", "engine"],
            registry=r,
        )
        self.fallbacks = Counter(
            "frontline_fallbacks", "Answers produced by the fallback engine.", registry=r
        )
        self.guard_flags = Counter(
            "frontline_guard_flags", "Guard findings on answers, by flag.", ["flag"], registry=r
        )
        self.refusals = Counter(
            "frontline_refusals",
            "Answers in which the assistant declined.",
            ["channel"],
            registry=r,
        )
        self.first_event = Histogram(
            "frontline_stream_first_event_seconds",
            "Time from stream start to the first event.",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )

    def record_answer(self, answer: Answer, channel: str) -> None:
        self.answers.labels(channel=channel, engine=answer.engine).inc()
        if FALLBACK_FLAG in answer.flags:
            self.fallbacks.inc()
        for flag in answer.flags:
            if flag.startswith("guard:"):
                self.guard_flags.labels(flag=flag).inc()
        if answer.refused:
            self.refusals.labels(channel=channel).inc()

    def render(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class MetricsMiddleware:
    """Counts and times every HTTP request, labelled by the matched route template."""

    def __init__(self, app: ASGIApp, metrics: ApiMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def observing_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, observing_send)
        finally:
            self._observe(scope, status, time.perf_counter() - started)

    def _observe(self, scope: Scope, status: int, seconds: float) -> None:
        route = scope.get("route")
        label = getattr(route, "path", None) or "unmatched"
        method = scope["method"]
        self.metrics.requests.labels(method=method, route=label, status=str(status)).inc()
        self.metrics.latency.labels(method=method, route=label).observe(seconds)
        if status >= 500:
            self.metrics.errors.labels(code=f"http_{status}").inc()
