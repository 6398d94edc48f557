"""The Harbour bank (东港商业银行): a coastal city commercial bank whose extract shares none of
the demo bank's conventions — ids, product codes and categories, branches, names, dates —
so that quality figures measured on it show whether the assistant generalises.

``python -m evals.banks.harbour OUT_DIR [--seed N]`` writes the extract and ``truth.json``;
its playbooks are in ``playbooks/`` and its golden set in
``evals/datasets/golden-harbour.jsonl``.
"""

from pathlib import Path

PLAYBOOKS = Path(__file__).resolve().parent / "playbooks"
BANK_PROFILE = Path(__file__).resolve().parent / "bank.yaml"  # FRONTLINE_BANK_PROFILE
# Its own tiering (the extract's `value_tier` column) and signal rules, from its playbooks.
TIERING_POLICY = Path(__file__).resolve().parent / "tiering.yaml"  # FRONTLINE_TIERING_POLICY
SIGNAL_POLICY = Path(__file__).resolve().parent / "signals.yaml"  # FRONTLINE_SIGNAL_POLICY
# Its own channel values for notes captured in chat.
NOTE_POLICY = Path(__file__).resolve().parent / "notes.yaml"  # FRONTLINE_NOTE_POLICY
# Its own measures for team views (its salary-agency category, its own effective-client bar).
PERFORMANCE_POLICY = (
    Path(__file__).resolve().parent / "performance.yaml"
)  # FRONTLINE_PERFORMANCE_POLICY
# Its own interaction channel values for the contact policy's caps.
CONTACT_POLICY = Path(__file__).resolve().parent / "contact.yaml"  # FRONTLINE_CONTACT_POLICY
# Its own receiving teams for referrals between departments (GC-WEALTH, GC-CORP).
REFERRAL_POLICY = Path(__file__).resolve().parent / "referrals.yaml"  # FRONTLINE_REFERRAL_POLICY
