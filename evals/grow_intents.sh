#!/usr/bin/env bash
# Regrow tools/policy/intents-asked.yaml from the blind rounds' dev halves of both banks
# (python -m evals.grow_intents; see its docstring). Each bank's questions are masked by its
# own data, so each runs in a home of its own (temporary, removed at the end); each bank's
# golden sets and dev halves gate the joined file, and the first bank's gate runs again after
# the second's lines are in. Usage: bash evals/grow_intents.sh [OUT]   (from the repository root)
set -euo pipefail
OUT=${1:-tools/policy/intents-asked.yaml}
PY=${PY:-.venv/bin/python}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
MODEL=$($PY -c "from assistant.config import load_settings; from knowledge.embeddings import ensure_model; print(ensure_model(load_settings(home='.frontline')))")
export FRONTLINE_EMBEDDING_MODEL=$MODEL
H=evals/banks/harbour
harbour() {
  FRONTLINE_HOME=$WORK/harbour FRONTLINE_BANK_PROFILE=$H/bank.yaml FRONTLINE_TIERING_POLICY=$H/tiering.yaml \
    FRONTLINE_SIGNAL_POLICY=$H/signals.yaml FRONTLINE_NOTE_POLICY=$H/notes.yaml \
    FRONTLINE_PERFORMANCE_POLICY=$H/performance.yaml FRONTLINE_CONTACT_POLICY=$H/contact.yaml "$@"
}
demo() { FRONTLINE_HOME=$WORK/demo "$@"; }
# The golden sets, and the dev halves themselves: a dev question the hand-written file reads
# right is not turned by lines grown from other rounds ("C4的话期权组合能做吗" was).
GATE_DEMO="evals/datasets/golden.jsonl evals/datasets/golden-capture.jsonl evals/datasets/golden-prep.jsonl evals/datasets/golden-outcomes.jsonl $(ls evals/datasets/blind*-demo-dev.jsonl | tr '\n' ' ')"
GATE_HARBOUR="evals/datasets/golden-harbour.jsonl evals/datasets/golden-outcomes-harbour.jsonl $(ls evals/datasets/blind*-harbour-dev.jsonl | tr '\n' ' ')"
demo .venv/bin/frontline data demo >/dev/null
harbour $PY -m evals.banks.harbour "$WORK/harbour/extract" >/dev/null
harbour .venv/bin/frontline data import "$WORK/harbour/extract" >/dev/null
demo $PY -m evals.grow_intents "$OUT" evals/datasets/blind*-demo-dev.jsonl --gate $GATE_DEMO
harbour $PY -m evals.grow_intents "$OUT" evals/datasets/blind*-harbour-dev.jsonl --into --gate $GATE_HARBOUR
demo $PY -m evals.grow_intents "$OUT" --gate $GATE_DEMO
harbour $PY -m evals.grow_intents "$OUT" --gate $GATE_HARBOUR
