"""Teams channel adapter: Microsoft 365 Agents SDK behind ``/api/messages``, Adaptive Cards out."""

from integrations.teams.app import TeamsIntegration, build_teams
from integrations.teams.auth import TeamsAuthConfig

__all__ = ["TeamsAuthConfig", "TeamsIntegration", "build_teams"]
