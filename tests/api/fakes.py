"""What the fake core says to the API and the widget (``testkit.fake_core.FakeCore``
with ``script=api_answer``): an English answer that echoes the question, so tests can check
that hostile text is rendered inertly. Message words steer it: ``fallback`` adds
``engine:fallback``, ``guard`` adds a guard flag, ``refuse`` declines."""

from __future__ import annotations

from datetime import date

from assistant.core.types import ActionItem, Answer, Citation, ClientCard, Turn
from assistant.errors import UpstreamError
from testkit.fake_core import SECRET_DETAIL, FakeCore

DATA_AS_OF = date(2026, 11, 1)  # the extract's date the answer's client facts are from
ANSWER_CHUNKS = (
    "**华东精密** is a strategic client. ",
    "Serve them on these points:\n",
    "- Review the payroll (代发) plan [1]\n",
    "- Book a quarterly visit per the service standard [2]\n",
    "Their deposit matures next month.",
)


def api_answer(turn: Turn) -> Answer:
    refused = "refuse" in turn.text
    return Answer(
        conversation_id=turn.conversation_id or "",
        turn_id=turn.turn_id,
        text="".join([f"You asked: {turn.text}\n\n", *ANSWER_CHUNKS]),
        language=turn.language or "en",
        engine="offline",
        intent="serve_client",
        citations=_CITATIONS,
        client_ids=["C000123"],
        cards=[_CARD],
        actions=[_ACTION],
        flags=_flags(turn.text),
        refused=refused,
        refusal_reason="outside_book" if refused else None,
        data_as_of=None if refused else DATA_AS_OF,
    )


def api_core(*, delta_delay_s: float = 0.0, lookup_error: Exception | None = None) -> FakeCore:
    return FakeCore(script=api_answer, delta_delay_s=delta_delay_s, lookup_error=lookup_error)


def failing_core() -> FakeCore:
    """Fails every turn mid-stream with internal detail the edge must never reveal; fails
    lookups with a Frontline error that maps to a status code."""
    core = api_core(lookup_error=UpstreamError(f"conversation store down: {SECRET_DETAIL}"))
    core.fail = True
    return core


def _flags(text: str) -> list[str]:
    flags = []
    if "fallback" in text:
        flags.append("engine:fallback")
    if "guard" in text:
        flags += ["guard:foreign_token", "compliance:guaranteed_return"]
    return flags


_CITATIONS = [
    Citation(
        n=1,
        doc_id="products/payroll",
        section="代发工资 > 方案设计",
        score=0.83,
        title="Payroll services playbook",
        effective_date="2026-01-01",
    ),
    Citation(
        n=2,
        doc_id="tiering/service-standards",
        section="战略客户 > 服务频次",
        score=0.77,
        title="Service standards by tier",
        effective_date="2025-06-30",
        stale=True,
    ),
]
_CARD = ClientCard(
    client_id="C000123",
    name="华东精密",
    tier="strategic",
    facts=["Avg daily deposit ¥12.4m (−18% m/m)", "Payroll: not with us"],
)
_ACTION = ActionItem(
    title="Propose payroll services",
    reason="Deposit churn signal this month",
    due="2026-12-15",
    playbook="products/payroll",
)
