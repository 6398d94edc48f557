"""Compare two evaluation runs and gate the new one against ``evals/floors.yaml``.

BASE and NEW are out directories (holding ``summary.json`` and ``results.jsonl``) or paths to a
``summary.json``. Metrics are addressed by dotted paths into the summary
(``refusal.recall``, ``checks.intent.rate``); a floor is ``{min: x}`` or ``{max: y}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.errors import UserError
from evals.metrics import case_passed

DEFAULT_FLOORS = Path(__file__).with_name("floors.yaml")
SKIP = {"failed_ids", "warnings", "dataset", "engine_requested", "engines", "errors_by_kind"}


@dataclass
class Comparison:
    deltas: list[tuple[str, float | None, float | None]]
    flipped_to_fail: list[str]
    flipped_to_pass: list[str]
    breaches: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.breaches


def _summary_path(path: Path) -> Path:
    candidate = path / "summary.json" if path.is_dir() else path
    if not candidate.is_file():
        raise UserError(f"{path}: no summary.json there (run `frontline eval run` first)")
    return candidate


def load_run(path: Path) -> tuple[dict, dict[str, bool] | None]:
    """The summary and, when results.jsonl sits beside it, pass/fail per case id."""
    summary_path = _summary_path(path)
    try:
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise UserError(f"{summary_path}: not valid JSON ({exc})") from None
    results = summary_path.with_name("results.jsonl")
    if not results.exists():
        return summary, None
    outcome = {}
    for line in results.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        outcome[record["id"]] = case_passed(record)
    return summary, outcome


def flatten(summary: dict, prefix: str = "") -> dict[str, float | None]:
    """Numeric leaves of the summary as dotted paths."""
    flat: dict[str, float | None] = {}
    for key, value in summary.items():
        if not prefix and key in SKIP:
            continue
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat |= flatten(value, path + ".")
        elif isinstance(value, bool):
            continue
        elif isinstance(value, (int, float)) or value is None:
            flat[path] = value
    return flat


def load_floors(path: Path | None = None) -> dict[str, dict]:
    path = path or DEFAULT_FLOORS
    if not path.is_file():
        raise UserError(f"{path}: no such floors file")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise UserError(f"{path}: expected `metric: {{min: x}}` or `metric: {{max: y}}` entries")
    return data


def floors_for_a_partial_set(summary: dict, floors: dict[str, dict]) -> dict[str, dict]:
    """The golden floors that apply to a set covering part of the golden categories.

    A category the set has no case of has no rate to hold (prompt injection belongs to
    golden.jsonl), and a set of a few dozen cases makes no p95: its first turns' lazy loading
    would be the figure."""
    present = flatten(summary)
    # A set with no case expecting a citation (referrals, outcomes of a bank with no such
    # playbook) has no citation rate to hold either.
    cited = present.get("citations.hit_rate") is not None
    return {
        k: v
        for k, v in floors.items()
        if (not k.startswith("by_category.") or k in present)
        and not k.startswith("latency_ms.")
        and (cited or not k.startswith("citations."))
    }


def breaches(summary: dict, floors: dict[str, dict]) -> list[str]:
    """Floors the summary does not meet; a metric missing from the summary is a breach."""
    flat = flatten(summary)
    found = []
    for metric, bound in floors.items():
        value = flat.get(metric)
        if value is None:
            found.append(f"{metric}: missing (floor {bound})")
        elif "min" in bound and value < bound["min"]:
            found.append(f"{metric} = {value:g} < min {bound['min']:g}")
        elif "max" in bound and value > bound["max"]:
            found.append(f"{metric} = {value:g} > max {bound['max']:g}")
    return found


def compare(base: Path, new: Path, floors: dict[str, dict] | None = None) -> Comparison:
    base_summary, base_cases = load_run(base)
    new_summary, new_cases = load_run(new)
    old, cur = flatten(base_summary), flatten(new_summary)
    deltas = [(k, old.get(k), cur.get(k)) for k in sorted(set(old) | set(cur))]
    to_fail, to_pass = [], []
    if base_cases is None or new_cases is None:  # fall back on the summaries' failed ids
        base_failed, new_failed = (
            set(base_summary.get("failed_ids", [])),
            set(new_summary.get("failed_ids", [])),
        )
        common = set(base_summary.get("failed_ids", [])) | set(new_summary.get("failed_ids", []))
        to_fail = sorted(i for i in common if i in new_failed and i not in base_failed)
        to_pass = sorted(i for i in common if i in base_failed and i not in new_failed)
    else:
        for case_id in sorted(set(base_cases) & set(new_cases)):
            if base_cases[case_id] and not new_cases[case_id]:
                to_fail.append(case_id)
            elif not base_cases[case_id] and new_cases[case_id]:
                to_pass.append(case_id)
    return Comparison(
        deltas,
        to_fail,
        to_pass,
        breaches(new_summary, floors if floors is not None else load_floors()),
    )


def render(result: Comparison) -> list[str]:
    lines = [f"{'metric':<34} {'base':>10} {'new':>10} {'delta':>10}"]
    for name, a, b in result.deltas:
        delta = f"{b - a:+.4g}" if a is not None and b is not None else ""
        show = lambda v: "n/a" if v is None else f"{v:.4g}"  # noqa: E731
        mark = "" if not delta or delta.strip("+-0.") == "" else " *"
        lines.append(f"{name:<34} {show(a):>10} {show(b):>10} {delta:>10}{mark}")
    lines.append(
        f"pass -> fail ({len(result.flipped_to_fail)}): "
        + (", ".join(result.flipped_to_fail) or "none")
    )
    lines.append(
        f"fail -> pass ({len(result.flipped_to_pass)}): "
        + (", ".join(result.flipped_to_pass) or "none")
    )
    lines += [f"BELOW FLOOR: {b}" for b in result.breaches] or ["all floors met"]
    return lines
