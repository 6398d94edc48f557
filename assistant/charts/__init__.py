"""Charts as each channel shows them: accessible inline SVG (widget, dashboard), PNG (Slack DM,
Teams card, the API's file) — rendered on the server from an answer's ``charts``."""

from assistant.charts.render import png, svg

__all__ = ["png", "svg"]
