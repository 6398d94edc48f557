"""双录就别做了 / "skip the recording, she's been with us for years": a safeguard an investment sale
must go through — the audio-video recording (双录), a second colleague's check, the client's risk
assessment or disclosure — left out on purpose. Both evaluation banks' suitability playbooks
require them (older clients buying R3 and above: recorded, and on Harbour checked by a second
member of staff); a message or a sale planned without them is not written."""

from __future__ import annotations

from tools.compliance.models import Severity
from tools.compliance.rules.base import PhraseRule, phrase

_WHY = (
    "双录、第二名员工复核、风险测评和风险揭示是销售流程的必经环节，不得省略或跳过，对老年客户尤其如此。",
    "The recording, a second colleague's check, the risk assessment and the risk disclosure are "
    "required steps of the sale; none may be skipped, for older clients least of all.",
)
_FIX = (
    "按规定完成双录（及复核）、风险测评与揭示后再办理；客户不便到网点的，预约可以双录的时间和地点。",
    "Complete the recording (and the second check), the assessment and the disclosure before "
    "the sale; if the client cannot come in, book a time and place where it can be done.",
)
_SAFEGUARD_ZH = (
    r"双录|同步录音录像|录音录像|录音|录像|复核|双人(?:复核|核实)|风险测评|风评|测评|风险揭示"
)
_SKIP_ZH = (
    r"(?:就|也|先|都)?(?:别|不用|不要|不必|不需要|免|省|跳过|略过|不搞|算了|先不)"
    r"(?:做|搞|录|弄|走)?(?:了|掉|吧)?"
)
_SAFEGUARD_EN = (
    r"(?:audio[- ]video |video |dual |double )?recording|second[- ](?:staff|person|colleague|"
    r"member of staff)(?:'s)? (?:check|review|sign-?off)|double[- ]check|risk (?:assessment|"
    r"questionnaire|disclosure)"
)


class SkippedSafeguardRule(PhraseRule):
    code = "skipped_safeguard"
    severity = Severity.HIGH
    PHRASES = (
        phrase(
            rf"(?:{_SAFEGUARD_ZH})(?:这步|环节|流程|那套|那个)?[^，,。；;？?]{{0,3}}?{_SKIP_ZH}(?![^，,。；;]{{0,2}}[吗么])|"
            rf"(?:不用|不要|别|不必|不需要|免|省掉|省去|跳过|略过|绕过|不搞)(?:做|搞|走|弄)?(?:那个|这个|什么)?(?:{_SAFEGUARD_ZH})"
            r"(?![^，,。；;]{0,4}[吗么])|"
            # "双录太麻烦直接跳过办了吧": the safeguard called a bother, then skipped
            rf"(?:{_SAFEGUARD_ZH})[^。；;？?]{{0,8}}?(?:麻烦|费事|费劲|太慢|太久|耽误)[^。；;？?]{{0,6}}?"
            r"(?:跳过|略过|省了|省掉|免了|不做|不搞|别做|算了|先不)",
            _WHY,
            _FIX,
        ),
        phrase(
            rf"\b(?:skip(?:ping)?|drop(?:ping)?|forget(?:ting)? about|waiv(?:e|ing)|bypass(?:ing)?|"
            rf"no need for|don'?t bother with|without)\s+(?:the\s+|a\s+|any\s+|her\s+|his\s+)?(?:{_SAFEGUARD_EN})\b",
            _WHY,
            _FIX,
        ),
    )
