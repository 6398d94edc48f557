"""The conduct rules' codes for an RM's instruction, as a draft request is checked: the helper the
rounds' phrasing tests share."""

from __future__ import annotations

from typing import Literal

from tools.compliance import check_compliance, request_registry


def request_codes(text: str) -> list[str]:
    """The codes the request rules find in ``text`` (English when it is all ASCII)."""
    lang: Literal["zh", "en"] = "en" if text.isascii() else "zh"
    report = check_compliance(text, language=lang, registry=request_registry())
    return [f.code for f in report.findings]
