"""An edit of a draft really changes it: "shorter" is shorter, "more formal" and "more casual"
change the register of greeting, call to action and sign-off, and an asked-for fact is added as
a line of its own — on every channel, purpose and language, with the compliance pass intact
(a clean draft stays clean, an SMS keeps its signature and opt-out)."""

from __future__ import annotations

import pytest

from tests.outreach.test_outreach_templates import ALL, LIBRARY, request
from tools.outreach import Channel, Purpose, draft_outreach

STYLES = ("short", "formal", "casual")


def drafts(channel, purpose, language, **kw) -> dict[str, str]:
    return {
        style: draft_outreach(
            request(channel, purpose, language, style=style, **kw), library=LIBRARY
        ).text
        for style in ("standard", *STYLES)
    }


@pytest.mark.parametrize(("channel", "purpose", "language"), ALL)
def test_when_a_draft_is_restyled_then_every_style_reads_differently_and_stays_clean(
    channel, purpose, language
) -> None:
    texts = drafts(channel, purpose, language)
    assert len(set(texts.values())) == 4  # four styles, four different drafts
    for style in STYLES:
        draft = draft_outreach(request(channel, purpose, language, style=style), library=LIBRARY)
        assert draft.findings == [] and draft.flags == [] and draft.style == style
        assert "⟦CLIENT_3⟧" in draft.text and "{" not in draft.text


@pytest.mark.parametrize(("channel", "purpose", "language"), ALL)
def test_when_asked_for_shorter_then_the_draft_is_shorter(channel, purpose, language) -> None:
    texts = drafts(channel, purpose, language)
    assert len(texts["short"]) < len(texts["standard"])


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("style", STYLES)
def test_when_an_sms_is_restyled_then_it_keeps_signature_and_opt_out(language, style) -> None:
    standard = draft_outreach(request(Channel.SMS, Purpose.GENERAL, language), library=LIBRARY)
    styled = draft_outreach(
        request(Channel.SMS, Purpose.GENERAL, language, style=style), library=LIBRARY
    )
    opt_out = LIBRARY.profile.sms[language].opt_out
    signature = LIBRARY.profile.sms[language].signature
    assert styled.text.startswith(signature) and styled.text.endswith(opt_out)
    assert standard.text.endswith(opt_out)


@pytest.mark.parametrize(("language", "line"), [("zh", "到期日：2026-08-15"), ("en", "2026-08-15")])
def test_when_a_fact_is_asked_for_then_it_is_added_or_said_missing(language, line) -> None:
    asked = request(Channel.WECHAT, Purpose.GENERAL, language, include=["maturity_date"], points=[])
    plain = draft_outreach(
        request(Channel.WECHAT, Purpose.GENERAL, language, points=[]), library=LIBRARY
    )
    added = draft_outreach(asked, library=LIBRARY)
    assert line not in plain.text and line in added.text and added.not_added == []
    missing = draft_outreach(asked.model_copy(update={"facts": {}}), library=LIBRARY)
    assert "2026-08-15" not in missing.text and missing.not_added == ["maturity_date"]
