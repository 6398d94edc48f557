"""The embeddable web widget (``widget.js``) and the demo intranet page that hosts it."""

from integrations.widget.routes import widget_router

__all__ = ["widget_router"]
