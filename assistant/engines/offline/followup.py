"""Follow-ups: what a turn leaves unsaid that the conversation already holds.

A person who has just been shown a client, a list or a draft says "那理财呢？", "第二个帮我写个话术",
"改成邮件", "shorter" or, asked "which one?", "上海那家". The conversation's state (ids and slots
only, never names: DESIGN §4.3) tells which client, which draft; this module reads the turn
against it before the intent is classified, and writes the state the next turn will read.

State keys (all optional):
  ``client_ids``   the client(s) the last answer was about
  ``last_list``    the clients of the last list shown, in display order
  ``last_draft``   the last draft's ``client_id``, ``channel``, ``purpose``, ``product_code``, ``language``,
                   ``style``
  ``candidates``   a pending "which one?": the clients offered, and ``pending_intent``
  ``last_intent``  the last answer's intent
  ``last_question`` the last question as answered (masked), and ``asked_intent`` its intent
                   even when refused: "那王莉的呢" asks it again of another client
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field

from assistant.engines.offline import figures
from assistant.engines.offline.book_parse import BY_SHARE, MY_BOOK, measure_named
from assistant.engines.offline.slots import CHANNELS, CUT_DOWN, FACTS, STYLES, Slots, _first
from assistant.privacy.tokens import TOKEN_RE
from tools.book_query import ASCENDING, BookQuery
from tools.book_tools import matched_ids
from tools.client_pick import (
    described_by_industry,
    described_by_name,
    described_by_surname,
    largest_maturing,
    named_among,
    pick_clients,
    rank_clients,
    tied_description,
)
from tools.toolbox import Toolbox

# What the classifier says of words that ask nothing by themselves ("电子那家", "那理财呢？"):
# a list, policy refusal or client question of their own is theirs to keep.
NO_INTENT_OF_ITS_OWN = ("playbook_qa", "help")
CLIENT_INTENTS = ("client_facts", "serve_client", "draft_outreach", "meeting_prep")
# How far a turn said after an answer about one client, read with that client in front of it,
# must lean to a client question over a policy one for the client to carry over (cosine of the
# nearest examples; chosen on a handful of both kinds, checked on the dev halves).
CLIENT_LEAD = 0.04
ZH_NUMBERS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
EN_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
}  # fmt: skip
EN_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}
NUM = r"(\d{1,2}|[一二两三四五六七八九十])"

# "第二个", "第2家", "the second one", "#2", "no. 2"
ZH_ORDINAL = re.compile(rf"第\s*{NUM}\s*(个|家|位|名)")  # not "第二季度"
EN_ORDINAL = re.compile(
    r"\b(the\s+)?("
    + "|".join(EN_ORDINALS)
    + r")\b(\s+(one|client|company|name))?|#\s*(\d{1,2})\b|\bno\.?\s*(\d{1,2})\b",
    re.I,
)
ZH_LAST = re.compile(r"最后(一|那)?(个|家|位)")
EN_LAST = re.compile(r"\bthe\s+last\s+(one|client|company)\b|\bthe\s+bottom\s+one\b", re.I)
# "前两个" / "后面两个" / "the first two" / "the last three"
ZH_HEAD = re.compile(rf"前(面)?\s*{NUM}\s*(个|家|位)")
ZH_TAIL = re.compile(rf"(后面|后|最后)\s*{NUM}\s*(个|家|位)")
EN_HEAD = re.compile(r"\b(the\s+)?(first|top)\s+(two|three|four|five|\d)\b", re.I)
EN_TAIL = re.compile(r"\b(the\s+)?(last|bottom)\s+(two|three|four|five|\d)\b", re.I)

# "最大的那个", "存款最多的那家", "the one with the most loans", "最近到期的那个": the list's first
# by a measure. Which measure is the book query's reading of the words (``book_parse.measure``).
# Between the clients on screen a comparative picks like a superlative ("存款多点那个", "the
# bigger one").
MOST = re.compile(
    r"最(大|多|高|久|长|狠|厉害|猛)|(多|大|高)一?(点|些)(的|那)|更(多|大|高)|(大|多)的那|"
    r"\b(biggest|largest|most|highest|longest|bigger|larger|higher)\b",
    re.I,
)
LEAST = re.compile(
    r"最(小|少|低|短)|(少|小|低)一?(点|些)(的|那)|更(少|小|低)|(小|少)的那|"
    r"\b(smallest|least|lowest|fewest|smaller|lower|fewer)\b",
    re.I,
)
SOONEST = re.compile(
    r"最(近|早|快)到期|\b(soonest|earliest|first) to mature\b|\bmatures? (first|soonest)\b", re.I
)
LONGEST_SILENT = re.compile(
    r"最久没|最长时间没|\b(longest|longest time) (since|without)\b|"
    # "which of them have we not talked to for longest", "gone longest without a call"
    r"\bnot (?:talked|spoken|been in touch|reached out) (?:to |with )?(?:for |in )?(?:the )?longest\b|"
    r"\bnot (?:contacted|called|visited|seen)\b.{0,12}\b(?:for |in )?(?:the )?longest\b|\bgone longest\b",
    re.I,
)
# "最近联系过的那个", "the one I spoke to last": the latest contact, not the longest silence.
LATEST_CONTACT = re.compile(
    r"最近(联系|接触|拜访|沟通|聊|见)过?|刚(联系|拜访|见)过?|"
    r"\b(most recently|last) (contacted|called|visited|seen|spoken to)\b|"
    r"\b(we|i) (talked|spoke|met) (to |with )?(most recently|last)\b",
    re.I,
)
# Words that ask within the list on screen ("这几家里哪家…", "which of them"), not the book.
WITHIN_LIST = re.compile(
    r"这几[家个位]|这些|其中|里面|当中|之中|哪[家个位笔]|"
    r"\b(of|among) (them|these|those)\b|\bwhich (one|of them|of these)\b",
    re.I,
)

# The conversation's last book query (ids, codes and words, no PII), for "那张秀荣呢".
LAST_BOOK = "last_book"
# The RM an answer was about (the top of a table per RM, or the one RM asked of): "她名下…".
RM_IN_VIEW = "rm_in_view"
# "她名下总行级里…", "his clients", "in her book": an RM's book by pronoun, right after an answer
# about that RM ("他手上那个进取一号" is a client's holding, not an RM's book).
THEIR_BOOK = re.compile(
    r"(?:她|他)(?:名下|的客户|那边|管的|负责的)|\b(?:her|his) (?:book|clients|portfolio)\b",
    re.I,
)
# What the last rule question asked ("几个工作日内跟进"), for "那休眠客户呢" asked of another topic.
RULE_ASPECT = "rule_aspect"
ASPECT = re.compile(
    r"(?:几个?工作日|几天|多少天|多久|多长时间|多快|时限|期限|频次|频率|多少次|几次|门槛|起点|起购|"
    r"准入条件|材料|流程|步骤|注意事项|怎么认定|怎么判定)(?:内|以内|之内)?[\u4e00-\u9fff]{0,3}|"
    r"\b(?:how many (?:working |business )?days|how soon|how (?:fast|quickly)|how often|how long|thresholds?|minimum|"
    r"deadline|definition|steps|process|documents)\b(?: [a-z]+){0,2}",
    re.I,
)


def rule_aspect(text: str) -> str | None:
    """The part of a rule question that asks what (its time limit, threshold, steps …)."""
    found = [m.group(0) for m in ASPECT.finditer(text)]
    return " ".join(found) or None


# Words that narrow the list on screen by a filter of their own ("只看重点客户及以上的", "这里面
# 还没做远期的呢", "only the ones in manufacturing", "of those, who holds a CD").
NARROW = re.compile(
    r"^\s*(?:那|那就|再)?只(?:看|要|留|显示|列|剩|挑)|^\s*(?:那|再)?(?:筛|过滤)|这里面|那里面|其中|"
    r"^\s*(?:那|这)?(?:里面|里头|当中)|"
    r"(?:这|那)(?:些|几[家个位])(?:客户)?(?:里面?|中|当中|之中)|(?:他们|她们)(?:里面?|中|当中)|"
    r"\b(?:only|just)\s+(?:the\s+|those\s+)?(?:ones?|those|clients?)\b|^\s*(?:only|just)\b|"
    r"\b(?:of|among|from)\s+(?:them|these|those|that list|the list)\b|\bnarrow\b|\bfilter\b",
    re.I,
)
# "Emily那几个", "王磊的那些": the ones of the list on screen (with an RM named: theirs).
# "and my own three", "我自己那两个": the lead's own few of the table
_MY_FEW = (
    r"\bmy own (?:two|three|four|five|few|ones|\d+)\b|我自己(?:的|那)(?:[两三四五几]|\d+)[个家位户]|"
    r"我自己(?:的|那)些|\b(?:and )?mine\b\s*[?？]?\s*$"
)
MY_FEW = re.compile(_MY_FEW, re.I)
THOSE = re.compile(
    r"(?:那|这)(?:(?:[几两三四五]|\d+)[个家位户笔]|些)|\b(?:those|these|the ones)\b|"
    # "宋莉's two", "宋莉的两个": an RM's few of the table just shown
    r"['’]s\s+(?:two|three|four|five|\d+)\b|的(?:[两三四五]|\d+)[个家位户]|" + _MY_FEW,
    re.I,
)
# "丁涛那个是谁", "Emily's one": an RM's one client of the table just shown (read only beside an
# RM's name: alone, "那个" is a filler word)
ONE_OF_RM = re.compile(r"(?:那|这)[一1]?[个家位户](?!客户)|['’]s\s+one\b|\bthat one\b", re.I)
# "那三家", "these two", "those 3": the clients on screen, counted — not all the list matched.
COUNTED_THOSE = re.compile(
    r"(?:那|这)(?:[两三四五六七八九十]|\d+)\s*[个家位户笔]|"
    r"\b(?:those|these|the)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b",
    re.I,
)
# Asking for several of them ("哪几家", "which ones"), not the one.
PLURAL_WHICH = re.compile(
    r"哪些|哪几|\bwhich ones\b|\btop\s*\d|前\s*\d|\brank\b|排(个|一下)?序|排名", re.I
)
# Asking which one, of the clients on screen ("哪家…最久", "which of them has the most").
WHICH = re.compile(r"哪[家个位笔]|谁|\bwhich\b|\bwho\b", re.I)
WHICH_ONE_MAX = 5  # more clients than a "which one?" can list: the words pick none

# Words that point at one of the clients on screen ("上海那家", "the machinery one").
POINTER = re.compile(r"那家|这家|那个|这个|那位|这位|\b(that|this|the)\s+(\w+\s+)?one\b", re.I)
# Words that stand for the client of the last answer ("他们", "该客户", "them").
PRONOUN = re.compile(
    r"他们|她们|(?<!其)他|她|它|该客户|此客户|这个客户|那个客户|这家(公司|客户)|那家(公司|客户)|"
    r"\b(they|them|their|theirs|he|him|his|she|her|hers|that client|this client|the client|"
    r"that company|this company)\b",
    re.I,
)
# "那理财呢？", "贷款呢", "and the loans?", "what about deposits"
ELLIPSIS = re.compile(
    r"^\s*(那|那么|还有|另外)?.{1,14}呢\s*[？?。.!！]*\s*$|^\s*(and|what about|how about)\b.{1,40}$|"
    # "just Emily's", "only the retail ones", "只看王敏的", "光看零售的": the last list narrowed
    r"^\s*(just|only)\s+.{1,30}$|^\s*(只看|只要|光看|就看)[^，,。？?]{1,12}的?\s*[？?。.!！]*\s*$",
    re.I,
)
# "那战略客户呢，要团队长一起去吗": "and X?" with a yes/no question of its own about X.
ELLIPSIS_ASKED = re.compile(
    r"^\s*(?:那|那么)?[^，,。？?]{1,14}呢\s*[，,]\s*[^，,。？?]{1,24}(?:吗|么|没有?)\s*[？?]?\s*$|"
    r"^\s*(?:and|what about|how about)\b[^,?]{1,30}[,?]\s*(?:do|does|is|are|can|should|must)\b.{1,40}\?\s*$",
    re.I,
)


def asked_of_another(text: str) -> bool:
    """ "那休眠客户呢", "那战略客户呢，要团队长陪同吗": the last rule question asked of something else."""
    return bool(ELLIPSIS.search(text) or ELLIPSIS_ASKED.search(text))


# An edit of the last draft: its channel, length, tone, language, or a line added.
DRAFT_EDIT = re.compile(
    r"(改|换|转|变)(成|为|发|用)|改一下|重写|再写一(版|个|条)|短一?点|简短|精简|简洁|长一?点|"
    # "那按合规的写法来一版" after a declined draft: the bank's wording, redone
    r"(?:来|出|写)一?(?:版|稿)|合规的?(?:写法|版本|说法|表述|措辞|话术)|按合规的?(?:写法|说法)?(?:来|写|改|出)|"
    r"怎么(?:说|写)才(?:合规|行|可以)|"
    r"\b(?:compliant|clean|proper) (?:version|draft|wording)\b|" + CUT_DOWN + r"|"
    r"正式一?点|更正式|口语化|客气一?点|亲切一?点|(加上|加一句|再加|补充|添上|加个|去掉|删掉|删除)|"
    r"英文版|中文版|用英文|用中文|翻译|翻成|译成|翻一下|"
    r"\b(shorter|longer|more formal|less formal|more casual|friendlier|warmer|politer|rewrite|"
    r"redo|instead|translate|make (?:it|them|these|those|both|each)|in english|in chinese|"
    r"english version|chinese version|"
    r"add|mention|include|remove|drop)\b",
    re.I,
)
ADDITION = re.compile(
    r"(?:再加一句|再加上|加一句|加上|再加|补充上?|添上|加个|\badd\b|\bmention\b|\binclude\b)\s*[:：]?\s*"
    # "add a line that we …", "加一句说…": the words to add, not the ask for a line
    r"(?:(?:a|one|another)\s+(?:line|sentence|note)\s*(?:that|saying|to say)?\s*[:：]?\s*|说)?(.+)$",
    re.I,
)


@dataclass
class FollowUp:
    """What the turn refers to: the clients it means and the intent it continues (None: the
    classifier decides)."""

    client_ids: list[str] = field(default_factory=list)
    intent: str | None = None  # decided by the follow-up (an edit of the last draft)
    default_intent: str | None = None  # when the turn's own words name no client intent
    draft: dict = field(default_factory=dict)
    # The question a "which one?" was asked about ("杨霞的理财什么时候到期"), its client left
    # out: the reply ("存款多点那个") picks the client, the question is still the one answered.
    question: str | None = None
    # A question asked of the list on screen ("which of them …"): the book query to run.
    book: BookQuery | None = None
    picks_one: bool = False  # ...and its first client is the one meant from now on
    ask_which: bool = False  # the words fit several clients: which one is asked back


async def resolve(tb: Toolbox, text: str, state: dict, slots: Slots) -> FollowUp:
    """Read the turn against the conversation's state; fill the slots it leaves unsaid."""
    names_client = bool(slots.client_tokens or slots.client_ids)
    pending = state.get("candidates") or []
    # "德明" answering "冯德明 or 冯晨阳?": a name masked as a person, part of one offered
    if (
        pending
        and TOKEN_RE.search(text)
        and not slots.client_ids
        and (picked := await asyncio.to_thread(named_among, tb, text, pending))
    ):
        slots.client_ids = picked
    follow = (
        _named_reply(text, state, slots.client_ids)
        or await _asked_again(tb, text, state, slots)
        or await _refer(tb, text, state, names_client)
    )
    draft = state.get("last_draft") or {}
    edits = DRAFT_EDIT.search(text) or _first(STYLES, text)
    if draft and edits and not names_client and _same_draft(follow, draft):
        follow.intent = "draft_outreach"
        # Drafts written for each of several clients ("改成短信" after them) are all redone.
        each = [d["client_id"] for d in draft.get("each") or []] or [draft["client_id"]]
        follow.client_ids = follow.client_ids or each
        follow.draft = draft
        inherit_draft(slots, text, draft)
    elif _redo_in_language(state, slots, names_client):
        # "改成英文要点" after a meeting prep: the same prep, in the other language.
        follow.intent = str(state["last_intent"])
        follow.client_ids = follow.client_ids or list(state["client_ids"])[:1]
    elif _rule_asked_again(state, text, names_client, follow) or _rule_narrowed(
        state, text, names_client, follow
    ):
        follow.intent = "playbook_qa"  # "and dormant clients?" after "how soon … churn warning"
    if follow.client_ids and not names_client:
        slots.client_ids = follow.client_ids
        slots.ask_which = follow.ask_which
    return follow


def _rule_asked_again(state: dict, text: str, names_client: bool, follow: FollowUp) -> bool:
    """A bare "那X呢" / "and X?" after a rule question that asked something (a time limit, a
    threshold): the same asked of X, still a rule question."""
    return bool(
        state.get("last_intent") == "playbook_qa"
        and state.get(RULE_ASPECT)
        and not names_client
        and not follow.client_ids
        and asked_of_another(text)
        and not rule_aspect(text)
    )


# "那零售客户起点多少", "and the minimum for retail?": right after a rule, a short "and X's …"
# that asks a rule's aspect of its own — still the rules, not a list of retail clients.
NARROWED_RULE = re.compile(r"^\s*(?:那么?|(?:and|what about|how about)\b)", re.I)


def _rule_narrowed(state: dict, text: str, names_client: bool, follow: FollowUp) -> bool:
    return bool(
        state.get("last_intent") == "playbook_qa"
        and not names_client
        and not follow.client_ids
        and len(text) <= 40
        and NARROWED_RULE.search(text)
        and rule_aspect(text)
    )


# Answers about one client that a language switch redoes whole (a draft has its own edits).
REDONE_IN_LANGUAGE = ("meeting_prep",)


def _redo_in_language(state: dict, slots: Slots, names_client: bool) -> bool:
    return bool(
        slots.target_language
        and not names_client
        and state.get("last_intent") in REDONE_IN_LANGUAGE
        and state.get("client_ids")
    )


def _named_reply(text: str, state: dict, named: list[str]) -> FollowUp | None:
    """A reply to "which one?" that names one of the clients offered ("上海星旭生物科技", the
    full name read off the list) and asks nothing of its own: the question asked is still the
    question answered, of the client named."""
    pending = state.get("candidates") or []
    question = state.get("pending_question")
    if not (question and len(set(named)) == 1 and named[0] in pending) or asks_its_own(text):
        return None
    intent = state.get("pending_intent")
    return FollowUp(named[:1], intent=intent, default_intent=intent, question=question)


# What an ellipsis says besides the one thing it swaps in: "那⟦CLIENT_2⟧的呢", "what about X?"
ELLIPSIS_WORDS = re.compile(
    r"^\s*(那么|那|还有|另外|and|what about|how about)\s*|(\s|的|呢|then|too|[？?。.!！])*$",
    re.I,
)


async def _asked_again(tb: Toolbox, text: str, state: dict, slots: Slots) -> FollowUp | None:
    """ "那王莉的呢" after "帮我看看张大千的持仓", "那外汇期权组合呢" after "能给他们推远期结售汇吗":
    the last question asked again with one thing swapped — the client, or the product."""
    last = state.get("last_question")
    if not last or state.get("candidates") or not ELLIPSIS.search(text):
        return None
    said = ELLIPSIS_WORDS.sub("", text).strip()
    if not said:
        return None
    intent = state.get("asked_intent")
    if said in slots.client_tokens or (slots.client_ids and TOKEN_RE.fullmatch(said)):
        # Another client: the question's own client (its name token) is swapped for it.
        previous = [m.group(0) for m in TOKEN_RE.finditer(last)]
        if not previous or intent not in SWAPPABLE:
            return None
        question = last.replace(previous[0], said)
        return FollowUp(slots.client_ids[:1], intent=intent, question=question)
    if (swapped := _other_side(last, said, intent)) is not None:
        return FollowUp([], intent=intent, question=swapped)
    if TOKEN_RE.search(said) or not state.get("client_ids") or intent not in SWAPPABLE:
        return None
    was, now = [await tb.acall("find_products", {"query": q}) for q in (last, said)]
    old, new = was.get("asked_for"), now.get("asked_for")
    if not (old and new and now["products"] and old in last and old != new):
        return None
    # The same client, another product: "能给他们推远期结售汇吗" → "…推外汇期权组合吗".
    ids = list(state["client_ids"])[:1]
    return FollowUp(ids, intent=state.get("last_intent"), question=last.replace(old, new))


# Intents whose question can be asked again of another client as it stands.
SWAPPABLE = ("client_facts", "serve_client", "meeting_prep", "draft_outreach")
# The side of the bank a rule is about: "个人的呢" after "单位大额存单起存多少" asks the rule of the
# other side ("个人大额存单起存多少"), not the words "个人的" alone.
SIDES = re.compile(
    r"个人|单位|对公|零售|企业|公司|机构|私人|\b(?:retail|corporate|personal|business)\b", re.I
)


def _other_side(last: str, said: str, intent: str | None) -> str | None:
    """The last rule question asked of the side ``said`` names; None when ``said`` names no side
    or the last question was no rule question."""
    if intent != "playbook_qa" or not SIDES.fullmatch(said.strip()):
        return None
    if found := SIDES.search(last):
        return last[: found.start()] + said + last[found.end() :]
    return said + last


async def _refer(tb: Toolbox, text: str, state: dict, names_client: bool) -> FollowUp:
    """The clients an ordinal, a partial reply or a pronoun picks from the state."""
    pending = state.get("candidates") or []
    shown = state.get("last_list") or []
    if pending and not names_client:
        picked = (
            _by_position(text, pending)
            or await _by_measure(tb, text, pending)
            or await _by_description(tb, text, pending)
            or await kept_by_filter(tb, text, pending)
        )
        if picked:
            question = state.get("pending_question")
            if question and asks_its_own(text):
                # "最近联系过的那个，她理财几号到期": the reply picks and asks a question of its own.
                return FollowUp(picked[:1], default_intent=state.get("pending_intent"))
            intent = state.get("pending_intent") if question else None
            return FollowUp(
                picked[:1],
                intent=intent,  # the question asked stays the question answered
                default_intent=state.get("pending_intent"),
                question=question,
            )
    remembered = state.get("client_ids") or []
    if state.get(MASKED_OFFER) and remembered and not names_client and MASKED_OK.search(text):
        return FollowUp(list(remembered), intent="client_facts")  # "那打码的给我也行"
    if shown and not names_client and THOSE.search(text) and OWNER_ASKED.search(text):
        # "这两家分别是谁在管": the list on screen again, each line with its client's RM.
        last = state.get(LAST_BOOK) or {}
        order = {k: last[k] for k in ("sort_by", "descending") if k in last}  # as it was shown
        query = BookQuery.model_validate({**order, "among": shown, "limit": min(len(shown), 20)})
        return FollowUp(intent="book_query", book=query)
    if shown and not names_client and (ranked := _ranked_head(text, shown)) is not None:
        return ranked  # "top 3 of them by deposits": the list on screen ranked, not its first 3
    if shown and not names_client:
        picked = _by_position(text, shown)
        last = state.get(LAST_BOOK) or {}
        if not picked and EARLIEST_ONE.search(text) and last.get("sort_by") in SOONEST_FIRST:
            picked = shown[:1]  # the list was shown soonest first
        if not picked and _maturing(last) and BIGGEST_AMOUNT.search(text):
            # "金额最大的那笔是谁的客户" of a maturity list: the largest sum that matures.
            window = last.get("maturity_within_days")
            picked = await asyncio.to_thread(
                largest_maturing, tb, shown, window, last.get("maturity_from_days") or 0
            )
            if picked:  # "…是哪家": the answer is that client, not the list ranked again
                return FollowUp(picked, intent="client_facts", question=_of_list(text, last))
        if not picked and POINTER.search(text):
            picked = (
                await _by_measure(tb, text, shown)
                or await _by_description(tb, text, shown)
                # "the core one", "有代发的那家": the one of the list a filter keeps
                or await kept_by_filter(tb, text, shown, partial=True)
            )
            tied = (
                []
                if picked
                else await asyncio.to_thread(tied_description, tb, TOKEN_RE.sub(" ", text), shown)
            )
            if 2 <= len(tied) <= WHICH_ONE_MAX:
                # "那个化工的联系人是谁" with two chemical firms on screen: which one, asked back.
                return FollowUp(tied, default_intent="client_facts", ask_which=True)
        elif not picked and WITHIN_LIST.search(text) and (wanted := superlative(text)):
            if WHICH.search(text):
                # "这几家里哪家最久没联系了": the list on screen ranked by the measure, the one it
                # picks first — not a count of the book ("几家").
                measure, descending = wanted
                query = BookQuery.model_validate(
                    {"among": shown, "sort_by": measure, "descending": descending,
                     "limit": min(len(shown), 20)}
                )  # fmt: skip
                # "which one has the most staff": the first is the answer, and "their" next
                # turn is that client; "哪几家…" / "which ones" asks for the order only.
                one = not PLURAL_WHICH.search(text)
                return FollowUp(intent="book_query", book=query, picks_one=one)
            if within := await _by_measure(tb, text, shown):
                return FollowUp(within, intent="client_facts")  # "其中存款最多的那家的联系人"
        if picked:
            return FollowUp(picked, default_intent="client_facts", question=_of_list(text, last))
    if remembered and not names_client and (PRONOUN.search(text) or ELLIPSIS.search(text)):
        return FollowUp(list(remembered), default_intent=_continued_intent(state))
    by_surname = [] if names_client else await asyncio.to_thread(described_by_surname, tb, text)
    if 1 <= len(by_surname) <= WHICH_ONE_MAX:
        # "姓魏的那个客户最近存款多少": the one of that surname, or which one is asked back.
        return FollowUp(by_surname, default_intent="client_facts", ask_which=len(by_surname) > 1)
    if not names_client and POINTER.search(text):
        # "那家做纺织的…": nothing on screen, the RM's own book is what the words point into.
        words = TOKEN_RE.sub(" ", text)
        described = await asyncio.to_thread(described_by_industry, tb, words)
        if len(described) == 1:
            return FollowUp(described, default_intent="client_facts")
        # "电力设备那家最近咋样": the part of a name said; several such clients are asked about.
        named = await asyncio.to_thread(described_by_name, tb, words)
        if 1 <= len(named) <= WHICH_ONE_MAX:
            return FollowUp(named, default_intent="client_facts", ask_which=len(named) > 1)
    return FollowUp()


# A question word or a fact: what a reply to "which one?" asks beyond picking one.
OWN_QUESTION = re.compile(
    r"几|什么|多少|吗|啥|怎么|如何|哪|是否|有没有|到期|余额|金额|"
    r"\b(when|what|how|which|does|do|did|is|are|can|could|much|many)\b",
    re.I,
)
PICK_WORDS = (ZH_ORDINAL, EN_ORDINAL, ZH_LAST, EN_LAST, LATEST_CONTACT, POINTER, PRONOUN)


def asks_its_own(text: str) -> bool:
    """Whether a reply to "which one?" asks something of its own once the words that pick
    ("第二个", "最近联系过的那个", "她") are taken out."""
    from assistant.engines.offline.intent import DRAFT_VERB  # intent reads this module's words

    rest = TOKEN_RE.sub(" ", text)
    for rx in PICK_WORDS:
        rest = rx.sub(" ", rest)
    rest = re.sub(r"[\s,，。.!！?？、:：;；的]+", " ", rest).strip()
    return len(rest.replace(" ", "")) >= 4 and bool(
        OWN_QUESTION.search(rest) or DRAFT_VERB.search(rest)  # "船厂那个，帮我写个企微提醒"
    )


# Said after a full number was refused: the masked form will do.
MASKED_OFFER = "masked_offer"
MASKED_OK = re.compile(
    r"打码|脱敏|带星|星号|掩码|隐藏|部分|后四位|尾号|\b(masked|partial|redacted|last (four|4))\b",
    re.I,
)


def masked_offer(client_ids: list[str]) -> dict:
    """The state a refused full-number request leaves: its client, for one turn's follow-up."""
    return {"client_ids": list(client_ids), MASKED_OFFER: True} if client_ids else {}


def _continued_intent(state: dict) -> str:
    """An ellipsis or a pronoun with no intent of its own ("那理财呢？", "他们代发做了吗") asks
    a fact about the last client; a pending which-one keeps the intent it was asked for."""
    return "client_facts"


def by_position(text: str, ids: list[str]) -> list[str]:
    """The clients an ordinal ("第二个", "the last one", "前两个") picks from ``ids``."""
    return _by_position(text, ids)


def _by_position(text: str, ids: list[str]) -> list[str]:
    n = len(ids)
    if m := ZH_HEAD.search(text) or EN_HEAD.search(text):
        return ids[: _count(m.group(3) if m.re is EN_HEAD else m.group(2))]
    if m := ZH_TAIL.search(text) or EN_TAIL.search(text):
        k = _count(m.group(3) if m.re is EN_TAIL else m.group(2))
        return ids[-k:] if k else []
    if ZH_LAST.search(text) or EN_LAST.search(text):
        return ids[-1:]
    position = ordinal(text)
    return [ids[position - 1]] if position and position <= n else []


# "分别是谁在管", "whose are they": which RM each client on screen is.
OWNER_ASKED = re.compile(
    r"谁在管|谁管|谁负责|是谁的|归谁|分别是谁|\bwhose\b|\bwho (?:manages|owns|covers|looks after)\b",
    re.I,
)
# "top 3 by deposits", "按贷款排前五", "存款最多的前三个": the head of a ranking, not of the list.
RANKED_BY = re.compile(
    r"\bby\b|按|最(?:多|高|大|少|低|小)|\b(?:highest|largest|biggest|most)\b", re.I
)


# "my top 3 by deposits", "我的前五大客户": a ranking of the RM's book, not of the list on screen.
OWN_RANKING = re.compile(
    r"\bmy (?:top|biggest|largest|best|highest)\b|我(?:的|名下|手上)(?:客户)?(?:里|中)?(?:前|最)",
    re.I,
)


def of_the_book(text: str) -> bool:
    """Whether the words rank or list the RM's own book ("my top 3", "my clients")."""
    return bool(OWN_RANKING.search(text) or MY_BOOK.search(text))


def _ranked_head(text: str, shown: list[str]) -> FollowUp | None:
    """The first N of the list on screen by the measure the words name; None when the words
    pick by position only ("前两个", "the first three")."""
    m = ZH_HEAD.search(text) or EN_HEAD.search(text)
    measure = measure_named(text)
    if m is None or measure is None or not RANKED_BY.search(text) or of_the_book(text):
        return None  # "my top 3 by deposits": the book's, not the list's
    wanted = superlative(text)
    descending = wanted[1] if wanted else measure not in ASCENDING
    k = _count(m.group(3) if m.re is EN_HEAD else m.group(2))
    query = BookQuery.model_validate(
        {"among": shown, "sort_by": measure, "descending": descending, "limit": max(1, k)}
    )
    return FollowUp(intent="book_query", book=query)


# "the top one", "排第一的那个", "最上面那家": the head of the list on screen.
TOP_ONE = re.compile(
    r"\bthe\s+top\s+(?:one|client|company|name|guy)\b|\bthe one (?:at|on) (?:the )?top\b|"
    r"排(?:名)?第一的|排在第一|最上面(?:那|的|这)",
    re.I,
)
# "the earliest one", "最早到期那个": the head of a list shown soonest first.
EARLIEST_ONE = re.compile(
    r"\bthe\s+(?:earliest|soonest|nearest|next)\s+(?:one|client|company)\b|最早(?:到期)?的?(?:那|这)",
    re.I,
)
SOONEST_FIRST = ("days_to_maturity", "urgency")


# "第一个多少钱", "how much is the second one": an amount or a day asked of a client picked
# from a list of maturities is the maturing holding's.
AMOUNT_OR_DAY = re.compile(
    r"多少|金额|几号|哪天|什么时候|啥时候|\bhow much\b|\bamount\b|\bwhen\b|\bwhat date\b", re.I
)


# "金额最大的那笔", "the biggest one", "which is the largest amount": the largest sum on screen.
BIGGEST_AMOUNT = re.compile(
    r"金额最[大高多]|最大(?:的)?(?:那|一)?笔|最多的那笔|数额最大|"
    r"\b(?:biggest|largest|highest) (?:amount|sum|one|ticket)\b|\bthe (?:biggest|largest)\b",
    re.I,
)


def _maturing(last: dict) -> bool:
    """Whether the list on screen was of maturities (filtered or ordered by them)."""
    return last.get("sort_by") == "days_to_maturity" or any(
        last.get(k) is not None for k in ("maturity_within_days", "maturity_from_days")
    )


def _of_list(text: str, last: dict) -> str | None:
    """The question as the list on screen means it ("第一个多少钱" after a maturity list: what
    matures); None when the words say it themselves or the list was about something else."""
    if not _maturing(last) or not AMOUNT_OR_DAY.search(text) or figures.asked(text):
        return None
    return f"{text} 到期" if re.search(r"[\u4e00-\u9fff]", text) else f"{text} maturing"


def ordinal(text: str) -> int | None:
    if TOP_ONE.search(text):
        return 1
    if m := ZH_ORDINAL.search(text):
        return _count(m.group(1))
    if m := EN_ORDINAL.search(text):
        word, hashed, numbered = m.group(2), m.group(5), m.group(6)
        if word:
            return EN_ORDINALS[word.lower()]
        return int(hashed or numbered)
    return None


def _count(word: str) -> int:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return ZH_NUMBERS.get(word) or EN_COUNTS.get(word, 0)


def superlative(text: str) -> tuple[str, bool] | None:
    """The measure and direction a superlative names ("存款最多" -> deposit, largest first;
    "最近到期" -> days to maturity, soonest first); None when the words rank nothing."""
    if SOONEST.search(text):
        return "days_to_maturity", False
    if LONGEST_SILENT.search(text):
        return "days_since_contact", True
    if LATEST_CONTACT.search(text):
        return "days_since_contact", False
    most, least = MOST.search(text), LEAST.search(text)
    if not (most or least):
        return None
    measure = measure_named(text) or "value"
    if measure == "deposit_change":  # "流出最多": the amount that left; "跌幅最大": the share
        if BY_SHARE.search(text):
            return "deposit_change", not most
        return "deposit_outflow", bool(most)
    if most is None:
        return measure, False
    return measure, not (least and least.start() < most.start())  # "最少…最多": the first says


async def _by_measure(tb: Toolbox, text: str, ids: list[str]) -> list[str]:
    """The client a superlative picks from the clients on screen."""
    wanted = superlative(text)
    if wanted is None:
        return []
    ranked = await asyncio.to_thread(rank_clients, tb, ids, *wanted)
    return ranked[:1]


async def _by_description(tb: Toolbox, text: str, ids: list[str]) -> list[str]:
    """ "上海那家", "科技那家", "the machinery one": the one client the words describe best
    (name, industry, branch, city: matched by the tools, the engine never sees them)."""
    words = TOKEN_RE.sub(" ", text)
    return await asyncio.to_thread(pick_clients, tb, words, ids)


# A query's keys that describe which clients, not how the list is shown.
SHAPE = {"rm", "sort_by", "descending", "limit", "count_only"}


async def kept_by_filter(
    tb: Toolbox, text: str, ids: list[str], *, partial: bool = False
) -> list[str]:
    """ "有房贷的那个", "the C5 one", "没买基金的那位": the one candidate a book filter keeps
    (what it holds, its tier, grade or signal); empty when it keeps none or several.
    ``partial``: a whole question, whose filters may be read one at a time."""
    from assistant.engines.offline.book_query import read  # book_query reads this module

    parsed = await asyncio.to_thread(read, tb, text)
    wanted = parsed.query.model_dump(exclude_defaults=True)
    if not wanted.keys() - SHAPE:
        return []
    query = BookQuery.model_validate({**wanted, "among": ids, "rm": None})
    kept = await asyncio.to_thread(matched_ids, tb, query)
    if len(kept) == 1 or not partial:
        return kept if len(kept) == 1 else []
    # A question's words are not all a description: "那笔结构性存款哪天到期" holds the product
    # but asks the date (no maturity due soon). Each filter alone: the one client they agree on.
    picks = set()
    for key in wanted.keys() - SHAPE:
        one = BookQuery.model_validate({key: wanted[key], "among": ids, "rm": None})
        alone = await asyncio.to_thread(matched_ids, tb, one)
        if len(alone) == 1:
            picks.add(alone[0])
    return list(picks) if len(picks) == 1 else []


def _same_draft(follow: FollowUp, draft: dict) -> bool:
    drafted = [d["client_id"] for d in draft.get("each") or []] or [draft.get("client_id")]
    return not follow.client_ids or follow.client_ids == drafted


def inherit_draft(slots: Slots, text: str, draft: dict) -> None:
    """The last draft's channel, purpose, language and product, unless the edit changes them."""
    slots.channel = slots.channel or draft.get("channel")
    slots.purpose = slots.purpose or draft.get("purpose")
    slots.target_language = slots.target_language or draft.get("language")
    slots.product_code = slots.product_code or draft.get("product_code")
    slots.style = slots.style or draft.get("style")
    slots.contact = slots.contact or draft.get("contact")
    slots.topic = draft.get("topic")
    slots.occasion = draft.get("occasion")
    slots.include = list(draft.get("include") or [])  # a fact line added once stays
    # "别写金额" holds for every edit after it, unless the edit adds the fact back
    slots.exclude = list(dict.fromkeys([*(draft.get("exclude") or []), *slots.exclude]))
    slots.points = list(draft.get("points") or [])  # so does a line the RM dictated
    if m := ADDITION.search(text):
        point = m.group(1).strip(" 。.!！")
        if facts := _named_facts(point):
            slots.include = list(dict.fromkeys([*slots.include, *facts]))
            slots.exclude = [k for k in slots.exclude if k not in facts]
        elif point and not any(re.fullmatch(rx, point, re.I) for rx, _ in CHANNELS):
            slots.points = list(dict.fromkeys([*slots.points, point]))


def _named_facts(point: str) -> list[str]:
    """ "到期日" / "到期日和金额" / "the maturity date": facts the draft can add as a line of its
    own; empty when the point says anything else (then it is the RM's own sentence)."""
    found = [key for rx, key in FACTS if re.search(rx, point, re.I)]
    rest = point
    for rx, _ in FACTS:
        rest = re.sub(rx, " ", rest, flags=re.I)
    leftover = re.sub(
        r"和|及|与|以及|、|,|，|\b(the|and|its|their|date)\b|\s", "", rest, flags=re.I
    )
    return found if found and not leftover else []


def carry(previous: dict, result_state: dict, intent: str, refused: bool) -> dict:
    """The state the next turn reads: what this answer set, over what it left alone. A pending
    "which one?" lasts one turn; a refusal forgets the client."""
    pending = ("candidates", "pending_intent", "pending_question", MASKED_OFFER, "pending_referral")
    state = {k: v for k, v in previous.items() if k not in pending}
    state.update(result_state)
    if refused:
        state["client_ids"] = result_state.get("client_ids", [])
    if not refused and intent != "help":
        state["last_intent"] = intent
    return state


def asked(state: dict, question: str, intent: str, refused: bool) -> dict:
    """The question this turn answered, kept for "那X呢" (a policy refusal's is not asked again)."""
    # A rule question too: "个人的呢" asks it again of the other side (``_other_side``).
    if intent in (*SWAPPABLE, "playbook_qa") and not (refused and MASKED_OFFER in state):
        return state | {"last_question": question, "asked_intent": intent}
    return state | {"last_question": None, "asked_intent": None}
