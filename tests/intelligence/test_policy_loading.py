"""Policy loading: the shipped files validate; a broken file is one clear ConfigError line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.errors import ConfigError
from tools.intelligence.policy import DEFAULT_SIGNALS_PATH, DEFAULT_TIERING_PATH, load_policies


def test_when_defaults_loaded_then_both_policies_validate() -> None:
    policy = load_policies()
    assert [t.tier for t in policy.tiering.corporate][-1] == "basic"
    assert policy.tiering.corporate[-1].is_fallback
    assert policy.signals.deposit_churn.playbook == "lifecycle/deposit-churn-rescue"
    assert policy.signals.maturity.windows_days == (30, 60, 90)


def _edit(doc: dict, path: str, value: object) -> None:
    *parents, last = path.split(".")
    node = doc
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if value is _DELETE:
        del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


_DELETE = object()

# (case, which file, dotted path to edit, new value, words the message must contain)
BAD_EDITS = [
    (
        "ratio_above_one",
        "signals",
        "deposit_churn.gradual_drop_ratio",
        1.5,
        "deposit_churn.gradual_drop_ratio",
    ),
    ("negative_ratio", "signals", "growth.growth_ratio", -0.1, "growth.growth_ratio"),
    ("missing_playbook", "signals", "dormancy.playbook", _DELETE, "dormancy.playbook"),
    ("misspelt_key", "signals", "suitability.follow_up_workdays", 3, "follow_up_workdays"),
    ("unsorted_windows", "signals", "maturity.windows_days", [60, 30], "ascending"),
    ("unknown_metric", "tiering", "corporate.0.any.0.metric", "revenue", "metric"),
    ("no_fallback_tier", "tiering", "retail.3.any", [{"metric": "aum", "gte": 1}], "last tier"),
    ("text_threshold", "tiering", "corporate.1.any.0.gte", "lots", "gte"),
    ("missing_service_standard", "tiering", "service_standards.key", _DELETE, "key"),
    ("weekday_as_working_weekend", "signals", "calendar.working_weekends", ["2026-11-30"],
     "Saturdays or Sundays"),
    ("holiday_and_working_weekend", "signals", "calendar.holidays", ["2026-10-10"],
     "both as holiday and as working weekend"),
    ("not_a_date", "signals", "calendar.holidays", ["国庆"], "calendar.holidays"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "which", "path", "value", "words"), BAD_EDITS, ids=[c[0] for c in BAD_EDITS]
)
def test_when_policy_invalid_then_config_error_names_the_field(
    tmp_path: Path, case: str, which: str, path: str, value: object, words: str
) -> None:
    source = DEFAULT_SIGNALS_PATH if which == "signals" else DEFAULT_TIERING_PATH
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    _edit(doc, path, value)
    bad = tmp_path / f"{which}.yaml"
    bad.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_policies(**{f"{which}_path": bad})
    message = str(caught.value)
    assert "\n" not in message
    assert str(bad) in message and words in message


@pytest.mark.parametrize(
    ("case", "content", "words"),
    [
        ("invalid_yaml", "corporate: [unclosed", "invalid YAML"),
        ("not_a_mapping", "- a\n- b\n", "mapping"),
    ],
)
def test_when_file_is_not_a_policy_then_config_error(
    tmp_path: Path, case: str, content: str, words: str
) -> None:
    bad = tmp_path / "tiering.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=words):
        load_policies(tiering_path=bad)


def test_when_file_missing_then_config_error_names_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_policies(signals_path=tmp_path / "nope.yaml")
