"""Who may see which clients. Enforced here, in the tools layer, for every read — never by a
prompt (DESIGN §3): an RM sees their own book, a team lead the team's books, an admin audit
data and no client data. A branch head sees their own book only, for now: the branch's other
clients stay out of reach as any client outside a book does."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.errors import EntitlementError, UserError
from tools.bank.records import RMRecord
from tools.bank.repository import BankRepository


@dataclass(frozen=True)
class Caller:
    rm: RMRecord
    client_ids: frozenset[str]  # the book this caller may read
    # Clients whose names (never their data) the caller may read: referrals open to them.
    shown_clients: frozenset[str] = frozenset()
    # Colleagues outside the caller's team named on their referrals (sender, receiver).
    shown_staff: frozenset[str] = frozenset()

    @property
    def rm_id(self) -> str:
        return self.rm.rm_id

    @property
    def role(self) -> str:
        return self.rm.role

    def may_read(self, client_id: str) -> bool:
        return client_id in self.client_ids

    def require(self, client_id: str) -> None:
        """Raise unless the caller may read this client; the message never names the client."""
        if self.role == "admin":
            raise EntitlementError("admin accounts see audit data, not client data")
        if client_id not in self.client_ids:
            raise EntitlementError(f"client {client_id} is not in the book of {self.rm_id}")

    def may_name(self, rm: RMRecord) -> bool:
        """A team lead may ask about an RM of their team; anyone else only about themself."""
        if rm.rm_id == self.rm_id:
            return True
        return self.role == "team_lead" and rm.team_id == self.rm.team_id

    def require_rm(self, rm: RMRecord | None) -> None:
        """Raise unless the caller may read ``rm``'s book (an unknown RM: the same refusal)."""
        if rm is None or not self.may_name(rm):
            raise EntitlementError(f"{self.rm_id} may not read that RM's book")

    def require_client_access(self) -> None:
        if self.role == "admin":
            raise EntitlementError("admin accounts see audit data, not client data")


def resolve_caller(bank: BankRepository, rm_id: str) -> Caller:
    rm = bank.get_rm(rm_id)
    if rm is None:
        raise UserError(f"unknown RM {rm_id!r}")
    if rm.role == "admin":
        return Caller(rm, frozenset())
    rm_ids = bank.team_rm_ids(rm.team_id) if rm.role == "team_lead" else [rm.rm_id]
    return Caller(rm, frozenset(bank.client_ids_of(rm_ids)))
