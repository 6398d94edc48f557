"""``list_book``: any question over the caller's own book (a team lead: the team's books, or
one RM's of the team), asked as a ``tools.book_query.BookQuery``."""

from __future__ import annotations

import re
from collections import defaultdict

from assistant.privacy.tokens import TOKEN_RE
from tools.bank.records import RMRecord
from tools.book_query import BookQuery, describe
from tools.catalogue import Catalogue
from tools.intelligence.book import BookRow
from tools.intelligence.book_select import SUMMED, Resolved, maturing_total, per_rm, select
from tools.intelligence.followup import FollowUpGap
from tools.names.staff import forms, mentioned, owner_reading, resolve
from tools.outcomes.book import Keyed, open_gaps, open_rows, row_actions
from tools.toolbox import Toolbox, ToolError


class ListBookArgs(BookQuery):
    """The ``list_book`` schema: the book query (kept under its first name)."""


def _rm(tb: Toolbox, q: BookQuery, rms: list[RMRecord]) -> RMRecord | None:
    if not q.rm:
        return None
    rm = resolve(q.rm, rms)
    tb.caller.require_rm(rm)  # another team's RM, or an RM naming a colleague: refused
    return rm


def _codes(tb: Toolbox, words: list[str], segment: str | None) -> tuple[frozenset[str], ...]:
    """Each named product -> the catalogue codes it stands for; a name the bank has no product
    for is a recoverable error (the RM can name another)."""
    catalogue = tb.services.catalogue or Catalogue(tb.services.products)
    out = []
    for word in words:
        if word in tb.services.products:
            out.append(frozenset({word}))
            continue
        found = catalogue.resolve(word, segment=segment)
        if not found.matches:
            raise ToolError(f"the bank's catalogue has no product for {word!r}")
        out.append(frozenset(m.product.product_code for m in found.matches))
    return tuple(out)


def _names(tb: Toolbox, client_ids: list[str], names: dict[str, str]) -> list[str | None]:
    """The listed clients' name tokens, issued in list order in one vault transaction (a
    team lead's list is a dozen clients: one write each was most of the turn)."""
    return tb.tokens([(names[cid], "CLIENT", cid) for cid in client_ids])


def _clients(tb: Toolbox, rows: list[dict], names: dict[str, str]) -> list[dict]:
    for row in rows:
        tb.touch(row["client_id"])
    tokens = _names(tb, [row["client_id"] for row in rows], names)
    return [row | {"name": token} for row, token in zip(rows, tokens, strict=True)]


# Measured on the blind rounds: questions asking how many of a filter whose writers expected
# the clients named matched at most 17 (76 of 84 at most 10); those expecting the number alone
# matched mostly more than 10.
COUNT_NAMED = 10


def list_book(tb: Toolbox, args: ListBookArgs) -> dict:
    tb.caller.require_client_access()
    intel = tb.services.intelligence
    rms = intel.rms
    rm = _rm(tb, args, rms)
    book = tb.caller.client_ids
    names = {c.client_id: c.name for c in intel.directory if c.client_id in book}
    label = {r.rm_id: r.name for r in rms}
    out: dict = {
        "book_size": len(book),
        "query": describe(
            args, tb.language, rm.name if rm else None, tier_labels(tb), product_names(tb)
        ),
    }
    if rm is not None:
        out["rm"] = {"rm_id": rm.rm_id, "name": rm.name}
    if args.follow_up_gaps:
        return out | _gaps(tb, args, book, rm, names, label)
    resolved = _resolved(tb, args, rm)
    rows, keyed = _select(tb, args, resolved)
    out["matched"] = len(rows)
    # "加起来多少", "total loans of them": each summable figure over every match, not the shown —
    # unless a top N was asked ("前五大加起来"): then over those N.
    summed = rows[: args.limit] if "limit" in args.model_fields_set else rows
    out["summed"] = len(summed)
    out["totals"] = {
        m: round(sum(getattr(r, attr) for r in summed), 2) for m, attr in SUMMED.items()
    }
    if args.maturity_within_days is not None:
        out["totals"]["maturing"] = round(maturing_total(summed, args, resolved), 2)
    if args.group_by_rm:
        team = sorted({r.rm_id for r in intel.book_rows(book)})
        out["per_rm"] = [
            r | {"name": label.get(r["rm_id"], r["rm_id"])} for r in per_rm(rows, team)
        ]
    # "how many clients do I have in total": a count of a whole book is its number; twenty
    # rows of it would answer nothing asked (a count of a filter still shows who matched).
    # A count per RM is its table: the clients behind it are listed only when asked for.
    # A count of more than COUNT_NAMED is its number too ("财富客户有多少" → 25): names at a
    # glance answer a small count, a page of them buries it; "列出来" lists them next.
    counted = args.count_only and (
        args.group_by_rm or not args.narrows() or len(rows) > COUNT_NAMED
    )
    shown = [] if counted else rows[: args.limit]
    dicts = [intel.row_dict(r, tb.language) for r in shown]
    if keyed is not None:
        dicts = [d | {"actions": row_actions(keyed, d["client_id"])} for d in dicts]
        tb.shown_actions = _first_actions(keyed, shown, args.signal)
    out["clients"] = _clients(tb, dicts, names)
    tb.shown = [r.client_id for r in shown]
    return out


def _resolved(tb: Toolbox, args: BookQuery, rm: RMRecord | None) -> Resolved:
    """The query's product names as the catalogue's codes, and the RM it is of."""
    return Resolved(
        holds=_codes(tb, args.holds, args.client_type),
        lacks=_codes(tb, args.lacks, args.client_type),
        rm_id=rm.rm_id if rm else None,
        needs_segment=_needs_segment(tb, args.needs_segment),
    )


def _needs_segment(tb: Toolbox, said: str | None) -> str | None:
    """The needs segment's key for what the query named (its key, a label or an alias)."""
    if not said:
        return None
    segments = tb.services.intelligence.policy.tiering.needs_segments
    found = segments.definition(said) if segments else None
    if found is None:
        raise ToolError(f"the bank's tiering policy has no needs segment {said!r}")
    return found.segment


def _select(tb: Toolbox, args: BookQuery, resolved: Resolved) -> tuple[list[BookRow], Keyed | None]:
    """The caller's book rows the query matches, in its order (and the open actions by client)."""
    every, keyed = _open(tb, tb.services.intelligence.book_rows(tb.caller.client_ids))
    if args.among:  # "which of them": the list on screen, still only what the caller may read
        among = set(args.among)
        every = [r for r in every if r.client_id in among]
    return select(every, args, resolved), keyed


def matched_ids(tb: Toolbox, args: BookQuery) -> list[str]:
    """Every client of the caller's book a query matches, shown to nobody (a follow-up narrows
    them: "只看重点客户及以上的"); a team lead's query of one RM stays that RM's."""
    tb.caller.require_client_access()
    rm = _rm(tb, args, tb.services.intelligence.rms)
    return [r.client_id for r in _select(tb, args, _resolved(tb, args, rm))[0]]


def _open(tb: Toolbox, rows: list[BookRow]) -> tuple[list[BookRow], Keyed | None]:
    """The book's rows without the signals the RM closed or put off (``tools.outcomes``)."""
    svc = tb.services.outcomes
    if svc is None:
        return rows, None
    return open_rows(svc, rows, svc.today())


def _first_actions(keyed: Keyed, rows: list[BookRow], signal: str | None) -> list[dict]:
    """Per listed client, the action "第一条已完成" means: the asked-for signal's, else the
    client's first."""
    out = []
    for r in rows:
        marks = [(k, m) for k, m in keyed.get(r.client_id, []) if signal in (None, m.kind)]
        if marks:
            out.append(
                {"action_key": marks[0][0], "client_id": r.client_id, "kind": marks[0][1].kind}
            )
    return out


def _gaps(
    tb: Toolbox,
    q: BookQuery,
    book: frozenset[str],
    rm: RMRecord | None,
    names: dict[str, str],
    label: dict[str, str],
) -> dict:
    gaps: list[FollowUpGap] = [
        g
        for g in tb.services.intelligence.follow_up_gaps(book, q.include_pending)
        if (rm is None or g.rm_id == rm.rm_id) and (q.signal is None or g.signal_kind == q.signal)
    ]
    svc = tb.services.outcomes
    keys: dict[int, str] = {}
    if svc is not None:  # a follow-up the RM marked done or put off is no longer a gap
        kept = open_gaps(svc, gaps, svc.today())
        gaps = [g for _k, g in kept]
        keys = {id(g): k for k, g in kept}
    out: dict = {"matched": len(gaps)}
    if q.group_by_rm:
        by_rm: dict[str, list[FollowUpGap]] = defaultdict(list)
        for g in gaps:
            by_rm[g.rm_id].append(g)
        rows = tb.services.intelligence.book_rows(book)
        team = {rm.rm_id} if rm else {r.rm_id for r in rows}
        out["per_rm"] = sorted(
            (
                {
                    "rm_id": rm_id,
                    "name": label.get(rm_id, rm_id),
                    "overdue": len(by_rm[rm_id]),
                    "max_days_overdue": max((g.days_overdue for g in by_rm[rm_id]), default=0),
                    "total_days_overdue": sum(g.days_overdue for g in by_rm[rm_id]),
                }
                for rm_id in team
            ),
            key=lambda d: (-d["total_days_overdue"], -d["overdue"], d["rm_id"]),
        )
    shown = gaps[: q.limit]
    tokens = _names(tb, [g.client_id for g in shown], names)
    out["follow_up_gaps"] = [
        {
            "client_id": g.client_id,
            "name": token,
            "rm_id": g.rm_id,
            "rm_name": label.get(g.rm_id, g.rm_id),
            "signal": g.signal_kind,
            "detected_on": str(g.detected_on),
            "due_date": str(g.due_date),
            "days_overdue": g.days_overdue,
            "playbook": g.playbook,
            "action_key": keys.get(id(g)),
        }
        for g, token in zip(shown, tokens, strict=True)
    ]
    if keys:
        tb.shown_actions = [
            {"action_key": keys[id(g)], "client_id": g.client_id, "kind": g.signal_kind}
            for g in shown
        ]
    for g in shown:
        tb.touch(g.client_id)
    return out


def colleagues_by_id(tb: Toolbox, text: str, *, bare: bool = False) -> str:
    """``text`` with each masked name that stands for a colleague whose book the caller may
    read ("⟦PERSON_1⟧名下…" where the name is an RM of the lead's team and also some client's
    contact, so the masker kept it masked) written as that RM's id. The name itself never
    leaves the tools layer; the id is what the book query reads. ``bare``: the name needs no
    owner's words around it ("那⟦PERSON_1⟧呢" after a question about another RM's book)."""
    rms = [rm for rm in tb.services.intelligence.rms if tb.caller.may_name(rm)]
    if not rms or "⟦" not in text:
        return text

    def as_id(m: re.Match[str]) -> str:
        named = _owner_named(tb, text, m, rms, bare=bare)
        return named[0].rm_id if len(named) == 1 else m.group(0)

    return TOKEN_RE.sub(as_id, text)


def names_foreign_colleague(tb: Toolbox, text: str) -> bool:
    """Whether ``text`` asks about the book of an RM the caller may not read, named by a masked
    name ("⟦CLIENT_1⟧名下有几个客户" from a plain RM, the name a colleague's and some client's):
    ``colleagues_by_id`` leaves such a name masked, so the book query cannot see whose it is."""
    others = [rm for rm in tb.services.intelligence.rms if not tb.caller.may_name(rm)]
    return bool(others) and any(_owner_named(tb, text, m, others) for m in TOKEN_RE.finditer(text))


def rms_named(tb: Toolbox, text: str, rms: list[RMRecord]) -> list[RMRecord]:
    """The RMs of ``rms`` that ``text`` names, plainly (a name, an id, "小王") or by a masked
    name that is one of theirs ("看看⟦PERSON_1⟧的" after a team view: nothing else is asked of it)."""
    found = mentioned(text, rms, familiar_in=[r.rm_id for r in rms])
    for m in TOKEN_RE.finditer(text):
        found += [rm for rm in _owner_named(tb, text, m, rms, bare=True) if rm not in found]
    return found


def _owner_named(
    tb: Toolbox, text: str, m: re.Match[str], rms: list[RMRecord], *, bare: bool = False
) -> list[RMRecord]:
    """The RMs of ``rms`` a masked name ``m`` may stand for, read as whose book is asked about
    (owner's words around it, unless ``bare``)."""
    if not bare and not owner_reading(text[: m.start()], text[m.end() :]):
        return []
    value = (tb.value_for_token(m.group(0)) or "").strip().lower()
    return [rm for rm in rms if value and value in forms(rm.name)]


def tier_labels(tb: Toolbox) -> dict[str, str]:
    """Each tier key (and needs-segment key) as the bank's tiering policy names it in the
    caller's language."""
    tiering = tb.services.intelligence.policy.tiering
    zh = tb.language == "zh"
    segments = tiering.needs_segments
    named = (*segments.retail, *segments.corporate) if segments else ()
    # Needs segments too (the policy keeps their keys apart from the tiers').
    return {s.segment: s.label_zh if zh else s.label_en for s in named} | {
        t.tier: t.label_zh if zh else t.label_en for t in (*tiering.corporate, *tiering.retail)
    }


def product_names(tb: Toolbox) -> dict[str, str]:
    """Each catalogue code as the catalogue names it in the caller's language."""
    en = tb.language == "en"
    return {
        code: (p.name_en or p.name) if en else p.name for code, p in tb.services.products.items()
    }
