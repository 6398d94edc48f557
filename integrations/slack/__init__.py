"""Slack channel adapter: Events API + interactivity over HTTP (or Socket Mode), Block Kit out."""

from integrations.slack.app import SlackIntegration, build_slack, frontline_slack_socket

__all__ = ["SlackIntegration", "build_slack", "frontline_slack_socket"]
