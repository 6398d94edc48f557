"""Marketing-compliance check for client-facing text: rules in ``rules/`` (one per file),
listed in ``registry.py``; :func:`check_compliance` finds, :func:`sanitize` fixes what wording
can fix."""

from tools.compliance.check import check_compliance
from tools.compliance.disclosure import disclosure_for, has_disclosure
from tools.compliance.models import (
    ComplianceContext,
    ComplianceReport,
    Finding,
    Remedy,
    Severity,
)
from tools.compliance.products import disclosed_products
from tools.compliance.registry import RuleRegistry, default_registry, request_registry
from tools.compliance.sanitize import sanitize

__all__ = [
    "ComplianceContext",
    "ComplianceReport",
    "Finding",
    "Remedy",
    "RuleRegistry",
    "Severity",
    "check_compliance",
    "default_registry",
    "disclosed_products",
    "disclosure_for",
    "has_disclosure",
    "request_registry",
    "sanitize",
]
