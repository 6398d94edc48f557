"""``/dashboard``: the team lead's and branch head's page — the team measures and their charts,
rendered on the server, with the assistant docked beside them."""

from integrations.dashboard.routes import dashboard_router

__all__ = ["dashboard_router"]
