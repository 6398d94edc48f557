"""draft_outreach: template -> compliant draft."""

from __future__ import annotations

from functools import lru_cache

from tools.outreach.channels import COMPOSERS
from tools.outreach.compliance_pass import CompliancePass, context_for
from tools.outreach.models import Channel, OutreachDraft, OutreachRequest
from tools.outreach.render import as_sentence, first, slots_for
from tools.outreach.sms import segments
from tools.outreach.templates import TemplateLibrary


@lru_cache(maxsize=1)
def default_library() -> TemplateLibrary:
    """The bundled templates and bank profile, read once (the app passes its own library)."""
    return TemplateLibrary.load()


def draft_outreach(
    request: OutreachRequest, *, library: TemplateLibrary | None = None
) -> OutreachDraft:
    """Draft a client message for an RM from the bank's templates for the channel, purpose and
    language, with the RM's own points woven in. Every piece is checked for compliance and
    sanitised: promised returns, risk-free or pressure wording and full identifiers are removed,
    a risk disclosure is added where the product needs one, and a suitability mismatch is
    reported (``unresolved``), never hidden. Clients appear only as the tokens given."""
    library = library or default_library()
    template = library.get(request.channel, request.purpose, request.language, request.style)
    cp = CompliancePass(request.language, context_for(request, library.profile.disclosures))
    slots = slots_for(request)
    facts = {key: first(template.facts.get(key, []), slots) for key in request.include}
    points = [line for line in facts.values() if line]
    points += [as_sentence(p, request.language) for p in request.points if p.strip()]
    composed = COMPOSERS[request.channel](template, slots, points, cp)
    text, unresolved = cp.finish(composed.text)
    if text != composed.text:  # something slipped between pieces: the text is authoritative
        composed.body, composed.call_script = None, None
    return OutreachDraft(
        channel=request.channel,
        language=request.language,
        purpose=request.purpose,
        template_id=template.id,
        text=text,
        subject=composed.subject,
        body=composed.body,
        call_script=composed.call_script,
        findings=cp.findings,
        unresolved=unresolved,
        flags=sorted({f.flag for f in [*cp.findings, *unresolved]}),
        char_count=len(text),
        segments=segments(text) if request.channel is Channel.SMS else None,
        style=request.style,
        not_added=[key for key, line in facts.items() if not line],
    )
