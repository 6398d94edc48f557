"""The offline engine: classify, extract slots, hand the turn to its intent's module.

Each intent lives in its own module (``serve_client``, ``draft_outreach``, ``client_facts``,
``book_query``, ``playbook_qa``); this one only decides which, applies the policy refusals,
and turns an entitlement refusal or a failing tool into an answer.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import replace

from assistant.engines.base import Emit, EngineContext, EngineResult
from assistant.engines.failures import tool_failure
from assistant.engines.offline import (
    book_query,
    capture,
    client_rule,
    clients,
    contact_dates,
    followup,
    meeting_prep,
    outcome,
    pictures,
    referral,
    team,
)
from assistant.engines.offline import compose as c
from assistant.engines.offline.book_parse import (
    PERMISSION_ASKED,
    TOTAL,
    WINDOWED,
    Parsed,
    bare_window,
)
from assistant.engines.offline.claims import said_claim
from assistant.engines.offline.client_facts import WHO_MANAGES
from assistant.engines.offline.examples import ExampleClassifier, ExampleVerdict
from assistant.engines.offline.intent import (
    CLIENT_TOKEN,
    DISCLOSURE_RE,
    DRAFT_VERB,
    IntentResult,
    classifier_text,
    classify,
)
from assistant.engines.offline.phrases import t
from assistant.engines.offline.playbooks import find, lookup
from assistant.engines.offline.request import Handler, Request
from assistant.engines.offline.slot_examples import SlotClassifier
from assistant.engines.offline.slots import Slots, extract
from assistant.engines.offline.spelling import bank_phrases, corrected, corrected_zh, vocabulary
from assistant.engines.offline.unknown_client import unknown_company
from assistant.engines.refusals import (
    FULL_ID_FLAG,
    asks_how_to_record,
    asks_to_send,
    policy_refusal,
    records_in,
    refusal_rule,
)
from tools.book_query import BookQuery
from tools.book_tools import colleagues_by_id, matched_ids, names_foreign_colleague
from tools.client_tools import client_ids_in, mentioned_clients
from tools.intelligence.policy import PlaybookMap, load_playbook_map
from tools.toolbox import Refusal, ToolError

HANDLERS: dict[str, Handler] = {
    "playbook_qa": client_rule.answer,
    "book_query": book_query.answer,
    "serve_client": clients.answer,
    "client_facts": clients.answer,
    "draft_outreach": clients.answer,
    "meeting_prep": meeting_prep.answer,
}
FIXED = ("help", "out_of_scope")  # answered by a fixed sentence, no tool
# A rule question the rules are sure of (cues summing to this): no client in the conversation
# makes it that client's ("大额存单到期前几天要联系客户？" after a draft for one).
RULE_SURE = 5.0


class OfflineEngine:
    name = "offline"

    def __init__(
        self,
        playbooks: PlaybookMap | None = None,
        examples: Callable[[], ExampleClassifier] | None = None,
        method: str = "combined",
        slot_examples: Callable[[], SlotClassifier] | None = None,
    ) -> None:
        self.playbooks = playbooks or load_playbook_map()
        self.examples = examples  # fitted on first use (the wiring warms it up at start-up)
        self.method = method if examples is not None else "rules"
        self.slot_examples = slot_examples

    async def run(self, ctx: EngineContext, emit: Emit) -> EngineResult:
        # "吴娟名下…" from her team lead: a colleague's name the masker kept masked (a client's
        # contact shares it) is read as that colleague, by id, before anything looks for clients.
        if (marked := await self._outcome(ctx)) is not None:
            return marked
        if (noted := await self._capture(ctx)) is not None:
            return noted
        if (referred := await referral.handle(ctx)) is not None:  # "把他转介给私行，客户同意了"
            referred.state = followup.carry(
                ctx.state, referred.state, referred.intent, referred.refused
            )
            return referred
        # "那⟦PERSON_1⟧呢" after a book question: the name may be a colleague's, asked the same.
        bare = bool(ctx.state.get(followup.LAST_BOOK)) and followup.ELLIPSIS.search(ctx.masked_text)
        text = await asyncio.to_thread(
            colleagues_by_id, ctx.toolbox, ctx.masked_text, bare=bool(bare)
        )
        services = ctx.toolbox.services
        bank_words = vocabulary(
            bank_phrases(services.intelligence.policy.tiering, services.products.values())
        )
        words = getattr(services.retriever, "words", None)
        known = await asyncio.to_thread(words) if callable(words) else frozenset()
        text = corrected(text, bank_words, known)  # "stratgic clients": the bank's word meant
        text = corrected_zh(text)  # "战略客护": the IME's same-sounding slip
        if text != ctx.masked_text:
            ctx = replace(ctx, masked_text=text)
        if (measured := await team.handle(ctx)) is not None:  # "我团队本月及时率"
            measured.state = followup.carry(
                ctx.state, measured.state, measured.intent, measured.refused
            )
            return measured
        slots = extract(ctx.masked_text, ctx.language)
        slots.language = ctx.language
        slots.client_ids = client_ids_in(ctx.toolbox, ctx.masked_text)
        follow = await followup.resolve(ctx.toolbox, ctx.masked_text, ctx.state, slots)
        if follow.question:  # "第二个" after "which one?": the question asked, of the one picked
            ctx = replace(ctx, masked_text=follow.question)
            slots = extract(ctx.masked_text, ctx.language)
            slots.language = ctx.language
            slots.client_ids = list(follow.client_ids)
        if follow.intent == "meeting_prep" and slots.target_language:
            ctx = replace(
                ctx, language=slots.target_language
            )  # "改成英文要点": the prep in English
        has_client = await _names_a_client(ctx, slots)
        book = await asyncio.to_thread(book_query.read, ctx.toolbox, ctx.masked_text)
        book = _per_rm_again(ctx, book)
        book = _of_rm_in_view(ctx, book)
        if follow.book is None and (again := _for_colleague(ctx, book) or _resorted(ctx, book)):
            # "方丽华名下有几个战略客户" then "那张秀荣呢": the same question, of the RM named now;
            # "按员工人数排一下": the same question, ordered anew.
            follow = replace(follow, intent="book_query", book=again, client_ids=[])
        if followup.MY_FEW.search(ctx.masked_text) and not book.query.rm:
            # "and my own three": the asker's few of the table, as "宋莉's two" is hers
            mine = {"rm": ctx.toolbox.caller.rm_id}
            book = replace(book, query=book.query.model_copy(update=mine))
        # "Emily那几个…": the list's clients of the RM named, whatever "那几个" pointed at.
        of_rm = bool(
            book.query.rm
            and (
                followup.THOSE.search(ctx.masked_text) or followup.ONE_OF_RM.search(ctx.masked_text)
            )
        )
        narrows = follow.book is None and (of_rm or not follow.client_ids) and not has_client
        if narrows and (narrowed := await _narrowed(ctx, book, of_rm)) is not None:
            # "只看重点客户及以上的": the last list's clients, by the filter said now; "里面那个
            # 大众客户怎么唤醒": the one client the filter leaves, and how to serve them.
            if one := await _one_to_serve(ctx, narrowed):
                follow = replace(follow, intent="serve_client", client_ids=[one])
                slots.client_ids = [one]
            else:
                follow = replace(follow, intent="book_query", book=narrowed, client_ids=[])
        elif narrows and (summed := await _totalled(ctx, book)) is not None:
            # "加起来多少": the last list's clients, their figure added up.
            follow = replace(follow, intent="book_query", book=summed)
        elif narrows and (grouped := await _grouped(ctx, book)) is not None:
            # "按客户经理分一下" after a list: that list's clients, under their RMs
            follow = replace(follow, intent="book_query", book=grouped)
        elif narrows and (listed := _listed(ctx, book)) is not None:
            # "列出来" after "财富客户有多少": the clients counted, by name.
            follow = replace(follow, intent="book_query", book=listed)
        if follow.book is not None and book.query.group_by_rm and not follow.book.group_by_rm:
            # "哪个客户经理名下最多" after a list: that list, counted per RM
            counted = {"group_by_rm": True, "count_only": True, "limit": BookQuery().limit}
            follow = replace(follow, book=follow.book.model_copy(update=counted))
        if follow.book is not None and of_rm:  # "郭鹏那两家哪家流出更大": only that RM's
            follow = replace(follow, book=follow.book.model_copy(update={"rm": book.query.rm}))
        if follow.book is not None:  # "这几家里哪家…": the list on screen, ranked
            book = replace(book, query=follow.book, structured=True)
        elif not follow.client_ids:  # "最大的那个" picks from the last list, it ranks no book
            book = self._measure_by_example(ctx, slots, book)
        verdict = self._continued(ctx, slots, follow, has_client, book)
        result = _early_answer(ctx, verdict, has_client) or _foreign_rm(ctx, verdict, book)
        if result is not None and result.refused:
            await self._cite_rule(ctx, result, refusal_rule(verdict, ctx.masked_text))
            # A full number asked with no client named ("把David的手机号发我", David a contact
            # of the client in view) is asked of the client in view.
            in_view = FULL_ID_FLAG in result.flags and not has_client
            if (has_client or in_view) and result.refusal_reason not in (
                "not_entitled",
                "out_of_scope",
            ):
                # The client stays in view and on the record of the turn: "那打码的给我也行"
                # gets the masked form next, and the audit shows whom the refusal was about.
                if in_view:
                    named = list(follow.client_ids or ctx.state.get("client_ids") or [])[:1]
                else:
                    own, _ = await asyncio.to_thread(
                        mentioned_clients, ctx.toolbox, ctx.masked_text
                    )
                    named = slots.client_ids or own
                ids = [c for c in named if ctx.toolbox.caller.may_read(c)]
                for client_id in ids:
                    ctx.toolbox.touch(client_id)
                if FULL_ID_FLAG in result.flags and ids:
                    result.state.update(followup.masked_offer(ids))
                    # Whose number was refused, and what can be shown instead ("那打码的给我也行").
                    who = ctx.toolbox.client_token(ids[0])
                    offer = t("masked_offer", ctx.language).format(client=who, client_id=ids[0])
                    result.text = f"{result.text}\n\n{offer}"
        named_here = has_client or follow.client_ids or book.structured
        # "东港远洋渔业的授信额度是多少": a company no book holds, asked about by name.
        if (
            result is None
            and not named_here
            and await unknown_company(ctx.toolbox, ctx.masked_text)
        ):
            result = no_such_client("client_facts", ctx.language)
        if result is None:
            result = await _dispatch(
                Request(ctx, slots, verdict.intent, emit, self.playbooks, book)
            )
        if follow.picks_one and result.intent == "book_query" and not result.refused:
            result.state["client_ids"] = list(result.state.get("last_list") or [])[:1]
        elif result.intent == "book_query" and not result.refused:
            _ordinal_picked(ctx, result)
        if result.intent == "playbook_qa" and (aspect := followup.rule_aspect(ctx.masked_text)):
            result.state[followup.RULE_ASPECT] = aspect  # "那休眠客户呢" asks this of another topic
        await pictures.attach(ctx, result)  # "走势图", "画个图看看层级分布"
        capture.forget(result, ctx.state)
        team.forget(result, ctx.state)
        outcome.forget(result, ctx.state)
        if ctx.toolbox.shown_actions:  # "第一条已完成" next turn counts in this list
            result.state[outcome.SHOWN] = ctx.toolbox.shown_actions
        result.state = followup.carry(ctx.state, result.state, result.intent, result.refused)
        result.state = followup.asked(result.state, ctx.masked_text, result.intent, result.refused)
        return result

    async def _outcome(self, ctx: EngineContext) -> EngineResult | None:
        """ "第一条已完成", "not now for X, client travelling": the RM's word on an action."""
        result = await outcome.handle(ctx)
        if result is not None:
            result.state = followup.carry(ctx.state, result.state, result.intent, result.refused)
        return result

    async def _capture(self, ctx: EngineContext) -> EngineResult | None:
        """A note to capture, or the RM's word on the note waiting for it (``capture``)."""
        if ctx.toolbox.caller.role == "admin":
            return None  # admins see audit data, not client data: no notes either
        result = await capture.handle(ctx, self.playbooks)
        if result is not None:
            result.state = followup.carry(ctx.state, result.state, result.intent, result.refused)
        return result

    def _continued(
        self,
        ctx: EngineContext,
        slots: Slots,
        follow: followup.FollowUp,
        has_client: bool,
        book: Parsed,
    ) -> IntentResult:
        """The classifier's intent, unless the turn continues the conversation: an edit of the
        last draft, or words ("那理财呢？", "上海那家") that name no intent of their own."""
        verdict = classify(
            ctx.masked_text,
            has_client=has_client,
            follow_up_client=bool(ctx.state.get("client_ids")),
            book_like=book.structured,
            ranked=book.ranked,
            examples=self._example_scores(ctx, slots, referred=bool(follow.client_ids)),
            method=self.method,
        )
        if follow.intent:
            return replace(verdict, intent=follow.intent)
        if (
            follow.client_ids
            and follow.book is None
            and (verdict.intent == "book_query" or MATURING_OF_ONE.search(ctx.masked_text))
            and not book.ranked
            and not BOOK_WORDS.search(ctx.masked_text)
        ):
            # "the 4th one - any loans?", "第二个呢 有啥要到期的没": a fact of the one the ordinal
            # picks, not the book ranked by loans nor a plan for the client
            return replace(verdict, intent="client_facts")
        if (
            verdict.intent == "playbook_qa"
            and book.structured
            and not has_client
            and (book.query.risk_watch or book.query.signal_overdue)
        ):
            # "风险关注户有哪些", "overdue complaints": the book's clients the bank's own watch
            # list or a deadline picks; the rules about them are asked in other words
            return replace(verdict, intent="book_query")
        if DISCLOSURE_RE.search(ctx.masked_text):
            # "彭德明's son wants to know how much his dad has, ok to tell him?": the bank's rule
            # on third parties answers, whether or not a client is named — never the profile
            return replace(verdict, intent="playbook_qa")
        if WHO_MANAGES.search(ctx.masked_text) and (has_client or follow.client_ids):
            return replace(verdict, intent="client_facts")  # "第二个是谁管的": the client's RM
        remembered = ctx.state.get("client_ids") or []
        if WHO_MANAGES.search(ctx.masked_text) and len(remembered) == 1 and not book.structured:
            slots.client_ids = list(remembered)  # "谁负责的" of the one client just picked
            return replace(verdict, intent="client_facts")
        if carried := self._implicit_client(ctx, slots, follow, has_client, book, verdict):
            return carried
        if follow.default_intent:
            own = classify(
                ctx.masked_text,
                has_client=False,
                follow_up_client=True,
                book_like=book.structured,
                method="rules",
            ).intent
            if client_rule.asks_entry_rule(ctx.masked_text) or (
                own == "playbook_qa"
                and (
                    client_rule.asks_rule(ctx.masked_text)
                    or said_claim(ctx.masked_text)
                    or PERMISSION_ASKED.search(ctx.masked_text)
                )
            ):
                # "按规矩我该提前多久联系他们": the bank's rule, asked of the client "他们" means;
                # "is she eligible for …", "这个要报行长吗": who qualifies / who approves is a rule;
                # "能跟他说X吗": the words X, checked
                return replace(verdict, intent="playbook_qa")
            if own in followup.NO_INTENT_OF_ITS_OWN or own == follow.default_intent:
                # "第三个的联系人是谁": the one picked, and the words' own cue agrees
                return replace(verdict, intent=follow.default_intent)
        if asked := self._asked_of_the_list(ctx, slots, follow, has_client, book, verdict):
            return asked
        last = ctx.state.get("last_intent")
        if (
            verdict.intent in FIXED
            and last in ANSWERED
            and followup.ELLIPSIS.search(ctx.masked_text)
        ):
            # "那C4呢" after "C3的客户能买混合型基金吗": the last question asked again of C4, not
            # out of scope however near the examples put two words
            return replace(verdict, intent=last)
        if (
            verdict.intent in FIXED
            and len(remembered) == 1
            and HOW_MUCH_ALONE.search(ctx.masked_text)
        ):
            slots.client_ids = list(remembered)  # "by how much?" of the one client in view
            return replace(verdict, intent="client_facts")
        return verdict

    def _asked_of_the_list(
        self,
        ctx: EngineContext,
        slots: Slots,
        follow: followup.FollowUp,
        has_client: bool,
        book: Parsed,
        verdict: IntentResult,
    ) -> IntentResult | None:
        """ "他们联系人是谁" after a short list: a client question whose "they" is one of the
        clients on screen — which one is asked back (the reply "第一个" then answers it)."""
        shown = ctx.state.get("last_list") or []
        # The examples may read "他们联系人是谁" as the book's; with no book query in the words
        # (``book.structured``) and a client cue of its own, it is the list's clients'.
        if (
            verdict.intent not in {*followup.NO_INTENT_OF_ITS_OWN, "book_query"}
            or has_client
            or follow.client_ids
            or book.structured
            or not 2 <= len(shown) <= followup.WHICH_ONE_MAX
            or not followup.PRONOUN.search(ctx.masked_text)
        ):
            return None
        own = classify(
            ctx.masked_text, has_client=False, follow_up_client=True, method="rules"
        ).intent
        if own not in followup.CLIENT_INTENTS:
            return None
        slots.client_ids, slots.ask_which = list(shown), True
        return replace(verdict, intent=own)

    def _implicit_client(
        self,
        ctx: EngineContext,
        slots: Slots,
        follow: followup.FollowUp,
        has_client: bool,
        book: Parsed,
        verdict: IntentResult,
    ) -> IntentResult | None:
        """ "最近有交易吗", "这个适当吗？该怎么处理" right after an answer about one client: a person
        means that client without saying so. The turn reads as a question about the client when,
        with the client put in front of it, the nearest examples take it for a client question
        clearly above a policy one; "战略客户的服务频次是什么" stays a policy question."""
        remembered = ctx.state.get("client_ids") or []
        if (
            not (has_client or follow.client_ids)
            and len(remembered) == 1
            and ctx.state.get("last_intent") in followup.CLIENT_INTENTS
            and contact_dates.asks_contact_date(ctx.masked_text)
        ):
            # "到期前7天那次提醒 我应该哪天打" after an answer about one client: a date, and the
            # date is that client's (the rule alone is asked in days, not as a date)
            slots.client_ids = list(remembered)
            return replace(verdict, intent="client_facts")
        if (
            not (has_client or follow.client_ids)
            and len(remembered) == 1
            and ctx.state.get("last_intent") in followup.CLIENT_INTENTS
            and MATURING_OF_ONE.search(ctx.masked_text)
            and not BOOK_WORDS.search(ctx.masked_text)
        ):
            # "有啥快到期的没" right after that client's loans: its own maturities, not the book's
            slots.client_ids = list(remembered)
            return replace(verdict, intent="client_facts")
        if (
            has_client
            or follow.client_ids
            or book.structured
            or len(remembered) != 1
            or ctx.state.get("last_intent") not in followup.CLIENT_INTENTS
            or self.examples is None
            or self.method == "rules"
            or self._intent_of_its_own(ctx, verdict, book)
        ):
            return None
        rules = classify(ctx.masked_text, has_client=False, follow_up_client=True, method="rules")
        if rules.scores.get("playbook_qa", 0) >= RULE_SURE:
            return None  # "大额存单到期前几天要联系客户？": the standard, however near a client question
        text = f"{CLIENT_TOKEN} {classifier_text(ctx.masked_text, [])}"
        scores = self.examples().scores(ctx.toolbox.services.retriever.query_vector(text)).scores
        intent = max(followup.CLIENT_INTENTS, key=lambda k: scores[k])
        if scores[intent] - scores["playbook_qa"] < followup.CLIENT_LEAD:
            return None
        slots.client_ids = list(remembered)
        return replace(verdict, intent=intent)

    @staticmethod
    def _intent_of_its_own(ctx: EngineContext, verdict: IntentResult, book: Parsed) -> bool:
        """Whether the turn's intent is its own, not one a client just answered about could
        stand behind: a rule question or help never are; nor a book question the book reader
        finds no shape in ("定期哪天到期": a date, no clients asked for); nor "流出了多少", which
        only the nearest examples put out of scope (no out-of-scope word is in it)."""
        if verdict.intent in followup.NO_INTENT_OF_ITS_OWN:
            return False
        if verdict.intent == "book_query":
            return book.structured
        if verdict.intent == "out_of_scope":
            rules = classify(ctx.masked_text, has_client=False, method="rules")
            return rules.scores["out_of_scope"] > 0
        return True

    async def _cite_rule(self, ctx: EngineContext, result: EngineResult, topic: str | None) -> None:
        """A policy refusal names the bank's rule behind it, cited, when the map has one."""
        if topic is None:
            return
        item = lookup(self.playbooks, topic, fallback=ctx.masked_text)
        passage = await find(ctx.toolbox, item, ctx.language)
        if passage:
            result.text = c.join([[result.text], [c.passage_ref(passage)]])

    def _measure_by_example(self, ctx: EngineContext, slots: Slots, book: Parsed) -> Parsed:
        """A ranking whose measure the rules could not name ("who owes us the most") takes
        the one the bank's slot examples agree on (the question's vector is the one the
        intent examples already embedded)."""
        if not book.measure_unnamed or self.slot_examples is None:
            return book
        text = classifier_text(ctx.masked_text, slots.client_ids)
        vector = ctx.toolbox.services.retriever.query_vector(text)
        measure = self.slot_examples().measure(vector)
        if measure is None:
            return book
        # The sort only: whether the turn is a book question at all stays the classifier's.
        return replace(book, query=book.query.model_copy(update={"sort_by": measure}))

    def _example_scores(
        self, ctx: EngineContext, slots: Slots, referred: bool = False
    ) -> Callable[[], ExampleVerdict] | None:
        """The question's nearest examples, when the classifier asks. The vector comes through
        the retriever's cache: a playbook question is embedded once per turn for both
        classifying and searching. ``referred``: the turn's pronoun ("他们的代发…") stands for
        the conversation's client, and reads as one to the examples."""
        fitted = self.examples
        if fitted is None:
            return None

        def scores() -> ExampleVerdict:
            text = classifier_text(ctx.masked_text, slots.client_ids, pronouns=referred)
            return fitted().scores(ctx.toolbox.services.retriever.query_vector(text))

        return scores


# "有啥快到期的没", "anything maturing?" with one client in view: that client's, when no word
# asks for clients ("哪些客户快到期", "which clients have something maturing").
MATURING_OF_ONE = re.compile(
    r"(?:有啥|有什么|有没有|有无|啥|什么)(?:东西|产品)?(?:快|要|即将|马上)?到期|快到期|"
    r"\b(?:anything|what(?:'s| is)?|something) (?:maturing|coming due|due soon)\b",
    re.I,
)
BOOK_WORDS = re.compile(
    r"客户|哪些|哪几|哪家|谁|名下|我的|全部|所有|几[个家位户]|多少[个家位户]|"
    r"\bclients?\b|\bwhich\b|\bwho\b|\bmy book\b|\bhow many\b",
    re.I,
)

FIRST_FEW = re.compile(
    r"\b(?:first|last) (?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b", re.I
)


def _ordinal_picked(ctx: EngineContext, result: EngineResult) -> None:
    """ "按到期日排一下，第二个是谁": the list ranked, and the one the ordinal asks for said first
    and kept as the conversation's client ("她上次联系是啥时候" is about that one)."""
    shown = list(result.state.get("last_list") or [])
    text = ctx.masked_text
    n = followup.ordinal(text)
    asks_one = (
        followup.WHICH.search(text)
        and not followup.PLURAL_WHICH.search(text)
        and not FIRST_FEW.search(text)  # "who are the first five to mature": a list
    )
    if n is None and len(shown) == 1 and not result.state.get("client_ids"):
        # a list of one is that client in view: "by how much?", "她上次联系是啥时候" are its
        result.state["client_ids"] = shown
    if n is None or not asks_one or not 0 < n <= len(shown):
        return
    picked = shown[n - 1]
    line = t("ordinal_pick", ctx.language).format(
        n=n, client=ctx.toolbox.client_token(picked), client_id=picked
    )
    result.text = f"{line}\n\n{result.text}"
    result.state["client_ids"] = [picked]


async def _names_a_client(ctx: EngineContext, slots: Slots) -> bool:
    if slots.client_tokens or slots.client_ids:
        return True
    own, foreign = await asyncio.to_thread(mentioned_clients, ctx.toolbox, ctx.masked_text)
    return bool(own or foreign)


def _early_answer(
    ctx: EngineContext, verdict: IntentResult, has_client: bool
) -> EngineResult | None:
    """Policy refusals, the fixed answers, and an admin asking for client data."""
    lang, intent = ctx.language, verdict.intent
    refusal = policy_refusal(
        verdict,
        lang,
        # "让她把身份证拍给我，帮我写条消息": a draft asked for, refused as one
        full_id_intent=(
            ("draft_outreach" if DRAFT_VERB.search(ctx.masked_text) else "client_facts")
            if has_client
            else None
        ),
        served_intent="serve_client" if has_client else None,
        text=ctx.masked_text,
        records_in=records_in(ctx.toolbox, lang),
    )
    if refusal is not None:
        return refusal
    if asks_how_to_record(ctx.masked_text):  # how the assistant keeps a note: help
        return EngineResult(c.join([[t("help_notes", lang)], [t("help", lang)]]), "help")
    if asks_to_send(ctx.masked_text):  # "can you send it for me": what it does, and doesn't
        return EngineResult(c.join([[t("help_send", lang)], [t("help", lang)]]), "help")
    if intent in FIXED:
        out = intent == "out_of_scope"
        text = t(intent, lang)
        if intent == "help" and ctx.toolbox.caller.role == "team_lead":
            text = c.join([[text], [t("help_lead", lang)]])  # what a lead sees besides a book
        return EngineResult(
            text, intent, refused=out, refusal_reason="out_of_scope" if out else None
        )
    if ctx.toolbox.caller.role == "admin" and intent != "playbook_qa":
        return EngineResult(
            t("refuse_admin", lang), intent, refused=True, refusal_reason="not_entitled"
        )
    return None


def _foreign_rm(ctx: EngineContext, verdict: IntentResult, book: Parsed) -> EngineResult | None:
    """A question about the book or the clients of an RM the caller may not read (another
    team's, or a colleague's for an RM) is refused like any client outside the book."""
    if verdict.intent in ("playbook_qa", *FIXED):
        return None
    if all(ctx.toolbox.caller.may_name(rm) for rm in book.rms) and not (
        verdict.intent == "book_query" and names_foreign_colleague(ctx.toolbox, ctx.masked_text)
    ):
        return None
    return no_such_client(verdict.intent, ctx.language)


def no_such_client(intent: str, language: str) -> EngineResult:
    """One answer for a client of another book and a client of no book (DESIGN §4.6)."""
    return EngineResult(
        t("refuse_foreign", language),
        intent,
        refused=True,
        refusal_reason="not_entitled",
        state={"client_ids": []},
    )


async def _dispatch(req: Request) -> EngineResult:
    try:
        return await HANDLERS[req.intent](req)
    except Refusal:
        return no_such_client(req.intent, req.lang)
    except ToolError as exc:
        return tool_failure(req.tb, req.intent, req.lang, exc)


# Keys of a query that only shape the list, not which clients are on it.
SHAPE_ONLY = {"rm", "sort_by", "descending", "limit"}


async def _narrowed(ctx: EngineContext, book: Parsed, of_rm: bool) -> BookQuery | None:
    """The last book query narrowed by the filters the turn says ("只看重点客户及以上的" after a
    churn list): the turn's filters over the clients the last query matched (all of them, not
    just the ones shown); None when the turn narrows nothing."""
    last = ctx.state.get(followup.LAST_BOOK)
    if not last or not (of_rm or followup.NARROW.search(ctx.masked_text)):
        return None
    if book.query.limit != BookQuery().limit and followup.of_the_book(ctx.masked_text):
        return None  # "my top 3 by deposits, corporate only": a ranking of the book itself
    own = book.query.model_dump(exclude_defaults=True)
    if not own.keys() - SHAPE_ONLY and not of_rm:
        return None  # "只看前三个": the list's own order, picked by position elsewhere
    prior = BookQuery.model_validate(last)
    shown = ctx.state.get("last_list") or []
    if shown and followup.COUNTED_THOSE.search(ctx.masked_text):
        # "which of those three…", "这两家": the ones on screen, not all it matched ("Emily那几个"
        # is hers of all of them)
        among = list(shown)
    else:
        among = await asyncio.to_thread(matched_ids, ctx.toolbox, prior)
    if not among:
        return None
    # The last filters stay on the query (the clients of ``among`` meet them already) so that
    # the next turn's "再只看…" narrows this list, not the one before it.
    merged = {**last, **own, "among": among}
    if of_rm and merged.pop("group_by_rm", None):
        merged.pop("count_only", None)  # "宋莉's two" after a table per RM: her clients, listed
    return BookQuery.model_validate(merged)


# "怎么唤醒比较好", "how should I approach": how to serve, asked of what a narrowing leaves.
SERVE_HOW = re.compile(
    r"(?:怎么|如何|咋)(?:样)?(?:去)?(?:唤醒|挽留|维护|跟进|营销|服务|激活|留住|沟通|切入|打动)|"
    r"\bhow (?:should|do|can|would) (?:i|we) (?:approach|serve|wake|reactivate|retain|handle|win)\b",
    re.I,
)


async def _one_to_serve(ctx: EngineContext, narrowed: BookQuery) -> str | None:
    """The one client a narrowed list leaves when the turn asks how to serve them; else None."""
    if not SERVE_HOW.search(ctx.masked_text):
        return None
    ids = await asyncio.to_thread(matched_ids, ctx.toolbox, narrowed)
    return ids[0] if len(ids) == 1 else None


def _asks_its_own(book: Parsed) -> bool:
    """Whether the turn's words carry filters of their own (more than an order or a count)."""
    return bool(book.query.model_dump(exclude_defaults=True).keys() - SHAPE_ONLY - {"count_only"})


async def _totalled(ctx: EngineContext, book: Parsed) -> BookQuery | None:
    """The last book query again, over the clients it matched, when the turn only asks for a
    total ("加起来多少", "what do they add up to"); None otherwise."""
    last = ctx.state.get(followup.LAST_BOOK)
    if not last or not TOTAL.search(ctx.masked_text):
        return None
    if _asks_its_own(book):
        return None  # "合计存款超过一亿的": a question of its own
    return await _last_again(ctx, last)


async def _last_again(ctx: EngineContext, last: dict, **update: object) -> BookQuery | None:
    """The last book query over the clients it matched (all of them, not just those shown),
    with ``update``; None when it matched none."""
    among = await asyncio.to_thread(matched_ids, ctx.toolbox, BookQuery.model_validate(last))
    return BookQuery.model_validate({**last, "among": among, **update}) if among else None


# "列出来", "都有谁", "list them": the clients a count counted, asked for by name.
LIST_THEM = re.compile(
    r"^\s*(?:那|好的?|行|ok|okay)?[，,\s]*(?:帮我|麻烦)?(?:列出来|列一下|列个名单|给(?:我)?(?:个)?名单|名单呢?|"
    r"都有谁|都是谁|分别是谁|是哪些|都是哪些|有哪些|哪几[个家位])|"
    r"^\s*(?:ok|okay|sure|yes|yeah)?[,\s]*(?:pls |please )?(?:list (?:them|those|'em)|name them|who are they|"
    r"show (?:me )?(?:them|the list|who)|which ones)\b",
    re.I,
)


def _listed(ctx: EngineContext, book: Parsed) -> BookQuery | None:
    """The last count's query again, its clients listed, when the turn only asks who they are
    ("列出来" after "财富客户有多少"); None otherwise."""
    last = ctx.state.get(followup.LAST_BOOK)
    if not last or not last.get("count_only") or not LIST_THEM.search(ctx.masked_text):
        return None
    if _asks_its_own(book):
        return None  # "列出来重点客户": a question of its own
    return BookQuery.model_validate({**last, "count_only": False})


# What a bare "那X呢" may swap in the last book question: whose book, which segment, tier or trade.
SWAPPED = {"rm", "client_type", "tier", "tiers", "industry"}


# What a bare "那X呢" may continue: a question answered, not a fixed reply.
ANSWERED = frozenset({"playbook_qa", "book_query", "client_facts", "serve_client"})
# "by how much?", "涨了多少", "差多少啊": a figure asked with nothing else, of the client in view.
HOW_MUCH_ALONE = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:by\s+)?how much(?: (?:is that|was it|did it (?:go up|drop|fall|grow)))?\s*[?？!.]*\s*$|"
    r"^\s*(?:那|那么)?(?:涨|降|掉|少|多|增加|减少|差|变)了?多少(?:啊|呀|呢)?\s*[?？!。]*\s*$",
    re.I,
)
# "who has the most dormant ones" right after a table per RM: "who" is an RM of that table.
WHO_OF_THE_TABLE = re.compile(r"^\s*(?:and\s+|so\s+|那|那么)?(?:who\b|谁)", re.I)


def _of_rm_in_view(ctx: EngineContext, book: Parsed) -> Parsed:
    """ "她名下总行级里最久没联系的是哪家" right after "谁的…最多": the RM that answer named (a lead's
    team only: the state holds an RM of a table the caller was shown)."""
    rm = ctx.state.get(followup.RM_IN_VIEW)
    if not rm or book.query.rm or not followup.THEIR_BOOK.search(ctx.masked_text):
        return book
    if ctx.toolbox.caller.role != "team_lead" or ctx.state.get("last_intent") != "book_query":
        return book  # right after the answer about the RM, not after a client's
    return replace(book, query=book.query.model_copy(update={"rm": rm}), structured=True)


async def _grouped(ctx: EngineContext, book: Parsed) -> BookQuery | None:
    """The last book query again, over the clients it matched, when the turn only asks for it
    split per RM ("按客户经理分一下", "by RM?"); None otherwise."""
    last = ctx.state.get(followup.LAST_BOOK)
    if not last or last.get("group_by_rm") or not book.query.group_by_rm:
        return None
    own = book.query.model_dump(exclude_defaults=True).keys() - SHAPE_ONLY
    if own - {"group_by_rm", "count_only"}:
        return None  # "按客户经理分一下战略客户": a question of its own
    # A list split per RM is still that list, its clients under their RMs; a count, counts.
    return await _last_again(ctx, last, group_by_rm=True)


def _per_rm_again(ctx: EngineContext, book: Parsed) -> Parsed:
    """A question of who (which RM) right after an answer per RM is asked per RM again."""
    last = ctx.state.get(followup.LAST_BOOK)
    if (
        not last
        or not last.get("group_by_rm")
        or book.query.group_by_rm
        or book.query.rm
        or not WHO_OF_THE_TABLE.search(ctx.masked_text)
    ):
        return book
    counted = {"group_by_rm": True, "count_only": True, "limit": BookQuery().limit}
    return replace(book, query=book.query.model_copy(update=counted), structured=True)


# "按员工人数排一下", "sort them by loans": the list on screen, ordered anew — nothing else said.
RESORT = re.compile(
    r"^\s*(?:那|再|那就|帮我)?(?:按|按照|以)[^，,。？?]{1,12}(?:排|排序|排一下|排个序|排排|从高到低|从低到高|倒序)"
    r"(?:一下|下|吧|呗|看看|啊|呢)?[？?。.!！]*\s*$|"
    r"^\s*(?:now\s+|then\s+|can you\s+|pls\s+|please\s+)?(?:sort|rank|order|re-?sort)\s+"
    r"(?:them|it|these|those|the list|this|that)?\s*by\b.{1,30}$",
    re.I,
)


def _resorted(ctx: EngineContext, book: Parsed) -> BookQuery | None:
    """The last book question with the order said now, when the turn only orders it."""
    last = ctx.state.get(followup.LAST_BOOK)
    said = book.query.model_dump(exclude_defaults=True)
    if not last or "sort_by" not in said or said.keys() - {"sort_by", "limit", "descending"}:
        return None
    if not RESORT.search(ctx.masked_text):
        return None
    merged = {**last, **said}
    if not merged.get("group_by_rm"):  # "有几个" then "按存款排一下": the clients counted, in order
        merged.pop("count_only", None)
    return BookQuery.model_validate(merged)


def _for_colleague(ctx: EngineContext, book: Parsed) -> BookQuery | None:
    """The last book question asked again of another RM of the caller's team ("那张秀荣呢",
    "and Emily's?"), or of another segment, tier or trade right after it ("and retail?",
    "那核心客户呢"), when the turn is only that; None otherwise."""
    last = ctx.state.get(followup.LAST_BOOK)
    if not last or not followup.ELLIPSIS.search(ctx.masked_text):
        return None
    days = bare_window(ctx.masked_text)
    bound = next((k for k in WINDOWED if last.get(k) is not None), None)
    if days is not None and bound and ctx.state.get("last_intent") == "book_query":
        return BookQuery.model_validate({**last, bound: days})  # "60天呢" after "30天内到期的"
    said = book.query.model_dump(exclude_defaults=True)
    swaps = {k: v for k, v in said.items() if k in SWAPPED}
    if not swaps or said.keys() - SWAPPED - {"sort_by", "limit"}:
        return None  # nothing to swap, or the turn asks a question of its own
    if swaps.keys() - {"rm"} and ctx.state.get("last_intent") != "book_query":
        return None  # "那零售呢" after a rule question asks the rule (``followup``)
    merged = {**last, **swaps}
    if "client_type" in swaps and "tier" not in swaps:
        merged.pop("tier", None)  # a segment's tiers are its own: "and retail?" drops "core"
        merged.pop("tiers", None)
    if "tier" in swaps and "tiers" not in swaps:
        merged.pop("tiers", None)
    if "rm" in swaps and merged.pop("group_by_rm", None):
        merged.pop("count_only", None)  # "just Emily's" after a list per RM: her clients, listed
    return BookQuery.model_validate(merged)
