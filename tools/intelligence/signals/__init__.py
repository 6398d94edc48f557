"""Client signals (客户信号): one rule per file, listed in ``registry.default_rules``."""

from tools.intelligence.signals.base import Signal, SignalContext, SignalRule
from tools.intelligence.signals.peers import PeerStats, PeerView
from tools.intelligence.signals.registry import default_rules, detect_signals

__all__ = [
    "PeerStats",
    "PeerView",
    "Signal",
    "SignalContext",
    "SignalRule",
    "default_rules",
    "detect_signals",
]
