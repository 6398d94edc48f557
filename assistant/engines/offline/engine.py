"""The offline engine: classify, extract slots, call the tools each intent needs, compose."""

from __future__ import annotations

import asyncio

from assistant.core.types import StatusEvent
from assistant.engines.base import Emit, EngineContext, EngineResult
from assistant.engines.failures import tool_failure
from assistant.engines.offline import compose as c
from assistant.engines.offline.intent import classify
from assistant.engines.offline.phrases import t
from assistant.engines.offline.playbooks import Lookup, channel_lookup, find, lookup
from assistant.engines.offline.slots import Slots, extract
from assistant.engines.refusals import policy_refusal
from tools.client_tools import mentioned_clients
from tools.intelligence.policy import PlaybookMap, load_playbook_map
from tools.toolbox import Refusal, Toolbox, ToolError


class OfflineEngine:
    name = "offline"

    def __init__(self, playbooks: PlaybookMap | None = None) -> None:
        self.playbooks = playbooks or load_playbook_map()

    async def run(self, ctx: EngineContext, emit: Emit) -> EngineResult:
        slots = extract(ctx.masked_text, ctx.language)
        slots.language = ctx.language
        has_client = bool(slots.client_tokens or slots.client_ids)
        if not has_client:
            own, foreign = await asyncio.to_thread(mentioned_clients, ctx.toolbox, ctx.masked_text)
            has_client = bool(own or foreign)
        verdict = classify(
            ctx.masked_text,
            has_client=has_client,
            follow_up_client=bool(ctx.state.get("client_ids")),
        )
        lang = ctx.language
        refusal = policy_refusal(
            verdict, lang, full_id_intent="client_facts" if has_client else None
        )
        if refusal is not None:
            return refusal
        intent = verdict.intent
        if intent in ("help", "out_of_scope"):
            return EngineResult(
                t(intent, lang),
                intent,
                refused=intent == "out_of_scope",
                refusal_reason="out_of_scope" if intent == "out_of_scope" else None,
            )
        tb = ctx.toolbox
        if tb.caller.role == "admin" and intent != "playbook_qa":
            return EngineResult(
                t("refuse_admin", lang), intent, refused=True, refusal_reason="not_entitled"
            )
        try:
            if intent == "playbook_qa":
                return await self._playbook(ctx, emit)
            if intent == "book_query":
                return await self._book(ctx, slots, emit)
            return await self._client_turn(ctx, slots, intent, emit)
        except Refusal:
            return EngineResult(
                t("refuse_foreign", lang),
                intent,
                refused=True,
                refusal_reason="not_entitled",
                state={"client_ids": []},
            )
        except ToolError as exc:
            return tool_failure(tb, intent, lang, exc)

    # --- intents ------------------------------------------------------------------------------
    async def _playbook(self, ctx: EngineContext, emit: Emit) -> EngineResult:
        await emit(StatusEvent(text=t("searching", ctx.language)))
        found = (await ctx.toolbox.acall("search_playbooks", {"query": ctx.masked_text, "k": 3}))[
            "passages"
        ]
        if not found:
            return EngineResult(t("playbook_none", ctx.language), "playbook_qa")
        blocks = [[c.heading(t("playbook_title", ctx.language))]] + [
            c.passage_summary(p, ctx.language) for p in found[:3]
        ]
        return EngineResult(c.join(blocks), "playbook_qa")

    async def _book(self, ctx: EngineContext, slots: Slots, emit: Emit) -> EngineResult:
        await emit(StatusEvent(text=t("book_status", ctx.language)))
        filters = dict(slots.book_filters)
        if filters.get("signal") == "product_gap":
            found = await _products(
                ctx.toolbox, ctx.masked_text, segment=filters.get("client_type")
            )
            if found["asked_for"] and not found["products"]:
                return EngineResult(_not_in_catalogue(found, ctx.language), "book_query")
            if found["products"]:
                filters["product_gap"] = found["products"][0]["product_code"]
                filters.pop("signal")
        result = await ctx.toolbox.acall("list_book", filters)
        if filters.get("follow_up_gaps"):
            body = [c.heading(t("gaps_title", ctx.language))] + c.gap_lines(result, ctx.language)
            topics = ["team_follow_up", "deposit_churn"]
        else:
            body = [c.heading(t("book_title", ctx.language))] + c.book_lines(result, ctx.language)
            topics = _book_signals(filters) or ["service_standards"]
        refs = []
        for topic in topics:
            # A topic the map does not list is searched with the RM's own question.
            p = await find(
                ctx.toolbox, lookup(self.playbooks, topic, fallback=ctx.masked_text), ctx.language
            )
            if p:
                refs.append(c.passage_ref(p))
        ids = [r["client_id"] for r in result.get("clients", result.get("follow_up_gaps", []))]
        return EngineResult(
            c.join([body, refs]),
            "book_query",
            state={"client_ids": ids[:1] if len(ids) == 1 else []},
        )

    async def _client_turn(
        self, ctx: EngineContext, slots: Slots, intent: str, emit: Emit
    ) -> EngineResult:
        tb, lang = ctx.toolbox, ctx.language
        picked = await self._resolve_client(tb, slots, ctx)
        if picked is None and intent == "serve_client":
            # "客户说钱要转走了怎么办" names no client: what it gets is the playbooks' answer (so
            # that is its intent), with an offer to make it specific once the client is named.
            general = await self._playbook(ctx, emit)
            general.text = c.join([[general.text], [t("which_client_for_plan", lang)]])
            return general
        if picked is None:
            return EngineResult(t("which_client", lang), intent)
        if isinstance(picked, EngineResult):
            picked.intent = intent
            return picked
        await emit(StatusEvent(text=t("reading", lang)))
        profile = await tb.acall("get_client_profile", {"client_id": picked})
        state = {"client_ids": [picked]}
        if intent == "draft_outreach":
            return (await self._draft(ctx, slots, profile, emit)).with_state(state)
        if intent == "client_facts":
            return (await self._facts(ctx, profile)).with_state(state)
        return (await self._serve(ctx, profile)).with_state(state)

    async def _resolve_client(
        self, tb: Toolbox, slots: Slots, ctx: EngineContext
    ) -> str | EngineResult | None:
        """The client the turn is about; an answer when it cannot be told (unknown, several
        matches); None when the question names no client at all."""
        lang = ctx.language
        query = " ".join(slots.client_tokens + slots.client_ids) or ctx.masked_text
        try:
            matches = (await tb.acall("find_clients", {"query": query, "limit": 5}))["matches"]
        except ToolError:
            matches = []
        if not matches and ctx.state.get("client_ids"):
            return ctx.state["client_ids"][0]  # a follow-up: "and draft the e-mail"
        if not matches:
            if not (slots.client_tokens or slots.client_ids):
                return None
            return EngineResult(t("not_found", lang), "serve_client")
        if len(matches) > 1 and not slots.client_ids:
            options = [
                f"- {m['name']}（{m['client_id']}）"
                if lang == "zh"
                else f"- {m['name']} ({m['client_id']})"
                for m in matches
            ]
            return EngineResult(
                c.join([[t("ambiguous", lang)], options]),
                "serve_client",
                state={"client_ids": [], "candidates": [m["client_id"] for m in matches]},
            )
        return matches[0]["client_id"]

    async def _serve(self, ctx: EngineContext, profile: dict) -> EngineResult:
        tb, lang, cid = ctx.toolbox, ctx.language, profile["client_id"]
        signals = (await tb.acall("get_client_signals", {"client_id": cid}))["signals"]
        actions = (await tb.acall("recommend_next_actions", {"client_id": cid}))["actions"]
        standard_ref = lookup(self.playbooks, "service_standards", fallback="service standards")
        suitability_ref = lookup(self.playbooks, "suitability", fallback="suitability")
        found = await self._playbooks_for(
            tb, profile, signals, actions, [standard_ref, suitability_ref], lang
        )
        passages = list(found.values())
        cite_for = {key: p["n"] for key, p in found.items()}
        act_lines, items = c.action_lines(actions, cite_for, lang)
        standard = found.get(standard_ref.key)
        suitability = found.get(suitability_ref.key)
        compliance = [
            f"- {t('suit_note', lang)}" + (f" [{suitability['n']}]" if suitability else "")
        ]
        blocks = [
            [c.heading(t("snapshot", lang))] + c.snapshot(profile, lang),
            [c.heading(t("signals", lang))] + c.signal_lines(signals, lang, cite_for),
            [c.heading(t("actions", lang))] + act_lines,
            [c.heading(t("talking", lang))] + c.talking_points(passages),
            [c.heading(t("compliance", lang))] + compliance,
            [c.heading(t("next", lang))]
            + c.standard_line(profile, standard, lang)
            + [f"- {t('log_next', lang)}"],
        ]
        return EngineResult(
            c.join(blocks), "serve_client", cards=[c.client_card(profile)], actions=items
        )

    async def _playbooks_for(
        self,
        tb: Toolbox,
        profile: dict,
        signals: list[dict],
        actions: list[dict],
        standing: list[Lookup],
        lang: str,
    ) -> dict[str, dict]:
        """The passages behind the top signals and actions, and the standing topics (the
        tier's service standard, suitability), by the key the answer's lines cite them by."""
        refs = [
            lookup(self.playbooks, s["kind"], playbook=s.get("playbook"), fallback=s["title"])
            for s in signals[:3]
        ] + [
            lookup(
                self.playbooks,
                a.get("kind"),
                a.get("signal_kind"),
                playbook=a.get("playbook"),
                fallback=a["title"],
            )
            for a in actions[:3]
        ]
        found: dict[str, dict] = {}
        for ref in [*refs, *standing]:
            if ref.key in found:
                continue
            best = await find(tb, ref, lang, tier=profile["tier_label"])
            if best:
                found[ref.key] = best
        return found

    async def _facts(self, ctx: EngineContext, profile: dict) -> EngineResult:
        tb, lang = ctx.toolbox, ctx.language
        blocks = [
            [c.heading(t("snapshot", lang))] + c.snapshot(profile, lang) + c.basics(profile, lang)
        ]
        holdings = [
            f"- {h['product']}（{h['product_code']}，{h['risk_level']}）"
            + (f" 到期 {h['maturity_date']}" if h.get("maturity_date") else "")
            if lang == "zh"
            else f"- {h['product']} ({h['product_code']}, {h['risk_level']})"
            + (f" matures {h['maturity_date']}" if h.get("maturity_date") else "")
            for h in profile["holdings"]
        ]
        blocks.append([c.heading("持有产品" if lang == "zh" else "Holdings")] + holdings)
        contacts = [
            f"- {p['name']} · {p['title']}" + (f" · {p['phone']}" if p.get("phone") else "")
            for p in profile["contacts"]
        ]
        if profile.get("phone"):
            contacts.insert(0, f"- {'电话' if lang == 'zh' else 'Phone'}: {profile['phone']}")
        if contacts:
            blocks.append([c.heading("联系方式" if lang == "zh" else "Contacts")] + contacts)
        notes = (
            await tb.acall("get_interactions", {"client_id": profile["client_id"], "limit": 3})
        )["interactions"]
        if notes:
            blocks.append(
                [c.heading("最近互动" if lang == "zh" else "Recent interactions")]
                + [f"- {n['date']} · {n['channel']} · {n['summary']}" for n in notes]
            )
        # The tier is a bank rule, not a fact of the data: cite the tiering playbook for it.
        tiering = await find(
            tb,
            lookup(self.playbooks, "tiering", fallback=profile["tier_label"]),
            lang,
            tier=profile["tier_label"],
            k=5,
        )
        if tiering:
            label = "分层依据" if lang == "zh" else "Tier basis"
            blocks.append(
                [
                    f"{label}：{profile['tier_explanation']} [{tiering['n']}]"
                    if lang == "zh"
                    else f"{label}: {profile['tier_explanation']} [{tiering['n']}]"
                ]
            )
        return EngineResult(c.join(blocks), "client_facts", cards=[c.client_card(profile)])

    async def _draft(
        self, ctx: EngineContext, slots: Slots, profile: dict, emit: Emit
    ) -> EngineResult:
        tb, lang = ctx.toolbox, ctx.language
        await emit(StatusEvent(text=t("drafting", lang)))
        cid = profile["client_id"]
        signals = (await tb.acall("get_client_signals", {"client_id": cid}))["signals"]
        purpose = slots.purpose or _purpose_from_signals(signals)
        found = await _products(tb, ctx.masked_text, client_id=cid)
        if found["asked_for"] and not found["products"]:
            return EngineResult(
                _not_in_catalogue(found, lang), "draft_outreach", cards=[c.client_card(profile)]
            )
        product = (found["products"][0]["product_code"] if found["products"] else None) or next(
            (
                s["product_code"]
                for s in signals
                if s.get("product_code") and _purpose_from_signals([s]) == purpose
            ),
            None,
        )
        draft = await tb.acall(
            "draft_outreach",
            {
                "client_id": cid,
                "channel": slots.channel or "wechat",
                "purpose": purpose,
                "language": slots.target_language or lang,
                "product_code": product,
            },
        )
        # What the RM asked to say is checked too: a promise of returns in the request is
        # reported (and kept out of the draft), not silently dropped.
        request_check = await tb.acall(
            "check_compliance",
            {
                "text": ctx.masked_text,
                "client_id": cid,
                "product_codes": [product] if product else [],
                "text_kind": "request",
            },
        )
        body = draft.get("text") or (
            f"Subject: {draft.get('subject', '')}\n\n{draft.get('body', '')}"
        )
        blocks = [
            [c.heading(t("draft_title", lang) + f" · {slots.channel or 'wechat'} · {purpose}")],
            ["```", body, "```"],
        ]
        findings = draft.get("findings", []) + request_check.get("findings", [])
        if findings:
            # Name the rule, never repeat the offending words back.
            seen = dict.fromkeys(f"- {c.finding_label(f.get('code', ''), lang)}" for f in findings)
            blocks.append([t("draft_removed", lang), *seen])
        # The channel's template playbook that shaped the draft, and the conduct rules it was
        # checked against.
        channel = slots.channel or "wechat"
        template = await find(tb, channel_lookup(self.playbooks, channel), lang, extra=purpose, k=3)
        conduct = await find(
            tb, lookup(self.playbooks, "marketing_conduct", fallback="marketing conduct"), lang
        )
        cited = [p for p in (template, conduct) if p]
        refs = [c.passage_ref(p) for p in cited]
        blocks.append([c.heading(t("compliance", lang)), f"- {t('draft_check', lang)}"] + refs)
        return EngineResult(c.join(blocks), "draft_outreach", cards=[c.client_card(profile)])


async def _products(tb: Toolbox, text: str, **scope: str | None) -> dict:
    """The catalogue's products for what the question names (none named: no products)."""
    args = {"query": text, **{k: v for k, v in scope.items() if v}}
    return await tb.acall("find_products", args)


def _not_in_catalogue(found: dict, language: str) -> str:
    return t("not_in_catalogue", language).format(product=found["asked_for"])


def _book_signals(filters: dict) -> list[str]:
    kinds = [filters["signal"]] if filters.get("signal") else []
    if filters.get("maturity_within_days"):
        kinds.append("maturity")
    if filters.get("product_gap"):
        kinds.append("product_gap")
    return kinds


def _purpose_from_signals(signals: list[dict]) -> str:
    by_kind = {
        "maturity": "maturity_reminder",
        "deposit_churn": "churn_care",
        "product_gap": "payroll_pitch",
        "dormancy": "dormant_reactivation",
        "suitability": "suitability_review",
        "growth": "service_visit",
    }
    for s in signals:
        if s["kind"] in by_kind:
            return by_kind[s["kind"]]
    return "general"
