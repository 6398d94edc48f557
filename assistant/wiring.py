"""The one module that wires collaborators together from settings.

Everything heavy (database engine, embedding model, PII analyzer) is opened lazily, once per
process, on first use — never at import time. Tests build a ``Frontline`` from their own
``Settings`` or hand in fakes through the constructor.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from assistant.config import Settings, get_settings
from assistant.storage import schema
from assistant.storage.db import make_engine, make_sessionmaker

log = logging.getLogger("frontline.wiring")

if TYPE_CHECKING:
    from assistant.brief.claims import BriefClaims
    from assistant.brief.service import BriefService
    from assistant.campaign_jobs import CampaignJobs
    from assistant.campaigns import CampaignDesk
    from assistant.core.pipeline import Assistant
    from assistant.engines.offline.examples import ExampleClassifier
    from assistant.engines.offline.slot_examples import SlotClassifier
    from assistant.outcomes import OutcomeDesk
    from assistant.prep.links import PrepLinks
    from assistant.prep.service import PrepDocuments
    from assistant.referral_calls import ReferralCalls
    from assistant.referrals import ReferralDesk
    from assistant.storage.channel_addresses import ChannelAddresses
    from assistant.storage.conversations import ConversationStore
    from assistant.storage.referrals import Referral
    from assistant.team_view import TeamReports
    from tools.bank.repository import BankRepository
    from tools.catalogue import Catalogue
    from tools.contact import ContactPolicy
    from tools.data_quality import DataQualityPolicy
    from tools.insights import InsightService
    from tools.intelligence.performance import PerformanceMeasures
    from tools.intelligence.policy import PlaybookMap, Policies
    from tools.outcomes.policy import OutcomePolicy
    from tools.outcomes.service import OutcomeService
    from tools.referrals.policy import ReferralPolicy
    from tools.toolbox import ToolServices


class Frontline:
    """The application's object graph."""

    def __init__(
        self, settings: Settings | None = None, *, embedder: Any = None, tracer_provider: Any = None
    ) -> None:
        self.settings = settings or get_settings()
        self._embedder = embedder
        self._tracer_provider = tracer_provider

    # --- storage -------------------------------------------------------------------------
    @cached_property
    def engine(self) -> Engine:
        engine = make_engine(self.settings)
        schema.upgrade(engine)
        return engine

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        return make_sessionmaker(self.engine)

    @cached_property
    def bank(self) -> BankRepository:
        from tools.bank.repository import SqlBankRepository

        return SqlBankRepository(self.sessions)

    @cached_property
    def conversations(self) -> ConversationStore:
        from assistant.storage.conversations import ConversationStore

        return ConversationStore(self.sessions)

    @cached_property
    def audit(self) -> Any:
        from assistant.audit import AuditLog

        return AuditLog(self.sessions)

    @cached_property
    def dedupe(self) -> Any:
        if not self.settings.redis_url:
            return None  # the database's primary key does the job on a single machine
        from assistant.storage.redis_dedupe import RedisDedupe

        return RedisDedupe(self.settings.redis_url, prefix=self.settings.redis_key_prefix)

    # --- telemetry -----------------------------------------------------------------------
    @cached_property
    def tracer_provider(self) -> Any:
        if self._tracer_provider is None:
            from assistant.telemetry import build_tracer_provider

            self._tracer_provider = build_tracer_provider(self.settings)
        return self._tracer_provider

    @cached_property
    def tracer(self) -> Any:
        from assistant.telemetry import TRACER_NAME

        return self.tracer_provider.get_tracer(TRACER_NAME)

    # --- knowledge -----------------------------------------------------------------------
    @cached_property
    def embedder(self) -> Any:
        if self._embedder is None:
            from knowledge.embeddings import load_embedder

            self._embedder = load_embedder(self.settings)
        return self._embedder

    @cached_property
    def store(self) -> Any:
        from knowledge.store import ChromaStore

        return ChromaStore(self.settings)

    @cached_property
    def retriever(self) -> Any:
        from knowledge.retrieval import Retriever

        return Retriever(self.settings, embedder=self.embedder, store=self.store)

    @cached_property
    def ingestor(self) -> Any:
        from knowledge.ingest import Ingestor

        return Ingestor(self.settings, embedder=self.embedder, store=self.store)

    # --- privacy, intelligence, core -----------------------------------------------------
    @cached_property
    def privacy(self) -> Any:
        from assistant.privacy import build_privacy_layer

        return build_privacy_layer(self.settings, self.sessions, self.bank)

    def today(self) -> date:
        """The bank's day that answers, briefs and outcomes count from (FRONTLINE_TODAY):
        the date now in the bank's time zone, or a pinned day. One for every path, so chat
        and the brief agree on what is due and overdue."""
        pinned = self.settings.today
        if pinned == "extract":
            return self.insights.extract_as_of  # read once per extract, not once per row
        if pinned:
            return date.fromisoformat(pinned)
        return datetime.now(self.settings.zone).date()

    def now(self) -> datetime:
        """The bank's local time now (FRONTLINE_TIMEZONE), on the bank's day: a pinned day
        (FRONTLINE_TODAY) is read at 10:00, inside working hours, so a pinned run reads the
        same at any hour (quiet hours are tested with the clock itself)."""
        zone = self.settings.zone
        if self.settings.today:
            return datetime.combine(self.today(), time(10, 0), tzinfo=zone)
        return datetime.now(zone)

    @cached_property
    def contact_policy(self) -> ContactPolicy:
        from tools.contact import load_contact_policy

        return load_contact_policy(self.settings.contact_policy)

    @cached_property
    def data_quality_policy(self) -> DataQualityPolicy:
        from tools.data_quality import load_data_quality_policy

        return load_data_quality_policy(self.settings.data_quality_policy)

    @cached_property
    def insights(self) -> InsightService:
        from tools.insights import InsightService

        return InsightService(self.bank, self.policies, today=self.today)

    def tool_services(self) -> ToolServices:
        from tools.toolbox import ToolServices

        return ToolServices(
            bank=self.bank,
            privacy=self.privacy,
            intelligence=self.insights,
            retriever=self._traced_retriever,
            products=self.insights.products,
            as_of=self.today(),
            templates=self.templates,
            catalogue=self.catalogue,
            prep_links=self.prep_links,
            notes=self.note_policy,
            outcomes=self.outcomes,
            brief_actions=lambda rm_id, day: self.briefs.actions(rm_id, day),
            team=lambda rm_id, kind, day: self.team_reports.view(rm_id, kind, day),
            contact=self.contact_policy,
            now=self.now,
            data_quality=self.data_quality_policy,
            referrals=self.referrals,
        )

    @cached_property
    def referral_policy(self) -> ReferralPolicy:
        from tools.referrals.policy import load_referral_policy

        return load_referral_policy(self.settings.referral_policy)

    @cached_property
    def referrals(self) -> ReferralDesk:
        """Referrals between departments; the server gives it a notifier over its channels."""
        from assistant.referrals import ReferralDesk
        from assistant.storage.referrals import ReferralStore

        def restore(referral: Referral) -> str:
            # The need in the sender's own conversation scope, for its receiver only.
            return self.privacy.restore(
                referral.need,
                rm_id=referral.from_rm,
                conversation_id=referral.scope,
                entitled_client_ids={referral.client_id},
            ).text

        def language_of(rm_id: str) -> str:
            return "en" if self.conversations.last_language(rm_id) == "en" else "zh"

        return ReferralDesk(
            ReferralStore(self.sessions),
            self.bank,
            self.referral_policy,
            self.policies.signals.calendar,
            self.today,
            restore=restore,
            language_of=language_of,
        )

    @cached_property
    def prep_links(self) -> PrepLinks:
        """Download ids for prep documents, sealed under a key derived from the vault's."""
        from assistant.prep.links import PrepLinks
        from assistant.privacy.keys import load_master_key

        return PrepLinks(load_master_key(self.settings))

    @cached_property
    def prep_documents(self) -> PrepDocuments:
        """Prep .docx downloads, rebuilt per request through the same tools and restore."""
        from assistant.prep.service import PrepDocuments

        return PrepDocuments(
            self.tool_services, self.playbook_map, self.privacy, self.prep_links, self.audit
        )

    @cached_property
    def briefs(self) -> BriefService:
        """Morning briefs, built by the core like answers (same privacy layer and audit)."""
        from assistant.brief.service import BriefService

        return BriefService(
            self.bank,
            self.insights,
            self.privacy,
            self.audit,
            outcomes=self.outcomes,
            today=self.today,
            referrals=lambda: self.referrals,
        )

    @cached_property
    def brief_claims(self) -> BriefClaims:
        from assistant.brief.claims import BriefClaims

        return BriefClaims(self.sessions)

    @cached_property
    def channel_addresses(self) -> ChannelAddresses:
        """Where Teams can reach each RM unprompted (for the morning brief)."""
        from assistant.storage.channel_addresses import ChannelAddresses

        return ChannelAddresses(self.sessions)

    @cached_property
    def bank_profile(self) -> Any:
        """The bank's name, SMS wording and disclosures (FRONTLINE_BANK_PROFILE), read once."""
        from tools.outreach.bank_profile import load_bank_profile

        return load_bank_profile(self.settings.bank_profile)

    @cached_property
    def templates(self) -> Any:
        """Outreach templates in the bank's own name and SMS wording (FRONTLINE_BANK_PROFILE)."""
        from tools.outreach.templates import TemplateLibrary

        return TemplateLibrary.load(self.bank_profile)

    @cached_property
    def playbook_map(self) -> PlaybookMap:
        from tools.intelligence.policy import load_playbook_map

        return load_playbook_map(self.settings.playbook_map)

    @cached_property
    def note_policy(self) -> Any:
        """How the bank's RMs capture notes (FRONTLINE_NOTE_POLICY; tools/policy/notes.yaml)."""
        from tools.notes.policy import load_note_policy

        return load_note_policy(self.settings.note_policy)

    @cached_property
    def outcome_policy(self) -> OutcomePolicy:
        """What an RM may answer to a suggested action (FRONTLINE_OUTCOME_POLICY;
        tools/policy/outcomes.yaml)."""
        from tools.outcomes.policy import load_outcome_policy

        return load_outcome_policy(self.settings.outcome_policy)

    @cached_property
    def performance(self) -> PerformanceMeasures:
        """The bank's performance measures (FRONTLINE_PERFORMANCE_POLICY;
        tools/policy/performance.yaml) over its tiering and signal policies."""
        from tools.intelligence.performance import PerformanceMeasures, load_performance_policy

        policy = load_performance_policy(self.settings.performance_policy)
        return PerformanceMeasures(policy, self.policies, self.bank.products(), self.note_policy)

    @cached_property
    def team_reports(self) -> TeamReports:
        """The team measures as ``GET /v1/team`` returns them."""
        from assistant.team_view import TeamReports

        return TeamReports(self)

    @cached_property
    def outcomes(self) -> OutcomeService:
        """Done / not now on suggested actions, kept beside the extract; "today" is the
        bank's date in FRONTLINE_TIMEZONE."""
        from tools.outcomes.service import OutcomeService

        return OutcomeService(self.bank, self.outcome_policy, self.today, self.audit)

    @cached_property
    def campaign_jobs(self) -> CampaignJobs:
        """Background campaigns: RQ on the deployment's Redis, else a thread of this process."""
        from assistant.campaign_jobs import CampaignJobs, RqQueue

        jobs = CampaignJobs(self.sessions, lambda: self.campaign_desk)
        if self.settings.redis_url:
            jobs.queue = RqQueue(self.settings.redis_url, self.settings.redis_key_prefix)
        return jobs

    @cached_property
    def campaign_desk(self) -> CampaignDesk:
        """Segment campaigns from the API and the CLI, through the chat's own tool code."""
        from assistant.campaigns import CampaignDesk

        return CampaignDesk(self.bank, self.tool_services, self.audit)

    @cached_property
    def referral_calls(self) -> ReferralCalls:
        """Referrals from the API, through the chat's own tools."""
        from assistant.referral_calls import ReferralCalls

        return ReferralCalls(self.bank, self.tool_services, self.audit)

    @cached_property
    def outcome_desk(self) -> OutcomeDesk:
        """Done / not now from buttons and links, through the chat's own tool."""
        from assistant.outcomes import OutcomeDesk

        return OutcomeDesk(self.bank, self.tool_services)

    @cached_property
    def policies(self) -> Policies:
        """The bank's tiering and signal policies (FRONTLINE_TIERING_POLICY, _SIGNAL_POLICY)."""
        from tools.intelligence.policy import load_policies

        policies = load_policies(self.settings.tiering_policy, self.settings.signal_policy)
        disclosures = self.bank_profile.disclosures
        exempt = frozenset(disclosures.exempt) if disclosures else frozenset()
        return policies.model_copy(update={"not_investments": exempt})

    @cached_property
    def intent_examples(self) -> ExampleClassifier:
        """The bank's intent examples, validated and embedded by the retrieval model (cached
        under the models folder, so only the first start pays a few seconds)."""
        from assistant.engines.offline.examples import ExampleClassifier, load_intent_examples

        examples = load_intent_examples(self.settings.intent_examples)
        return ExampleClassifier.fit(examples, self.embedder, cache_dir=self.settings.models_dir)

    @cached_property
    def slot_examples(self) -> SlotClassifier:
        """The bank's book-slot examples (what a ranking is by), validated and embedded like
        the intent examples."""
        from assistant.engines.offline.slot_examples import SlotClassifier, load_slot_examples

        examples = load_slot_examples(self.settings.book_slot_examples)
        return SlotClassifier.fit(examples, self.embedder, cache_dir=self.settings.models_dir)

    def unmapped_playbooks(self) -> list[str]:
        """Playbooks the map or the policy files name that the library does not hold
        (``where: id`` lines)."""
        from tools.intelligence.policy import policy_playbooks

        policy = policy_playbooks(self.policies)
        return self.playbook_map.missing_from(self.store.doc_ids(), also=policy)

    @cached_property
    def catalogue(self) -> Catalogue:
        from tools.catalogue import Catalogue

        return Catalogue(self.insights.products, glossary=self.retriever.glossary)

    @cached_property
    def _traced_retriever(self) -> Any:
        from assistant.telemetry import TracedRetriever

        return TracedRetriever(self.retriever, self.tracer)

    @cached_property
    def core(self) -> Assistant:
        from assistant.core.pipeline import Assistant
        from assistant.engines.offline.engine import OfflineEngine

        llm = None
        if self.settings.llm.enabled:
            from assistant.engines.llm import LLMEngine
            from assistant.engines.llm.engine import build_chat_model
            from assistant.telemetry import ModelCallTracer

            chat_model = build_chat_model(self.settings.llm)
            chat_model.callbacks = [ModelCallTracer(self.tracer)]  # one span per model call
            llm = LLMEngine(self.settings.llm, chat_model=chat_model)
        return Assistant(
            bank=self.bank,
            privacy=self.privacy,
            services=self.tool_services,
            conversations=self.conversations,
            audit=self.audit,
            offline=OfflineEngine(
                self.playbook_map,
                examples=lambda: self.intent_examples,
                method=self.settings.intent_method,
                slot_examples=(
                    (lambda: self.slot_examples)
                    if self.settings.book_slot_method == "combined"
                    else None
                ),
            ),
            llm=llm,
            dedupe=self.dedupe,
            llm_timeout_s=self.settings.llm_timeout_s,
            tracer=self.tracer,
        )

    def warm_up(self) -> None:
        """Load what the first turn would otherwise wait for: PII models, the embedding model,
        the BM25 index and the bank-wide peer statistics."""
        for text in ("预热", "warm-up"):  # each language has its own analysis pipeline
            self.privacy.mask(text, rm_id="warm-up", conversation_id="warm-up")
            self.retriever.search(f"{text} 客户分层 service standards", k=1)
        if self.settings.intent_method != "rules":
            _ = self.intent_examples  # validated and embedded now, not on the first question
        if self.settings.book_slot_method == "combined":
            _ = self.slot_examples
        _ = self.insights.peers
        for line in self.unmapped_playbooks():
            log.warning(
                "playbook map %s is not ingested; its topic is answered by search instead", line
            )

    def after_import(self) -> None:
        """A new extract changes names (privacy dictionary) and peers (intelligence caches)."""
        if "privacy" in self.__dict__:
            self.privacy.refresh_dictionary(self.bank)
        self.__dict__.pop("insights", None)
        self.__dict__.pop("briefs", None)  # holds the old insights and its analyses
        self.__dict__.pop("catalogue", None)
        self.__dict__.pop("performance", None)  # its catalogue is the old extract's

    def close(self) -> None:
        if "tracer_provider" in self.__dict__:
            from assistant.telemetry import shutdown

            shutdown(self.tracer_provider)
        if "engine" in self.__dict__:
            self.engine.dispose()
