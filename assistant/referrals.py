"""``ReferralDesk``: referrals between departments (公私联动, 跨部门协同) as the synergy playbook
runs them — the sender names their own client (or one of its contacts), the need and how the
client agreed; the policy routes it to an RM of the receiving side; the receiver is told in
their channel and sees it in their brief; first contact is due in the policy's working days,
and a late one goes to the receiver's team lead; a referral that succeeds counts for both.

Who sees what: the receiver sees the referred client's name, the contact's title and name and
the need — nothing else of the client's data (the client stays in the sender's book). The
sender sees where it stands: status, receiver, deadline; nothing of the receiving side.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

from assistant.errors import EntitlementError, UserError
from assistant.storage.referrals import OPEN, STATUSES, Referral, ReferralStore
from tools.bank.records import ClientRecord, ContactRecord, RMRecord
from tools.bank.repository import BankRepository
from tools.entitlement import Caller
from tools.referrals.policy import ReferralPolicy

log = logging.getLogger("frontline.referrals")
NONE = "none"  # consent not given: no referral


class Calendar(Protocol):
    def add_working_days(self, start: date, days: int) -> date: ...


class Notifier(Protocol):
    """Tells an RM something in their channel (a Slack DM, a Teams personal chat). Returns
    False when no channel reaches them; delivery itself may finish later."""

    def notify(
        self, rm: RMRecord, text: str, on_sent: Callable[[], None] | None = None
    ) -> bool: ...


class ReferralRefused(EntitlementError):
    """Not the sender's client, no consent, or a status change by someone else: a refusal."""


@dataclass(frozen=True)
class Receiving:
    """Who a referral goes to, and why them."""

    rm: RMRecord
    target: str  # the policy's key, or "rm" for an RM named directly


class ReferralDesk:
    def __init__(
        self,
        store: ReferralStore,
        bank: BankRepository,
        policy: ReferralPolicy,
        calendar: Calendar,
        today: Callable[[], date],
        *,
        restore: Callable[[Referral], str] | None = None,
        language_of: Callable[[str], str] | None = None,
    ) -> None:
        self.store = store
        self.bank = bank
        self.policy = policy
        self.calendar = calendar
        self.today = today
        self._restore = restore  # the need, as its sender wrote it (names restored)
        self._language_of = language_of or (lambda _rm: "zh")
        self.notifier: Notifier | None = None  # set by the server, where channels exist

    # -- routing -----------------------------------------------------------------------------

    def route(self, sender: RMRecord, target: str | None, to_rm: str | None = None) -> Receiving:
        """An RM named (any RM of the bank but the sender) or the target's least-loaded RM, the
        sender's branch first where the policy says so."""
        rms = [r for r in self.bank.all_rms() if r.role in ("rm", "team_lead")]
        if to_rm:
            named = next((r for r in rms if r.rm_id == to_rm.upper()), None)
            if named is None or named.rm_id == sender.rm_id:
                raise UserError("no RM of that id can receive a referral")
            return Receiving(named, "rm")
        if not target or target not in self.policy.targets:
            known = ", ".join(self.policy.targets)
            raise UserError(f"refer to one of: {known} (or an RM by id)")
        side = self.policy.targets[target]
        pool = [r for r in rms if r.team_id in side.teams and r.rm_id != sender.rm_id]
        pool = [r for r in pool if r.role == "rm"] or pool  # leads receive only when alone
        if not pool:
            raise UserError(f"no RM of {', '.join(side.teams)} can receive a referral")
        load = self.store.open_counts([r.rm_id for r in pool])

        def order(r: RMRecord) -> tuple[int, int, str]:
            away = int(side.same_branch_first and r.branch != sender.branch)
            return (away, load.get(r.rm_id, 0), r.rm_id)

        return Receiving(min(pool, key=order), target)

    def _already_served(
        self, sender: RMRecord, client_id: str, title: str | None
    ) -> Receiving | None:
        """A contact referred who is a client already (relationships.csv: the company employs
        them in that role): their own RM receives it — never a second RM courting the same
        person."""
        if not title:
            return None
        for link in self.bank.relationships_for([client_id]):
            if link.relation not in ("employer", "group") or link.role != title:
                continue
            found = self.bank.get_clients([link.related_client_id])
            rm = self.bank.get_rm(found[0].rm_id) if found else None
            if rm is not None and rm.rm_id != sender.rm_id and rm.role in ("rm", "team_lead"):
                return Receiving(rm, "rm")
        return None

    # -- making one --------------------------------------------------------------------------

    def create(
        self,
        caller: Caller,
        client_id: str,
        *,
        target: str | None,
        to_rm: str | None,
        consent: str,
        need: str,
        scope: str,
        contact_title: str | None = None,
        channel: str = "api",
    ) -> tuple[Referral, RMRecord]:
        """Record a referral of the caller's own client; the receiver is told when a channel
        reaches them (else they see it in their brief and their list)."""
        caller.require(client_id)  # the sender's own book only (a lead: their team's)
        if consent == NONE:
            raise ReferralRefused("a referral needs the client's consent first")
        if consent not in self.policy.consent_ways:
            raise UserError(f"consent: one of {', '.join(self.policy.consent_ways)}")
        title = self._contact_title(client_id, contact_title)
        receiving = self._already_served(caller.rm, client_id, title) or self.route(
            caller.rm, target, to_rm
        )
        day = self.today()
        now = datetime.now(UTC)
        referral = Referral(
            referral_id="R" + secrets.token_hex(4).upper(),
            from_rm=caller.rm_id,
            to_rm=receiving.rm.rm_id,
            target=receiving.target,
            client_id=client_id,
            contact_title=title,
            need=need.strip()[:500],
            scope=scope,
            consent=consent,
            day=day,
            due=self.calendar.add_working_days(day, self.policy.deadline_working_days),
            status="sent",
            channel=channel[:16],
            created_at=now,
            updated_at=now,
        )
        self.store.add(referral)
        self._tell_receiver(referral, receiving.rm)
        return referral, receiving.rm

    def _contact_title(self, client_id: str, said: str | None) -> str | None:
        """The contact referred, kept by title (财务总监): must be one of the client's."""
        if not said:
            return None
        contacts = self._contacts(client_id)
        found = next((c for c in contacts if c.title == said or c.name == said), None)
        if found is not None:
            return found.title
        if "⟦" in said or len(said) > 16 or any(ch.isdigit() for ch in said):
            raise UserError("say the contact by title (财务总监, CFO)")
        return said.strip()  # a role not on record (实控人): the receiver asks the sender

    def _contacts(self, client_id: str) -> tuple[ContactRecord, ...]:
        data = self.bank.client_data([client_id], interactions=0)
        return data[0].contacts if data else ()

    # -- reading -----------------------------------------------------------------------------

    def sent(self, caller: Caller) -> list[Referral]:
        return self.store.sent_by(caller.rm_id)

    def received(self, caller: Caller, *, open_only: bool = False) -> list[Referral]:
        """The caller's own; a team lead's: their team's too (escalations land there)."""
        rm_ids = [caller.rm_id]
        if caller.role == "team_lead":
            rm_ids += self.bank.team_rm_ids(caller.rm.team_id)
        return self.store.received_by(sorted(set(rm_ids)), open_only=open_only)

    def shown_clients(self, rm_id: str) -> frozenset[str]:
        """Clients whose names the reader may read (never their data): those of referrals sent
        to them — to a team lead, to their team."""
        return self.store.received_client_ids(self._receivers_seen_by(rm_id))

    def counterparts(self, rm_id: str) -> frozenset[str]:
        """The names of the colleagues on the reader's referrals (who sent, who receives): staff,
        shown as such."""
        ids = {r.from_rm for r in self.store.received_by(self._receivers_seen_by(rm_id))}
        ids |= {r.to_rm for r in self.store.sent_by(rm_id)}
        rms = (self.bank.get_rm(i) for i in ids)
        return frozenset(rm.name for rm in rms if rm is not None)

    def _receivers_seen_by(self, rm_id: str) -> list[str]:
        rm = self.bank.get_rm(rm_id)
        if rm is not None and rm.role == "team_lead":
            return sorted({rm_id, *self.bank.team_rm_ids(rm.team_id)})
        return [rm_id]

    # -- the receiver's word -----------------------------------------------------------------

    def update(self, caller: Caller, referral_id: str, status: str) -> Referral:
        """contacted (first contact made), won, lost, declined: the receiver's, or their team
        lead's; never the sender's."""
        if status not in STATUSES or status == "sent":
            raise UserError(f"status: one of {', '.join(s for s in STATUSES if s != 'sent')}")
        found = self.store.get(referral_id)
        if found is None or not self._may_update(caller, found):
            raise ReferralRefused("no referral of that id was sent to you")
        if not found.open:
            raise UserError(f"referral {found.referral_id} is already {found.status}")
        moved = self.store.set_status(found.referral_id, status, self.today())
        if moved is None:
            raise UserError(f"referral {found.referral_id} is already closed")
        return moved

    def _may_update(self, caller: Caller, referral: Referral) -> bool:
        if caller.rm_id == referral.to_rm:
            return True
        receiver = self.bank.get_rm(referral.to_rm)
        return receiver is not None and caller.may_name(receiver) and caller.role == "team_lead"

    # -- telling people ----------------------------------------------------------------------

    def _tell_receiver(self, referral: Referral, receiver: RMRecord) -> None:
        if self.notifier is None:
            return  # no channel in this process: the brief and the list show it
        text = self.notice(referral, self._language_of(receiver.rm_id))
        rid = referral.referral_id
        self.notifier.notify(receiver, text, on_sent=lambda: self.store.mark_notified(rid))

    def sweep(self, day: date) -> dict[str, list[str]]:
        """Once a day (the brief scheduler's run, or ``frontline referrals sweep``): notices not
        yet delivered go out, and each referral whose deadline passed with no first contact is
        raised to the receiver's team lead — once, whichever replica runs it."""
        report: dict[str, list[str]] = {"notified": [], "escalated": []}
        if self.notifier is not None:
            for referral in self.store.unnotified():
                receiver = self.bank.get_rm(referral.to_rm)
                if receiver is not None:
                    self._tell_receiver(referral, receiver)
                    report["notified"].append(referral.referral_id)
        for referral in self.store.overdue(day):
            lead = self._lead_of(referral.to_rm)
            if lead is None or not self.store.claim_escalation(referral.referral_id, lead.rm_id):
                continue
            report["escalated"].append(referral.referral_id)
            if self.notifier is not None:
                language = self._language_of(lead.rm_id)
                self.notifier.notify(lead, self.escalation(referral, day, language))
        return report

    def _lead_of(self, rm_id: str) -> RMRecord | None:
        rm = self.bank.get_rm(rm_id)
        if rm is None:
            return None
        if rm.role == "team_lead":
            return rm  # a lead's own late referral is theirs to see to
        team = [self.bank.get_rm(i) for i in self.bank.team_rm_ids(rm.team_id)]
        return next((r for r in team if r is not None and r.role == "team_lead"), None)

    def rm_label(self, rm_id: str) -> str:
        """A colleague as every referral line names them: "name（rm_id）"."""
        rm = self.bank.get_rm(rm_id)
        return f"{rm.name}（{rm.rm_id}）" if rm else rm_id

    def _client(self, client_id: str) -> ClientRecord | None:
        found = self.bank.get_clients([client_id])
        return found[0] if found else None

    def notice(self, referral: Referral, language: str = "zh") -> str:
        """The receiver's notice: who sent it, the client and contact by name, the need, the
        consent, the deadline. For the receiver's own channel only (a DM)."""
        client = self._client(referral.client_id)
        who = client.name if client else referral.client_id
        contact = self.contact_name(referral)
        need = self.need_for_reader(referral)
        zh = language != "en"
        side = self._side(referral, language)
        if zh:
            person = f"{who}的{referral.contact_title}{contact}" if referral.contact_title else who
            return (
                f"新转介 {referral.referral_id}（{side}）：{self.rm_label(referral.from_rm)} 转介 "
                f"{person}。需求：{need or '未写明'}。客户已同意（{_way(referral.consent, zh)}）。"
                f"请于 {referral.due.isoformat()} 前首次联系并反馈"
                f"（回复“转介 {referral.referral_id} 已联系”）。"
            )
        person = f"{contact} ({referral.contact_title}) of {who}" if referral.contact_title else who
        return (
            f"New referral {referral.referral_id} ({side}): {self.rm_label(referral.from_rm)} "
            f"refers {person}. Need: {need or 'not stated'}. The client agreed "
            f"({_way(referral.consent, zh)}). First contact by {referral.due.isoformat()} "
            f"(reply 'referral {referral.referral_id} contacted')."
        )

    def need_for_reader(self, referral: Referral) -> str:
        """The need as its sender wrote it (names restored in the sender's conversation),
        for the receiver; the masked form when no restorer is wired."""
        return self._restore(referral) if self._restore else referral.need

    def contact_name(self, referral: Referral) -> str:
        if not referral.contact_title:
            return ""
        found = next(
            (c for c in self._contacts(referral.client_id) if c.title == referral.contact_title),
            None,
        )
        return found.name if found else ""

    def _side(self, referral: Referral, language: str) -> str:
        if referral.target in self.policy.targets:
            return self.policy.label(referral.target, language)
        return "直接转介" if language != "en" else "direct"

    def escalation(self, referral: Referral, day: date, language: str = "zh") -> str:
        """The team lead's notice: which referral, whose, how late — no client named (the lead
        may not read the sender's client)."""
        if language != "en":
            return (
                f"转介 {referral.referral_id} 已逾期：{self.rm_label(referral.to_rm)} 应于 "
                f"{referral.due.isoformat()} 前首次联系（发起人 {self.rm_label(referral.from_rm)}，"
                f"{referral.day.isoformat()} 转介），至 {day.isoformat()} 仍未反馈。请督促跟进。"
            )
        return (
            f"Referral {referral.referral_id} is late: {self.rm_label(referral.to_rm)} was to make "
            f"first contact by {referral.due.isoformat()} (sent by "
            f"{self.rm_label(referral.from_rm)} on {referral.day.isoformat()}); no word by "
            f"{day.isoformat()}. Please follow up."
        )

    # -- credit ------------------------------------------------------------------------------

    def credit(self, rm_ids: Collection[str], start: date, end: date) -> dict[str, dict[str, int]]:
        """Per RM over [start, end]: referrals sent, received, first contacts on time, and won —
        a won referral counts for both sides (业绩双算)."""
        out: dict[str, dict[str, int]] = {
            rm: {"sent": 0, "received": 0, "on_time": 0, "late": 0, "won": 0} for rm in rm_ids
        }
        for r in self.store.of_rms(rm_ids, start, end):
            if r.from_rm in out:
                out[r.from_rm]["sent"] += 1
                out[r.from_rm]["won"] += r.status == "won"
            if r.to_rm in out:
                mine = out[r.to_rm]
                mine["received"] += 1
                mine["won"] += r.status == "won" and r.from_rm != r.to_rm
                on_time = r.on_time()
                mine["on_time"] += on_time is True
                mine["late"] += on_time is False
        return out


def _way(consent: str, zh: bool) -> str:
    words = {
        "verbal": ("口头", "verbally"),
        "written": ("书面", "in writing"),
        "app": ("线上", "online"),
    }
    pair = words.get(consent)
    return (pair[0] if zh else pair[1]) if pair else consent


def status_label(status: str, language: str) -> str:
    labels = {
        "sent": ("待首次联系", "awaiting first contact"),
        "contacted": ("已联系", "contacted"),
        "won": ("转介成功", "won"),
        "lost": ("未成功", "not won"),
        "declined": ("接收方退回", "declined by the receiver"),
    }
    zh, en = labels.get(status, (status, status))
    return en if language == "en" else zh


def summary_of(referral: Referral, language: str, names: Callable[[str], str]) -> dict[str, Any]:
    """What the sender may see of one referral: where it stands, nothing of the receiving side."""
    return {
        "referral_id": referral.referral_id,
        "client_id": referral.client_id,
        "to": names(referral.to_rm),
        "status": referral.status,
        "status_label": status_label(referral.status, language),
        "day": referral.day.isoformat(),
        "due": referral.due.isoformat(),
        "open": referral.status in OPEN,
        "late": referral.escalated_at is not None,
    }
