"""HTTP API and web-widget host: a thin adapter from HTTP requests to ``AssistantCore`` turns."""

from integrations.api.app import create_app
from integrations.api.limits import ApiLimits
from integrations.api.ratelimit import InMemoryRateLimiter, RateDecision, RateLimiter

__all__ = ["ApiLimits", "InMemoryRateLimiter", "RateDecision", "RateLimiter", "create_app"]
