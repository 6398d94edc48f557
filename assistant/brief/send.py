"""``send_briefs``: today's briefs to every recipient, once each, on working days only."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from assistant.brief.claims import BriefClaims
from assistant.brief.service import BriefService, Language
from assistant.brief.sinks import BriefSink

log = logging.getLogger("frontline.brief")


@dataclass
class SendReport:
    day: date
    working_day: bool
    sent: list[str] = field(default_factory=list)  # RM ids delivered (or, dry run, would be)
    skipped: list[str] = field(default_factory=list)  # already claimed elsewhere or earlier
    failed: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)  # no channel reaches them: not claimed

    def summary(self, dry_run: bool) -> str:
        if not self.working_day:
            return f"{self.day.isoformat()} is not a working day: no briefs sent"
        verb = "would send" if dry_run else "sent"
        return (
            f"{self.day.isoformat()}: {verb} {len(self.sent)}, "
            f"already sent {len(self.skipped)}, failed {len(self.failed)}"
            + (f", unreachable {len(self.unreachable)}" if self.unreachable else "")
        )


def sender_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:128]


DEFAULT_LANGUAGE: Language = "zh"


def reader_language(last_language: Callable[[str], str | None]) -> Callable[[str], Language]:
    """An RM's brief language from ``last_language`` (the conversation store's), Chinese when
    they have not written yet or wrote in neither language."""

    def language_of(rm_id: str) -> Language:
        said = last_language(rm_id)
        return "en" if said == "en" else DEFAULT_LANGUAGE

    return language_of


def send_briefs(
    service: BriefService,
    claims: BriefClaims,
    sink: BriefSink,
    day: date,
    *,
    dry_run: bool = False,
    language: Language | None = None,
    language_of: Callable[[str], Language] | None = None,
    reaches: Callable[[str], bool] | None = None,
) -> SendReport:
    """Claim, build and deliver each recipient's brief for ``day``; a dry run claims nothing.

    Each brief is in ``language`` when given, else in the reader's own (``language_of``: the
    language they last wrote to the assistant in), else Chinese.

    ``reaches`` (a channel sink's) leaves out RMs no channel can reach before claiming, so an
    RM who links Slack or Teams later in the day still gets the day's brief."""
    report = SendReport(day, service.is_working_day(day))
    if not report.working_day:
        return report
    me = sender_id()
    for rm in service.recipients():
        if reaches is not None and not reaches(rm.rm_id):
            report.unreachable.append(rm.rm_id)
            continue
        if not dry_run and not claims.claim(rm.rm_id, day, claimed_by=me, sink=sink.name):
            report.skipped.append(rm.rm_id)
            continue
        try:
            read_in = language or (language_of(rm.rm_id) if language_of else DEFAULT_LANGUAGE)
            sink.deliver(service.build(rm.rm_id, day, read_in, channel=sink.name))
        except Exception as exc:
            # One RM's failure must not cost the others their brief; the claim goes back so
            # the next run retries. Logged by type only: the brief's text never enters a log.
            log.error("brief for %s not delivered (%s)", rm.rm_id, type(exc).__name__)
            if not dry_run:
                claims.release(rm.rm_id, day)
            report.failed.append(rm.rm_id)
            continue
        if not dry_run:
            claims.mark_sent(rm.rm_id, day)
        report.sent.append(rm.rm_id)
    return report
