"""``serve_client``: snapshot, signals, recommended actions and the playbooks behind them."""

from __future__ import annotations

import re

from assistant.engines.base import EngineResult
from assistant.engines.offline import compose as c
from assistant.engines.offline.phrases import t
from assistant.engines.offline.playbooks import Lookup, find, lookup, same_playbook
from assistant.engines.offline.request import Request
from assistant.engines.offline.support import check_support

TOP = 3  # signals and actions whose playbooks are cited
# What the client last told us often changes the plan ("the outflow paid for equipment, it
# comes back next quarter"), so the latest notes sit beside the signals.
RECENT = 2


async def answer(req: Request, profile: dict) -> EngineResult:
    tb, lang, cid = req.tb, req.lang, profile["client_id"]
    signals = (await tb.acall("get_client_signals", {"client_id": cid}))["signals"]
    result = await tb.acall("recommend_next_actions", {"client_id": cid})
    actions = result["actions"]
    standard_ref = lookup(req.playbooks, "service_standards", fallback="service standards")
    suitability_ref = lookup(req.playbooks, "suitability", fallback="suitability")
    action_refs = _action_refs(req, actions)
    refs = _signal_refs(req, signals) + action_refs
    found = await _passages(req, [*refs, standard_ref, suitability_ref], profile["tier_label"])
    await check_support(req, [*signals, *actions], found)
    cite_for = {key: p["n"] for key, p in found.items()}
    act_lines, items = c.action_lines(actions, cite_for, lang)
    if offered := _offers(req, actions, offers=result.get("offers") or []):
        act_lines.append(offered)
    # An action names the playbook actually cited for it: a configured playbook the library
    # lacks is never shown as if it had been read.
    cited = {key: p["doc_id"] for key, p in found.items()}
    items = [i.model_copy(update={"playbook": cited.get(i.playbook or "")}) for i in items]
    suitability = found.get(suitability_ref.key)
    pitches = await _pitch_passages(req, action_refs, found, profile["tier_label"])
    blocks = [
        [c.heading(t("snapshot", lang))] + c.snapshot(profile, lang),
        [c.heading(t("signals", lang))] + c.signal_lines(signals, lang, cite_for),
        await _recent(req, cid),
        [c.heading(t("actions", lang))] + (act_lines or [f"- {t('no_actions', lang)}"]),
        _headed(t("talking", lang), c.talking_points([*pitches, *found.values()])),
        [c.heading(t("compliance", lang))]
        + [f"- {_suit_note(profile, lang)}" + (f" [{suitability['n']}]" if suitability else "")],
        [c.heading(t("next", lang))]
        + c.standard_line(profile, found.get(standard_ref.key), lang)
        + [f"- {t('log_next', lang)}"],
    ]
    return EngineResult(
        c.join(blocks), "serve_client", cards=[c.client_card(profile)], actions=items
    )


def _suit_note(profile: dict, lang: str) -> str:
    """The suitability reminder, with the client's own grade and the levels it allows when
    the grade is on file ("客户风险承受能力为 C4：只推荐风险等级不高于 R4 的产品")."""
    grade = str(profile.get("risk_appetite") or "")
    found = re.search(r"[1-5]", grade)
    if not found:
        return t("suit_note", lang)
    return t("suit_note_graded", lang).format(grade=grade, level=found.group(0))


# "260多万都放活期 给点配置建议", "what could I offer her": products asked for, not a follow-up
ALLOCATION = re.compile(
    r"配置建议|资产配置|怎么配置|如何配置|配置点|配点|推(?:点|些|个)?(?:什么|啥)|推荐(?:点|些)?(?:什么|啥)|"
    r"\b(?:allocat\w*|what (?:can|could|should) (?:i|we) (?:offer|pitch|recommend|suggest))\b",
    re.I,
)


def _offers(req: Request, actions: list[dict], *, offers: list[dict]) -> str | None:
    """The products the client may take up, the safest first, when the RM asks what to offer
    and no action names one — or when nothing calls for an action at all."""
    if not offers or any(a.get("product_code") for a in actions):
        return None
    if actions and not ALLOCATION.search(req.text):
        return None
    names = ("、" if req.lang == "zh" else ", ").join(
        f"{o['name']}（{o['product_code']}，{o['risk_level']}）"
        if req.lang == "zh"
        else f"{o['name']} ({o['product_code']}, {o['risk_level']})"
        for o in offers
    )
    return f"- {t('offers_within_grade', req.lang).format(products=names)}"


def _headed(title: str, lines: list[str]) -> list[str]:
    """A section with its heading, or nothing: a heading with no lines under it says nothing."""
    return [c.heading(title), *lines] if lines else []


def _signal_refs(req: Request, signals: list[dict]) -> list[Lookup]:
    return [
        lookup(req.playbooks, s["kind"], playbook=s.get("playbook"), fallback=s["title"])
        for s in signals[:TOP]
    ]


def _action_refs(req: Request, actions: list[dict]) -> list[Lookup]:
    return [
        lookup(
            req.playbooks,
            a.get("kind"),
            a.get("signal_kind"),
            playbook=a.get("playbook"),
            fallback=a["title"],
        )
        for a in actions[:TOP]
    ]


async def _passages(req: Request, refs: list[Lookup], tier: str) -> dict[str, dict]:
    """One passage per playbook (or query), by the key the answer's lines cite it by."""
    found: dict[str, dict] = {}
    for ref in refs:
        if ref.key not in found and (best := await find(req.tb, ref, req.lang, tier=tier)):
            found[ref.key] = best
    return found


# What to say, asked of an action's own playbook: its pitch lines and steps, not the passage
# that says who the action is for ("员工 80 人以上…") cited beside the action.
PITCH = {"zh": "话术 沟通要点 怎么谈 落地步骤", "en": "talking points how to approach steps"}


async def _pitch_passages(
    req: Request, action_refs: list[Lookup], found: dict[str, dict], tier: str
) -> list[dict]:
    cited = [found[r.key] for r in action_refs if r.key in found]
    pitches: list[dict] = []
    for passage in cited[:2]:
        ref = Lookup(None, passage["doc_id"], passage.get("title") or passage["doc_id"])
        best = await find(req.tb, ref, req.lang, tier=tier, extra=PITCH[req.lang])
        if best and same_playbook(best["doc_id"], passage["doc_id"]) and best not in pitches:
            pitches.append(best)
    return pitches


async def _recent(req: Request, client_id: str) -> list[str]:
    args = {"client_id": client_id, "limit": RECENT}
    notes = (await req.tb.acall("get_interactions", args))["interactions"]
    if not notes:
        return []
    return [c.heading(t("recent_title", req.lang))] + [
        f"- {n['date']} · {n['channel']} · {n['summary']}" for n in notes
    ]
