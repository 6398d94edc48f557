"""Outreach drafting: compliant client messages for WeChat, SMS, e-mail and call scripts, from
typed templates, carrying privacy tokens only."""

from tools.outreach.draft import draft_outreach
from tools.outreach.models import (
    CallScript,
    Channel,
    OutreachDraft,
    OutreachRequest,
    ProductRef,
    Purpose,
)
from tools.outreach.templates import TemplateLibrary

__all__ = [
    "CallScript",
    "Channel",
    "OutreachDraft",
    "OutreachRequest",
    "ProductRef",
    "Purpose",
    "TemplateLibrary",
    "draft_outreach",
]
