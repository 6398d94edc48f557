"""``frontline doctor``: every configured dependency, checked, one line each."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlalchemy import text

from assistant.errors import ConfigError
from assistant.wiring import Frontline

Check = tuple[str, bool, str]


class CheckFailed(Exception):
    """A check's own finding, shown as it is (not an unexpected exception)."""


def _database(fl: Frontline) -> str:
    with fl.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return f"{fl.engine.dialect.name} reachable, schema at head; {fl.bank.summary_line()}"


def _embedding(fl: Frontline) -> str:
    vector = fl.embedder.embed_queries(["测试 test"])
    return f"model loaded, {vector.shape[-1]} dimensions"


def _vectors(fl: Frontline) -> str:
    if fl.settings.chroma_url:
        from knowledge.store import make_client

        make_client(fl.settings).heartbeat()  # the server answers, not just a cached collection
    return f"{fl.store.count()} chunks indexed" + (
        f" on {fl.settings.chroma_url}" if fl.settings.chroma_url else " (embedded)"
    )


def _glossary(fl: Frontline) -> str:
    source = fl.settings.search_glossary or "bundled knowledge/glossary.yaml"
    return f"{len(fl.retriever.glossary.groups)} phrase groups from {source}"


def _bank_profile(fl: Frontline) -> str:
    source = fl.settings.bank_profile or "bundled tools/policy/bank.yaml"
    fl.templates  # noqa: B018 - loading validates the profile and every template with it
    return f"outreach in the name of the bank from {source}"


def _policies(fl: Frontline) -> str:
    tiering = fl.settings.tiering_policy or "bundled tools/policy/tiering.yaml"
    signals = fl.settings.signal_policy or "bundled tools/policy/signals.yaml"
    source = fl.policies.tiering.source  # loading validates both files
    how = f"the extract's `{source.column}` column" if source else "computed from balances"
    return f"tiers {how} ({tiering}); signals from {signals}"


def _outcome_policy(fl: Frontline) -> str:
    source = fl.settings.outcome_policy or "bundled tools/policy/outcomes.yaml"
    policy = fl.outcome_policy  # loading validates the file (one line: file: field: problem)
    days = ", ".join(f"{code} {r.hide_days}d" for code, r in policy.reasons.items())
    return f"{len(policy.reasons)} not-now reasons from {source} ({days})"


def _performance_policy(fl: Frontline) -> str:
    source = fl.settings.performance_policy or "bundled tools/policy/performance.yaml"
    policy = fl.performance.policy  # loading validates the file (one line: file: field: problem)
    band = policy.timeliness
    return (
        f"measures from {source} (及时率 full marks at {band.full_marks_at:.0%}, none below "
        f"{band.zero_below:.0%}; cited to {policy.playbook or 'the policy file'})"
    )


def _referral_policy(fl: Frontline) -> str:
    """The referral policy's file, and every receiving team found in the loaded extract."""
    source = fl.settings.referral_policy or "bundled tools/policy/referrals.yaml"
    policy = fl.referral_policy  # loading validates the file (one line: file: field: problem)
    teams = {r.team_id for r in fl.bank.all_rms()}
    missing = sorted({t for side in policy.targets.values() for t in side.teams} - teams)
    if missing:
        raise ConfigError(f"{source}: receiving teams not in the extract: {', '.join(missing)}")
    return (
        f"{len(policy.targets)} receiving sides from {source} "
        f"(first contact within {policy.deadline_working_days} working days)"
    )


def _playbook_map(fl: Frontline) -> str:
    source = fl.settings.playbook_map or "bundled tools/policy/playbooks.yaml"
    missing = fl.unmapped_playbooks()
    if missing:
        raise CheckFailed(
            f"{len(missing)} configured playbook(s) not ingested, answered by search instead "
            f"(fix {source} or tools/policy, or ingest them): " + "; ".join(missing)
        )
    mapped = len(fl.playbook_map.playbook_ids())
    return f"{mapped} playbooks mapped from {source}, all ingested"


def _intent_examples(fl: Frontline) -> str:
    from assistant.engines.offline.examples import load_intent_examples

    source = fl.settings.intent_examples or "bundled tools/policy/intents.yaml"
    examples = load_intent_examples(fl.settings.intent_examples)  # raises with file: field
    return (
        f"{len(examples.labelled())} examples for {len(examples.intents)} intents from {source}; "
        f"method {fl.settings.intent_method}"
    )


def _slot_examples(fl: Frontline) -> str:
    from assistant.engines.offline.slot_examples import load_slot_examples

    source = fl.settings.book_slot_examples or "bundled tools/policy/book_slots.yaml"
    examples = load_slot_examples(fl.settings.book_slot_examples)  # raises with file: field
    return (
        f"{len(examples.labelled())} examples for {len(examples.measures)} measures from "
        f"{source}; method {fl.settings.book_slot_method}"
    )


def _redis(fl: Frontline) -> str:
    import redis

    client = redis.Redis.from_url(fl.settings.redis_url or "", socket_timeout=2)
    client.ping()
    return "reachable"


def _otlp(fl: Frontline) -> str:
    import httpx

    from assistant.telemetry import traces_url

    url = traces_url(fl.settings.otlp_endpoint or "")
    # A collector answers GET on the traces path with 405: any HTTP answer means it is there.
    status = httpx.get(url, timeout=5).status_code
    return f"{url} answers (HTTP {status}); spans exported over OTLP/HTTP"


def _llm(fl: Frontline) -> str:
    import httpx

    llm = fl.settings.llm
    headers = {"Authorization": f"Bearer {llm.api_key.get_secret_value()}"} if llm.api_key else {}
    resp = httpx.get(f"{(llm.base_url or '').rstrip('/')}/models", headers=headers, timeout=5)
    resp.raise_for_status()
    return f"{llm.base_url} answers; model {llm.model}"


def _privacy(fl: Frontline) -> str:
    masked = fl.privacy.mask("手机 13912345678", rm_id="doctor", conversation_id="doctor")
    return "PII detection works" if "13912345678" not in masked.text else "phone number NOT masked"


def run_checks(fl: Frontline) -> Iterator[Check]:
    checks: list[tuple[str, Callable[[Frontline], str]]] = [
        ("database", _database),
        ("privacy", _privacy),
        ("embedding model", _embedding),
        ("vector store", _vectors),
        ("search glossary", _glossary),
        ("bank profile", _bank_profile),
        ("policies", _policies),
        ("outcome policy", _outcome_policy),
        ("performance policy", _performance_policy),
        ("referral policy", _referral_policy),
        ("playbook map", _playbook_map),
        ("intent examples", _intent_examples),
        ("book slot examples", _slot_examples),
    ]
    if fl.settings.redis_url:
        checks.append(("redis", _redis))
    if fl.settings.llm.enabled:
        checks.append(("llm", _llm))
    if fl.settings.otlp_endpoint:
        checks.append(("tracing", _otlp))
    for name, check in checks:
        try:
            yield name, True, check(fl)
        except CheckFailed as exc:
            yield name, False, str(exc)
        except Exception as exc:  # each failure is one line, never a traceback
            yield (
                name,
                False,
                f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:200],
            )
    yield "shared state", True, _shared_state(fl)
    yield (
        "slack",
        True,
        "configured" if fl.settings.slack_signing_secret else "not configured (optional)",
    )
    yield (
        "teams",
        True,
        "configured" if fl.settings.teams_app_id else "not configured (anonymous development mode)",
    )


def _shared_state(fl: Frontline) -> str:
    """Where dedupe and rate limits live: what decides whether replicas may be added."""
    if fl.settings.redis_url:
        return "delivery dedupe and rate limits in Redis (replicas safe)"
    if fl.settings.sqlalchemy_url.startswith("postgresql"):
        return (
            "delivery dedupe and rate limits in PostgreSQL (replicas safe; Redis would be faster)"
        )
    return "SQLite and in-memory rate limits: run a single `frontline serve`"
