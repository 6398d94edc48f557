"""Direct answers: a yes/no question gets yes or no first, from the rule that decides it.

The verdict is never invented: "不可以 / No" only when the best-matching line of a retrieved
passage forbids what was asked (the line itself, or the heading or lead-in it sits under, says
不得 / 禁止 / must not ...), "可以 / Yes" only when that line allows it, and otherwise the line
itself leads a question of fact, as the most direct statement the playbooks make (a permission
question that no retrieved rule decides gets no lead rather than an undecided one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core.citations import char_pairs

# "能 … 吗", "可不可以", "是否", "行不行", "allowed?", "can I …": a question that wants a yes or a
# no. Permission questions ask whether the RM may do something; the verdict says so.
PERMISSION = re.compile(
    r"能不能|能否|可不可以|可以吗|可以不|可以么|可否|行不行|行吗|行么|好不好|允许吗|允不允许|"
    r"能.{0,30}(?<![什怎那这多])[吗么]|可以.{0,30}(?<![什怎那这多])[吗么]|合规吗|违规吗|算违规|"
    r"\b(can|may|could) (i|we|she|he|they)\b|\bis it (ok|okay|alright|fine|allowed|permitted|legal|compliant)\b|"
    r"\bam i allowed\b|\bare we allowed\b|\ballowed to\b|\bpermitted to\b|"
    r"\b(allowed|ok|okay|fine|permitted)\s*\?\s*$|"
    r"能.{0,30}不[?？]?\s*$|(能|可以).{0,8}吧\s*[?？]|\b(can|may|could)\b.{0,30}\b(buy|purchase|hold|invest in)\b|"
    # "…，可以吧", "没问题吧", "行不": the RM's own plan, put up for a yes
    r"(?:可以|行|没问题|没事|不要紧|ok|OK)吧\s*[?？]?\s*$|行不\s*[?？]?\s*$|"
    r"\b(?:ok|okay|fine|alright) to (?:tell|say|promise|send|share|wechat|email|text|give|mention)\b",
    re.I,
)
# "just process it?", "直接给她办了吧？": the RM asks to go ahead — a permission question whose
# "no" declines the request.
PROCEED = re.compile(
    r"\b(?:just|go ahead and|ok to|okay to|fine to)\s+(?:process|do|book|submit|approve|place|"
    r"execute|sign|buy|put)\b.{0,20}\?|\bgo ahead\s*\?|"
    r"(?:直接|先|就|帮她|帮他|给她|给他).{0,6}(?:办|做|买|操作|下单|提交|申购|认购)(?:了|掉)?吧?\s*[?？]|"
    # "同事要他的手机号 我直接给她？": handing something over, put up for a yes
    r"我?(?:直接|就)(?:给|发给?|转给?)(?:她|他|他们|她们|对方)(?:了|吧)?\s*[?？]|"
    # "你帮我把流程走了吧", "你帮我直接办了", "place the order for her": the assistant asked to
    # carry the sale out, no question mark needed
    r"(?:你|您)?(?:帮我|替我|给我)(?:直接|先|就)?(?:把(?:流程|手续|单子?)(?:给)?(?:走|办|下|提交)|"
    r"走(?:个|一下|一遍)?流程|办了|办掉|下单|下个单|提交|操作一下|弄一下|弄了|搞一下|搞定|处理一下)|"
    # "她是C1 你直接帮她下单吧": the order placed for the client, told rather than asked — the
    # turn ends on it ("我上周就给他操作了续存…" reports, "你给他买了什么？" asks)
    r"(?:(?:你|您)(?:就|直接|先)?|直接)(?:帮|替|给)(?:她|他|她们|他们|客户)(?:直接|先|就)?"
    r"(?:下单|下个单|买入|买上|申购|认购|办了|操作)(?:一下)?吧?\s*[。!！]?\s*$|"
    r"直接(?:帮|替|给)(?:她|他|她们|他们|客户)买了吧\s*[。!！]?\s*$|"
    r"\b(?:please |just |go ahead and )?(?:process|place|book|submit|put through|execute)\s+"
    r"(?:it|the (?:order|purchase|trade|subscription)|an order|her order|his order)\b|"
    # "just write up the purchase confirmation for her": the sale's paperwork, done for her
    r"\b(?:write|draw|fill|draft)\s+(?:up|out)?\s*(?:the|a|her|his)\s+(?:purchase|subscription|order|trade|buy)\s+"
    r"(?:confirmation|form|order|slip|instruction)s?\b",
    re.I,
)
# Questions of fact that still want yes or no first ("是否覆盖", "are X covered?").
FACTUAL = re.compile(
    r"是否|是不是|有没有|要不要|需不需要|需要.{0,20}(?<![什怎那这多])[吗么]|是.{0,20}(?<![什怎那这多])[吗么]|"
    r"^\s*(is|are|does|do|did|will|should|must|has|have)\b",
    re.I,
)
FORBID = re.compile(
    r"不得(?![分到])|禁止|严禁|不能|不可|不允许|不应|不准|切勿|杜绝|不予(?!以?考虑)|"
    r"\b(must not|may not|shall not|cannot|can't|never|prohibited|forbidden|not allowed|"
    r"not permitted|do not|don't|banned)\b",
    re.I,
)
# A rulebook clause that opens with 不 forbids; 不同于 / 不代表 / 不低于 … only describe.
RULE_NOT = re.compile(r"\s*不(?!同|仅|但|代表|超过|少于|低于|高于|足|论|管|会|一定|是)")
ALLOW = re.compile(r"可以|允许|可(?!能)|\b(may|can|allowed|permitted)\b", re.I)
# "可以不做双录吗", "no assessment, can she still buy?", "skip the call-back?": permission to leave
# out a step. A line that makes the step a duty ("须…", "must …", "按规定完成…") answers it no.
SKIP = re.compile(
    r"(?:能|可以|可不可以|行不行|不用|是不是可以).{0,12}不(?:做|用|填|录|签|评|测|核|报|走)|"
    r"(?:不愿意?|不想|没|未|不肯)(?:做|填|录|签|测|评)|免(?:做|填|录|签|测|评)|跳过|省(?:掉|去|了)|"
    r"\b(?:skip|skipping|without|waive|bypass|omit|leave out|not do|don't do|no need to)\b",
    re.I,
)
MUST = re.compile(
    r"(?<![无不毋])(?:必须|须|务必|应当|一律|须经|按规定|按要求|全程)|"
    r"\b(?:must|required|requires|mandatory|shall|has to|have to|always)\b",
    re.I,
)
# "例如“您拆成小额转就不会被查”", "e.g. …": an example of what the line forbids is forbidden too.
EXAMPLE = re.compile(r"^\s*(?:例如|比如|譬如|如[“\"「]|e\.g\.|for example|such as)", re.I)
BULLET = re.compile(r"^\s*(?:[-*•✗✓]|\d+[.、)]|[（(]?\d+[）)])\s*")
# Clauses: Chinese punctuation, "但/but", and English sentences ("You may say X. Do not say Y.").
CLAUSE = re.compile(r"[，；。;]|(?:，|,)?\s*(?:但|但是|\bbut\b)\s*|(?<=[.!?])\s+(?=[A-Z\"“])")
HAN = re.compile(r"[\u4e00-\u9fff]+")
WORD = re.compile(r"[a-z][a-z0-9]+", re.I)
# Words every question about clients and the bank carries: they say nothing about the topic.
STOP_BIGRAMS = frozenset(
    [
        "客户",
        "跟客",
        "户说",
        "我能",
        "能跟",
        "我们",
        "可以",
        "以吗",
        "能不",
        "不能",
        "行不",
        "不行",
        "是否",
        "帮他",
        "帮我",
        "一下",
        "能否",
        "他行",
        "银行",
        "我行",
        "产品",
        "告诉",
        "诉我",
        "说吗",
        "行吗",
        "吗？",
    ]
)
STOP_WORDS = frozenset(
    [
        "can",
        "could",
        "may",
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
        "what",
        "are",
        "is",
        "was",
        "does",
        "did",
        "our",
        "his",
        "her",
        "him",
        "their",
        "they",
        "client",
        "clients",
        "customer",
        "customers",
        "tell",
        "say",
        "said",
        "ask",
        "about",
        "will",
        "would",
        "should",
        "basically",
        "really",
        "just",
        "okay",
        "allowed",
        # function words: a line sharing only "us" or "has" with the question is not its rule
        "us",
        "we",
        "me",
        "my",
        "you",
        "your",
        "she",
        "he",
        "it",
        "its",
        "them",
        "has",
        "have",
        "had",
        "how",
        "much",
        "many",
        "want",
        "wants",
        "know",
        "from",
        "into",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "or",
        "an",
        "as",
        "be",
        "if",
        "so",
        "ok",
    ]
)
MIN_SCORE = 0.5
VERDICT_BONUS = 0.5
RANK_PENALTY = 0.05  # a later passage wins only with clearly more in common
YES_TERMS = 2  # terms a line must share with the question to answer it "yes"


@dataclass(frozen=True)
class Lead:
    """The answer's first line: the verdict (``no``/``yes``/``None``) and the rule behind it."""

    verdict: str | None
    rule: str
    n: int

    def render(self, language: str, *, dictated: bool = False) -> str:
        """``dictated``: the verdict is on words the RM asked a message to carry ("tell her
        X"), so a "no" refuses to write them rather than answering a question."""
        zh = language == "zh"
        if self.verdict == "no" and dictated:
            head = "不能这样说：" if zh else "I can't write that: "
        elif self.verdict == "no":
            head = "不可以：" if zh else "No — that is not allowed: "
        elif self.verdict == "yes":
            head = "可以：" if zh else "Yes: "
        else:
            head = ""
        return f"{head}{self.rule} [{self.n}]"


def asked_to_proceed(text: str) -> bool:
    """The RM asks to go ahead ("just process it?"), not whether they may ("can I …?")."""
    return bool(PROCEED.search(text)) and not PERMISSION.search(text)


def asks_yes_no(text: str) -> bool:
    return bool(PERMISSION.search(text) or FACTUAL.search(text) or PROCEED.search(text))


def terms(text: str) -> set[str]:
    """What a sentence is about: Chinese character pairs and English content words."""
    found = char_pairs(text) - STOP_BIGRAMS
    words = {w.lower() for w in WORD.findall(text)} - STOP_WORDS
    return found | {_stem(w) for w in words}


def _stem(word: str) -> str:
    """covers, covered -> cover: enough for matching a question to a rule's line."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def direct_lead(
    question: str,
    passages: list[dict],
    *,
    deciding: int | None = None,
    synonyms: tuple[str, ...] = (),
    instructed: bool = False,
) -> Lead | None:
    """The lead line for a yes/no question, from the passages that were retrieved for it; None
    when the question is not yes/no or no line of the passages speaks to it. ``deciding``: the
    passage (``n``) the question's topic says decides it ("may I tell her daughter?" — the
    third-party rule), whose forbidding or allowing line leads even when the RM's words share
    little with the rule's. ``synonyms``: the bank glossary's phrases for what the question says
    ("测评" → 风险评估), which find a rule written in the playbook's words at half weight.
    ``instructed``: the words ask for what the deciding rule governs, put as an instruction rather than
    a question ("帮我把她的余额告诉她女儿") — answered like "may I?"."""
    if not (instructed or asks_yes_no(question)):
        return None
    own = terms(question)
    asked = own | terms(" ".join(synonyms))
    lines = [
        (rank, p["n"], *r) for rank, p in enumerate(passages) for r in _rules(p.get("text", ""))
    ]
    seen = [asked & terms(clause) for *_, clause, _ in lines]
    # A word every line carries ("风险" in a conduct playbook) says little: weigh by rarity.
    df: dict[str, int] = {}
    for shared in seen:
        for term in shared:
            df[term] = df.get(term, 0) + 1
    permission = instructed or bool(PERMISSION.search(question) or PROCEED.search(question))
    # The rule the topic says decides is the one that answers: a line of another passage that
    # shares more words ("balance") does not take the verdict from it.
    ruled = {i for i, line in enumerate(lines) if line[1] == deciding and line[4]}
    skipping = permission and bool(SKIP.search(question))
    best: tuple[float, int] | None = None  # (score, line index)
    for i, shared in enumerate(seen):
        if permission and ruled and i not in ruled:
            continue
        score = sum((1 if term in own else 0.5) / df[term] for term in shared)
        score -= lines[i][0] * RANK_PENALTY
        if permission and shared and _decides(lines[i][3], lines[i][4], skipping=skipping):
            score += VERDICT_BONUS  # "may I?" is answered by a rule that allows or forbids
        if permission and lines[i][1] == deciding and lines[i][4]:
            score += MIN_SCORE + VERDICT_BONUS
        if score >= MIN_SCORE and (best is None or score > best[0]):
            best = (score, i)
    if best is None:
        return None
    _, n, rule, clause, forbids = lines[best[1]]
    # Leaving out a step the line makes a duty is not allowed, whatever else the line says.
    forbids = forbids or (skipping and bool(MUST.search(clause)))
    allows = bool(ALLOW.search(clause))
    if not permission:
        return Lead(None, rule, n)
    # "May I …?" answered by a line that neither allows nor forbids is no answer: the passages
    # follow without a lead rather than under one that does not decide the question.
    verdict = "no" if forbids else "yes" if allows else None
    if verdict == "yes" and len(seen[best[1]]) < YES_TERMS:
        # One shared word ("balance") is too little to tell someone they may: a wrong "yes" is
        # the costly error, so a line that allows must share more of the question.
        return None
    return Lead(verdict, rule, n) if verdict else None


GRADE = re.compile(r"C([1-5])", re.I)
LEVEL = re.compile(r"R([1-5])", re.I)


def suitability_lead(
    question: str, product: dict, passages: list[dict], language: str
) -> Lead | None:
    """ "C2 的客户能买 一款 R3 理财 吗" answered from the catalogue: the product's risk level against the
    client's grade, cited to the retrieved passage that states the rule (both letters in it)."""
    grade, level = GRADE.search(question), LEVEL.search(str(product.get("risk_level") or ""))
    rule = next(
        (
            p
            for p in passages
            if GRADE.search(p.get("text", "")) and LEVEL.search(p.get("text", ""))
        ),
        None,
    )
    if grade is None or level is None or rule is None:
        return None
    c, r = int(grade.group(1)), int(level.group(1))
    from assistant.engines.offline.phrases import t

    key = "suitability_above" if r > c else "suitability_within"
    name = (language == "en" and product.get("name_en")) or product.get("name")
    text = t(key, language).format(name=name, code=product.get("product_code"), r=r, c=c)
    return Lead("no" if r > c else "yes", text, rule["n"])


def _decides(clause: str, forbids: bool, *, skipping: bool = False) -> bool:
    return forbids or bool(ALLOW.search(clause)) or (skipping and bool(MUST.search(clause)))


def _forbids(clause: str) -> bool:
    """不得 / must not …, or a rule that opens with 不 (「不承诺收益」「不以存款名义销售」)."""
    return bool(FORBID.search(clause) or RULE_NOT.match(clause))


def _rules(text: str) -> list[tuple[str, str, bool]]:
    """(rule as quoted, clause matched, whether it forbids) for each clause of each line of a
    passage. A bullet under a heading or lead-in that forbids ("以下表述……一律禁止") forbids
    too, and is quoted with it; a line that allows one thing and forbids another ("可以说明
    ……，但不得……") is judged clause by clause."""
    out: list[tuple[str, str, bool]] = []
    context = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            context = line.lstrip("#").strip() if FORBID.search(line) else ""
            continue
        body = BULLET.sub("", line).strip()
        bullet = body != line
        if not bullet:
            context = body if FORBID.search(body) and body.endswith(("：", ":")) else ""
        inherited = bool(bullet and context)
        rule = body if FORBID.search(body) or not context else _under(context, body)
        forbidden = inherited  # an example after a forbidding clause is what it forbids
        for clause in CLAUSE.split(body):
            if clause.strip():
                forbids = (
                    _forbids(clause) or inherited or (forbidden and bool(EXAMPLE.match(clause)))
                )
                forbidden = forbidden or forbids
                out.append((_trim(rule), clause, forbids))
    return out


def _under(context: str, body: str, limit: int = 160) -> str:
    """「以下表述……一律禁止：“保本”」, the lead-in shortened so the bullet itself is kept."""
    room = max(limit - len(body) - 2, 20)
    lead = context.rstrip("：:")
    colon = "：" if HAN.search(lead[-1:]) or lead.endswith(("）", "」")) else ": "
    return f"{lead if len(lead) <= room else lead[: room - 1] + '…'}{colon}{body}"


def _trim(rule: str, limit: int = 160) -> str:
    rule = rule.rstrip("；;，,")
    return rule if len(rule) <= limit else rule[: limit - 1] + "…"
