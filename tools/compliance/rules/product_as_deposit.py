"""就跟他说这是一种利息更高的存款 / "tell her the annuity is just a deposit with better interest": an
insurance, wealth or fund product called a deposit. Both banks require the opposite sentence in
the product's own disclosure (本产品为保险产品，不是存款 / 理财非存款): the client must know what
they buy, so a non-deposit is never sold as one."""

from __future__ import annotations

from tools.compliance.models import Severity
from tools.compliance.rules.base import PhraseRule, phrase

_WHY = (
    "保险、理财、基金等产品不是存款，不得将其说成或包装成存款、定期，须如实告知产品性质与风险。",
    "Insurance, wealth and fund products are not deposits: never call or present one as a "
    "deposit; say what the product is and its risks.",
)
_FIX = (
    "说明产品类型（保险/理财/基金）、期限、费用与风险，并附上“本产品不是存款”的提示。",
    "Say what the product is (insurance, wealth, fund), its term, costs and risks, with the "
    "statement that it is not a deposit.",
)
_NOT_DEPOSIT_ZH = r"(?:保险|年金|保单|寿险|分红险|万能险|理财|基金|信托)"


class ProductAsDepositRule(PhraseRule):
    code = "product_as_deposit"
    severity = Severity.HIGH
    PHRASES = (
        phrase(
            # "推下福寿年金 就跟他说这是一种利息更高的存款", "把这款理财包装成定期"
            rf"{_NOT_DEPOSIT_ZH}[^。！？!?；;]{{0,16}}(?:说成|说是|讲成|当成|当作|当|包装成|就是|是一种|算是|算|等于|相当于)"
            rf"(?:一种|一笔|个)?[^。！？!?，,]{{0,8}}(?<!不是)(?<!并非)(?<!非)(?:存款|定期|储蓄)(?!保险)|"
            rf"(?:跟|和|对|给)(?:他|她|他们|客户)说[^。！？!?]{{0,6}}(?:这|它)?(?:就)?(?:是|算)(?:一种|一个)?[^。！？!?，,]{{0,8}}"
            rf"(?:存款|定期|储蓄)(?!保险)",
            _WHY,
            _FIX,
        ),
        phrase(
            r"\b(?:annuity|insurance|policy|wealth product|fund|wmp)\b.{0,40}\b(?:is|as|like)\s+"
            r"(?:just\s+|basically\s+|really\s+|essentially\s+|simply\s+|like\s+)?"
            r"(?:a|an)\s+(?:kind of\s+|type of\s+|sort of\s+)?(?:[a-z-]+\s+){0,3}(?:deposit|time deposit|savings "
            r"account|cd)\b(?!\s+insurance)|"
            r"\btell (?:him|her|them|the client)\b.{0,30}\b(?:it'?s|it is|this is)\s+(?:just\s+)?(?:a|an)\s+"
            r"(?:[a-z-]+\s+){0,3}(?:deposit|time deposit|cd)\b(?!\s+insurance)",
            _WHY,
            _FIX,
        ),
    )
