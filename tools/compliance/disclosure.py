"""Risk-disclosure sentences: how to recognise one, and which one to add.

Which sentence a product gets is the bank's: its conduct playbook words the disclosure per
product type (理财 "理财非存款", 结构性存款 "不同于普通存款", 基金, 保险 ...), and the bank profile
(``disclosures:``) maps its catalogue's categories to those sentences. Without one, only a
the bundled profile's apply.
"""

from __future__ import annotations

import re
from functools import cache

from tools.compliance.models import ComplianceContext, DisclosurePolicy, Language
from tools.compliance.text import normalize

DISCLOSURE = re.compile(
    r"理财非存款|产品有风险|投资[须需]谨慎|投保[须需]谨慎|市场有风险|投资有风险|基金有风险|"
    r"风险自担|不保证本金|具有投资风险|不同于普通存款|"
    r"investments? (?:involves?|carry|carries) risks?|(?:is|are) not (?:a )?deposits?|"
    r"(?:may|could) lose (?:some or all of )?(?:your )?(?:principal|capital|money)|"
    r"capital (?:is )?at risk|invest(?:ment)? with caution",
    re.I,
)


@cache
def bundled_policy() -> DisclosurePolicy:
    """The bundled bank profile's disclosures, for a check that was given none."""
    from tools.outreach.bank_profile import load_bank_profile

    return load_bank_profile().disclosures or DisclosurePolicy()


def has_disclosure(text: str, policy: DisclosurePolicy | None = None) -> bool:
    """Whether ``text`` already carries a disclosure. Both sides are width-folded: a rule
    reads the folded text ("，" as ","), the bank's sentences are written with full-width
    punctuation, and one must still be found in the other."""
    text = normalize(text)
    if DISCLOSURE.search(text):
        return True
    sentences = (policy or bundled_policy()).sentences()
    return any(normalize(s).rstrip("。.") in text for s in sentences)


def disclosure_for(context: ComplianceContext, language: Language) -> str:
    """The disclosure sentence for the context's products, in ``language``; SMS gets the short
    form. One kind of product gets its own sentence; several kinds, or a kind the bank's
    policy does not list, the generic one."""
    policy = context.disclosures or bundled_policy()
    sms = context.channel == "sms"
    categories = {context.product_categories.get(c) for c in context.product_codes}
    categories -= set(policy.exempt)
    rules = {id(r): r for c in categories if (r := policy.rule_for(c)) is not None}
    if len(categories) == 1 and len(rules) == 1:
        return next(iter(rules.values())).sentence(language, sms)
    return policy.generic.sentence(language, sms)
