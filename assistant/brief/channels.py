"""Delivering a built brief to the channels where an RM is (Slack DM, Teams personal chat).

``send_briefs`` is synchronous and runs in a worker thread (building a day's briefs is CPU
and database work that must not stall the event loop); the channel clients are async and
live on the serving loop. ``ChannelSink`` bridges the two: it is the ``BriefSink`` the send
run sees, and it hands each delivery to the loop and waits for it (bounded).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Literal, Protocol

from assistant.brief.model import Brief
from tools.bank.records import RMRecord

log = logging.getLogger("frontline.brief")
DELIVERY_TIMEOUT_S = 30.0  # one RM on one channel; the Web API calls have their own timeouts


class BriefBuilder(Protocol):
    """What a channel reads a brief from (``assistant.brief.service.BriefService``)."""

    def build(
        self, rm_id: str, day: date, language: Literal["zh", "en"] = "zh", channel: str = "cli"
    ) -> Brief: ...

    def today(self) -> date:
        """The bank's day a brief asked for without a date is for (FRONTLINE_TODAY)."""
        ...


class BriefChannel(Protocol):
    """One channel's delivery. ``reaches`` is asked from the send run's worker thread (it may
    read the database); ``send`` runs on the serving loop and raises if it could not deliver."""

    name: str

    def reaches(self, rm: RMRecord) -> bool: ...

    async def send(self, rm: RMRecord, brief: Brief) -> None: ...

    async def notify(self, rm: RMRecord, text: str) -> None:
        """A line for the RM alone (a referral sent to them, one raised to their lead)."""
        ...


class NotDelivered(RuntimeError):
    """No channel that reaches the RM took the brief (the claim is released, a retry may)."""


class ChannelSink:
    """A ``BriefSink`` over every configured channel: each RM's brief goes to each channel
    that reaches them. Delivered on one channel counts as delivered: releasing the claim
    because a second channel failed would send the first one a duplicate on the retry."""

    def __init__(
        self,
        channels: Sequence[BriefChannel],
        rms: Callable[[], Sequence[RMRecord]],
        loop: asyncio.AbstractEventLoop,
        timeout_s: float = DELIVERY_TIMEOUT_S,
    ) -> None:
        self._channels = list(channels)
        self._rms = rms
        self._loop = loop
        self._timeout_s = timeout_s
        self.name = "+".join(c.name for c in self._channels)[:32]

    def _rm(self, rm_id: str) -> RMRecord | None:
        return next((r for r in self._rms() if r.rm_id == rm_id), None)

    def reaches(self, rm_id: str) -> bool:
        rm = self._rm(rm_id)
        return rm is not None and any(c.reaches(rm) for c in self._channels)

    def deliver(self, brief: Brief) -> None:
        rm = self._rm(brief.rm_id)
        targets = [c for c in self._channels if rm is not None and c.reaches(rm)]
        delivered = 0
        for channel in targets:
            assert rm is not None
            future = asyncio.run_coroutine_threadsafe(channel.send(rm, brief), self._loop)
            try:
                future.result(self._timeout_s)
                delivered += 1
            except Exception as exc:  # by type only: a channel error may quote the message
                future.cancel()
                log.warning(
                    "brief for %s not sent on %s (%s)", rm.rm_id, channel.name, type(exc).__name__
                )
        if not delivered:
            raise NotDelivered(f"no channel took the brief for {brief.rm_id}")


class ChannelNotifier:
    """Tells one RM something on every configured channel that reaches them, from any thread
    (a tool runs in a worker thread): the delivery is handed to the serving loop and not
    waited for — a chat turn must not stall on Slack or Teams. ``on_sent`` runs once the
    first channel took it."""

    def __init__(self, channels: Sequence[BriefChannel], loop: asyncio.AbstractEventLoop) -> None:
        self._channels = list(channels)
        self._loop = loop

    def notify(self, rm: RMRecord, text: str, on_sent: Callable[[], None] | None = None) -> bool:
        targets = [c for c in self._channels if c.reaches(rm)]
        if not targets:
            return False
        asyncio.run_coroutine_threadsafe(self._deliver(targets, rm, text, on_sent), self._loop)
        return True

    async def _deliver(
        self,
        targets: list[BriefChannel],
        rm: RMRecord,
        text: str,
        on_sent: Callable[[], None] | None,
    ) -> None:
        delivered = False
        for channel in targets:
            try:
                await asyncio.wait_for(channel.notify(rm, text), DELIVERY_TIMEOUT_S)
                delivered = True
            except Exception as exc:  # by type only: the error may quote the message
                log.warning("notice for %s not sent on %s (%s)", rm.rm_id, channel.name,
                            type(exc).__name__)  # fmt: skip
        if delivered and on_sent is not None:
            await asyncio.to_thread(on_sent)
