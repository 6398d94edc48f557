"""One error root for the project; edges (CLI, HTTP, chat adapters) translate these."""

from __future__ import annotations


class FrontlineError(Exception):
    """Root of every error Frontline raises on purpose."""

    code = "frontline_error"


class UserError(FrontlineError):
    """The caller asked for something malformed: bad file, unknown RM, empty question."""

    code = "bad_request"


class ConfigError(FrontlineError):
    """A setting is missing or invalid."""

    code = "config_error"


class NotFoundError(UserError):
    code = "not_found"


class EntitlementError(FrontlineError):
    """The caller is not entitled to the data asked for (another RM's client, an admin asking
    for client data). Tools raise it; the core turns it into an explicit refusal."""

    code = "forbidden"


class ImportValidationError(UserError):
    """A bank extract failed validation; `problems` holds `file:line:column: message` lines."""

    code = "invalid_import"

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the extract; nothing was loaded")


class UpstreamError(FrontlineError):
    """A dependency (LLM provider, Slack, Chroma server) failed or timed out."""

    code = "upstream_error"
