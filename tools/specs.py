"""The explicit list of tools (DESIGN §4.5). Names are a contract: evaluations rely on them."""

from __future__ import annotations

from tools import (
    book_tools,
    campaign,
    chart_tools,
    client_tools,
    contact_tools,
    content_tools,
    data_quality,
    note_tools,
    outcome_tools,
    product_tools,
    referral_tools,
    team_tools,
)
from tools.prep import tool as prep_tool
from tools.toolbox import ToolSpec

ALL_TOOLS: list[ToolSpec] = [
    *client_tools.SPECS,
    ToolSpec(
        "list_book",
        book_tools.ListBookArgs,
        "Filter and rank the caller's own book (a team lead: the team's books) by tier, signal, product gap, "
        "maturity window, client type or industry; or list overdue follow-ups for team leads. Each client's "
        "open signals carry an action_key (for record_action_outcome); signals marked done or put off are left out.",
        book_tools.list_book,
    ),
    ToolSpec(
        "search_playbooks",
        content_tools.SearchPlaybooksArgs,
        "Search the bank's playbooks (service standards, product, lifecycle, compliance, outreach templates). "
        "Returns numbered passages to cite as [n].",
        content_tools.search_playbooks,
    ),
    ToolSpec(
        "draft_outreach",
        content_tools.DraftOutreachArgs,
        "Draft a WeChat, SMS, e-mail or call script for one client in Chinese or English from the bank's "
        "templates, checked against the conduct rules. Names stay as tokens.",
        content_tools.draft_outreach,
    ),
    ToolSpec(
        "draft_campaign",
        campaign.CampaignArgs,
        "Draft one message for every client of a segment of the caller's book (the same filters as "
        "list_book), each in the client's language, checked against the conduct rules and the contact "
        "policy; clients held back (no consent, opted out, open complaint, monthly cap) are counted by "
        "reason. Recorded; returns counts, a preview and CSV/XLSX download links. Use for more than "
        "five clients; draft_outreach for one.",
        campaign.draft_campaign,
    ),
    ToolSpec(
        "contact_allowance",
        contact_tools.ContactAllowanceArgs,
        "How many marketing contacts a client may still get this month on each channel (the bank's caps, "
        "the contacts already made), and whether one may go now or at a given time: consent, opt-out, an "
        "open complaint, quiet hours. Service messages (maturity notices, churn follow-ups) are never held.",
        contact_tools.contact_allowance,
    ),
    ToolSpec(
        "check_compliance",
        content_tools.CheckComplianceArgs,
        "Check a text against the marketing-conduct rules: promised or guaranteed returns, risk-free language, "
        "suitability mismatch for the client, missing risk disclosure, full identifiers.",
        content_tools.check_compliance,
    ),
    ToolSpec(
        "find_products",
        product_tools.FindProductsArgs,
        "Find products in the bank's own catalogue by what an RM calls them (大额存单, CD, 理财, 代发, "
        "payroll, LC, cash pooling, or the bank's product name). With a client, their segment and "
        "holdings pick the best fit. asked_for set and no products: the bank has no such product.",
        product_tools.find_products,
    ),
    ToolSpec(
        "data_gaps",
        data_quality.DataGapsArgs,
        "What the caller's client records lack, by the bank's data-quality policy: per field (risk appetite, "
        "industry, employee count, primary contact, …) how many clients miss it and the first of them, stale "
        "contact and reviews due; a team lead: the team per RM, or one RM's book. Values are never shown.",
        data_quality.data_gaps,
    ),
    prep_tool.SPEC,
    *note_tools.SPECS,
    outcome_tools.SPEC,
    *referral_tools.SPECS,
    team_tools.SPEC,
    chart_tools.SPEC,
]
