"""The write path's tools: ``capture_interaction`` reads an RM's note into a draft to show
back, ``save_interaction`` saves a confirmed draft through the ``BankRepository``.

Both take and return masked text only. Saving is the one place a token turns back into what
the RM typed, and only into the bank data layer: a name goes back whole (it is the CRM's own
data), any identifier or contact detail in its partial display form (the data playbook keeps
full identifiers out of notes), and the result says which kinds were masked.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from pydantic import BaseModel, Field

from assistant.errors import EntitlementError
from assistant.privacy.display import display_form
from assistant.privacy.entities import NAME_ENTITIES, Entity
from assistant.privacy.tokens import TOKEN_RE
from tools.bank.records import CapturedNote, ClientData
from tools.client_pick import described_by_contact, described_by_surname
from tools.client_tools import named_clients
from tools.intelligence.followup import client_gaps, requirements
from tools.notes.draft import NoteDraft, body, channel_of, is_empty, read, summary
from tools.notes.policy import NotePolicy, load_note_policy
from tools.toolbox import Toolbox, ToolError, ToolSpec


class CaptureArgs(BaseModel):
    text: str = Field(description="The RM's note as written (masked), e.g. '今天拜访了⟦PERSON_1⟧…'")
    client_id: str | None = Field(
        default=None, description="The client, when the note does not name one itself"
    )


class SaveArgs(NoteDraft):
    """The draft the RM confirmed, as ``capture_interaction`` returned it."""


def note_policy(tb: Toolbox) -> NotePolicy:
    """The bank's note policy the wiring loaded (the default file for a bare toolbox)."""
    return tb.services.notes or load_note_policy()


def capture_interaction(tb: Toolbox, args: CaptureArgs) -> dict:
    policy = note_policy(tb)
    text = body(args.text, policy) or args.text.strip()
    named = named_clients(tb, text)  # a client of another book is refused here
    if named and args.client_id in named:  # "华东精密" and the RM said which one
        named = [args.client_id]
    if named is None and args.client_id:
        tb.caller.require(args.client_id)
        named = [args.client_id]
    if named is None:  # "韩铁军企微回复…": a contact of one of the caller's clients, named
        named = described_by_contact(tb, text) or None
    if named is None:  # "沈先生说…", "老沈说…": the caller's retail clients of that surname
        named = described_by_surname(tb, text) or None
    if not named or len(named) > 1:
        return {"status": "needs_client", "candidates": sorted(named or [])}
    client_id = named[0]
    tb.caller.require(client_id)
    tb.touch(client_id)
    if is_empty(text, policy, tb.language):
        return {"status": "empty", "client_id": client_id}
    calendar = tb.services.intelligence.policy.signals.calendar
    draft = read(text, client_id, tb.services.as_of, calendar, policy)
    if draft.channel is None:  # "log a call with …": the trigger itself said how
        draft.channel = channel_of(args.text, policy)
    return {"status": "draft", "draft": draft.model_dump(mode="json")}


def save_interaction(tb: Toolbox, args: SaveArgs) -> dict:
    tb.caller.require(args.client_id)
    if not args.channel:
        raise ToolError("the note needs its channel (visit, phone, ...) before it is saved")
    if args.channel not in note_policy(tb).channels:
        raise ToolError(f"unknown channel {args.channel!r}")
    masked: list[str] = []
    raw = args.model_copy(
        update={
            "contact": restore_for_bank(tb, args.contact, masked),
            "client_said": restore_for_bank(tb, args.client_said, masked),
            "next_step": restore_for_bank(tb, args.next_step, masked),
        }
    )
    before = _open_gaps(tb, tb.client_data(args.client_id))
    note = CapturedNote(
        note_id=f"note_{uuid.uuid4().hex[:20]}",
        client_id=args.client_id,
        date=args.date,
        rm_id=tb.caller.rm_id,
        channel=args.channel,
        summary=summary(raw),
        contact=raw.contact,
        client_said=raw.client_said,
        next_step=raw.next_step,
        due_date=args.due_date,
        captured_at=datetime.now(UTC),
    )
    tb.services.bank.add_interaction(note)
    tb.services.intelligence.notes_changed({args.client_id})
    after = _open_gaps(tb, tb.services.bank.client_data([args.client_id])[0])
    return {
        "status": "saved",
        "note_id": note.note_id,
        "client_id": args.client_id,
        "masked_identifiers": sorted(set(masked)),
        "closed_follow_ups": sorted(before - after),
    }


def restore_for_bank(tb: Toolbox, text: str | None, masked: list[str]) -> str | None:
    """``text`` with each token turned back into what the RM typed (a name) or its partial
    display form (anything else, recorded in ``masked``). A token of another book's client,
    or one this conversation never issued, refuses the save."""
    if not text:
        return None

    def value(m: object) -> str:
        token = m.group(0)  # type: ignore[attr-defined]
        record = tb.token_record(token)
        if record is None:
            raise ToolError(f"{token} is not a value this conversation knows")
        if record.client_id and not tb.caller.may_read(record.client_id):
            raise EntitlementError("the note names a client outside the caller's book")
        kind = Entity(record.entity_type)
        if kind in NAME_ENTITIES:
            return str(record.value)
        masked.append(kind.value)
        return display_form(kind, record.value)

    return TOKEN_RE.sub(value, text)


def _open_gaps(tb: Toolbox, data: ClientData) -> set[str]:
    """The signal kinds whose follow-up is still owed as of the data's date (a late contact
    answers an overdue one: the RM has followed up, however late)."""
    intel = tb.services.intelligence
    as_of: date = tb.services.as_of
    insight = intel.intel.analyze(data, intel.peers, as_of)
    gaps = client_gaps(
        data, insight.signals, requirements(intel.policy), as_of, include_pending=True
    )
    return {g.signal_kind for g in gaps if g.late_follow_up_on is None}


SPECS = [
    ToolSpec(
        "capture_interaction",
        CaptureArgs,
        "Read an RM's note of a client contact ('记一下：今天拜访了…', 'note that I called …') into a "
        "draft interaction: date, channel, client, contact, what the client said, next step and "
        "its due date (relative dates resolved on the bank's working-day calendar). Nothing is "
        "saved: show the draft to the RM and call save_interaction only after they confirm. "
        "status 'empty': the note says nothing beyond who and how and is refused under the data "
        "playbook; 'needs_client': ask which client.",
        capture_interaction,
    ),
    ToolSpec(
        "save_interaction",
        SaveArgs,
        "Save a draft from capture_interaction that the RM confirmed (pass its fields back, "
        "edited as the RM asked). Returns the note id, the kinds of identifier masked before "
        "storing, and the follow-ups the note closes.",
        save_interaction,
    ),
]
