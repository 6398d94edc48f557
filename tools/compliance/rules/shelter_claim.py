"""家族信托能完全避税避债 / "the trust shields you from all taxes and creditors": a wealth
structure sold as an escape from tax or debts. What a trust or a policy does for tax and
creditors depends on the law and each case; promising it in full is a misleading claim (the
demo bank's private-banking playbook lists it among what is never said), and promising to evade
tax is worse."""

from __future__ import annotations

from tools.compliance.models import Severity
from tools.compliance.rules.base import PhraseRule, phrase

_WHY = (  # no quoted words: a reason said back to the RM must not repeat the wording refused
    "不得宣称信托、保险等安排能完全规避税务或债务；其法律效果因个案而异，以法律意见为准。",
    "A trust, a policy or any structure is never said to shield the client from all tax or "
    "debts; its legal effect depends on the case and on legal advice.",
)
_FIX = (
    "表述为可实现财富隔离与定向传承，具体效果以法律意见为准。",
    "Say it can help ring-fence and pass on wealth, its effect subject to legal advice.",
)


class ShelterClaimRule(PhraseRule):
    code = "shelter_claim"
    severity = Severity.HIGH
    PHRASES = (
        phrase(
            r"(?:完全|彻底|百分之百|100%|绝对|一定|保证|肯定)?(?:能|可以|可)?(?:完全|彻底)?"
            r"(?:合法)?(?:避税|逃税|避债|逃债|躲债|隔离(?:所有)?债务)"
            r"(?:[、和及与/]?\s*(?:避税|逃税|避债|逃债|躲债))?"
            r"(?=[^？?吗么]{0,12}(?:$|[，,。；;！!\s]))",
            _WHY,
            _FIX,
        ),
        phrase(
            r"\b(?:avoid|escape|evade|shield\w* (?:you |them |him |her )?from|protect\w* (?:you |them |him |her )?from|"
            r"beyond the reach of)\s+(?:all\s+|any\s+)?(?:taxes|tax|creditors|debts?)\b",
            _WHY,
            _FIX,
        ),
    )
