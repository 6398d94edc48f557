"""Background campaign jobs in the application database (``assistant.campaign_jobs``): the row
a job is before it is queued, claimed once, with its progress and result."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assistant.storage.db import Base


class CampaignJobRow(Base):
    """A campaign drafted in the background (``assistant.campaign_jobs``): queued, claimed by one
    worker (``status`` moves from queued to running in one conditional update: never twice),
    its progress, and the campaign it made."""

    __tablename__ = "campaign_jobs"
    job_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    rm_id: Mapped[str] = mapped_column(String(32), index=True)
    channel: Mapped[str] = mapped_column(String(16))  # where it was asked from
    request: Mapped[dict] = mapped_column(JSON, default=dict)  # the CampaignRequest
    status: Mapped[str] = mapped_column(String(16), index=True)  # queued|running|done|failed
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    campaign_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
