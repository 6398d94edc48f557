"""The one settings class. Nothing else in Frontline reads ``os.environ``.

Every variable of DESIGN §4.2 is a field here, validated at start-up; ``get_settings()`` is
cached and tests replace it with ``get_settings.cache_clear()`` plus their own environment or
by passing a ``Settings`` object to the constructors that need one.
"""

from __future__ import annotations

from datetime import date, time
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from assistant.errors import ConfigError
from assistant.hosts import is_loopback, parse_host_pattern


def _comma_list(value: object) -> object:
    if isinstance(value, str):
        return [o.strip() for o in value.split(",") if o.strip()]
    return value


class LLMSettings(BaseModel):
    base_url: str | None = None
    model: str = "qwen2.5-7b-instruct"
    api_key: SecretStr | None = None
    timeout_s: float = 30.0
    max_tool_rounds: int = 6

    @property
    def enabled(self) -> bool:
        return bool(self.base_url)


class SlackSettings(BaseModel):
    bot_token: SecretStr | None = None
    signing_secret: SecretStr | None = None
    api_url: str = "https://slack.com/api/"


class TeamsSettings(BaseModel):
    app_id: str | None = None
    app_password: SecretStr | None = None
    tenant_id: str | None = None
    # Bot Connector hosts beyond Microsoft's public ones (sovereign clouds): names or *.suffix.
    service_hosts: tuple[str, ...] = ()


class Settings(BaseSettings):
    """Frontline configuration from the environment (prefix ``FRONTLINE_``) or ``.env``."""

    model_config = SettingsConfigDict(
        env_prefix="FRONTLINE_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    home: Path = Path(".frontline")
    database_url: str | None = None
    chroma_url: str | None = None
    redis_url: str | None = None
    embedding_model: Path | None = None
    # The bank's own search glossary (YAML groups of equivalent phrases); default: the bundled one.
    search_glossary: Path | None = None
    # The bank's name and SMS wording for outreach drafts; default: tools/policy/bank.yaml.
    bank_profile: Path | None = None
    # The bank's playbook map (which playbook answers a signal, a channel's templates, what to
    # search for); default: the bundled tools/policy/playbooks.yaml.
    playbook_map: Path | None = None
    # The bank's tiering and signal policies (thresholds, categories, its own tier column);
    # default: the bundled tools/policy/tiering.yaml and signals.yaml.
    tiering_policy: Path | None = None
    signal_policy: Path | None = None
    # How the bank's RMs capture notes in chat (trigger words, channels, what an empty note
    # is); default: tools/policy/notes.yaml.
    note_policy: Path | None = None
    # What an RM may answer to a suggested action (done / not now and its reasons, how long
    # "not now" hides it, the chat words); default: tools/policy/outcomes.yaml.
    outcome_policy: Path | None = None
    # Who may be sent marketing and when (caps per channel, quiet hours, the same-day rule,
    # which draft purposes are service); default: tools/policy/contact.yaml.
    contact_policy: Path | None = None
    # The data-quality policy ("我的客户数据缺什么"); None: tools/policy/data_quality.yaml.
    data_quality_policy: Path | None = None
    # Referrals between departments: targets, the receiver's deadline; None: tools/policy/referrals.yaml.
    referral_policy: Path | None = None
    # How the bank measures its RMs (及时率 bands, effective clients, payroll categories) for
    # team views; default: tools/policy/performance.yaml.
    performance_policy: Path | None = None
    # The bank's example utterances per intent (zh and en); default: tools/policy/intents.yaml.
    intent_examples: Path | None = None
    # How the offline engine tells intents apart: "rules" (keyword patterns), "examples"
    # (nearest example utterances, embedded by the retrieval model) or "combined" (a confident
    # rule, else confident examples). Combined by default: it wins on the blind held-out halves
    # of both banks and keeps the golden sets (the comparison is in the README).
    intent_method: Literal["rules", "examples", "combined"] = "combined"
    # What a book ranking is by, by example, when the rules find no measure word ("who owes us
    # the most"); default: tools/policy/book_slots.yaml. "rules" turns the examples off.
    book_slot_examples: Path | None = None
    book_slot_method: Literal["rules", "combined"] = "combined"
    vault_key: SecretStr | None = None
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    api_tokens: Annotated[dict[str, str], NoDecode] = Field(default_factory=dict)
    # The server's own surface. The demo page at / embeds the first API token: only on
    # request, and `serve` refuses it unless bound to loopback. /docs and /openapi.json only
    # when asked for; /metrics needs the metrics token when one is set, else a loopback caller.
    demo_page: bool = False
    api_docs: bool = False
    metrics_token: SecretStr | None = None
    # Seconds a client may take to send its request headers, and between two body chunks.
    request_read_timeout_s: float = Field(default=10.0, gt=0, le=300)
    # Hosts answers may link to (besides the hosts of ingested playbook sources); links to any
    # other host are removed, and a token never turns back into a value inside a URL.
    link_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)

    llm_base_url: str | None = None
    llm_model: str = "qwen2.5-7b-instruct"
    llm_api_key: SecretStr | None = None
    llm_timeout_s: float = 30.0
    llm_max_tool_rounds: int = Field(default=6, ge=1, le=20)

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"

    teams_app_id: str | None = None
    teams_app_password: SecretStr | None = None
    teams_tenant_id: str | None = None
    teams_service_hosts: Annotated[tuple[str, ...], NoDecode] = ()

    log_level: str = "INFO"

    # The morning brief: sent at this local time on the bank's working days (the calendar in
    # the signal policy), in the bank's time zone; "today" for a brief is that zone's date.
    timezone: str = "Asia/Shanghai"
    brief_at: time = time(8, 30)
    # The bank's day that answers and briefs count from (days to a maturity, overdue follow-ups,
    # "下周三" in a note, an outcome's hide date): unset, the date now in ``timezone``;
    # "extract", the extract's as-of date (the demo and evaluation runs: the same answer on any
    # day); or a fixed YYYY-MM-DD. Balances and contact records are always the extract's.
    today: str | None = None

    # Operations: OTLP/HTTP traces (e.g. http://collector:4318), shared-state key namespace,
    # and the API's per-caller rate limit (shared across replicas through Redis or the database).
    otlp_endpoint: str | None = None
    service_name: str = "frontline"
    redis_key_prefix: str = "frontline"
    api_rate_per_minute: float = Field(default=30, gt=0)
    api_rate_burst: int = Field(default=10, ge=1)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        return _comma_list(value)

    @field_validator("link_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        hosts = _comma_list(value)
        return [parse_host_pattern(str(h)) for h in hosts] if isinstance(hosts, list) else hosts

    @field_validator("api_tokens", mode="before")
    @classmethod
    def _parse_tokens(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        tokens: dict[str, str] = {}
        for pair in filter(None, (p.strip() for p in value.split(","))):
            token, sep, rm_id = pair.partition(":")
            if not sep or not token or not rm_id:
                raise ValueError(f"expected TOKEN:RM_ID pairs, got {pair!r}")
            tokens[token] = rm_id
        return tokens

    @field_validator("teams_service_hosts", mode="before")
    @classmethod
    def _parse_service_hosts(cls, value: object) -> object:
        entries = _comma_list(value)
        if not isinstance(entries, list | tuple):
            return entries
        hosts = tuple(parse_host_pattern(str(e)) for e in entries)
        for host in hosts:
            if is_loopback(host):
                raise ValueError(
                    f"{host!r}: loopback serviceUrls are allowed only without "
                    "FRONTLINE_TEAMS_APP_ID (the anonymous development mode), never listed"
                )
        return hosts

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r} (an IANA name, e.g. Asia/Shanghai)"
            ) from None
        return value

    @field_validator("today")
    @classmethod
    def _check_today(cls, value: str | None) -> str | None:
        if not value or value == "extract":
            return value or None
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"a date (YYYY-MM-DD) or 'extract', not {value!r}") from None
        return value

    @field_validator("database_url")
    @classmethod
    def _check_db_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("sqlite", "postgresql", "postgres")):
            raise ValueError("only sqlite:// and postgresql:// URLs are supported")
        if value and value.startswith("postgres://"):
            value = "postgresql://" + value.removeprefix("postgres://")
        return value

    # Sections: the rest of the code takes these rather than loose fields.
    @property
    def llm(self) -> LLMSettings:
        return LLMSettings(
            base_url=self.llm_base_url,
            model=self.llm_model,
            api_key=self.llm_api_key,
            timeout_s=self.llm_timeout_s,
            max_tool_rounds=self.llm_max_tool_rounds,
        )

    @property
    def slack(self) -> SlackSettings:
        return SlackSettings(
            bot_token=self.slack_bot_token,
            signing_secret=self.slack_signing_secret,
            api_url=self.slack_api_url,
        )

    @property
    def teams(self) -> TeamsSettings:
        return TeamsSettings(
            app_id=self.teams_app_id,
            app_password=self.teams_app_password,
            tenant_id=self.teams_tenant_id,
            service_hosts=self.teams_service_hosts,
        )

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL with a driver SQLAlchemy can use (psycopg 3 for PostgreSQL)."""
        if not self.database_url:
            return f"sqlite:///{(self.home / 'frontline.db').resolve()}"
        if self.database_url.startswith("postgresql://"):
            return "postgresql+psycopg://" + self.database_url.removeprefix("postgresql://")
        return self.database_url

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning a validation error into one readable ConfigError line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "settings"
        raise ConfigError(f"invalid setting FRONTLINE_{field.upper()}: {first['msg']}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
