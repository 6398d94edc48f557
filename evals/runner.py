"""Run an evaluation dataset (DESIGN §4.8) through the assistant core, as each case's RM.

Every case goes through ``core.answer(Turn(channel="eval", ...))`` — the entry point the
channels use — so masking, entitlement, guard and restore are all exercised. The run is
resumable: results are appended to ``results.jsonl`` as each case finishes, and a re-run with
the same ``out`` skips the ids already there. A bad case (malformed line, unknown RM, a crash
inside the core) becomes an errored result; the other cases still run.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from evals.checks import (
    KNOWN_EXPECT_KEYS,
    BankIndex,
    errored_checks,
    index_from_frontline,
    run_checks,
    unsupported_citations,
)

CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Case:
    id: str
    as_rm: str
    question: str
    language: str
    expect: dict
    category: str = "uncategorised"
    follow_up_of: str | None = None
    line: int = 0

    @classmethod
    def parse(cls, raw: dict, line: int) -> Case:
        missing = [
            k
            for k in ("id", "as_rm", "question")
            if not isinstance(raw.get(k), str) or not raw.get(k)
        ]
        if missing:
            raise ValueError(f"missing or empty {', '.join(missing)}")
        if not isinstance(raw.get("expect", {}), dict):
            raise ValueError("expect must be an object")
        language = raw.get("language") or ("zh" if CJK.search(raw["question"]) else "en")
        return cls(
            id=raw["id"],
            as_rm=raw["as_rm"],
            question=raw["question"],
            language=language,
            expect=dict(raw.get("expect") or {}),
            category=raw.get("category") or "uncategorised",
            follow_up_of=raw.get("follow_up_of"),
            line=line,
        )


@dataclass
class Dataset:
    cases: list[Case]
    bad_lines: list[dict]  # errored results for lines that are not a case
    warnings: list[str]


@dataclass
class Summary:
    """What ``run_eval`` returns; ``metrics`` is what ``summary.json`` holds."""

    out: Path
    metrics: dict
    ran: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def pass_rate(self) -> float:
        return self.metrics.get("pass_rate", 0.0)


def load_dataset(path: Path) -> Dataset:
    """Parse the JSONL; malformed lines and duplicate ids become errored results, not exceptions."""
    cases: list[Case] = []
    bad: list[dict] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            case = Case.parse(json.loads(line), n)
            if case.id in seen:
                raise ValueError(f"duplicate id {case.id!r}")
        except (ValueError, TypeError, AttributeError) as exc:
            bad.append(_error_record(f"line-{n}", "malformed", f"line {n}: {exc}"))
            continue
        seen.add(case.id)
        cases.append(case)
        unknown = sorted(set(case.expect) - set(KNOWN_EXPECT_KEYS))
        if unknown:
            warnings.append(f"{case.id}: unknown expect key(s) {', '.join(unknown)} (ignored)")
    for case in cases:
        if case.follow_up_of and case.follow_up_of not in seen:
            warnings.append(f"{case.id}: follow_up_of {case.follow_up_of!r} is not in the dataset")
    return Dataset(cases, bad, warnings)


def chains(cases: list[Case]) -> list[list[Case]]:
    """Group follow-ups behind the case they continue (parents first); a chain runs in sequence."""
    by_id = {c.id: c for c in cases}

    def lineage(case: Case) -> list[str]:
        path = [case.id]
        while (parent := by_id.get(by_id[path[-1]].follow_up_of or "")) and parent.id not in path:
            path.append(parent.id)
        return path  # [self, parent, ..., root]

    groups: dict[str, list[tuple[int, Case]]] = {}
    for case in cases:
        path = lineage(case)
        groups.setdefault(path[-1], []).append((len(path), case))
    return [[c for _, c in sorted(group, key=lambda item: item[0])] for group in groups.values()]


def _error_record(
    case_id: str, kind: str, message: str, case: Case | None = None, user_error: bool = False
) -> dict:
    expect = case.expect if case else {}
    return {
        "id": case_id,
        "answer": None,
        "error": {"kind": kind, "message": message[:500]},
        "checks": errored_checks(expect, user_error=user_error),
        "expect": expect,
        "category": case.category if case else "malformed",
        "language": case.language if case else None,
        "question": case.question if case else None,
        "as_rm": case.as_rm if case else None,
    }


def _read_done(path: Path) -> dict[str, dict]:
    done: dict[str, dict] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a line cut short by an interrupted run: that case runs again
            if record.get("error", {}) and record["error"].get("kind") == "malformed":
                continue
            done[record["id"]] = record
    return done


class _Runner:
    def __init__(
        self,
        core: Any,
        index: BankIndex | None,
        engine: str | None,
        sink: Callable[[dict], None],
        done: dict[str, dict],
        tick: Callable[[], None],
    ) -> None:
        self.core, self.index, self.engine = core, index, engine
        self.sink, self.done, self.tick = sink, done, tick

    async def chain(self, cases: list[Case], gate: asyncio.Semaphore) -> None:
        async with gate:
            for case in cases:
                if case.id not in self.done:
                    record = await self.one(case)
                    self.done[case.id] = record
                    self.sink(record)
                self.tick()

    async def one(self, case: Case) -> dict:
        from assistant.core.types import Turn
        from assistant.errors import UserError

        conversation_id = None
        if case.follow_up_of:
            parent = self.done.get(case.follow_up_of)
            if parent is None or parent.get("answer") is None:
                return _error_record(
                    case.id,
                    "parent_failed",
                    f"follow_up_of {case.follow_up_of!r} has no answer",
                    case,
                )
            conversation_id = parent["answer"]["conversation_id"]
        turn = Turn(
            text=case.question,
            channel="eval",
            rm_id=case.as_rm,
            conversation_id=conversation_id,
            # checked by the eval CLI; Turn validates it again
            engine=cast(Literal["offline", "llm"] | None, self.engine),
        )
        try:
            answer = (await self.core.answer(turn)).model_dump(mode="json")
        except UserError as exc:
            return _error_record(
                case.id, "user_error", f"{type(exc).__name__}: {exc}", case, user_error=True
            )
        except Exception as exc:  # an engine bug must not stop the other cases
            return _error_record(case.id, "exception", f"{type(exc).__name__}: {exc}", case)
        checks, leaks = run_checks(case.expect, answer, case.as_rm, self.index)
        support_checked, unsupported = unsupported_citations(answer, self.index)
        return {
            "id": case.id,
            "answer": answer,
            "checks": checks,
            "category": case.category,
            "language": case.language,
            "question": case.question,
            "as_rm": case.as_rm,
            "expect": case.expect,
            "pii_findings": leaks,
            "citation_support": {"checked": support_checked, "unsupported": unsupported},
            "follow_up_of": case.follow_up_of,
        }


def _progress(total: int, enabled: bool) -> tuple[Callable[[], None], Callable[[], None]]:
    if not enabled:
        return (lambda: None), (lambda: None)
    from tqdm import tqdm

    bar = tqdm(total=total, desc="eval", unit="case")
    return bar.update, bar.close


async def run_eval_async(
    frontline: Any,
    dataset: Path,
    out: Path,
    *,
    workers: int = 1,
    engine: str | None = None,
    progress: bool = True,
    index: BankIndex | None = None,
) -> Summary:
    from evals.metrics import summarise
    from evals.report import write_reports

    data = load_dataset(dataset)
    out.mkdir(parents=True, exist_ok=True)
    results_path = out / "results.jsonl"
    done = _read_done(results_path)
    wanted = {c.id for c in data.cases}
    done = {k: v for k, v in done.items() if k in wanted}
    skipped = len(done)
    if index is None and any(c.id not in done for c in data.cases):
        index = index_from_frontline(frontline)
    _rewrite(results_path, [done[c.id] for c in data.cases if c.id in done])
    tick, close = _progress(len(data.cases), progress)
    with results_path.open("a", encoding="utf-8") as fh:

        def sink(record: dict) -> None:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            fh.flush()

        runner = _Runner(frontline.core, index, engine, sink, done, tick)
        gate = asyncio.Semaphore(max(1, workers))
        try:
            await asyncio.gather(*(runner.chain(chain, gate) for chain in chains(data.cases)))
        finally:
            close()
    records = [done[c.id] for c in data.cases if c.id in done] + data.bad_lines
    _rewrite(results_path, records)  # canonical order; malformed lines recorded too
    metrics = summarise(records, dataset=str(dataset), warnings=data.warnings, engine=engine)
    (out / "summary.json").write_text(
        json.dumps(metrics, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    write_reports(metrics, records, out)
    return Summary(
        out=out,
        metrics=metrics,
        ran=len(data.cases) - skipped,
        skipped=skipped,
        warnings=data.warnings,
    )


def run_eval(
    frontline: Any,
    dataset: Path,
    out: Path,
    *,
    workers: int = 1,
    engine: str | None = None,
    progress: bool = True,
    index: BankIndex | None = None,
) -> Summary:
    """Run every case of ``dataset`` through ``frontline.core`` and write the outputs into ``out``.

    ``frontline`` needs a ``core`` (``async answer(turn) -> Answer``); the PII index is loaded
    from its bank tables unless ``index`` is given. ``workers`` bounds concurrent conversations.
    """
    return asyncio.run(
        run_eval_async(
            frontline, dataset, out, workers=workers, engine=engine, progress=progress, index=index
        )
    )


def _rewrite(path: Path, records: list[dict]) -> None:
    tmp = path.with_suffix(".jsonl.tmp")
    tmp.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    tmp.replace(path)


def read_results(path: Path) -> list[dict]:
    """The records of a results.jsonl (unparseable lines skipped)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out
