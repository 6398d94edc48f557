"""The toolbox: the tools of DESIGN §4.5 bound to one caller and one conversation.

Both engines use it — the offline engine calls ``Toolbox.call`` directly, the LLM agent gets
``Toolbox.langchain_tools()`` — so entitlement, masking and the record of what was called live
in one place. Every result is masked: names, phones and identifiers leave as vault tokens.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from langchain_core.tools import StructuredTool, ToolException
from pydantic import BaseModel, ValidationError

from assistant.core.types import Chart, Citation, DocumentLink, ToolCallRecord
from assistant.errors import EntitlementError, FrontlineError
from tools.bank.records import ClientData, ProductRecord
from tools.bank.repository import BankRepository
from tools.catalogue import Catalogue
from tools.entitlement import Caller
from tools.untrusted import INSTRUCTION_FLAG, neutralise


class Privacy(Protocol):
    def token_for(
        self,
        value: str,
        entity_type: str,
        *,
        rm_id: str,
        conversation_id: str,
        client_id: str | None = None,
    ) -> str: ...
    def mask(
        self, text: str, *, rm_id: str, conversation_id: str, language: str | None = None
    ) -> Any: ...
    def mask_many(
        self,
        texts: Sequence[str],
        *,
        rm_id: str,
        conversation_id: str,
        language: str | None = None,
    ) -> list[Any]: ...
    def tokens_for(
        self,
        items: Sequence[tuple[str, str, str | None]],
        *,
        rm_id: str,
        conversation_id: str,
    ) -> list[str]: ...
    def all_clean(self, texts: Sequence[str]) -> bool: ...
    def restore(
        self,
        text: str,
        *,
        rm_id: str,
        conversation_id: str,
        entitled_client_ids: Collection[str],
    ) -> Any: ...
    def owners_of_name(self, name: str) -> frozenset[str]: ...
    @property
    def vault(self) -> Any: ...


class ToolError(ToolException):
    """A recoverable tool failure: the agent sees it as an observation and can try again."""


class Refusal(ToolException):
    """The caller is not entitled; the turn ends in an explicit refusal."""


@dataclass
class ToolServices:
    """Process-wide collaborators the tools read through (built once by the wiring)."""

    bank: BankRepository
    privacy: Privacy
    intelligence: Any  # tools.intelligence.ClientIntelligence + peers
    retriever: Any  # knowledge.retrieval.Retriever
    products: dict[str, ProductRecord]
    as_of: date
    templates: Any = None  # tools.outreach.templates.TemplateLibrary in the bank's words
    # The products searchable by what an RM calls them (built from ``products`` when unset).
    catalogue: Catalogue | None = None
    prep_policy: Any = None  # tools.prep.policy.PrepPolicy; None: the bundled policy file
    prep_links: Any = None  # assistant.prep.links.PrepLinks; None: no document downloads
    notes: Any = None  # tools.notes.policy.NotePolicy (the default file when unset)
    outcomes: Any = None  # tools.outcomes.service.OutcomeService; None: outcomes not kept
    # (rm_id, day) -> the actions of that RM's brief in display order ({action_key, client_id,
    # kind}): what "第一条已完成" means when the conversation has shown no list of its own.
    brief_actions: Any = None
    # (reader_id, period kind, day) -> assistant.team_view.TeamView: the team measures the
    # reader may see (None: not kept here).
    team: Any = None
    # tools.contact.ContactPolicy: who may be sent marketing, and when (None: the bundled file).
    contact: Any = None
    # The bank's local time now (aware): quiet hours are read against it.
    now: Any = None
    # tools.data_quality.DataQualityPolicy: what a client record should carry (None: bundled).
    data_quality: Any = None
    # assistant.referrals.ReferralDesk: referrals between departments (None: not kept here).
    referrals: Any = None

    @property
    def elderly(self) -> Any:
        """The bank profile's extra care for older clients (bank.yaml ``elderly``: from what
        age, for which risk levels); None when the bank sets none."""
        return getattr(getattr(self.templates, "profile", None), "elderly", None)


@dataclass
class ToolSpec:
    name: str
    schema: type[BaseModel]
    description: str
    run: Callable[[Toolbox, Any], dict]


@dataclass
class Toolbox:
    services: ToolServices
    caller: Caller
    conversation_id: str
    language: str = "zh"
    channel: str = "api"  # where the turn came from (an outcome records it)
    calls: list[ToolCallRecord] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    passages: dict[int, Any] = field(default_factory=dict)
    client_ids: list[str] = field(default_factory=list)
    # The clients the conversation was about before this turn: a contact said by surname and
    # title ("黄总") is theirs first.
    conversation_clients: list[str] = field(default_factory=list)
    # The clients of the last list shown this turn, in display order ("the second one" next turn).
    shown: list[str] = field(default_factory=list)
    # The actions shown this turn ({action_key, client_id, kind}), in display order: what
    # "第一条已完成" next turn marks.
    shown_actions: list[dict] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    refusal: str | None = None
    documents: list[DocumentLink] = field(default_factory=list)  # offered for download
    charts: list[Chart] = field(default_factory=list)  # pictures the answer carries
    # One turn reads the same client through several tools (profile, signals, actions):
    # load and analyse it once per turn.
    _data: dict[str, ClientData] = field(default_factory=dict, repr=False)
    _insights: dict[str, Any] = field(default_factory=dict, repr=False)
    # Exported campaign messages by client ([(day, channel)]): contacts the contact policy counts.
    # client -> [(day, channel, activity)] of the exported campaign messages that reached them
    _sends: dict[str, list[tuple[date, str, str | None]]] = field(default_factory=dict, repr=False)
    _issued: dict[tuple[str, str, str | None], str] = field(default_factory=dict, repr=False)
    _masked: dict[str, str] = field(default_factory=dict, repr=False)

    # --- calling ---------------------------------------------------------------------------
    def call(self, name: str, args: dict) -> dict:
        spec = registry().get(name)
        if spec is None:
            raise ToolError(f"unknown tool {name!r}; available: {', '.join(registry())}")
        try:
            parsed = spec.schema.model_validate(args)
        except ValidationError as exc:
            self.calls.append(ToolCallRecord(name=name, args=args, ok=False))
            raise ToolError(f"bad arguments for {name}: {exc.errors()[0]['msg']}") from None
        clean = parsed.model_dump(exclude_none=True)
        try:
            result = spec.run(self, parsed)
        except EntitlementError as exc:
            self.calls.append(ToolCallRecord(name=name, args=clean, ok=False))
            self.refusal = self.refusal or "not_entitled"
            raise Refusal(str(exc)) from None
        except ToolException:
            self.calls.append(ToolCallRecord(name=name, args=clean, ok=False))
            raise
        except FrontlineError as exc:
            self.calls.append(ToolCallRecord(name=name, args=clean, ok=False))
            raise ToolError(str(exc)) from None
        self.calls.append(ToolCallRecord(name=name, args=clean, ok=True))
        return result

    def langchain_tools(self) -> list[StructuredTool]:
        return [langchain_tool(spec, self.call) for spec in registry().values()]

    # --- helpers the tool functions share ---------------------------------------------------
    def token(
        self, value: str | None, entity_type: str, client_id: str | None = None
    ) -> str | None:
        if not value:
            return None
        key = (value, entity_type, client_id)
        if key not in self._issued:  # a value's token is stable in its conversation
            self._issued[key] = self.services.privacy.token_for(
                value,
                entity_type,
                rm_id=self.caller.rm_id,
                conversation_id=self.conversation_id,
                client_id=client_id,
            )
        return self._issued[key]

    def client_token(self, client_id: str | None) -> str:
        """The token of a client's name ("⟦CLIENT_3⟧"), for a sentence about that client; the id
        when the directory does not know it."""
        if not client_id:
            return ""
        directory = self.services.intelligence.directory
        name = next((c.name for c in directory if c.client_id == client_id), None)
        return self.token(name, "CLIENT", client_id) or client_id

    def tokens(self, items: Sequence[tuple[str | None, str, str | None]]) -> list[str | None]:
        """Tokens for several ``(value, entity_type, client_id)`` in one vault transaction,
        numbered in the order given (None for an empty value): a profile issues a dozen."""
        wanted = [(v, kind, cid) for v, kind, cid in items if v]
        issued = iter(
            self.services.privacy.tokens_for(
                wanted, rm_id=self.caller.rm_id, conversation_id=self.conversation_id
            )
            if wanted
            else []
        )
        out = [next(issued) if v else None for v, _kind, _cid in items]
        for (v, kind, cid), token in zip(items, out, strict=True):
            if v and token:
                self._issued[(v, kind, cid)] = token
        return out

    def all_clean(self, texts: Sequence[str]) -> bool:
        """True if none of ``texts`` holds PII (nothing is masked or stored)."""
        return self.services.privacy.all_clean(texts)

    def mask_text(self, text: str) -> str:
        return self.mask_texts([text])[0]

    def mask_texts(self, texts: Sequence[str]) -> list[str]:
        """Several texts masked in order, their tokens issued in one vault transaction."""
        if not texts:
            return []
        # The same words masked again in one turn are the same tokens (a campaign's points,
        # once per client): masked once.
        fresh = list(dict.fromkeys(t for t in texts if t not in self._masked))
        if fresh:
            masked = self.services.privacy.mask_many(
                fresh, rm_id=self.caller.rm_id, conversation_id=self.conversation_id, language=None
            )
            self._masked.update(zip(fresh, (m.text for m in masked), strict=True))
        return [self._masked[t] for t in texts]

    def untrusted(self, text: str) -> str:
        """Text someone else wrote (a passage, a note) with instruction-like sentences
        removed; the turn is flagged when one was (see tools/untrusted.py)."""
        cleaned, removed = neutralise(text)
        if removed and INSTRUCTION_FLAG not in self.flags:
            self.flags.append(INSTRUCTION_FLAG)
        return cleaned

    def client_id_for_token(self, token: str) -> str | None:
        record = self._vault_record(token)
        return record.client_id if record else None

    def value_for_token(self, token: str) -> str | None:
        """The raw value behind a token of this conversation — for matching inside the tools
        layer only; it never leaves in a tool result."""
        record = self._vault_record(token)
        return record.value if record else None

    def token_record(self, token: str) -> Any:
        """The vault's record behind a token of this conversation (type, value, client) — for
        the write path, which stores what the RM typed in the bank data layer only."""
        return self._vault_record(token)

    def _vault_record(self, token: str) -> Any:
        return self.services.privacy.vault.resolve(
            token, rm_id=self.caller.rm_id, conversation_id=self.conversation_id
        )

    async def acall(self, name: str, args: dict) -> dict:
        """``call`` off the event loop: tools hit the database and the embedding model."""
        return await asyncio.to_thread(self.call, name, args)

    def client_data(self, client_id: str) -> ClientData:
        # "kh0042" is KH-0042: an id is the bank's however the caller (or the model) wrote it.
        known = self.services.intelligence.ids.known(client_id)
        client_id = known[1] if known and known[0] == "client" else client_id
        self.caller.require(client_id)
        if client_id not in self._data:
            found = self.services.bank.client_data([client_id])
            if not found:
                raise ToolError(f"no client {client_id}")
            self._data[client_id] = found[0]
        self.touch(client_id)
        return self._data[client_id]

    def prefetch(self, client_ids: Sequence[str]) -> None:
        """Read many clients in a few queries (a campaign drafts hundreds): their data (their
        complaints with it) and the campaigns that reached them. Entitlement is checked per
        client."""
        for cid in client_ids:
            self.caller.require(cid)
        wanted = [cid for cid in client_ids if cid not in self._data]
        for start in range(0, len(wanted), 500):  # keep IN lists bounded
            for data in self.services.bank.client_data(wanted[start : start + 500]):
                self._data[data.client.client_id] = data
        sends: dict[str, list[tuple[date, str, str | None]]] = {cid: [] for cid in client_ids}
        for who, day, channel, activity in self.services.bank.campaign_contacts(client_ids):
            sends[who].append((day, channel, activity))
        self._sends.update(sends)

    def _sent(self, client_id: str) -> list[tuple[date, str, str | None]]:
        if client_id not in self._sends:
            self._sends[client_id] = [
                (d, ch, a) for _c, d, ch, a in self.services.bank.campaign_contacts([client_id])
            ]
        return self._sends[client_id]

    def campaign_sends(self, client_id: str) -> list[tuple[date, str]]:
        """``[(day, channel)]`` of the exported campaign messages to one client."""
        return [(d, ch) for d, ch, _a in self._sent(client_id)]

    def activity_sends(self, client_id: str, activity: str) -> int:
        """How many exported campaign messages of ``activity`` reached the client, on any
        channel (同一活动全渠道合计)."""
        return sum(a == activity for _d, _ch, a in self._sent(client_id))

    def insight(self, data: ClientData) -> Any:
        """Tier, signals and next best actions of a client read in this turn."""
        cid = data.client.client_id
        if cid not in self._insights:
            self._insights[cid] = self.services.intelligence.insight(data, self.services.as_of)
        return self._insights[cid]

    def attach(self, document: DocumentLink) -> None:
        if all(d.url != document.url for d in self.documents):
            self.documents.append(document)

    def add_chart(self, chart: Chart) -> None:
        if all(c.title != chart.title for c in self.charts):
            self.charts.append(chart)

    def touch(self, client_id: str) -> None:
        if client_id not in self.client_ids:
            self.client_ids.append(client_id)

    def withdraw(self, client_ids: set[str]) -> None:
        """Clients a tool listed that the answer leaves unnamed (a sum said as its figure): not
        the answer's clients, and no list on screen for "the second one"."""
        self.client_ids[:] = [cid for cid in self.client_ids if cid not in client_ids]
        self.shown = [cid for cid in self.shown if cid not in client_ids]

    def cite(self, passage: Any) -> int:
        """Register a retrieved passage; the same doc section keeps its number."""
        for c in self.citations:
            if c.doc_id == passage.doc_id and c.section == passage.section:
                return c.n
        n = len(self.citations) + 1
        self.citations.append(
            Citation(
                n=n,
                doc_id=passage.doc_id,
                section=passage.section,
                score=round(float(passage.score), 4),
                title=passage.title,
                effective_date=str(passage.effective_date or "") or None,
                stale=bool(getattr(passage, "stale", False)),
            )
        )
        self.passages[n] = passage
        return n


def langchain_tool(spec: ToolSpec, call: Callable[[str, dict], dict]) -> StructuredTool:
    """One tool as a LangChain tool; ``call`` runs it by name (a toolbox's own ``call``, or
    one that finds the current turn's toolbox) and the result goes back as JSON."""

    def run(**kwargs: Any) -> str:
        return json.dumps(call(spec.name, kwargs), ensure_ascii=False, default=str)

    return StructuredTool.from_function(
        func=run,
        name=spec.name,
        description=spec.description,
        args_schema=spec.schema,
        handle_tool_error=True,
    )


def registry() -> dict[str, ToolSpec]:
    """The explicit list of tools, by name (imported late: the specs import this module)."""
    from tools.specs import ALL_TOOLS

    return {spec.name: spec for spec in ALL_TOOLS}
