"""One composer per channel: fill the template, pass each piece through compliance, lay it out
the way the channel expects (WeChat short and warm, SMS signed with an opt-out, e-mail with a
subject, a call as a script)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tools.outreach.compliance_pass import CompliancePass
from tools.outreach.models import CallScript, Channel
from tools.outreach.render import each, first, join
from tools.outreach.templates import Template


@dataclass
class Composed:
    text: str
    subject: str | None = None
    body: str | None = None
    call_script: CallScript | None = None


Composer = Callable[[Template, dict[str, str], list[str], CompliancePass], Composed]


def _offer(cp: CompliancePass, sentences: list[str], lang: str) -> str:
    return cp.clean(join(cp.disclosure([s for s in sentences if s]), lang), offer=True)


def compose_wechat(
    t: Template, slots: dict[str, str], points: list[str], cp: CompliancePass
) -> Composed:
    lang, c, f = t.language, t.copy_, t.frame
    greeting = cp.clean(first(f.greeting, slots))
    offer = _offer(cp, [first(c.message, slots), *points], lang)
    cta = cp.clean(first(c.cta, slots))
    closing = cp.clean(first(f.closing, slots))
    if lang == "zh":
        lines = [join([greeting, offer, cta], lang)]
    else:
        lines = [greeting, join([offer, cta], lang)]
    return Composed("\n".join(line for line in [*lines, closing] if line))


def compose_sms(
    t: Template, slots: dict[str, str], points: list[str], cp: CompliancePass
) -> Composed:
    lang, c, f = t.language, t.copy_, t.frame
    greeting = cp.clean(first(f.greeting, slots))
    offer = _offer(cp, [first(c.sms, slots), *points], lang)
    if lang == "en" and greeting.endswith(", ") and offer[:1].isupper():
        offer = offer[0].lower() + offer[1:]
    signature = f.signature if isinstance(f.signature, str) else first(f.signature, slots)
    return Composed(f"{signature}{greeting}{offer}{f.opt_out}")


def compose_email(
    t: Template, slots: dict[str, str], points: list[str], cp: CompliancePass
) -> Composed:
    lang, c, f = t.language, t.copy_, t.frame
    subject = cp.clean(first(c.subject, slots))
    greeting = cp.clean(first(f.greeting, slots))
    offer = _offer(cp, [first(c.message, slots), first(c.detail, slots), *points], lang)
    cta = cp.clean(first(c.cta, slots))
    signature = f.signature if isinstance(f.signature, str) else first(f.signature, slots)
    sign_off = cp.clean("\n".join(x for x in [first(f.closing, slots), signature] if x))
    body = "\n\n".join(x for x in [greeting, offer, cta, sign_off] if x)
    label = "主题：" if lang == "zh" else "Subject: "
    return Composed(f"{label}{subject}\n\n{body}", subject=subject, body=body)


def compose_call(
    t: Template, slots: dict[str, str], points: list[str], cp: CompliancePass
) -> Composed:
    c = t.copy_.call
    greeting = cp.clean(first(t.frame.greeting, slots))
    key_points = cp.disclosure([*each(c.key_points, slots), *points])
    script = CallScript(
        opening=greeting + cp.clean(first(c.opening, slots)),
        discovery=[q for q in (cp.clean(x) for x in each(c.discovery, slots)) if q],
        key_points=[
            p for p in cp.clean("\n".join(key_points), offer=True).splitlines() if p.strip()
        ],
        objections=[(cp.clean(o.concern), cp.clean(o.response)) for o in c.objections],
        close=cp.clean(first(c.close, slots)),
    )
    return Composed(render_call(script, t.frame.headings, t.language), call_script=script)


def render_call(script: CallScript, h: dict[str, str], lang: str) -> str:
    colon = "：" if lang == "zh" else ": "
    lines = [f"【{h['opening']}】", script.opening]
    if script.discovery:  # a short script leaves sections out, headings too
        lines.append(f"【{h['discovery']}】")
        lines += [f"{i}. {q}" for i, q in enumerate(script.discovery, 1)]
    lines += [f"【{h['key_points']}】", *(f"- {p}" for p in script.key_points)]
    if script.objections:
        lines.append(f"【{h['objections']}】")
    for concern, response in script.objections:
        lines += [f"- {h['concern']}{colon}{concern}", f"  {h['response']}{colon}{response}"]
    lines += [f"【{h['close']}】", script.close]
    return "\n".join(lines)


COMPOSERS: dict[Channel, Composer] = {
    Channel.WECHAT: compose_wechat,
    Channel.SMS: compose_sms,
    Channel.EMAIL: compose_email,
    Channel.CALL: compose_call,
}
