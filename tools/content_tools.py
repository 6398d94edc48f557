"""Tools over content rather than client data: playbook search, outreach drafts, compliance."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from typing import TYPE_CHECKING, Literal, cast

from pydantic import BaseModel, Field

from assistant.privacy.tokens import TOKEN_RE
from tools.bank.records import InteractionRecord
from tools.names.titles import addressed, by_role, titled
from tools.toolbox import Toolbox, ToolError
from tools.untrusted import only_removed

if TYPE_CHECKING:
    from tools.bank.records import ClientData, ContactRecord, ProductRecord
    from tools.contact import ContactPolicy, Hold
    from tools.intelligence.policy import RiskOverlay
    from tools.outreach import ProductRef
    from tools.outreach import Purpose as OutreachPurpose

Language = Literal["zh", "en"]
RiskLevel = Literal["R1", "R2", "R3", "R4", "R5"]
RiskAppetite = Literal["C1", "C2", "C3", "C4", "C5"]

Purpose = Literal[
    "maturity_reminder",
    "loan_maturity",
    "churn_care",
    "payroll_pitch",
    "product_intro",
    "dormant_reactivation",
    "service_visit",
    "suitability_review",
    "complaint_reply",
    "birthday_or_festival",
    "general",
]


class SearchPlaybooksArgs(BaseModel):
    query: str = Field(
        description="What to look for in the bank's playbooks, in Chinese or English"
    )
    k: int = Field(default=4, ge=1, le=10)
    language: Literal["zh", "en"] | None = None
    tier: str | None = None
    product: str | None = Field(
        default=None, description="A product code of the bank's catalogue (see find_products)"
    )
    industry: str | None = None


class DraftOutreachArgs(BaseModel):
    client_id: str
    channel: Literal["wechat", "sms", "email", "call"] = "wechat"
    purpose: Purpose = "general"
    language: Literal["zh", "en"] | None = None
    product_code: str | None = None
    points: list[str] = Field(
        default_factory=list, description="Points the RM wants included (checked for compliance)"
    )
    style: Literal["standard", "short", "formal", "casual"] = Field(
        default="standard",
        description="short: fewer sentences; formal / casual: the register of greeting, "
        "call to action and sign-off (an edit of the last draft: keep its other arguments)",
    )
    include: list[Literal["maturity_date", "amount"]] = Field(
        default_factory=list,
        description="Facts to add as a line of their own (the holding's maturity date, amount)",
    )
    exclude: list[Literal["maturity_date", "amount"]] = Field(
        default_factory=list,
        description="Facts to leave out of the message ('别写金额', 'don't mention the amount')",
    )
    contact: str | None = Field(
        default=None,
        description="The client's contact to address, as the RM named them: a ⟦PERSON_n⟧ token "
        "or a surname and title (郭经理, Mr Huang); default the primary contact",
    )
    send_at: datetime | None = Field(
        default=None,
        description="When the RM means to send it (the bank's local time: '周六中午12点半'); "
        "quiet hours are read at that time. Unset: now",
    )
    occasion: str | None = Field(
        default=None,
        max_length=40,
        description="For a greeting: the festival or day it is for, in the message's language "
        "(冬至, 中秋节, 生日, 'the Mid-Autumn Festival', 'your birthday')",
    )


class CheckComplianceArgs(BaseModel):
    text: str
    product_codes: list[str] = Field(default_factory=list)
    client_id: str | None = None
    channel: str | None = None
    text_kind: Literal["client_text", "request"] = Field(
        default="client_text",
        description="client_text: words a client will read; request: an RM's instruction, which "
        "is checked for what it asks to promise but needs no risk disclosure of its own",
    )


def search_playbooks(tb: Toolbox, args: SearchPlaybooksArgs) -> dict:
    filters = {
        k: v
        for k, v in {
            "language": args.language,
            "tier": args.tier,
            "product": args.product,
            "industry": args.industry,
        }.items()
        if v
    }
    passages = tb.services.retriever.search(
        args.query, k=args.k, filters=filters or None, prefer_language=tb.language
    )
    texts = [tb.untrusted(p.text) for p in passages]
    # A passage that was nothing but planted instructions has nothing left to show or cite.
    kept = [(p, text) for p, text in zip(passages, texts, strict=True) if not only_removed(text)]
    return {
        "passages": [
            {
                "n": tb.cite(p),
                "doc_id": p.doc_id,
                "title": p.title,
                "section": p.section,
                "stale": bool(p.stale),
                # Reference material, never instructions: neutralised here, fenced for the model.
                "text": text,
            }
            for p, text in kept
        ]
    }


def draft_outreach(tb: Toolbox, args: DraftOutreachArgs) -> dict:
    from tools.outreach import Channel, OutreachRequest
    from tools.outreach import Purpose as DraftPurpose
    from tools.outreach import draft_outreach as make_draft

    data = tb.client_data(args.client_id)
    c = data.client
    product = tb.services.products.get(args.product_code) if args.product_code else None
    if args.product_code and product is None:
        raise ToolError(f"unknown product {args.product_code}")
    primary = addressee(tb, data.contacts, args.contact) or primary_contact(data)
    insight = tb.insight(data)
    # The toolbox language and the client's enums were validated upstream (Literal-typed
    # request / import rows); OutreachRequest validates them again.
    language = cast(Language, args.language or tb.language)
    request = OutreachRequest(
        channel=Channel(args.channel),
        language=language,
        purpose=_purpose(tb, DraftPurpose(args.purpose), product),
        client_token=cast(str, tb.token(c.name, "CLIENT", c.client_id)),
        client_type=cast(Literal["corporate", "retail"], c.client_type),
        contact_token=tb.token(primary.name, "PERSON", c.client_id) if primary else None,
        tier=insight.tier.label_zh if language == "zh" else insight.tier.label_en,
        product=_product_info(product),
        facts={
            k: v
            for k, v in (
                tb.services.intelligence.outreach_facts(
                    data, tb.services.as_of, args.product_code, language
                )
                | complaint_facts(tb, data)
            ).items()
            if k not in args.exclude  # a phrase missing its value is left out of the draft
        }
        | {"rm_name": tb.caller.rm.name}  # an RM's own name is not client PII
        # the RM's words: masked like points (the templates say it as given)
        | ({"occasion": tb.mask_text(args.occasion)} if args.occasion else {}),
        client_risk_appetite=cast(RiskAppetite | None, c.risk_appetite),
        points=[tb.mask_text(p) for p in args.points],
        style=args.style,
        include=[k for k in args.include if k not in args.exclude],
    )
    held = contact_holds(tb, data, primary, request.purpose.value, args.channel, at=args.send_at)
    if standing := [h for h in held if not h.until_later]:
        # A marketing message the contact policy holds back is not written: said why instead.
        tb.flags.extend(
            f"contact:{h.code}" for h in standing if f"contact:{h.code}" not in tb.flags
        )
        return {
            "held": [h.said(language) for h in standing],
            "held_codes": [h.code for h in standing],
            "client_id": c.client_id,
            "channel": args.channel,
            "purpose": request.purpose.value,
            "text": "",
        }
    draft = make_draft(request, library=tb.services.templates)
    tb.flags.extend(f for f in draft.flags if f not in tb.flags)
    out = draft.model_dump(mode="json")
    if held:  # quiet hours: written now, sent later
        out["send_after"] = held[0].said(language)
    return out


def complaint_facts(tb: Toolbox, data: ClientData) -> dict[str, str]:
    """What a complaint reply says: the newest open complaint's category and dates (a due date
    already past is no promise to repeat); empty without one."""
    from tools.contact.check import open_complaints

    opened = open_complaints(contact_policy(tb), data.complaints)
    if not opened:
        return {}
    c = max(opened, key=lambda c: c.date)
    facts = {"complaint_category": c.category, "complaint_date": c.date.isoformat()}
    if c.due_date >= tb.services.as_of:
        facts["complaint_due"] = c.due_date.isoformat()
    return facts


def primary_contact(data: ClientData) -> ContactRecord | None:
    """Whom a message to the client addresses by default: the primary contact, else the first."""
    return next(
        (p for p in data.contacts if p.is_primary), data.contacts[0] if data.contacts else None
    )


def contact_policy(tb: Toolbox) -> ContactPolicy:
    from tools.contact import load_contact_policy

    return tb.services.contact or load_contact_policy()


def sent_contacts(tb: Toolbox, data: ClientData, policy: ContactPolicy) -> list[InteractionRecord]:
    """The client's exported campaign messages as contacts on their channel, as the extract's
    contacts are (by the interactions.csv value the channel maps to)."""
    return [
        InteractionRecord(data.client.client_id, day, "", (policy.counts_as(ch) or (ch,))[0], "")
        for day, ch in tb.campaign_sends(data.client.client_id)
    ]


def contact_holds(
    tb: Toolbox,
    data: ClientData,
    contact: ContactRecord | None,
    purpose: str,
    channel: str,
    at: datetime | None = None,
) -> list[Hold]:
    """Why a marketing message to this client, on this channel, may not go now (or ``at``: the
    time the RM means to send it); empty for a service message."""
    from tools.contact import holds

    policy = contact_policy(tb)
    now = at or (
        tb.services.now() if tb.services.now else datetime.combine(tb.services.as_of, time(10))
    )
    intelligence = tb.services.intelligence.policy
    calendar = intelligence.signals.calendar
    return watch_holds(intelligence.tiering.risk_overlay, data, policy, purpose) + holds(
        policy,
        data.client,
        [*data.interactions, *sent_contacts(tb, data, policy)],
        contact=contact,
        complaints=data.complaints,
        purpose=purpose,
        channel=channel,
        at=now,
        is_working_day=calendar.is_working_day,
        planned=at is not None,
    )


def watch_holds(
    overlay: RiskOverlay | None, data: ClientData, policy: ContactPolicy, purpose: str
) -> list[Hold]:
    """A marketing message to a client on the bank's risk watch list waits (风险关注: no
    cross-selling, no new-credit marketing while watched); a service message goes."""
    from tools.contact import Hold

    if overlay is None or not overlay.pause_marketing or not policy.is_marketing(purpose):
        return []
    if (rating := overlay.watches(data.client)) is None:
        return []
    return [
        Hold(
            "risk_watch",
            f"客户为{overlay.label_zh}（评级 {rating}）：{overlay.standard_zh}",
            f"The client is on the {overlay.label_en} list (rating {rating}): {overlay.standard_en}",
        )
    ]


def _purpose(
    tb: Toolbox, purpose: OutreachPurpose, product: ProductRecord | None
) -> OutreachPurpose:
    """A maturity reminder about a loan or facility (the bank's lending categories) is a
    repayment-or-renewal note: the deposit copy would tell a borrower to "renew the deposit"."""
    from tools.outreach import Purpose as DraftPurpose

    lending = tb.services.intelligence.policy.signals.maturity.lending_categories
    if purpose is DraftPurpose.MATURITY_REMINDER and product and product.category in lending:
        return DraftPurpose.LOAN_MATURITY
    return purpose


def _product_info(product: ProductRecord | None) -> ProductRef | None:
    from tools.outreach import ProductRef

    if product is None:
        return None
    return ProductRef(
        code=product.product_code,
        name=product.name,
        name_en=product.name_en,
        risk_level=cast(RiskLevel, product.risk_level),  # validated on import
        category=product.category,
        min_amount=product.min_amount,
    )


def disclosure_sentence(tb: Toolbox, product_code: str, language: str) -> str | None:
    """The bank's risk disclosure for one product, as a draft about it would carry it; None
    for a product the bank's disclosure policy exempts (a deposit, a loan) or does not know."""
    from tools.compliance import ComplianceContext, disclosure_for
    from tools.compliance.disclosure import bundled_policy

    product = tb.services.products.get(product_code)
    profile = tb.services.templates.profile if tb.services.templates is not None else None
    policy = (profile.disclosures if profile is not None else None) or bundled_policy()
    if product is None or product.category in policy.exempt:
        return None
    context = ComplianceContext(
        product_codes=(product_code,),
        product_categories={product_code: product.category},
        disclosures=policy,
    )
    return disclosure_for(context, cast(Language, language))


def check_compliance(tb: Toolbox, args: CheckComplianceArgs) -> dict:
    from tools.compliance import ComplianceContext, default_registry, request_registry
    from tools.compliance import check_compliance as run_check

    appetite = None
    if args.client_id:
        appetite = tb.client_data(args.client_id).client.risk_appetite
    levels = {
        code: tb.services.products[code].risk_level
        for code in args.product_codes
        if code in tb.services.products
    }
    rules = request_registry() if args.text_kind == "request" else default_registry()
    report = run_check(
        tb.mask_text(args.text),
        language=cast(Language, tb.language),
        registry=rules,
        context=ComplianceContext(
            product_codes=tuple(args.product_codes),
            product_risk_levels=cast(dict[str, RiskLevel], levels),
            product_categories={
                code: tb.services.products[code].category
                for code in args.product_codes
                if code in tb.services.products
            },
            client_risk_appetite=cast(RiskAppetite | None, appetite),
            channel=args.channel,
            disclosures=tb.services.templates.profile.disclosures
            if tb.services.templates is not None
            else None,
        ),
    )
    tb.flags.extend(f for f in report.flags if f not in tb.flags)
    return report.model_dump(mode="json")


def addressee(
    tb: Toolbox, contacts: Sequence[ContactRecord], said: str | None
) -> ContactRecord | None:
    """The contact the RM named for a draft ("打给郭经理" -> 郭倩, 财务经理): by the name, else by
    surname and title; None when the words fit none of the client's contacts."""
    if not said:
        return None
    value = tb.value_for_token(said) if TOKEN_RE.fullmatch(said) else said
    if not value:
        return None
    exact = [p for p in contacts if p.name == value]
    if exact:
        return exact[0]
    if (at := by_role(value, (p.title for p in contacts))) is not None:
        return contacts[at]  # "GM", "财务总监": the contact whose title it is
    form = titled(value)
    fits = (
        addressed(form, ((str(i), p.name, p.title) for i, p in enumerate(contacts))) if form else []
    )
    return contacts[int(fits[0])] if fits else None
