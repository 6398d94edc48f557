"""Compliance rules, one per file; :mod:`tools.compliance.registry` lists them."""
