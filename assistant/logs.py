"""Structured JSON logs, masked.

Logs go to stderr and to ``FRONTLINE_HOME/logs/frontline.log`` as one JSON object a line. A
filter redacts anything shaped like a phone, resident ID, USCC or card number before a record
is written: code never logs raw client values on purpose, and this catches the accident (an
exception message quoting a row).
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from logging.handlers import RotatingFileHandler

from assistant.config import Settings

IDENTIFIER = re.compile(
    r"(?<![0-9A-Za-z])(?:"
    r"\d{17}[\dXx]"  # resident ID
    r"|[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}"  # USCC
    r"|(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}"  # mainland mobile
    r"|\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{1,7}"  # card / account
    r")(?![0-9A-Za-z])"
)


def redact(text: str) -> str:
    return IDENTIFIER.sub("[redacted]", text)


class RedactingJsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        for key in (
            "turn_id",
            "conversation_id",
            "rm_id",
            "channel",
            "latency_ms",
            "intent",
            "engine",
        ):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(settings: Settings, *, console_level: str = "WARNING") -> None:
    """Idempotent: replaces Frontline's handlers on the root logger. The file gets every record
    at the configured level; the console only ``console_level`` and up (a shell command stays
    quiet, the server logs its requests)."""
    root = logging.getLogger()
    root.setLevel(settings.log_level.upper())
    for handler in [h for h in root.handlers if getattr(h, "_frontline", False)]:
        root.removeHandler(handler)
    formatter = RedactingJsonFormatter()
    logs = settings.home / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    console = logging.StreamHandler()
    console.setLevel(console_level)
    for handler in (
        console,
        RotatingFileHandler(
            logs / "frontline.log", maxBytes=20_000_000, backupCount=5, encoding="utf-8"
        ),
    ):
        handler.setFormatter(formatter)
        handler._frontline = True  # type: ignore[union-attr]  # our marker attribute
        root.addHandler(handler)
    for noisy in (
        "httpx",
        "chromadb",
        "sentence_transformers",
        "urllib3",
        "jieba",
        "presidio-analyzer",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
