"""Property-based run over the OpenAPI spec: whatever schemathesis sends, no 5xx comes back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from assistant.campaign_jobs import CampaignJobs
from assistant.wiring import Frontline
from integrations.api import ApiLimits, create_app
from testkit.demo import demo_extract
from testkit.embeddings import HashingEmbeddings
from tests.api.conftest import RM1_TOKEN
from tests.api.fakes import api_core
from tests.conftest import make_settings
from tools.bank.importer import import_extract

OPERATIONS = [
    ("POST", "/v1/chat"),
    ("POST", "/v1/chat/stream"),
    ("GET", "/v1/conversations/{conversation_id}"),
    ("POST", "/v1/feedback"),
    ("GET", "/v1/brief"),
    ("GET", "/v1/prep/{doc_id}.docx"),
    ("GET", "/v1/team"),
    ("GET", "/v1/dashboard"),
    ("GET", "/v1/conversations/{conversation_id}/turns/{turn_id}/charts/{n}.{fmt}"),
    ("POST", "/v1/actions/{key}/outcome"),
    ("POST", "/v1/campaigns"),
    ("POST", "/v1/campaigns/stream"),
    ("GET", "/v1/campaigns"),
    ("GET", "/v1/campaigns/{campaign_id}.{fmt}"),
    ("POST", "/v1/campaigns/jobs"),
    ("GET", "/v1/campaigns/jobs/{job_id}"),
    ("POST", "/v1/referrals"),
    ("GET", "/v1/referrals"),
    ("POST", "/v1/referrals/{referral_id}"),
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/metrics"),
]


@pytest.fixture(scope="module")
def demo_services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    """The real brief, prep, outcome and team services over the demo bank: whatever date,
    language, period, document id or action key is sent, they answer it, not a fake."""
    home = tmp_path_factory.mktemp("schemathesis-demo")
    fl = Frontline(make_settings(home), embedder=HashingEmbeddings())
    demo_extract(home / "demo")
    import_extract(fl.sessions, home / "demo")
    fl.after_import()
    fl.warm_up()  # as `serve` does before it takes requests: the privacy layer is built once
    yield fl
    fl.close()


class _Dropped:
    def enqueue(self, job_id: str) -> None:
        """Queued nowhere."""


@pytest.fixture
def api_schema(tmp_path: Path, demo_services: Frontline):
    app = create_app(
        api_core(),
        make_settings(tmp_path / "home", api_tokens=f"{RM1_TOKEN}:RM001", api_docs=True),
        demo_token=RM1_TOKEN,
        # A generous budget: the point here is the handlers, not the rate limiter.
        limits=ApiLimits(rate_per_minute=1_000_000, rate_burst=1_000_000),
        briefs=lambda: demo_services.briefs,
        prep=lambda: demo_services.prep_documents,
        outcomes=lambda: demo_services.outcome_desk,
        team=lambda: demo_services.team_reports,
        campaigns=lambda: demo_services.campaign_desk,
        referrals=lambda: demo_services.referral_calls,
        # Jobs are recorded and queued, not run: the routes are under test, not the worker.
        campaign_jobs=lambda: CampaignJobs(
            demo_services.sessions, lambda: demo_services.campaign_desk, queue=_Dropped()
        ),
    )
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_spec_lists_exactly_the_operations_under_test(api_schema) -> None:
    listed = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    assert listed == set(OPERATIONS)


# Negative data needs an input to corrupt: the /v1 operations have one, the probes do not.
CASES = [(m, p, GenerationMode.POSITIVE) for m, p in OPERATIONS] + [
    (m, p, GenerationMode.NEGATIVE) for m, p in OPERATIONS if p.startswith("/v1/")
]


@pytest.mark.parametrize(("method", "path", "mode"), CASES)
def test_operation_never_answers_with_a_server_error(
    api_schema, method: str, path: str, mode: GenerationMode
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(mode))
    @settings(
        max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(
            headers={"Authorization": f"Bearer {RM1_TOKEN}"}, checks=[not_a_server_error]
        )

    run()
