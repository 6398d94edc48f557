"""Segment campaigns (全渠道营销): one compliance-checked draft per client of a segment of the
caller's book, the clients the contact policy holds back listed with the reason, recorded so
the cadence counts what was exported, and exported for the bank's messaging platform."""

from tools.campaign.run import (
    CampaignArgs,
    CampaignRun,
    draft_campaign,
    run_campaign,
)

__all__ = ["CampaignArgs", "CampaignRun", "draft_campaign", "run_campaign"]
