"""Client intelligence: tiering, signals, next best actions, book queries, follow-up gaps.

Plain, deterministic Python over ``tools.bank.records`` and the bank-editable policy in
``tools/policy/*.yaml`` — no model, no I/O beyond ``load_policies``. ``ClientIntelligence``
is the one object most callers need.
"""

from tools.intelligence.facade import ClientInsight, ClientIntelligence

__all__ = ["ClientInsight", "ClientIntelligence"]
