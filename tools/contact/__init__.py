"""The bank's contact policy (tools/policy/contact.yaml), enforced on marketing messages."""

from tools.contact.check import Hold, holds
from tools.contact.policy import ContactPolicy, load_contact_policy

__all__ = ["ContactPolicy", "Hold", "holds", "load_contact_policy"]
